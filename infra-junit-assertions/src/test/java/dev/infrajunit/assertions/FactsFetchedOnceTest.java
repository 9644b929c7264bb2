package dev.infrajunit.assertions;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;

import dev.infrajunit.Command;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RecordingHost;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Counts the commands really sent: facts asked for by many checks are fetched once per host and run. */
class FactsFetchedOnceTest {

    @Test
    void packagesSocketsOsMountsAndKernelOncePerHost() throws Exception {
        try (LocalHosts hosts = new LocalHosts("web-1", "web-2");
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            RecordingHost web1 = new RecordingHost(hosts.host("web-1"));
            RecordingHost web2 = new RecordingHost(hosts.host("web-2"));
            for (RecordingHost host : List.of(web1, web2)) {
                for (int check = 0; check < 3; check++) {
                    assertThat(host).pkg("dpkg").isInstalled();
                    assertThat(host).pkg("no-such-package-here").isNotInstalled();
                    assertThat(host).port(port).isListening().on("127.0.0.1");
                    assertThat(host).isListeningOn(port);
                    assertThat(host).os().hasFamily("debian");
                    assertThat(host).mount("/proc").hasType("proc");
                    assertThat(host).kernel().hasName("Linux");
                }
            }
            for (RecordingHost host : List.of(web1, web2)) {
                Assertions.assertThat(host.commands()).extracting(Command::template).hasSize(5).containsExactlyInAnyOrder(
                        "if command -v dpkg-query >/dev/null 2>&1; then echo dpkg; dpkg-query -W -f='${Package}\\t${Version}\\t${db:Status-Abbrev}\\n';"
                                + " elif command -v rpm >/dev/null 2>&1; then echo rpm; rpm -qa --qf '%{NAME}\\t%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\\tii\\n';"
                                + " elif command -v apk >/dev/null 2>&1; then echo apk; apk info -v; else echo none; fi",
                        "ss -ltun",
                        "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release",
                        "cat /proc/mounts",
                        "uname -srm");
            }
        }
    }

    @Test
    void aNewRunFetchesAgain() {
        for (int run = 0; run < 2; run++) {
            try (LocalHosts hosts = new LocalHosts("web-1")) {
                RecordingHost web = new RecordingHost(hosts.host("web-1"));
                assertThat(web).os().hasFamily("debian");
                assertThat(web).os().hasFamily("debian");
                Assertions.assertThat(web.commands()).hasSize(1);
            }
        }
    }
}
