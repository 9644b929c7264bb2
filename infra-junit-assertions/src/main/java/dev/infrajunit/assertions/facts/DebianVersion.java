package dev.infrajunit.assertions.facts;

/** dpkg's version ordering: {@code [epoch:]upstream[-revision]}, compared part by part. */
final class DebianVersion {

    private DebianVersion() {
    }

    static int compare(String a, String b) {
        return EpochVersion.compare(a, b, DebianVersion::upstreamThenRevision);
    }

    // dpkg calls them upstream version and Debian revision
    private static int upstreamThenRevision(EpochVersion left, EpochVersion right) {
        int byUpstream = compareFragment(left.version(), right.version());
        return byUpstream != 0 ? byUpstream : compareFragment(left.release(), right.release());
    }

    /** Alternating runs of non-digits (compared by {@link #order}) and digits (compared as numbers). */
    static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int left = order(charAt(a, i));
                int right = order(charAt(b, j));
                if (left != right) {
                    return Integer.signum(left - right);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDifference = 0;
            while (i < a.length() && j < b.length() && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return Integer.signum(firstDifference);
            }
        }
        return 0;
    }

    /** Tilde sorts before everything, even the end of the string; letters before other symbols. */
    private static int order(char c) {
        if (isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c == 0 ? 0 : c + 256;
    }

    private static char charAt(String text, int index) {
        return index < text.length() ? text.charAt(index) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
