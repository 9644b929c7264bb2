package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A container as its engine describes it: {@code docker inspect}, else {@code podman inspect},
 * whose JSON both engines write with the same keys for what is read here (the state, the image,
 * the restart count, the health). Asking the engine needs its socket: root or the docker group.
 */
public final class Containers {

    /**
     * @param status       {@code running}, {@code exited}, {@code restarting}, ...
     * @param image        the image the container was created from, as given ({@code nginx:1.27})
     * @param restartCount how often the engine restarted it
     * @param health       the health check's verdict, empty without a health check
     * @param source       the command it came from
     */
    public record Container(String status, boolean running, String image, long restartCount, Optional<String> health,
                            String source) {
    }

    private Containers() {
    }

    /** The container of that name or id; empty when the engine knows none. */
    public static Optional<Container> inspect(Host host, String name) {
        String purpose = "container " + name;
        CommandResult result = HostTools.run(host, Command.of("if command -v docker >/dev/null 2>&1; then echo docker;"
                + " docker inspect --type container -- {0}; elif command -v podman >/dev/null 2>&1; then echo podman;"
                + " podman inspect --type container -- {0}; else echo 'neither docker nor podman is installed' >&2; exit 127; fi",
                name).privileged(), "docker or podman", purpose);
        List<String> lines = result.stdoutLines();
        String engine = lines.isEmpty() ? "docker" : lines.get(0).strip();
        String json = String.join("\n", lines.subList(Math.min(1, lines.size()), lines.size()));
        String stderr = result.stderr();
        if (!result.succeeded() && (stderr.contains("No such container") || stderr.contains("no such container")
                || stderr.contains("no such object"))) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            String hint = stderr.contains("permission denied") || stderr.contains("Cannot connect")
                    ? "; the check needs the engine's socket: a login in the docker group, or sudo: true for the host" : "";
            throw HostTools.missing(host, purpose, HostTools.exited(result) + hint);
        }
        return parse(json, engine + " inspect " + name, host, purpose);
    }

    static Optional<Container> parse(String json, String source, Host host, String purpose) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().build()).loadFromString(json);
        } catch (YamlEngineException e) {
            throw HostTools.missing(host, purpose, source + " printed what is not JSON: " + HostTools.firstLine(json));
        }
        if (!(document instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map<?, ?> container)) {
            return Optional.empty();
        }
        Map<?, ?> state = container.get("State") instanceof Map<?, ?> s ? s : Map.of();
        Map<?, ?> config = container.get("Config") instanceof Map<?, ?> c ? c : Map.of();
        Optional<String> health = Optional.ofNullable(state.get("Health") instanceof Map<?, ?> h ? h.get("Status") : null)
                .map(String::valueOf).filter(status -> !status.isEmpty());
        Object restarts = container.get("RestartCount");
        return Optional.of(new Container(String.valueOf(state.get("Status")), Boolean.TRUE.equals(state.get("Running")),
                String.valueOf(config.containsKey("Image") ? config.get("Image") : container.get("ImageName")),
                restarts instanceof Number n ? n.longValue() : 0, health, source));
    }
}
