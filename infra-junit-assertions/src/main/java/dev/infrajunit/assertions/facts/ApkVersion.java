package dev.infrajunit.assertions.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * apk-tools' version ordering ({@code 1.2.3a_rc1_p2-r4}): numbers, an optional letter, any number of
 * suffixes where {@code _alpha}, {@code _beta}, {@code _pre} and {@code _rc} come before the plain
 * release and {@code _cvs}, {@code _svn}, {@code _git}, {@code _hg} and {@code _p} after it, each with an
 * optional number, then the {@code -rN} package revision. A component after the first with leading
 * zeros compares as a fraction (1.01 is older than 1.1).
 *
 * <p>The versions are read into tokens and compared token by token. Where one version has more
 * tokens than the other, it is the newer one unless its next token is a pre-release suffix:
 * {@code 1.0_rc1} and {@code 0.1.0_alpha_pre2} are older than {@code 1.0} and {@code 0.1.0_alpha}.
 */
final class ApkVersion {

    private static final List<String> PRE_RELEASE = List.of("alpha", "beta", "pre", "rc");
    private static final List<String> POST_RELEASE = List.of("cvs", "svn", "git", "hg", "p");

    /**
     * Token kinds in the order apk-tools gives them: where two versions differ in the kind of token
     * at the same place, the one with the later kind is the older (1.0.1 is newer than 1.0a).
     */
    private enum Kind { INVALID, FRACTION, DIGITS, LETTER, SUFFIX, SUFFIX_NUMBER, REVISION }

    /** One token; {@code rank} orders suffixes, {@code text} holds digits or the letter. */
    private record Token(Kind kind, String text, int rank) {

        boolean isPreRelease() {
            return kind == Kind.SUFFIX && rank < 0;
        }

        int compareValue(Token other) {
            return switch (kind) {
                case SUFFIX -> Integer.compare(rank, other.rank);
                case LETTER -> text.compareTo(other.text);
                case FRACTION -> compareFractions(text, other.text);
                default -> Digits.compare(text, other.text);
            };
        }
    }

    private ApkVersion() {
    }

    static int compare(String a, String b) {
        List<Token> left = tokens(a.strip());
        List<Token> right = tokens(b.strip());
        int common = Math.min(left.size(), right.size());
        int i = 0;
        for (; i < common; i++) {
            Token l = left.get(i);
            Token r = right.get(i);
            if (l.kind != r.kind) {
                break;
            }
            if (l.kind == Kind.INVALID) {
                return 0;
            }
            int byValue = l.compareValue(r);
            if (byValue != 0) {
                return Integer.signum(byValue);
            }
        }
        Token l = i < left.size() ? left.get(i) : null;
        Token r = i < right.size() ? right.get(i) : null;
        if (l == null && r == null) {
            return 0;
        }
        if (l != null && l.isPreRelease()) {
            return -1;
        }
        if (r != null && r.isPreRelease()) {
            return 1;
        }
        if (l == null) {
            return -1;
        }
        if (r == null) {
            return 1;
        }
        return Integer.compare(r.kind.ordinal(), l.kind.ordinal());
    }

    private static List<Token> tokens(String version) {
        List<Token> tokens = new ArrayList<>();
        int at = digitsEnd(version, 0);
        if (at == 0) {
            tokens.add(new Token(Kind.INVALID, version, 0));
            return tokens;
        }
        tokens.add(new Token(Kind.DIGITS, version.substring(0, at), 0));
        Kind last = Kind.DIGITS;
        while (at < version.length()) {
            char c = version.charAt(at);
            int end;
            if (c == '.' && last == Kind.DIGITS || c == '.' && last == Kind.FRACTION) {
                end = digitsEnd(version, at + 1);
                if (end == at + 1) {
                    break;
                }
                tokens.add(new Token(Kind.FRACTION, version.substring(at + 1, end), 0));
                last = Kind.FRACTION;
            } else if (c >= 'a' && c <= 'z' && (last == Kind.DIGITS || last == Kind.FRACTION)) {
                end = at + 1;
                tokens.add(new Token(Kind.LETTER, String.valueOf(c), 0));
                last = Kind.LETTER;
            } else if (c == '_' && last != Kind.REVISION) {
                String rest = version.substring(at + 1);
                String name = PRE_RELEASE.stream().filter(rest::startsWith).findFirst()
                        .or(() -> POST_RELEASE.stream().filter(rest::startsWith).findFirst()).orElse(null);
                if (name == null) {
                    break;
                }
                int rank = PRE_RELEASE.contains(name) ? PRE_RELEASE.indexOf(name) - PRE_RELEASE.size() : POST_RELEASE.indexOf(name);
                tokens.add(new Token(Kind.SUFFIX, name, rank));
                end = digitsEnd(version, at + 1 + name.length());
                if (end > at + 1 + name.length()) {
                    tokens.add(new Token(Kind.SUFFIX_NUMBER, version.substring(at + 1 + name.length(), end), 0));
                }
                last = Kind.SUFFIX;
            } else if (c == '-' && version.startsWith("-r", at) && last != Kind.REVISION) {
                end = digitsEnd(version, at + 2);
                if (end == at + 2) {
                    break;
                }
                tokens.add(new Token(Kind.REVISION, version.substring(at + 2, end), 0));
                last = Kind.REVISION;
            } else {
                break;
            }
            at = end;
        }
        if (at < version.length()) {
            tokens.add(new Token(Kind.INVALID, version.substring(at), 0));
        }
        return tokens;
    }

    private static int digitsEnd(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    /** A component after the first with a leading zero is read as the digits after a decimal point. */
    private static int compareFractions(String a, String b) {
        if (a.startsWith("0") || b.startsWith("0")) {
            return a.compareTo(b);
        }
        return Digits.compare(a, b);
    }
}
