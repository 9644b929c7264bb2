package dev.infrajunit.environment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed host selector: comma-separated terms, each a host-name glob ({@code db-*},
 * {@code web-?}), {@code role:NAME}, or either prefixed with {@code !} to exclude; {@code *} is
 * every host. A host is selected when some including term matches it and no excluding term does;
 * a selector of only exclusions starts from every host.
 */
public final class HostSelector {

    private record Term(boolean exclude, String role, Pattern glob, String text) {

        boolean matches(String name, Collection<String> roles) {
            return role != null ? roles.contains(role) : glob.matcher(name).matches();
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
                    + " or 'role:NAME'");
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
            Term parsed;
            if (body.startsWith("role:")) {
                String role = body.substring("role:".length()).trim();
                if (role.isEmpty()) {
                    throw new IllegalArgumentException("Term '" + term + "' in host selector '" + selector
                            + "' names no role; write role:NAME");
                }
                if (!Schema.NAME.matcher(role).matches()) {
                    throw new IllegalArgumentException("Term '" + term + "' in host selector '" + selector
                            + "' names no valid role: role names are letters, digits, '.', '_' and '-';"
                            + " globs are for host names only");
                }
                parsed = new Term(exclude, role, null, term);
            } else {
                if (!body.matches("[A-Za-z0-9_.*?\\[\\]-]+")) {
                    throw new IllegalArgumentException("Term '" + term + "' in host selector '" + selector
                            + "' is neither a host-name glob nor role:NAME");
                }
                parsed = new Term(exclude, null, globToPattern(body, term, selector), term);
            }
            (exclude ? excludes : includes).add(parsed);
        }
        if (includes.isEmpty()) {
            includes.add(new Term(false, null, Pattern.compile(".*"), "*"));
        }
        return new HostSelector(selector.trim(), List.copyOf(includes), List.copyOf(excludes));
    }

    public boolean matches(String hostName, Collection<String> roles) {
        return includes.stream().anyMatch(t -> t.matches(hostName, roles))
                && excludes.stream().noneMatch(t -> t.matches(hostName, roles));
    }

    public boolean matches(HostDefinition host) {
        return matches(host.name(), host.roles());
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

    /** {@code *} any run of characters, {@code ?} one, {@code [1-3]} one of a set; everything else literally. */
    private static Pattern globToPattern(String glob, String term, String selector) {
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
                    throw new IllegalArgumentException("Term '" + term + "' in host selector '" + selector
                            + "' has a '[' without a set of characters and a closing ']'; write e.g. db-[1-3]");
                }
                // the set holds only letters, digits, '.', '_' and '-', which mean themselves or a range
                regex.append('[').append(glob, i + 1, close).append(']');
                i = close;
            } else if (c == ']') {
                throw new IllegalArgumentException("Term '" + term + "' in host selector '" + selector
                        + "' has a ']' without a '['");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Term '" + term + "' in host selector '" + selector
                    + "' has a set of characters that is not valid: " + e.getDescription());
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
