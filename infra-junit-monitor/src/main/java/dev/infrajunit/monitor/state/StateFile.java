package dev.infrajunit.monitor.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infrajunit.monitor.run.BackupAge;
import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The monitor's state on disk, so that a restart keeps every check's state and "failing since".
 * Written atomically (a temporary file beside it, fsync, rename, fsync of the directory): a monitor
 * killed at any moment leaves the state of its last completed cycle. A file that cannot be read is
 * moved aside, never overwritten, and the monitor starts fresh.
 */
public final class StateFile {

    private static final int VERSION = 1;
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Consumer<String> warnings;

    /**
     * @param path     where the state lives
     * @param warnings told when an unreadable file was moved aside
     */
    public StateFile(Path path, Consumer<String> warnings) {
        this.path = path.toAbsolutePath();
        this.warnings = warnings;
    }

    public Path path() {
        return path;
    }

    /** The saved state; empty when there is none, or when the file was unreadable and has been moved aside. */
    public MonitorState load(Instant now) {
        if (!Files.exists(path)) {
            return MonitorState.empty();
        }
        try {
            return read(JSON.readTree(Files.readAllBytes(path)));
        } catch (IOException | RuntimeException e) {
            Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + ASIDE_STAMP.format(now));
            try {
                Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException moveFailed) {
                throw new UncheckedIOException("The state file " + path + " cannot be read (" + describe(e)
                        + ") and could not be moved aside to " + aside + "; move or delete it", moveFailed);
            }
            warnings.accept("WARNING: the state file " + path + " could not be read (" + describe(e) + "); it was moved to "
                    + aside + " and the monitor starts with no state");
            return MonitorState.empty();
        }
    }

    /** Replaces the file with this state, atomically. */
    public void save(MonitorState state) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(write(state));
        Path directory = path.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, path.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        // the rename itself is durable only once the directory is
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
            directoryChannel.force(true);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    static JsonNode write(MonitorState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("cycle", state.cycle());
        state.lastCycleStart().ifPresent(time -> root.put("lastCycleStart", time.toString()));
        state.lastCycleEnd().ifPresent(time -> root.put("lastCycleEnd", time.toString()));
        ArrayNode errors = root.putArray("discoveryErrors");
        state.discoveryErrors().forEach(errors::add);
        ArrayNode checks = root.putArray("checks");
        state.checks().forEach((key, tracked) -> {
            ObjectNode check = checks.addObject();
            check.put("spec", key.spec());
            check.put("check", key.check());
            check.put("host", key.host());
            ArrayNode tags = check.putArray("tags");
            tracked.tags().stream().sorted().forEach(tags::add);
            ArrayNode ages = check.putArray("backupAges");
            tracked.backupAges().forEach(age -> ages.addObject().put("host", age.host()).put("policy", age.policy())
                    .put("seconds", age.seconds()).put("maxAgeSeconds", age.maxAgeSeconds()));
            writeState(check, tracked.state());
        });
        ArrayNode hosts = root.putArray("hosts");
        state.hosts().forEach((name, hostState) -> {
            ObjectNode host = hosts.addObject();
            host.put("host", name);
            writeState(host, hostState);
        });
        return root;
    }

    private static void writeState(ObjectNode node, CheckState state) {
        node.put("condition", state.condition().label());
        node.put("flapping", state.flapping());
        node.put("consecutiveFailures", state.consecutiveFailures());
        node.put("consecutivePasses", state.consecutivePasses());
        state.troubleSince().ifPresent(time -> node.put("troubleSince", time.toString()));
        node.put("lastStateChange", state.lastStateChange().toString());
        ArrayNode history = node.putArray("history");
        state.history().forEach(result -> history.add(result.label()));
        node.put("lastResult", state.lastResult().label());
        node.put("message", state.message());
        node.put("durationMillis", state.duration().toMillis());
        node.put("lastRun", state.lastRun().toString());
    }

    static MonitorState read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int version = required(root, "version").asInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + " is not " + VERSION);
        }
        List<String> errors = new ArrayList<>();
        required(root, "discoveryErrors").forEach(error -> errors.add(error.asText()));
        TreeMap<CheckKey, TrackedCheck> checks = new TreeMap<>();
        for (JsonNode check : required(root, "checks")) {
            CheckKey key = new CheckKey(text(check, "spec"), text(check, "check"), text(check, "host"));
            Set<String> tags = new HashSet<>();
            required(check, "tags").forEach(tag -> tags.add(tag.asText()));
            List<BackupAge> ages = new ArrayList<>();
            required(check, "backupAges").forEach(age -> ages.add(new BackupAge(text(age, "host"), text(age, "policy"),
                    required(age, "seconds").asDouble(), required(age, "maxAgeSeconds").asDouble())));
            checks.put(key, new TrackedCheck(readState(check), tags, ages));
        }
        TreeMap<String, CheckState> hosts = new TreeMap<>();
        for (JsonNode host : required(root, "hosts")) {
            hosts.put(text(host, "host"), readState(host));
        }
        return new MonitorState(required(root, "cycle").asLong(), instant(root, "lastCycleStart"),
                instant(root, "lastCycleEnd"), errors, checks, hosts);
    }

    private static CheckState readState(JsonNode node) {
        List<Result> history = new ArrayList<>();
        required(node, "history").forEach(result -> history.add(Result.ofLabel(result.asText())));
        return new CheckState(State.ofLabel(text(node, "condition")), required(node, "flapping").asBoolean(),
                required(node, "consecutiveFailures").asInt(), required(node, "consecutivePasses").asInt(),
                instant(node, "troubleSince"), Instant.parse(text(node, "lastStateChange")), history,
                Result.ofLabel(text(node, "lastResult")), text(node, "message"),
                Duration.ofMillis(required(node, "durationMillis").asLong()), Instant.parse(text(node, "lastRun")));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(Instant.parse(value.asText()));
    }
}
