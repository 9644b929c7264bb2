package dev.infrajunit.environment;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of command logs and reports: the values environment files took from
 * environment variables ({@code ${env:NAME}}), and the values of environment variables whose names
 * say they hold one (a password, token, secret, passphrase or credential), are shown as {@code ***}.
 */
public final class Secrets {

    private static final String MASK = "***";
    /** Shorter values would mask ordinary words and numbers everywhere. */
    private static final int SHORTEST = 4;
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL"
            + "|PRIVATE|API_KEY|ACCESS_KEY).*");
    private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    /** A value that must never be shown, such as one an environment file took from an environment variable. */
    public static void remember(String value) {
        if (value != null && value.length() >= SHORTEST) {
            REMEMBERED.add(value);
        }
    }

    /** {@code text} with every known secret replaced by {@code ***}. */
    public static String mask(String text) {
        return mask(text, System.getenv());
    }

    static String mask(String text, Map<String, String> environment) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : REMEMBERED) {
            masked = masked.replace(secret, MASK);
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String value = variable.getValue();
            if (value != null && value.length() >= SHORTEST && SECRET_NAME.matcher(variable.getKey().toUpperCase(Locale.ROOT)).matches()) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }
}
