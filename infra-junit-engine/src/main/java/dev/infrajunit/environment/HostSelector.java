package dev.infrajunit.environment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed host selector: comma-separated terms whose matches add up. A term is one condition or
 * several joined by {@code &}, which must all hold (an intersection, as Ansible writes
 * {@code webservers:&staging}). A condition is
 * <ul>
 *   <li>a host-name glob ({@code db-*}, {@code web-?}, {@code db-[1-3]}; {@code *} is every host),</li>
 *   <li>{@code role:NAME}, or</li>
 *   <li>{@code prop:PATH=VALUE}: the host's property at the dotted path (as {@code Host.property}
 *       reads it, e.g. {@code properties.env} or {@code aws.region}) equals VALUE, a glob; a list
 *       property matches when one of its elements does.</li>
 * </ul>
 * A term prefixed with {@code !} excludes the hosts it matches. A host is selected when some
 * including term matches it and no excluding term does; a selector of only exclusions starts from
 * every host. So {@code role:database&prop:properties.env=prod,!db-3} is every production database
 * but db-3.
 */
public final class HostSelector {

    private static final String PROPERTY_VALUE = "[^,&\\s]+";

    private sealed interface Condition permits NameGlob, Role, PropertyEquals {

        boolean matches(String name, Collection<String> roles, Map<String, Object> properties);
    }

    private record NameGlob(Pattern glob) implements Condition {

        @Override
        public boolean matches(String name, Collection<String> roles, Map<String, Object> properties) {
            return glob.matcher(name).matches();
        }
    }

    private record Role(String role) implements Condition {

        @Override
        public boolean matches(String name, Collection<String> roles, Map<String, Object> properties) {
            return roles.contains(role);
        }
    }

    private record PropertyEquals(String[] path, Pattern value) implements Condition {

        @Override
        public boolean matches(String name, Collection<String> roles, Map<String, Object> properties) {
            Object current = properties;
            for (String segment : path) {
                if (!(current instanceof Map<?, ?> map)) {
                    return false;
                }
                current = map.get(segment);
            }
            if (current instanceof Collection<?> elements) {
                return elements.stream().anyMatch(this::valueMatches);
            }
            return valueMatches(current);
        }

        private boolean valueMatches(Object scalar) {
            return scalar != null && !(scalar instanceof Map<?, ?>) && !(scalar instanceof Collection<?>)
                    && value.matcher(String.valueOf(scalar)).matches();
        }
    }

    private record Term(List<Condition> conditions) {

        boolean matches(String name, Collection<String> roles, Map<String, Object> properties) {
            return conditions.stream().allMatch(c -> c.matches(name, roles, properties));
        }
    }

    private final String text;
    private final List<Term> includes;
    private final List<Term> excludes;

    private HostSelector(String text, List<Term> includes, List<Term> excludes) {
        this.text = text;
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException naming the malformed term
     */
    public static HostSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            throw new IllegalArgumentException("Empty host selector; use '*' for every host, a glob such as 'db-*',"
                    + " 'role:NAME' or 'prop:PATH=VALUE'");
        }
        List<Term> includes = new ArrayList<>();
        List<Term> excludes = new ArrayList<>();
        for (String raw : selector.split(",", -1)) {
            String term = raw.trim();
            boolean exclude = term.startsWith("!");
            String body = exclude ? term.substring(1).trim() : term;
            if (body.isEmpty()) {
                throw new IllegalArgumentException("Empty term in host selector '" + selector
                        + "'; terms are separated by commas, e.g. 'role:database,!db-3'");
            }
            List<Condition> conditions = new ArrayList<>();
            for (String part : body.split("&", -1)) {
                conditions.add(condition(part.trim(), term, selector));
            }
            (exclude ? excludes : includes).add(new Term(List.copyOf(conditions)));
        }
        if (includes.isEmpty()) {
            includes.add(new Term(List.of(new NameGlob(Pattern.compile(".*")))));
        }
        return new HostSelector(selector.trim(), List.copyOf(includes), List.copyOf(excludes));
    }

    private static Condition condition(String condition, String term, String selector) {
        String where = "Term '" + term + "' in host selector '" + selector + "'";
        if (condition.isEmpty()) {
            throw new IllegalArgumentException(where + " has an empty side of '&'; write conditions that must all"
                    + " hold as role:database&prop:properties.env=prod");
        }
        if (condition.startsWith("!") && term.contains("&")) {
            throw new IllegalArgumentException(where + " negates a condition after '&'; exclude with a term of its"
                    + " own, e.g. 'role:database,!db-3'");
        }
        if (condition.startsWith("role:")) {
            String role = condition.substring("role:".length()).trim();
            if (role.isEmpty()) {
                throw new IllegalArgumentException(where + " names no role; write role:NAME");
            }
            if (!Schema.NAME.matcher(role).matches()) {
                throw new IllegalArgumentException(where + " names no valid role: role names are letters, digits,"
                        + " '.', '_' and '-'; globs are for host names only");
            }
            return new Role(role);
        }
        if (condition.startsWith("prop:")) {
            return property(condition.substring("prop:".length()), where);
        }
        if (!condition.matches("[A-Za-z0-9_.*?\\[\\]-]+")) {
            throw new IllegalArgumentException(where + " is neither a host-name glob, role:NAME nor prop:PATH=VALUE");
        }
        return new NameGlob(globToPattern(condition, where));
    }

    private static Condition property(String written, String where) {
        int equals = written.indexOf('=');
        String path = equals < 0 ? written.trim() : written.substring(0, equals).trim();
        String value = equals < 0 ? "" : written.substring(equals + 1).trim();
        if (equals < 0 || path.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException(where + " does not compare a property with a value; write"
                    + " prop:PATH=VALUE, e.g. prop:properties.env=prod");
        }
        if (!path.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException(where + " names no valid property path: '" + path + "' should be keys"
                    + " joined by dots, e.g. properties.env or aws.region");
        }
        if (!value.matches(PROPERTY_VALUE)) {
            throw new IllegalArgumentException(where + " compares with a value that has a blank in it;"
                    + " values are a word or a glob such as prod-*");
        }
        return new PropertyEquals(path.split("\\."), valueGlob(value));
    }

    public boolean matches(String hostName, Collection<String> roles, Map<String, Object> properties) {
        return includes.stream().anyMatch(t -> t.matches(hostName, roles, properties))
                && excludes.stream().noneMatch(t -> t.matches(hostName, roles, properties));
    }

    public boolean matches(HostDefinition host) {
        return matches(host.name(), host.roles(), host.properties());
    }

    /** The hosts this selector matches, in their given order. */
    public List<HostDefinition> select(List<HostDefinition> hosts) {
        return hosts.stream().filter(this::matches).toList();
    }

    /**
     * Why this selector selects nothing in an environment, for messages: {@code the selector matches
     * no host of environment 'staging' (staging.yaml); its roles are ... and its hosts ...}.
     */
    public String noMatchIn(EnvironmentDefinition environment) {
        Set<String> roles = new LinkedHashSet<>();
        environment.hosts().forEach(host -> roles.addAll(host.roles()));
        List<String> names = environment.hosts().stream().map(HostDefinition::name).toList();
        return "the selector matches no host of environment '" + environment.name() + "'"
                + environment.source().map(path -> " (" + path + ")").orElse("")
                + "; its roles are " + (roles.isEmpty() ? "(none)" : String.join(", ", roles))
                + " and its hosts " + String.join(", ", names);
    }

    /** A property value: {@code *} any run of characters, {@code ?} one; everything else literally. */
    private static Pattern valueGlob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** {@code *} any run of characters, {@code ?} one, {@code [1-3]} one of a set; everything else literally. */
    private static Pattern globToPattern(String glob, String where) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close < 0 || close == i + 1) {
                    throw new IllegalArgumentException(where
                            + " has a '[' without a set of characters and a closing ']'; write e.g. db-[1-3]");
                }
                // the set holds only letters, digits, '.', '_' and '-', which mean themselves or a range
                regex.append('[').append(glob, i + 1, close).append(']');
                i = close;
            } else if (c == ']') {
                throw new IllegalArgumentException(where + " has a ']' without a '['");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + " has a set of characters that is not valid: "
                    + e.getDescription());
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
