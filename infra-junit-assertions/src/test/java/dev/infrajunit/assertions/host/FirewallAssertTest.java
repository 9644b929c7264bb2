package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NamespacedHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firewall rules loaded for real, with Debian's nft and iptables, into network namespaces the tests
 * create, then read back by the checks as a host's would be.
 */
class FirewallAssertTest {

    private static final String NFT = """
            table inet filter {
              chain input {
                type filter hook input priority filter; policy drop;
                ct state established,related accept
                iif "lo" accept
                tcp dport 22 accept
                tcp dport { 80, 443 } accept
                tcp dport 8000-8100 counter drop
                jump services
              }
              chain services {
                ip saddr 10.0.0.0/8 tcp dport 5432 accept
              }
            }
            """;
    private static final String IPTABLES = """
            *filter
            :INPUT DROP [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :app-input - [0:0]
            -A INPUT -i lo -j ACCEPT
            -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
            -A INPUT -j app-input
            -A app-input -p tcp -m multiport --dports 80,443 -j ACCEPT
            -A app-input -p tcp -m tcp --dport 9000:9100 -j REJECT --reject-with icmp-port-unreachable
            COMMIT
            """;

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("web-1");

    @TempDir
    Path directory;

    private Host with(String setup, boolean asNobody) {
        return NamespacedHost.inNetworkNamespace(hosts.host("web-1"), setup, asNobody);
    }

    private Host nftables() throws IOException {
        Path rules = Files.writeString(directory.resolve("rules.nft"), NFT);
        return with(Command.of("nft -f {0}", rules.toString()).line(), false);
    }

    private Host iptables() throws IOException {
        Path rules = Files.writeString(directory.resolve("rules.v4"), IPTABLES);
        return with(Command.of("iptables-restore {0}", rules.toString()).line(), false);
    }

    @Test
    void nftablesRulesDecidePortsInOrderThroughJumps() throws IOException {
        Host web = nftables();
        assertThatCode(() -> assertThat(web).firewall().isEnabled().hasInputPolicy("drop").allowsInbound(22)
                .allowsInbound(443).allowsInbound(5432).blocksInbound(8080).blocksInbound(3306)
                .hasRule("tcp dport { 80, 443 } accept")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(web).firewall().allowsInbound(8080))
                .isInstanceOf(AssertionError.class)
                .hasMessage("web-1: expected the firewall to let in TCP port 8080, but chain input has the rule:"
                        + " tcp dport 8000-8100 counter packets 0 bytes 0 drop (nft list ruleset)");
        assertThatThrownBy(() -> assertThat(web).firewall().allowsInbound(3306))
                .hasMessage("web-1: expected the firewall to let in TCP port 3306, but chain input has policy drop"
                        + " (nft list ruleset)");
        assertThatThrownBy(() -> assertThat(web).firewall().blocksInbound(5432))
                .hasMessage("web-1: expected the firewall to block TCP port 5432, but chain services has the rule:"
                        + " ip saddr 10.0.0.0/8 tcp dport 5432 accept (nft list ruleset)");
    }

    @Test
    void iptablesRulesWhenIptablesManagesTheTables() throws IOException {
        Host web = iptables();
        assertThatCode(() -> assertThat(web).firewall().isEnabled().hasInputPolicy("DROP").allowsInbound(22)
                .allowsInbound(80).blocksInbound(9050).blocksInbound(5432)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(web).firewall().allowsInbound(9050))
                .hasMessage("web-1: expected the firewall to let in TCP port 9050, but chain app-input has the rule:"
                        + " -A app-input -p tcp -m tcp --dport 9000:9100 -j REJECT --reject-with icmp-port-unreachable"
                        + " (iptables-save)");
    }

    @Test
    void noRulesAtAll() {
        Host open = with("true", false);
        assertThatCode(() -> assertThat(open).firewall().allowsInbound(5432)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(open).firewall().isEnabled())
                .hasMessage("web-1: expected the firewall to be enabled, but nftables has no rules (nft list ruleset)");
        assertThatThrownBy(() -> assertThat(open).firewall().hasInputPolicy("drop"))
                .hasMessage("web-1: expected the firewall to have input policy drop, but it has no input chain"
                        + " (nft list ruleset)");
    }

    @Test
    void withoutRootTheRulesCannotBeRead() throws IOException {
        Path rules = Files.writeString(directory.resolve("rules.nft"), NFT);
        Host nobody = with(Command.of("nft -f {0}", rules.toString()).line(), true);
        assertThatThrownBy(() -> assertThat(nobody).firewall().allowsInbound(22))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-1: cannot check the firewall: reading the rules failed: ")
                .hasMessageEndingWith("; the rules are readable by root only: give the check root (sudo: true for the host)");
    }
}
