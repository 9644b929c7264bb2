package dev.infrajunit.assertions.facts;

/**
 * apk-tools' version ordering ({@code 1.2.3a_rc1_p2-r4}): numbers, an optional letter, suffixes
 * where {@code _alpha}, {@code _beta}, {@code _pre} and {@code _rc} come before the plain release and
 * {@code _cvs}, {@code _svn}, {@code _git}, {@code _hg} and {@code _p} after it, then the {@code -rN}
 * package revision. A component with leading zeros compares as a fraction (1.01 is older than 1.1).
 */
final class ApkVersion {

    private static final String[] PRE_RELEASE = {"alpha", "beta", "pre", "rc"};
    private static final String[] POST_RELEASE = {"cvs", "svn", "git", "hg", "p"};

    /** Token kinds in apk's order: a version that runs out earlier sorts lower, except before a pre-release suffix. */
    private enum Kind { INVALID, DIGIT_OR_ZERO, DIGIT, LETTER, SUFFIX, SUFFIX_NO, REVISION_NO, END }

    private ApkVersion() {
    }

    static int compare(String a, String b) {
        Tokens left = new Tokens(a.strip());
        Tokens right = new Tokens(b.strip());
        long leftValue = 0;
        long rightValue = 0;
        while (left.kind == right.kind && left.kind != Kind.END && left.kind != Kind.INVALID && leftValue == rightValue) {
            leftValue = left.next();
            rightValue = right.next();
        }
        if (leftValue != rightValue) {
            return leftValue < rightValue ? -1 : 1;
        }
        if (left.kind == right.kind) {
            return 0;
        }
        if (left.kind == Kind.SUFFIX && left.next() < 0) {
            return -1;
        }
        if (right.kind == Kind.SUFFIX && right.next() < 0) {
            return 1;
        }
        return Integer.compare(right.kind.ordinal(), left.kind.ordinal());
    }

    /** Reads one token's value and moves on; {@link #kind} is then the kind of the token that follows. */
    private static final class Tokens {
        private final String text;
        private int at;
        private Kind kind = Kind.DIGIT;

        Tokens(String text) {
            this.text = text;
        }

        long next() {
            if (at >= text.length()) {
                kind = Kind.END;
                return 0;
            }
            long value = 0;
            Kind following = Kind.INVALID;
            switch (kind) {
                case DIGIT_OR_ZERO:
                    if (text.charAt(at) == '0') {
                        int zeros = 0;
                        while (at < text.length() && text.charAt(at) == '0') {
                            at++;
                            zeros++;
                        }
                        value = -zeros;
                        following = Kind.DIGIT;
                        break;
                    }
                    value = digits();
                    break;
                case DIGIT, SUFFIX_NO, REVISION_NO:
                    value = digits();
                    break;
                case LETTER:
                    value = text.charAt(at++);
                    break;
                case SUFFIX:
                    int pre = suffix(PRE_RELEASE);
                    if (pre >= 0) {
                        value = pre - PRE_RELEASE.length;
                    } else {
                        int post = suffix(POST_RELEASE);
                        if (post < 0) {
                            kind = Kind.INVALID;
                            return -1;
                        }
                        value = post;
                    }
                    following = Kind.SUFFIX_NO;
                    break;
                default:
                    kind = Kind.INVALID;
                    return -1;
            }
            if (at >= text.length()) {
                kind = Kind.END;
            } else if (following != Kind.INVALID) {
                kind = following;
            } else {
                kind = nextKind();
            }
            return value;
        }

        private long digits() {
            long value = 0;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                value = value * 10 + (text.charAt(at++) - '0');
            }
            return value;
        }

        private int suffix(String[] names) {
            for (int i = 0; i < names.length; i++) {
                if (text.startsWith(names[i], at)) {
                    at += names[i].length();
                    return i;
                }
            }
            return -1;
        }

        private Kind nextKind() {
            char c = text.charAt(at);
            Kind next;
            if ((kind == Kind.DIGIT || kind == Kind.DIGIT_OR_ZERO) && c >= 'a' && c <= 'z') {
                next = Kind.LETTER;
            } else if (kind == Kind.LETTER && Character.isDigit(c)) {
                next = Kind.DIGIT;
            } else if (kind == Kind.SUFFIX && Character.isDigit(c)) {
                next = Kind.SUFFIX_NO;
            } else {
                next = switch (c) {
                    case '.' -> Kind.DIGIT_OR_ZERO;
                    case '_' -> Kind.SUFFIX;
                    case '-' -> at + 1 < text.length() && text.charAt(at + 1) == 'r' ? Kind.REVISION_NO : Kind.INVALID;
                    default -> Kind.INVALID;
                };
                at += next == Kind.REVISION_NO ? 2 : 1;
            }
            boolean allowedBackStep = (next == Kind.DIGIT_OR_ZERO && kind == Kind.DIGIT)
                    || (next == Kind.SUFFIX && kind == Kind.SUFFIX_NO)
                    || (next == Kind.DIGIT && kind == Kind.LETTER);
            return next.ordinal() < kind.ordinal() && !allowedBackStep ? Kind.INVALID : next;
        }
    }
}
