package dev.infrajunit.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

    private static final List<String> HOSTS = IntStream.range(0, 1_000).mapToObj(i -> "host-" + i + ".dc1.acme.example").toList();

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyHostIsInExactlyOneShard(int count) {
        for (String host : HOSTS) {
            long owners = IntStream.range(0, count).filter(index -> new Shard(index, count).owns(host)).count();
            assertThat(owners).as(host).isEqualTo(1);
        }
        // and the shards share the hosts out about evenly
        for (int index = 0; index < count; index++) {
            Shard shard = new Shard(index, count);
            long owned = HOSTS.stream().filter(shard::owns).count();
            assertThat(owned).as("shard " + shard).isBetween((long) (1_000.0 / count * 0.8), (long) (1_000.0 / count * 1.2));
        }
    }

    @ParameterizedTest(name = "N = {0} to {0} + 1")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void addingAShardMovesOnlyTheHostsItTakes(int count) {
        long moved = HOSTS.stream().filter(host -> Shard.ownerOf(host, count) != Shard.ownerOf(host, count + 1)).count();
        assertThat(moved).isLessThanOrEqualTo((long) (1.5 / (count + 1) * HOSTS.size()));
        // whatever moves, moves to the new shard
        assertThat(HOSTS.stream().filter(host -> Shard.ownerOf(host, count) != Shard.ownerOf(host, count + 1))
                .allMatch(host -> Shard.ownerOf(host, count + 1) == count)).isTrue();
    }

    @Test
    void shardsAreWrittenKOverNFromZero() {
        assertThat(Shard.parse("0/4")).isEqualTo(new Shard(0, 4));
        assertThat(Shard.parse(" 3 / 4 ")).isEqualTo(new Shard(3, 4));
        assertThat(new Shard(0, 4).runsChecksWithoutHost()).isTrue();
        assertThat(new Shard(1, 4).runsChecksWithoutHost()).isFalse();
        assertThatThrownBy(() -> Shard.parse("4/4")).hasMessage("shard 4/4 does not exist: K/N needs N >= 1 and 0 <= K < N, e.g. 0/4 to 3/4");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessage("shard 1/0 does not exist: K/N needs N >= 1 and 0 <= K < N, e.g. 0/4 to 3/4");
        assertThatThrownBy(() -> Shard.parse("first")).hasMessage("'first' is not a shard K/N, e.g. 0/4 (K from 0 to N-1)");
        assertThatThrownBy(() -> new InfraConfiguration(key -> java.util.Optional.of("2")).shard())
                .hasMessage("infra.shard=2: '2' is not a shard K/N, e.g. 0/4 (K from 0 to N-1)");
    }
}
