package dev.infrajunit.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Finds hosts for an environment file's {@code hostSources:} entries of one kind, such as
 * {@code sshConfig} or {@code ec2}. Every kind, the engine's own too, is found with
 * {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.infrajunit.spi.HostSource}), so a jar on the class path adds a kind.
 * The environment loader checks each entry against the {@link #keys()} its kind declares before
 * asking (a mistake is reported with the file, line and closest key), gives every host the entry's
 * roles, checks the hosts' names, and lets a host listed under {@code hosts:} win over a
 * discovered one.
 */
@API(status = EXPERIMENTAL)
public interface HostSource {

    /** The key that names this kind of entry in {@code hostSources:}, such as {@code ec2}. */
    String kind();

    /**
     * The keys an entry of this kind takes, the kind's own first. Options may stand beside it
     * ({@code - sshConfig: ~/.ssh/config} with {@code match: web-*} below it) or inside it
     * ({@code - ec2: { tags: {...} }}, a {@link Keys.Type#NESTED} kind key); either way a
     * {@code roles} option ({@link Keys#roles}) gives every host found those roles.
     */
    Keys keys();

    /**
     * The hosts this entry yields now; an empty list when there are none.
     *
     * @param entry   the entry, checked against the schema, as plain values: for
     *                {@code - ec2: { tags: { env: staging } }} the map {@code {ec2={tags={env=staging}}}}
     * @param context the environment the entry is part of
     * @throws RuntimeException whose message says what could not be read or asked, the cause and
     *                          what to do; the loader reports it at the entry's line
     */
    List<DiscoveredHost> discover(Map<String, Object> entry, Context context);

    /**
     * The environment being loaded, as far as it is known when hosts are discovered.
     *
     * @param environmentName what {@code infra.environment} selected
     * @param environmentFile the environment file, when it is one
     * @param settings        the file's checked top-level settings ({@code aws}, {@code ssh}, ...)
     */
    record Context(String environmentName, Optional<Path> environmentFile, Map<String, Object> settings) {

        public Context {
            settings = Map.copyOf(settings);
        }
    }
}
