package dev.infrajunit.assertions.facts;

/** rpm's version ordering: {@code [epoch:]version[-release]}, each part by rpmvercmp. */
final class RpmVersion {

    private RpmVersion() {
    }

    /**
     * A side without a release is compared on epoch and version only, the way rpm matches a
     * dependency on {@code 1.2}: any release of 1.2 satisfies it.
     */
    static int compare(String a, String b) {
        return EpochVersion.compare(a, b, RpmVersion::versionThenRelease);
    }

    private static int versionThenRelease(EpochVersion left, EpochVersion right) {
        int byVersion = segments(left.version(), right.version());
        if (byVersion != 0 || left.release().isEmpty() || right.release().isEmpty()) {
            return byVersion;
        }
        return segments(left.release(), right.release());
    }

    /** rpmvercmp: alphanumeric segments; '~' sorts before anything, '^' after the end but before more. */
    static int segments(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && isSeparator(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && isSeparator(b.charAt(j))) {
                j++;
            }
            char x = i < a.length() ? a.charAt(i) : 0;
            char y = j < b.length() ? b.charAt(j) : 0;
            if (x == '~' || y == '~') {
                if (x != '~') {
                    return 1;
                }
                if (y != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (x == '^' || y == '^') {
                if (x == 0) {
                    return -1;
                }
                if (y == 0) {
                    return 1;
                }
                if (x != '^') {
                    return 1;
                }
                if (y != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (x == 0 || y == 0) {
                break;
            }
            boolean numeric = isDigit(x);
            int endA = runEnd(a, i, numeric);
            int endB = runEnd(b, j, numeric);
            if (endB == j) {
                // a number is newer than letters in the same place
                return numeric ? 1 : -1;
            }
            int result = numeric ? Digits.compare(a.substring(i, endA), b.substring(j, endB))
                    : a.substring(i, endA).compareTo(b.substring(j, endB));
            if (result != 0) {
                return Integer.signum(result);
            }
            i = endA;
            j = endB;
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        if (aDone && bDone) {
            return 0;
        }
        return aDone ? -1 : 1;
    }

    private static int runEnd(String text, int start, boolean digits) {
        int end = start;
        while (end < text.length() && (digits ? isDigit(text.charAt(end)) : isAsciiLetter(text.charAt(end)))) {
            end++;
        }
        return end;
    }

    private static boolean isSeparator(char c) {
        return !isDigit(c) && !isAsciiLetter(c) && c != '~' && c != '^';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
