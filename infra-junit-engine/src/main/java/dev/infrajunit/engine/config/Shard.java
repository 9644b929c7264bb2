package dev.infrajunit.engine.config;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} ({@code infra.shard=K/N}, K from 0): which hosts this run
 * checks when the checking is spread over N runs. A host belongs to the shard that scores highest
 * for it (rendezvous hashing of its name), so adding a shard moves only the hosts the new shard
 * wins, about 1/(N+1) of them, and every run agrees without talking to the others. Checks without
 * a host run in shard 0 only.
 */
public record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: K/N needs N >= 1 and"
                    + " 0 <= K < N, e.g. 0/4 to 3/4");
        }
    }

    /**
     * Reads {@code K/N}.
     *
     * @throws IllegalArgumentException saying what is wrong, with an example
     */
    public static Shard parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a shard K/N, e.g. 0/4 (K from 0 to N-1)");
        }
        return new Shard(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Whether this shard checks the host of that name. */
    public boolean owns(String hostName) {
        return ownerOf(hostName, count) == index;
    }

    /** Whether this shard runs the checks that have no host. */
    public boolean runsChecksWithoutHost() {
        return index == 0;
    }

    /** The shard of N that checks the host. */
    public static int ownerOf(String hostName, int count) {
        long name = fnv1a(hostName.getBytes(StandardCharsets.UTF_8));
        int best = 0;
        long bestScore = Long.MIN_VALUE;
        for (int shard = 0; shard < count; shard++) {
            long score = mix(name ^ mix(shard + 0x9E3779B97F4A7C15L));
            if (shard == 0 || Long.compareUnsigned(score, bestScore) > 0) {
                best = shard;
                bestScore = score;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    // SplitMix64's finalizer: spreads every input bit over the whole word
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
