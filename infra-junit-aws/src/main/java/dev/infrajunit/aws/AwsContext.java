package dev.infrajunit.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import dev.infrajunit.InfraException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where and as whom AWS is called for a check: the {@code aws} settings of a host (its own
 * {@code aws} key, else the environment's top-level one) and the run that shares the clients.
 *
 * <pre>{@code
 * aws:
 *   region: eu-west-1            # else the SDK's region chain (AWS_REGION, the profile, ...)
 *   profile: staging             # else the SDK's default credentials chain
 *   endpoint: http://127.0.0.1:9000   # S3-compatible stores and tests
 *   instanceId: i-0123456789abcdef0   # on a host: its EC2 instance, else found by Name tag
 * }</pre>
 *
 * Reading settings touches no AWS class: a run that checks only SSH hosts never loads the SDK.
 */
@API(status = INTERNAL)
public final class AwsContext {

    /** How long one AWS call may take, retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Environment environment;
    private final Map<?, ?> hostSettings;
    private final Optional<String> regionOverride;

    private AwsContext(Environment environment, Map<?, ?> hostSettings, Optional<String> regionOverride) {
        this.environment = environment;
        this.hostSettings = hostSettings;
        this.regionOverride = regionOverride;
    }

    /** The settings a host sees: its own {@code aws} keys over the environment's. */
    public static AwsContext of(Host host) {
        Object own = host.property("aws").orElse(Map.of());
        return new AwsContext(host.environment(), own instanceof Map<?, ?> map ? map : Map.of(), Optional.empty());
    }

    /** The environment's top-level {@code aws} settings. */
    public static AwsContext of(Environment environment) {
        return new AwsContext(environment, Map.of(), Optional.empty());
    }

    /** The same settings in another region, e.g. the region an ARN names. */
    public AwsContext inRegion(String region) {
        return new AwsContext(environment, hostSettings, Optional.of(region));
    }

    public Environment environment() {
        return environment;
    }

    /** {@code aws.region}; empty means the SDK's region chain decides. */
    public Optional<String> region() {
        return regionOverride.or(() -> setting("region"));
    }

    /** {@code aws.profile}; empty means the SDK's default credentials chain. */
    public Optional<String> profile() {
        return setting("profile");
    }

    /** {@code aws.endpoint}: one endpoint for every service, for S3-compatible stores and tests. */
    public Optional<URI> endpoint() {
        return setting("endpoint").map(text -> {
            try {
                URI endpoint = new URI(text);
                if (endpoint.getHost() != null && ("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                    return endpoint;
                }
            } catch (URISyntaxException e) {
                // said below
            }
            throw new InfraException("aws.endpoint '" + text + "' is not a URL; write it like http://127.0.0.1:9000");
        });
    }

    /** How long one AWS call may take, retries included: 60s. */
    public Duration callTimeout() {
        return CALL_TIMEOUT;
    }

    /** {@code aws.instanceId}: the host's EC2 instance, when its Name tag is not the host's name. */
    public Optional<String> instanceId() {
        return setting("instanceId");
    }

    /** How messages name the region: {@code eu-west-1}, or {@code the default region}. */
    public String regionLabel() {
        return region().orElse("the default region");
    }

    private Optional<String> setting(String key) {
        Object value = hostSettings.get(key);
        if (value == null && environment.settings().get("aws") instanceof Map<?, ?> shared) {
            value = shared.get(key);
        }
        return Optional.ofNullable(value).map(String::valueOf).filter(text -> !text.isBlank());
    }
}
