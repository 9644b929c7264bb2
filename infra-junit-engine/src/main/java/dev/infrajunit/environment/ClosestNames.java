package dev.infrajunit.environment;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the known names (of hosts, keys, kinds) closest to a mistyped one. */
public final class ClosestNames {

    private ClosestNames() {
    }

    /** Up to three known names within a small edit distance of the requested one, closest first. */
    public static List<String> closest(String requested, Collection<String> known) {
        int limit = Math.max(2, requested.length() / 3);
        return known.stream()
                .filter(name -> distance(requested, name) <= limit || name.startsWith(requested) || requested.startsWith(name))
                .sorted(Comparator.comparingInt((String name) -> distance(requested, name)).thenComparing(name -> name))
                .limit(3)
                .toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
