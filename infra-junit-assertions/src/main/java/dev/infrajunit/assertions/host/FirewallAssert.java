package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldAllow.shouldAllowInbound;
import static dev.infrajunit.assertions.error.ShouldAllow.shouldBlockInbound;
import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldContain.shouldContain;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.FirewallRules;
import dev.infrajunit.assertions.facts.FirewallRules.Chain;
import dev.infrajunit.assertions.facts.FirewallRules.Decision;
import dev.infrajunit.assertions.facts.FirewallRules.Ruleset;
import dev.infrajunit.assertions.host.Subjects.HostFirewall;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The host firewall, nftables or iptables, as its rules say (read once per run):
 * {@code assertThat(host).firewall().isEnabled().hasInputPolicy("drop").allowsInbound(443).blocksInbound(5432)}.
 * The rules are read, not probed: see {@link dev.infrajunit.assertions.facts.FirewallRules} for how
 * a port is decided, and use {@code reaches}/{@code doesNotReach} from another host to probe.
 */
public class FirewallAssert extends HostSubjectAssert<FirewallAssert, HostFirewall> {

    public FirewallAssert(HostFirewall firewall) {
        super(firewall, FirewallAssert.class);
    }

    /** Some rule is loaded that filters incoming traffic: an input chain that drops by policy or by a rule. */
    public FirewallAssert isEnabled() {
        Ruleset rules = rules();
        boolean filters = rules.inputChains().stream().anyMatch(chain -> !chain.policy().equals("accept")
                || chain.rules().stream().anyMatch(rule -> rule.matches(".*\\b(drop|reject|DROP|REJECT)\\b.*")));
        if (!filters) {
            String found = rules.isEmpty() ? rules.tool() + " has no rules" : "no input chain drops or rejects anything";
            throw fail(shouldBe(hostName(), subject(), "enabled", found, rules.source()));
        }
        return this;
    }

    /** Every input chain has this policy: {@code drop} (or {@code accept}). */
    public FirewallAssert hasInputPolicy(String policy) {
        Ruleset rules = rules();
        String wanted = policy.toLowerCase(Locale.ROOT);
        List<Chain> input = rules.inputChains();
        if (input.isEmpty() || input.stream().anyMatch(chain -> !chain.policy().equals(wanted))) {
            String found = input.isEmpty() ? "no input chain"
                    : input.stream().map(c -> c.name() + " " + c.policy()).collect(Collectors.joining(", "));
            throw fail(shouldHave(hostName(), subject(), "input policy", wanted, found, rules.source()));
        }
        return this;
    }

    /** New TCP connections to the port get in. */
    public FirewallAssert allowsInbound(int port) {
        Decision decision = rules().inboundTcp(port);
        if (!decision.accepted()) {
            throw fail(shouldAllowInbound(hostName(), port, decision.why(), rules().source()));
        }
        return this;
    }

    /** New TCP connections to the port are dropped or rejected. */
    public FirewallAssert blocksInbound(int port) {
        Decision decision = rules().inboundTcp(port);
        if (decision.accepted()) {
            throw fail(shouldBlockInbound(hostName(), port, decision.why(), rules().source()));
        }
        return this;
    }

    /** Some rule contains this text as the tool prints it: {@code hasRule("tcp dport 22 accept")}. */
    public FirewallAssert hasRule(String text) {
        if (!rules().hasRule(text)) {
            throw fail(shouldContain(hostName(), subject(), text, rules().source()));
        }
        return this;
    }

    private Ruleset rules() {
        return FirewallRules.of(host());
    }
}
