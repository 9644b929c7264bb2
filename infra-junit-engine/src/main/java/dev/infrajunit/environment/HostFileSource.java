package dev.infrajunit.environment;

import dev.infrajunit.spi.HostSource;
import dev.infrajunit.spi.Keys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A source whose entry names a file of hosts: {@code - <kind>: path}, beside it an optional
 * {@code match} glob on the host names and the {@code roles} the hosts take.
 */
abstract class HostFileSource implements HostSource {

    private final String kind;

    HostFileSource(String kind) {
        this.kind = kind;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final Keys keys() {
        return Keys.of().path(kind).hostGlob("match").roles("roles");
    }

    /** The host names the entry's {@code match} glob selects; every name when it has none. */
    static Predicate<String> matching(Map<String, Object> entry) {
        Optional<HostSelector> match = Optional.ofNullable((String) entry.get("match")).map(HostSelector::parse);
        return name -> match.map(glob -> glob.matches(name, List.of(), Map.of())).orElse(true);
    }
}
