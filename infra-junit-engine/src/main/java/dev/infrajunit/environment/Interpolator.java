package dev.infrajunit.environment;

import dev.infrajunit.Command;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves references in string values: {@code ${env:NAME}} and {@code ${sys:NAME}}, each with an
 * optional {@code :-default}, and {@code ${host}}; {@code $${} stands for a literal {@code ${}.
 * A value that took an environment variable's or a system property's value is marked, so that no
 * message shows it, and that value is one of the {@link Secrets} that the run masks in everything
 * it reports. In a {@code verify} command template such a value is shell-quoted:
 * it is an argument, never a part of the command line.
 */
final class Interpolator {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final Function<String, String> environmentVariables;
    private final EnvironmentOrigin source;

    Interpolator(Function<String, String> environmentVariables, EnvironmentOrigin source) {
        this.environmentVariables = environmentVariables;
        this.source = source;
    }

    /**
     * The scalar with its references resolved.
     *
     * @param host the host's name for {@code ${host}}; null where no host applies (top-level
     *             settings, roles), which leaves {@code ${host}} as written
     */
    YamlNode.Scalar resolve(YamlNode.Scalar scalar, String host) {
        if (!(scalar.value() instanceof String text) || scalar.interpolated() || !text.contains("${")) {
            return scalar;
        }
        StringBuilder out = new StringBuilder();
        boolean fromEnv = false;
        boolean awaitsHost = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw source.invalid(scalar, "'" + text + "' has a '${' that is never closed with '}';"
                            + " write $${ for a literal ${");
                }
                String reference = text.substring(i + 2, end);
                if (reference.contains("${")) {
                    throw source.invalid(scalar, "'" + text + "' nests one reference in another, which is not"
                            + " supported; a default is plain text: ${env:NAME:-text}");
                }
                if (reference.startsWith("env:")) {
                    String value = environmentVariable(scalar, reference.substring(4));
                    fromEnv |= value != null;
                    out.append(value != null ? secret(scalar, value) : defaultOf(reference));
                } else if (reference.startsWith("sys:")) {
                    String value = systemProperty(scalar, reference.substring(4));
                    fromEnv |= value != null;
                    out.append(value != null ? secret(scalar, value) : defaultOf(reference));
                } else if ("host".equals(reference)) {
                    out.append(host != null ? host : "${host}");
                    awaitsHost |= host == null;
                } else {
                    throw source.invalid(scalar, "unknown reference '${" + reference + "}'; use ${env:NAME},"
                            + " ${env:NAME:-default}, ${sys:NAME} or ${host}, or write $${ for a literal ${");
                }
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return new YamlNode.Scalar(out.toString(), scalar.written(), true, fromEnv, awaitsHost, scalar.line(),
                scalar.path());
    }

    /** A value no message may show, in a command template also as the shell-quoted word it becomes there. */
    private static String secret(YamlNode.Scalar scalar, String value) {
        Secrets.remember(value);
        if (!isCommandTemplate(scalar)) {
            return value;
        }
        Secrets.remember(Command.quote(value));
        return Command.quote(value);
    }

    private static boolean isCommandTemplate(YamlNode.Scalar scalar) {
        return scalar.path() != null && (scalar.path().equals("verify") || scalar.path().endsWith(".verify"));
    }

    /** The variable's value, or null when its default applies. */
    private String environmentVariable(YamlNode.Scalar scalar, String body) {
        String name = nameOf(scalar, "env", body);
        String value = environmentVariables.apply(name);
        boolean hasDefault = body.contains(":-");
        if (value == null || (value.isEmpty() && hasDefault)) {
            if (!hasDefault) {
                throw source.invalid(scalar, "environment variable " + name + " is not set; set it, or give a"
                        + " default: ${env:" + name + ":-value}");
            }
            return null;
        }
        return value;
    }

    /** The property's value, or null when its default applies. */
    private String systemProperty(YamlNode.Scalar scalar, String body) {
        String name = nameOf(scalar, "sys", body);
        String value = System.getProperty(name);
        if (value != null && !(value.isEmpty() && body.contains(":-"))) {
            return value;
        }
        if (!body.contains(":-")) {
            throw source.invalid(scalar, "system property " + name + " is not set; pass -D" + name
                    + "=..., or give a default: ${sys:" + name + ":-value}");
        }
        return null;
    }

    private String nameOf(YamlNode.Scalar scalar, String kind, String body) {
        int separator = body.indexOf(":-");
        String name = separator < 0 ? body : body.substring(0, separator);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw source.invalid(scalar, "'${" + kind + ":" + body + "}' does not name a variable; write ${"
                    + kind + ":NAME} or ${" + kind + ":NAME:-default}");
        }
        return name;
    }

    private static String defaultOf(String reference) {
        return reference.substring(reference.indexOf(":-") + 2);
    }
}
