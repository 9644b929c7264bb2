package dev.infrajunit.environment;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        return mask(text, SecretVariables.VALUES);
    }

    static String mask(String text, Map<String, String> environment) {
        return mask(text, secretValues(environment));
    }

    private static String mask(String text, Set<String> secretVariables) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : REMEMBERED) {
            masked = masked.replace(secret, MASK);
        }
        for (String value : secretVariables) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }

    private static Set<String> secretValues(Map<String, String> environment) {
        return environment.entrySet().stream()
                .filter(variable -> variable.getValue() != null && variable.getValue().length() >= SHORTEST)
                .filter(variable -> SECRET_NAME.matcher(variable.getKey().toUpperCase(Locale.ROOT)).matches())
                .map(Map.Entry::getValue)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A process's environment does not change, so its secret-named values are picked once, when first needed. */
    private static final class SecretVariables {

        static final Set<String> VALUES = secretValues(System.getenv());
    }
}
