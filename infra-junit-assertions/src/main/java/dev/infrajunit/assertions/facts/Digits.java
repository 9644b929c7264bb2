package dev.infrajunit.assertions.facts;

/** Runs of decimal digits in version strings, which may be longer than any number type holds. */
final class Digits {

    private Digits() {
    }

    /** {@code digits} without its leading zeros, but one digit at least: {@code 007} is {@code 7}, {@code 000} is {@code 0}. */
    static String significant(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }

    /** Two runs of digits compared as whole numbers of any length. */
    static int compare(String a, String b) {
        String x = significant(a);
        String y = significant(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
}
