package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host firewall's rules, read from nftables ({@code nft list ruleset}) or, when iptables manages
 * the tables (iptables-legacy, or iptables-nft, whose tables nft marks as such), from
 * {@code iptables-save}. Both need root: the command runs with {@code sudo -n} on hosts that allow it.
 *
 * <p>Whether a TCP port is let in is read the way the kernel walks the input hook: rule by rule,
 * into jumped-to chains, until a rule that matches the port's destination decides (accept, drop,
 * reject), else the chain's policy. Rules that decide by other matchers alone (source addresses,
 * interfaces, connection states) do not decide a port here, and a rule that matches the port with
 * other conditions (a source network) is reported as what decides, with its text, so a message
 * shows it. Named sets ({@code @allowed}) are not resolved.
 */
public final class FirewallRules {

    public static final String FACT = "infra-junit.firewall";

    // nft and iptables-save live in /usr/sbin, which Debian leaves off the PATH of a login that is not root's
    private static final Command READ = Command.of("PATH=\"$PATH:/usr/sbin:/sbin\"; found=;"
            + " if command -v nft >/dev/null 2>&1; then found=1; echo '==> nft list ruleset'; nft list ruleset 2>&1 || echo '==! nft'; fi;"
            + " if command -v iptables-save >/dev/null 2>&1; then found=1; echo '==> iptables-save'; iptables-save 2>&1 || echo '==! iptables-save'; fi;"
            + " [ -n \"$found\" ] || exit 127").privileged();
    private static final Pattern NFT_VERDICT = Pattern.compile("\\b(accept|drop|reject|jump|goto)\\b(?: (\\S+))?");
    private static final Pattern NFT_DPORT = Pattern.compile("\\b(?:tcp|th) dport (\\{[^}]*}|\\S+)");
    private static final Pattern IPT_DPORT = Pattern.compile("--dports? (\\S+)");
    private static final Pattern IPT_JUMP = Pattern.compile("-[jg] (\\S+)");

    /** @param hook {@code input}, {@code forward}, {@code output}, or empty for a chain that is only jumped to */
    public record Chain(String name, Optional<String> hook, String policy, List<String> rules) {
    }

    /** What decided about a port, for messages: the rule's text or the chain's policy. */
    public record Decision(boolean accepted, String why) {
    }

    /** @param tool {@code nftables} or {@code iptables}; empty rules when nothing is loaded */
    public record Ruleset(String tool, Map<String, Chain> chains, String source) {

        public boolean isEmpty() {
            return chains.isEmpty();
        }

        public List<Chain> inputChains() {
            return chains.values().stream().filter(c -> c.hook().filter("input"::equals).isPresent()).toList();
        }

        public boolean hasRule(String text) {
            return chains.values().stream().anyMatch(c -> c.rules().stream().anyMatch(rule -> rule.contains(text)));
        }

        /** Whether a new TCP connection to the port gets in, by every input chain. */
        public Decision inboundTcp(int port) {
            if (inputChains().isEmpty()) {
                return new Decision(true, "no chain filters input");
            }
            Decision accepted = null;
            for (Chain chain : inputChains()) {
                Decision decision = walk(chain, port, 0).orElse(new Decision(!isDrop(chain.policy()),
                        "chain " + chain.name() + " has policy " + chain.policy()));
                if (!decision.accepted()) {
                    return decision;
                }
                accepted = accepted == null ? decision : accepted;
            }
            return accepted;
        }

        private Optional<Decision> walk(Chain chain, int port, int depth) {
            if (depth > 16) {
                return Optional.empty();
            }
            for (String rule : chain.rules()) {
                Rule parsed = tool.equals("nftables") ? nftRule(rule) : iptablesRule(rule);
                boolean matchesPort = parsed.ports().map(ports -> covers(ports, port)).orElse(false);
                boolean unconditional = parsed.ports().isEmpty() && parsed.unconditional();
                if (!matchesPort && !unconditional) {
                    continue;
                }
                if (parsed.jumpTo().isPresent()) {
                    Chain target = chains.get(parsed.jumpTo().get());
                    Optional<Decision> inner = target == null ? Optional.empty() : walk(target, port, depth + 1);
                    if (inner.isPresent()) {
                        return inner;
                    }
                    continue;
                }
                if (parsed.verdict().isPresent()) {
                    return Optional.of(new Decision(parsed.verdict().get().equals("accept"),
                            "chain " + chain.name() + " has the rule: " + rule.strip()));
                }
            }
            return Optional.empty();
        }
    }

    private record Rule(Optional<String> ports, Optional<String> verdict, Optional<String> jumpTo, boolean unconditional) {
    }

    private FirewallRules() {
    }

    public static Ruleset of(Host host) {
        return host.fact(FACT, () -> {
            CommandResult result = host.run(READ);
            if (result.commandNotFound()) {
                throw HostTools.missing(host, "the firewall", "neither nft nor iptables-save is installed (not on the PATH, nor in /usr/sbin or /sbin)");
            }
            return parse(host, result.stdout());
        });
    }

    private static Ruleset parse(Host host, String output) {
        Map<String, String> sections = sections(output);
        String nft = sections.get("nft list ruleset");
        String iptables = sections.get("iptables-save");
        boolean iptablesManaged = nft != null && nft.contains("managed by iptables-nft");
        if (nft != null && !iptablesManaged && !nft.contains("==! nft") && !parseNft(nft).isEmpty()) {
            return new Ruleset("nftables", parseNft(nft), "nft list ruleset");
        }
        boolean iptablesReadable = iptables != null && !iptables.contains("==! iptables-save");
        if (iptablesReadable && !parseIptables(iptables).isEmpty()) {
            return new Ruleset("iptables", parseIptables(iptables), "iptables-save");
        }
        if (nft != null && !nft.contains("==! nft")) {
            return new Ruleset("nftables", parseNft(nft), "nft list ruleset");
        }
        if (iptablesReadable) {
            return new Ruleset("iptables", Map.of(), "iptables-save");
        }
        String said = HostTools.firstLine((nft != null ? nft : iptables).replace("==! nft", "").replace("==! iptables-save", ""));
        throw HostTools.missing(host, "the firewall", "reading the rules failed: " + said
                + (said.contains("ermission") || said.contains("not permitted")
                ? "; the rules are readable by root only: give the check root (sudo: true for the host)" : ""));
    }

    private static Map<String, String> sections(String output) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.lines().toList()) {
            if (line.startsWith("==> ")) {
                if (current != null) {
                    sections.put(current, text.toString());
                }
                current = line.substring(4);
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, text.toString());
        }
        return sections;
    }

    /** {@code nft list ruleset}: tables of chains; a base chain's first line names its hook and policy. */
    static Map<String, Chain> parseNft(String text) {
        Map<String, Chain> chains = new LinkedHashMap<>();
        String chain = null;
        Optional<String> hook = Optional.empty();
        String policy = "accept";
        List<String> rules = new ArrayList<>();
        Pattern base = Pattern.compile("type \\S+ hook (\\S+) .*?(?:policy (\\w+);)?\\s*$");
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("chain ") && line.endsWith("{")) {
                chain = line.substring(6, line.length() - 1).strip();
                hook = Optional.empty();
                policy = "accept";
                rules = new ArrayList<>();
            } else if (chain != null && line.equals("}")) {
                chains.put(chain, new Chain(chain, hook, policy, List.copyOf(rules)));
                chain = null;
            } else if (chain != null && line.startsWith("type ")) {
                Matcher m = base.matcher(line);
                if (m.find()) {
                    hook = Optional.of(m.group(1));
                    policy = m.group(2) == null ? "accept" : m.group(2);
                }
            } else if (chain != null && !line.isEmpty() && !line.startsWith("#")) {
                rules.add(line);
            }
        }
        return chains;
    }

    /** {@code iptables-save}: the filter table's chains; INPUT, FORWARD and OUTPUT are the hooks. */
    static Map<String, Chain> parseIptables(String text) {
        Map<String, String> policies = new LinkedHashMap<>();
        Map<String, List<String>> rules = new LinkedHashMap<>();
        String table = "";
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (table.equals("filter") && line.startsWith(":")) {
                String[] parts = line.substring(1).split("\\s+");
                policies.put(parts[0], parts.length > 1 ? parts[1] : "-");
                rules.put(parts[0], new ArrayList<>());
            } else if (table.equals("filter") && line.startsWith("-A ")) {
                String[] parts = line.substring(3).split("\\s+", 2);
                rules.computeIfAbsent(parts[0], name -> new ArrayList<>()).add(line);
            }
        }
        Map<String, Chain> chains = new LinkedHashMap<>();
        rules.forEach((name, chainRules) -> {
            boolean builtIn = List.of("INPUT", "FORWARD", "OUTPUT").contains(name);
            chains.put(name, new Chain(name, builtIn ? Optional.of(name.toLowerCase(Locale.ROOT)) : Optional.empty(),
                    policies.getOrDefault(name, "-").toLowerCase(Locale.ROOT), List.copyOf(chainRules)));
        });
        return chains;
    }

    private static Rule nftRule(String rule) {
        Matcher dport = NFT_DPORT.matcher(rule);
        Optional<String> ports = dport.find() ? Optional.of(dport.group(1)) : Optional.empty();
        Matcher verdict = NFT_VERDICT.matcher(rule);
        Optional<String> decided = Optional.empty();
        Optional<String> jump = Optional.empty();
        while (verdict.find()) {
            if (verdict.group(1).equals("jump") || verdict.group(1).equals("goto")) {
                jump = Optional.ofNullable(verdict.group(2));
            } else {
                decided = Optional.of(verdict.group(1));
            }
        }
        String matchers = rule.replaceAll("counter packets \\d+ bytes \\d+|counter|comment \"[^\"]*\"", "")
                .replaceAll("\\b(accept|drop|reject( with .*)?|(jump|goto) \\S+)\\s*$", "").strip();
        return new Rule(ports, decided, jump, matchers.isEmpty());
    }

    private static Rule iptablesRule(String rule) {
        Matcher dport = IPT_DPORT.matcher(rule);
        Optional<String> ports = rule.contains("-p tcp") && dport.find() ? Optional.of(dport.group(1)) : Optional.empty();
        Matcher target = IPT_JUMP.matcher(rule);
        Optional<String> decided = Optional.empty();
        Optional<String> jump = Optional.empty();
        if (target.find()) {
            String name = target.group(1);
            switch (name) {
                case "ACCEPT" -> decided = Optional.of("accept");
                case "DROP" -> decided = Optional.of("drop");
                case "REJECT" -> decided = Optional.of("reject");
                case "RETURN", "LOG" -> { }
                default -> jump = Optional.of(name);
            }
        }
        String matchers = rule.replaceFirst("^-A \\S+", "").replaceAll("-[jg] \\S+.*$", "").strip();
        return new Rule(ports, decided, jump, matchers.isEmpty());
    }

    /** {@code 22}, {@code 8000-8100}, {@code 8000:8100}, {@code { 80, 443 }}, {@code 80,443}. */
    static boolean covers(String ports, int port) {
        for (String item : ports.replaceAll("[{}]", "").split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            String[] range = item.split("[-:]");
            try {
                int low = Integer.parseInt(range[0]);
                int high = range.length > 1 ? Integer.parseInt(range[1]) : low;
                if (port >= low && port <= high) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // a service name or a named set: not read here
            }
        }
        return false;
    }

    static boolean isDrop(String policy) {
        return policy.equals("drop") || policy.equals("reject");
    }
}
