package dev.infrajunit.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ansible inventory as groups, their hosts, variables and child groups, read from an INI or a
 * YAML inventory file; a mistake is an {@link EnvironmentException} with the inventory's path and line.
 */
final class AnsibleInventory {

    /** Groups every inventory has, which say nothing about a host. */
    static final Set<String> IMPLICIT_GROUPS = Set.of("all", "ungrouped");

    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:]+)(?::(vars|children))?]");
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-z]):([0-9]+|[a-z])]");

    /** One group: its own hosts with their variables, its variables, its child groups, in file order. */
    static final class Group {
        final Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
        final Map<String, String> vars = new LinkedHashMap<>();
        final Set<String> children = new LinkedHashSet<>();
    }

    final Map<String, Group> groups = new LinkedHashMap<>();

    private Group group(String name) {
        return groups.computeIfAbsent(name, any -> new Group());
    }

    /** Every host, in the order the inventory first names it. */
    Set<String> hosts() {
        Set<String> hosts = new LinkedHashSet<>();
        groups.values().forEach(group -> hosts.addAll(group.hosts.keySet()));
        return hosts;
    }

    /** The groups a host belongs to, directly or as a member of a child group, outermost first. */
    List<String> groupsOf(String host) {
        List<String> found = new ArrayList<>();
        for (String name : groups.keySet()) {
            if (contains(name, host, new LinkedHashSet<>())) {
                found.add(name);
            }
        }
        // parents before the children they contain, so that a child's variables win
        found.sort((a, b) -> contains(a, b) ? -1 : contains(b, a) ? 1 : 0);
        return found;
    }

    /** The host's variables: its groups' from the outermost in, then its own. */
    Map<String, String> varsOf(String host) {
        Map<String, String> vars = new LinkedHashMap<>();
        groupsOf(host).forEach(name -> vars.putAll(groups.get(name).vars));
        groups.values().stream().map(group -> group.hosts.get(host)).filter(own -> own != null).forEach(vars::putAll);
        return vars;
    }

    private boolean contains(String group, String host, Set<String> seen) {
        Group g = groups.get(group);
        if (g == null || !seen.add(group)) {
            return false;
        }
        return g.hosts.containsKey(host) || g.children.stream().anyMatch(child -> contains(child, host, seen));
    }

    private boolean contains(String parent, String child) {
        Group g = groups.get(parent);
        return g != null && g.children.stream().anyMatch(name -> name.equals(child) || contains(name, child));
    }

    /** The INI form: {@code [group]}, {@code [group:vars]}, {@code [group:children]}, {@code host key=value ...}. */
    static AnsibleInventory ini(String text, EnvironmentOrigin origin) {
        AnsibleInventory inventory = new AnsibleInventory();
        String section = "ungrouped";
        String kind = "hosts";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String content = lines[i].strip();
            if (content.isEmpty() || content.startsWith("#") || content.startsWith(";")) {
                continue;
            }
            if (content.startsWith("[")) {
                Matcher matcher = SECTION.matcher(content);
                if (!matcher.matches()) {
                    throw origin.at(line, "", "'" + content + "' is not a section; write [group], [group:vars] or"
                            + " [group:children]");
                }
                section = matcher.group(1).strip();
                kind = Optional.ofNullable(matcher.group(2)).orElse("hosts");
                inventory.group(section);
                continue;
            }
            switch (kind) {
                case "vars" -> {
                    String[] pair = content.split("\\s*=\\s*", 2);
                    if (pair.length != 2) {
                        throw origin.at(line, "", "'" + content + "' in [" + section + ":vars] is not a variable;"
                                + " write name=value");
                    }
                    inventory.group(section).vars.put(pair[0], unquote(pair[1]));
                }
                case "children" -> inventory.group(section).children.add(content.split("\\s+")[0]);
                default -> {
                    String[] words = content.split("\\s+");
                    Map<String, String> vars = new LinkedHashMap<>();
                    for (int w = 1; w < words.length && !words[w].startsWith("#") && !words[w].startsWith(";"); w++) {
                        String[] pair = words[w].split("=", 2);
                        if (pair.length != 2) {
                            throw origin.at(line, "", "'" + words[w] + "' after host " + words[0] + " is not a"
                                    + " variable; write name=value");
                        }
                        vars.put(pair[0], unquote(pair[1]));
                    }
                    for (String host : expand(words[0], origin, line)) {
                        inventory.group(section).hosts.put(host, vars);
                    }
                }
            }
        }
        return inventory;
    }

    /** The YAML form: groups with {@code hosts}, {@code vars} and {@code children}, {@code all} usually at the top. */
    static AnsibleInventory yaml(String text, EnvironmentOrigin origin) {
        AnsibleInventory inventory = new AnsibleInventory();
        Optional<YamlNode> root = YamlReader.read(text, origin);
        if (root.isEmpty()) {
            return inventory;
        }
        if (!(root.get() instanceof YamlNode.Mapping top)) {
            throw origin.at(root.get().line(), "", "an inventory is a map of groups such as all:, found " + root.get().describe());
        }
        top.members().values().forEach(member -> inventory.readGroup(member, origin));
        return inventory;
    }

    private void readGroup(YamlNode.Member member, EnvironmentOrigin origin) {
        Group group = group(member.key());
        if (member.value() instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return;
        }
        if (!(member.value() instanceof YamlNode.Mapping mapping)) {
            throw origin.invalid(member.value(), "expected a group with hosts, vars or children, found " + member.value().describe());
        }
        for (YamlNode.Member part : mapping.members().values()) {
            switch (part.key()) {
                case "hosts" -> entries(part, origin).forEach(host -> {
                    for (String name : expand(host.key(), origin, host.line())) {
                        group.hosts.put(name, vars(host, origin));
                    }
                });
                case "vars" -> group.vars.putAll(vars(part, origin));
                case "children" -> entries(part, origin).forEach(child -> {
                    group.children.add(child.key());
                    readGroup(child, origin);
                });
                default -> throw origin.at(part.line(), part.value().path(), "unknown key '" + part.key() + "' in group "
                        + member.key() + "; a group has hosts, vars and children");
            }
        }
    }

    private static List<YamlNode.Member> entries(YamlNode.Member member, EnvironmentOrigin origin) {
        if (member.value() instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return List.of();
        }
        if (!(member.value() instanceof YamlNode.Mapping mapping)) {
            throw origin.invalid(member.value(), "expected a map of names, found " + member.value().describe());
        }
        return List.copyOf(mapping.members().values());
    }

    private static Map<String, String> vars(YamlNode.Member member, EnvironmentOrigin origin) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (YamlNode.Member var : entries(member, origin)) {
            if (var.value() instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
                vars.put(var.key(), scalar.text());
            }
        }
        return vars;
    }

    /** {@code web-[01:03].example.com}: Ansible's numeric (zero-padded) and alphabetic host ranges. */
    static List<String> expand(String pattern, EnvironmentOrigin origin, int line) {
        Matcher matcher = RANGE.matcher(pattern);
        if (!matcher.find()) {
            return List.of(pattern);
        }
        String from = matcher.group(1);
        String to = matcher.group(2);
        String prefix = pattern.substring(0, matcher.start());
        String rest = pattern.substring(matcher.end());
        List<String> names = new ArrayList<>();
        boolean numeric = Character.isDigit(from.charAt(0));
        if (numeric != Character.isDigit(to.charAt(0))) {
            throw origin.at(line, "", "host range [" + from + ":" + to + "] mixes a number and a letter");
        }
        int first = numeric ? Integer.parseInt(from) : from.charAt(0);
        int last = numeric ? Integer.parseInt(to) : to.charAt(0);
        if (last < first || last - first > 10_000) {
            throw origin.at(line, "", "host range [" + from + ":" + to + "] is empty or longer than 10000 hosts");
        }
        for (int n = first; n <= last; n++) {
            String middle = numeric ? String.format("%0" + from.length() + "d", n) : String.valueOf((char) n);
            for (String expanded : expand(rest, origin, line)) {
                names.add(prefix + middle + expanded);
            }
        }
        return names;
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
