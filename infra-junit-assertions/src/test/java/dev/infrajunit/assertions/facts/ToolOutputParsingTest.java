package dev.infrajunit.assertions.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.CommandResult;
import dev.infrajunit.assertions.facts.InstalledPackages.PackageEntry;
import dev.infrajunit.assertions.facts.ListeningSockets.Listener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Output of tools this machine lacks or cannot run for real (rpm, apk, systemd not being PID 1,
 * OpenRC, BusyBox), in the formats those tools print, next to samples recorded on this machine
 * (dpkg-query, ss, /proc/net, /proc/*&#47;status, df, wget).
 */
class ToolOutputParsingTest {

    @Test
    void dpkgQuery() {
        // recorded here: dpkg-query -W -f='${Package}\t${Version}\t${db:Status-Abbrev}\n'; the rc line as dpkg writes one
        InstalledPackages packages = InstalledPackages.parse("dpkg", String.join("\n",
                "dpkg\t1.21.22\tii ",
                "libc6\t2.36-9+deb12u14\tii ",
                "openssl\t3.0.19-1~deb12u2\tii ",
                "apache2\t2.4.62-1~deb12u2\trc ",
                "libssl3:i386\t3.0.19-1~deb12u2\tii "));
        assertThat(packages.installed("openssl")).map(PackageEntry::version).contains("3.0.19-1~deb12u2");
        assertThat(packages.installed("apache2")).isEmpty();
        assertThat(packages.listed("apache2")).map(PackageEntry::statusDescription)
                .contains("removed, its configuration files left behind (dpkg status rc)");
        assertThat(packages.source()).isEqualTo("dpkg-query -W");
        assertThat(packages.scheme().compare("3.0.19-1~deb12u2", "3.0.19-1")).isNegative();
    }

    @Test
    void rpmQueryWithAndWithoutEpoch() {
        // rpm -qa --qf '%{NAME}\t%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\tii\n' on Rocky Linux 9
        InstalledPackages packages = InstalledPackages.parse("rpm", String.join("\n",
                "openssh-server\t8.7p1-38.el9\tii",
                "openssl\t1:3.0.7-27.el9\tii",
                "gpg-pubkey\t8483c65d-5ccc5b19\tii"));
        assertThat(packages.installed("openssl")).map(PackageEntry::version).contains("1:3.0.7-27.el9");
        assertThat(packages.scheme().compare("1:3.0.7-27.el9", "3.1")).isPositive();
        assertThat(packages.scheme().compare("8.7p1-38.el9", "8.7p1")).isZero();
        assertThat(packages.source()).isEqualTo("rpm -qa");
    }

    @Test
    void apkInfo() {
        // apk info -v on Alpine 3.19
        InstalledPackages packages = InstalledPackages.parse("apk", String.join("\n",
                "alpine-baselayout-3.4.3-r2",
                "apk-tools-2.14.0-r5",
                "busybox-1.36.1-r15",
                "ca-certificates-bundle-20230506-r0",
                "musl-1.2.4_git20230717-r4",
                "openssh-server-9.6_p1-r0",
                "py3-setuptools-68.2.2-r0"));
        assertThat(packages.installed("openssh-server")).map(PackageEntry::version).contains("9.6_p1-r0");
        assertThat(packages.installed("py3-setuptools")).map(PackageEntry::version).contains("68.2.2-r0");
        assertThat(packages.installed("alpine-baselayout")).map(PackageEntry::version).contains("3.4.3-r2");
        assertThat(packages.scheme().compare("9.6_p1-r0", "9.6")).isPositive();
    }

    @Test
    void aPackageIsFoundByItsWholeNameOnly() {
        InstalledPackages dpkg = InstalledPackages.parse("dpkg", String.join("\n",
                "openssl-provider-legacy\t3.0.19-1\tii ",
                "libopenssl\t1.0\tii ",
                "libssl3:i386\t3.0.19-1~deb12u2\tii ",
                "libc6\t2.36-9\trc ",
                "libc6\t2.36-9+deb12u14\tii ",
                "zlib1g\t1:1.2.13\tun ",
                "zlib1g\t1:1.2.13.dfsg-1\trc "));
        assertThat(dpkg.listed("openssl")).isEmpty();
        assertThat(dpkg.listed("openssl-provider")).isEmpty();
        assertThat(dpkg.installed("libssl3:i386")).map(PackageEntry::version).contains("3.0.19-1~deb12u2");
        // several architectures of one package: an installed one wins, else the last listed
        assertThat(dpkg.installed("libc6")).map(PackageEntry::version).contains("2.36-9+deb12u14");
        assertThat(dpkg.listed("zlib1g")).map(PackageEntry::status).contains("rc");

        InstalledPackages apk = InstalledPackages.parse("apk", String.join("\n",
                "py3-setuptools-pyc-68.2.2-r0",
                "py3-setuptools-68.2.2-r0"));
        assertThat(apk.installed("py3-setuptools")).map(PackageEntry::version).contains("68.2.2-r0");
        assertThat(apk.installed("py3-setuptools-pyc")).map(PackageEntry::version).contains("68.2.2-r0");
        assertThat(apk.listed("py3")).isEmpty();
    }

    @Test
    void aListingWithoutASinglePackageLineListsNoPackage() {
        assertThat(InstalledPackages.parse("dpkg", "").listsAny()).isFalse();
        assertThat(InstalledPackages.parse("dpkg", "dpkg-query: error: cannot open status file\n").listsAny()).isFalse();
        assertThat(InstalledPackages.parse("apk", "WARNING: opening /lib/apk/db: No such file").listsAny()).isFalse();
        assertThat(InstalledPackages.parse("rpm", "bash\t5.1.8-9.el9\tii").listsAny()).isTrue();
    }

    @Test
    void systemctlShow() {
        // systemctl show -p LoadState -p ActiveState -p SubState -p UnitFileState -- ssh
        ServiceFacts.ServiceState running = ServiceFacts.fromSystemd("ssh", ServiceFacts.parseSystemdShow(List.of(
                "LoadState=loaded", "ActiveState=active", "SubState=running", "UnitFileState=enabled")));
        assertThat(running.running()).isTrue();
        assertThat(running.enabled()).contains(true);
        assertThat(running.state()).isEqualTo("active (running)");
        assertThat(running.source()).isEqualTo("systemctl show ssh");

        ServiceFacts.ServiceState stopped = ServiceFacts.fromSystemd("nginx", ServiceFacts.parseSystemdShow(List.of(
                "LoadState=loaded", "ActiveState=inactive", "SubState=dead", "UnitFileState=disabled")));
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.state()).isEqualTo("inactive (dead)");
        assertThat(stopped.enabledState()).isEqualTo("disabled");
        assertThat(stopped.enabled()).contains(false);

        ServiceFacts.ServiceState masked = ServiceFacts.fromSystemd("telnet", ServiceFacts.parseSystemdShow(List.of(
                "LoadState=masked", "ActiveState=inactive", "SubState=dead", "UnitFileState=masked")));
        assertThat(masked.enabled()).contains(false);

        ServiceFacts.ServiceState missing = ServiceFacts.fromSystemd("nope", ServiceFacts.parseSystemdShow(List.of(
                "LoadState=not-found", "ActiveState=inactive", "SubState=dead", "UnitFileState=")));
        assertThat(missing.known()).isFalse();
        assertThat(missing.state()).isEqualTo("not found (LoadState=not-found)");

        ServiceFacts.ServiceState isStatic = ServiceFacts.fromSystemd("systemd-journald", ServiceFacts.parseSystemdShow(List.of(
                "LoadState=loaded", "ActiveState=active", "SubState=running", "UnitFileState=static")));
        assertThat(isStatic.enabled()).contains(true);
    }

    @Test
    void openRc() {
        assertThat(ServiceFacts.parseOpenRcStatus(List.of("exists", " * status: started"))).isEqualTo("started");
        assertThat(ServiceFacts.parseOpenRcStatus(List.of("exists", " * status: stopped"))).isEqualTo("stopped");
        Map<String, List<String>> runlevels = ServiceFacts.parseOpenRcRunlevels(List.of(
                "                acpid |",
                "             bootmisc | boot",
                "                crond |      default",
                "             hostname | boot",
                "                 sshd |      default",
                "              sysfs | sysinit"));
        assertThat(runlevels).containsEntry("sshd", List.of("default")).containsEntry("acpid", List.of());
    }

    @Test
    void sysvStartLinks() {
        // recorded here: ls /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d
        List<String> listing = List.of("/etc/rc2.d:", "S01dbus", "S01postgresql", "", "/etc/rc3.d:", "S01dbus", "S01postgresql");
        assertThat(ServiceFacts.sysvStartLinks(listing, "postgresql")).isTrue();
        assertThat(ServiceFacts.sysvStartLinks(listing, "postgres")).isFalse();
        assertThat(ServiceFacts.sysvStartLinks(List.of("K01nginx"), "nginx")).isFalse();
    }

    @Test
    void aLinesFirstFieldsAreCutAtAnyRunOfWhitespace() {
        assertThat(ListeningSockets.firstFields("  tcp   LISTEN 0\t128   0.0.0.0:22  0.0.0.0:*  ", 5))
                .containsExactly("tcp", "LISTEN", "0", "128", "0.0.0.0:22");
        assertThat(ListeningSockets.firstFields("udp UNCONN", 5)).containsExactly("udp", "UNCONN");
        assertThat(ListeningSockets.firstFields("   ", 5)).isEmpty();
    }

    @Test
    void ssRecordedHere() {
        ListeningSockets sockets = ListeningSockets.parseSs(List.of(
                "Netid State  Recv-Q Send-Q      Local Address:Port  Peer Address:PortProcess",
                "tcp   LISTEN 0      128               0.0.0.0:2024       0.0.0.0:*          ",
                "tcp   LISTEN 0      1      [::ffff:127.0.0.1]:36079            *:*          ",
                "udp   UNCONN 0      0           127.0.0.53%lo:53         0.0.0.0:*",
                "tcp   LISTEN 0      4096                 [::]:22            [::]:*",
                "tcp   LISTEN 0      511                     *:80               *:*",
                "tcp   LISTEN 0      128    [fe80::1%eth0]:8080            [::]:*"));
        assertThat(sockets.listeners()).containsExactly(
                new Listener("tcp", "0.0.0.0", 2024),
                new Listener("tcp", "127.0.0.1", 36079),
                new Listener("udp", "127.0.0.53", 53),
                new Listener("tcp", "::", 22),
                new Listener("tcp", "*", 80),
                new Listener("tcp", "fe80::1", 8080));
        assertThat(sockets.on("tcp", 22).get(0).accepts("::1")).isTrue();
        assertThat(sockets.on("tcp", 22).get(0).accepts("10.0.0.1")).isFalse();
        assertThat(sockets.on("tcp", 2024).get(0).accepts("10.0.0.1")).isTrue();
        assertThat(sockets.on("tcp", 80).get(0).accepts("::1")).isTrue();
    }

    @Test
    void procNetRecordedHere() {
        ListeningSockets sockets = ListeningSockets.parseProc(List.of(
                "# tcp",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0",
                "   1: 0100007F:0016 0200007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 12346 1 0000000000000000 20 4 30 10 -1",
                "# tcp6",
                "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0000000000000000FFFF00000100007F:8CEF 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81523 1 0000000021c7fd6e 100 0 0 10 0",
                "   1: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81524 1 0000000021c7fd6e 100 0 0 10 0",
                "   2: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81525 1 0000000021c7fd6e 100 0 0 10 0",
                "# udp",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  512: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 1234 2 0000000000000000 0"));
        assertThat(sockets.listeners()).containsExactly(
                new Listener("tcp", "0.0.0.0", 2024),
                new Listener("tcp", "127.0.0.1", 36079),
                new Listener("tcp", "::", 22),
                new Listener("tcp", "::1", 8080),
                new Listener("udp", "127.0.0.53", 53));
    }

    @Test
    void procStatusRecordedHere() {
        List<Processes.ProcessEntry> processes = Processes.parse(List.of(
                "/proc/1/status:Name:\tprocess_api",
                "/proc/1/status:Uid:\t0\t0\t0\t0",
                "/proc/733/status:Name:\tpostgres",
                "/proc/733/status:Uid:\t105\t105\t105\t105",
                "/proc/900/status:Name:\tvanished"));
        assertThat(processes).containsExactly(new Processes.ProcessEntry(1, "process_api", 0),
                new Processes.ProcessEntry(733, "postgres", 105));
        assertThat(Processes.nameMatches("systemd-journal", "systemd-journald")).isTrue();
        assertThat(Processes.nameMatches("systemd-journal", "systemd-journal-remote")).isTrue();
        assertThat(Processes.nameMatches("sshd", "ssh")).isFalse();
    }

    @Test
    void statFromGnuAndBusyBox() {
        FileFacts.Attributes gnu = FileFacts.parse("regular empty file|600|root|root|0|1764500000");
        assertThat(gnu.type()).isEqualTo("regular file");
        assertThat(gnu.modeBits()).isEqualTo(0600);
        assertThat(gnu.modified()).isEqualTo(Instant.ofEpochSecond(1764500000));
        FileFacts.Attributes busybox = FileFacts.parse("character device|666|root|root|0|1700000000");
        assertThat(busybox.type()).isEqualTo("character special file");
        FileFacts.FileStat link = new FileFacts.FileStat("/etc/localtime", "stat of /etc/localtime", Optional.of("symbolic link"),
                Optional.of(FileFacts.parse("regular file|644|root|root|114|1700000000")), Instant.EPOCH);
        assertThat(link.describe()).isEqualTo("a symbolic link to a regular file");
    }

    @Test
    void dfFromGnuAndBusyBox() {
        assertThat(Mounts.parseDfCapacity(List.of(
                "Filesystem     1024-blocks     Used Available Capacity Mounted on",
                "/dev/vda         264212084 22776636  83614276      22% /"))).hasValue(22);
        assertThat(Mounts.parseDfCapacity(List.of(
                "Filesystem           1024-blocks    Used Available Capacity Mounted on",
                "overlay                 61255492  9379920  48734236  16% /"))).hasValue(16);
    }

    @Test
    void mountsWithEscapedSpaces() {
        List<Mounts.MountEntry> mounts = Mounts.parse(List.of(
                "/dev/sdb1 /mnt/backup\\040disk ext4 rw,nosuid,nodev,noexec,relatime 0 0",
                "tmpfs /run tmpfs rw,nosuid,nodev,size=2468408k,mode=755 0 0"));
        assertThat(mounts.get(0).mountPoint()).isEqualTo("/mnt/backup disk");
        assertThat(mounts.get(0).options()).contains("noexec", "nodev");
    }

    @Test
    void memInfoWithAndWithoutMemAvailable() {
        assertThat(Memory.parse(List.of("MemTotal:       24684084 kB", "MemFree:        24371116 kB", "MemAvailable:   24358928 kB")))
                .isEqualTo(new Memory.MemInfo(24684084L * 1024, 24358928L * 1024));
        // kernels before 3.14
        assertThat(Memory.parse(List.of("MemTotal:        1000 kB", "MemFree:          100 kB", "Buffers:           20 kB",
                "Cached:            30 kB"))).isEqualTo(new Memory.MemInfo(1000L * 1024, 150L * 1024));
    }

    @Test
    void osReleaseOfSeveralDistributions() {
        OsRelease ubuntu = OsRelease.parse(List.of("PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"", "NAME=\"Ubuntu\"", "VERSION_ID=\"22.04\"",
                "VERSION=\"22.04.4 LTS (Jammy Jellyfish)\"", "VERSION_CODENAME=jammy", "ID=ubuntu", "ID_LIKE=debian"));
        assertThat(ubuntu.family()).containsExactly("ubuntu", "debian");
        assertThat(ubuntu.get("VERSION_ID")).isEqualTo("22.04");
        OsRelease rocky = OsRelease.parse(List.of("NAME=\"Rocky Linux\"", "VERSION=\"9.3 (Blue Onyx)\"", "ID=\"rocky\"",
                "ID_LIKE=\"rhel centos fedora\"", "VERSION_ID=\"9.3\"", "PLATFORM_ID=\"platform:el9\""));
        assertThat(rocky.family()).containsExactly("rocky", "rhel", "centos", "fedora");
        OsRelease alpine = OsRelease.parse(List.of("NAME=\"Alpine Linux\"", "ID=alpine", "VERSION_ID=3.19.1",
                "PRETTY_NAME=\"Alpine Linux v3.19\"", "HOME_URL=\"https://alpinelinux.org/\""));
        assertThat(alpine.family()).containsExactly("alpine");
        assertThat(OsRelease.parse(List.of("NAME='Quoted \"name\"'")).get("NAME")).isEqualTo("Quoted \"name\"");
    }

    @Test
    void kernelFromUname() {
        assertThat(Kernel.parse("Linux 6.1.0-18-amd64 x86_64\n")).isEqualTo(new Kernel("Linux", "6.1.0-18-amd64", "x86_64"));
    }

    @Test
    void wgetHeadersRecordedHere() {
        CommandResult notFound = new CommandResult("web-1", "wget", 8, "", "  HTTP/1.0 404 File not found\n  Server: SimpleHTTP/0.6"
                + " Python/3.11.7\n  Date: Mon, 30 Nov 2026 11:28:27 GMT\n", Duration.ZERO);
        assertThat(HttpProbe.parseWget(notFound, "wget").status()).hasValue(404);
        CommandResult redirected = new CommandResult("web-1", "wget", 0, "ok", "  HTTP/1.1 301 Moved Permanently\n  Location: /x\n"
                + "  HTTP/1.1 200 OK\n", Duration.ZERO);
        assertThat(HttpProbe.parseWget(redirected, "wget").status()).hasValue(301);
    }

    @Test
    void curlBodyAndStatus() {
        HttpProbe.Response ok = HttpProbe.parseCurl(new CommandResult("h", "curl", 0, "{\"status\":\"UP\"}\n200", "", Duration.ZERO), "curl");
        assertThat(ok.status()).hasValue(200);
        assertThat(ok.body()).isEqualTo("{\"status\":\"UP\"}");
        HttpProbe.Response refused = HttpProbe.parseCurl(new CommandResult("h", "curl", 7, "\n000",
                "curl: (7) Failed to connect to 10.0.0.9 port 80 after 3 ms: Couldn't connect to server\n", Duration.ZERO), "curl");
        assertThat(refused.status()).isEmpty();
        assertThat(refused.failure()).isEqualTo("curl: (7) Failed to connect to 10.0.0.9 port 80: Couldn't connect to server");
    }

    @Test
    void getentAhostsOfGlibcAndGetentHostsOfMusl() {
        // getent ahosts localhost on Debian 12 (glibc): one line per address and socket type
        assertThat(NameResolution.parse(List.of(
                "::1             STREAM localhost",
                "::1             DGRAM  ",
                "::1             RAW    ",
                "127.0.0.1       STREAM ",
                "127.0.0.1       DGRAM  ",
                "127.0.0.1       RAW    "))).containsExactly("::1", "127.0.0.1");
        // getent hosts db.internal on Alpine 3.19 (musl-utils has no ahosts database)
        assertThat(NameResolution.parse(List.of("10.0.1.11         db.internal  db"))).containsExactly("10.0.1.11");
    }

    @Test
    void howAConnectionAttemptEnded() {
        // bash 5.2 on Debian 12 and bash 5.1 on Rocky Linux 9
        assertThat(TcpConnect.interpret(1, "bash: connect: Connection refused\n"
                + "bash: line 1: /dev/tcp/10.0.1.11/5432: Connection refused\n", "10.0.1.11", 5).finding())
                .isEqualTo("the connection was refused");
        assertThat(TcpConnect.interpret(1, "bash: line 1: db.internal: Name or service not known\n"
                + "bash: line 1: /dev/tcp/db.internal/5432: Invalid argument\n", "db.internal", 5).finding())
                .isEqualTo("db.internal does not resolve");
        assertThat(TcpConnect.interpret(1, "bash: connect: No route to host\n", "10.0.9.9", 5).finding())
                .isEqualTo("there is no route to 10.0.9.9");
        assertThat(TcpConnect.interpret(124, "", "10.0.1.11", 5).finding())
                .isEqualTo("the connection timed out after 5s");
        // BusyBox nc -z on Alpine says nothing about a refused connection, and this about a name
        assertThat(TcpConnect.interpret(1, "", "10.0.1.11", 5).finding()).isEqualTo("the connection failed");
        assertThat(TcpConnect.interpret(1, "nc: bad address 'db.internal'\n", "db.internal", 5).finding())
                .isEqualTo("db.internal does not resolve");
        assertThat(TcpConnect.interpret(0, "", "10.0.1.11", 5).reached()).isTrue();
    }

    @Test
    void crontabsOfTheRhelFamilyAndAlpine() {
        CronTables.CronTable table = CronTables.parse(List.of(
                // Rocky Linux 9: users' crontabs straight under /var/spool/cron, /etc/crontab with only comments
                "==> /etc/crontab",
                "SHELL=/bin/bash",
                "PATH=/sbin:/bin:/usr/sbin:/usr/bin",
                "# *  *  *  *  * user-name  command to be executed",
                "==> /var/spool/cron/postgres",
                "0 2 * * * pg_dumpall -f /var/lib/pgsql/backups/all.sql",
                // Alpine 3.19: BusyBox crond reads /etc/crontabs/USER
                "==> /etc/crontabs/root",
                "# min\thour\tday\tmonth\tweekday\tcommand",
                "*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min",
                "0\t2\t*\t*\t*\trun-parts /etc/periodic/daily",
                "==! /var/spool/cron/crontabs",
                "==@ weekly /etc/cron.weekly/man-db"));
        assertThat(table.running("pg_dumpall")).singleElement()
                .isEqualTo(new CronTables.CronEntry("0 2 * * *", "postgres", "pg_dumpall -f /var/lib/pgsql/backups/all.sql",
                        "/var/spool/cron/postgres:1"));
        assertThat(table.running("/etc/periodic/daily")).singleElement()
                .isEqualTo(new CronTables.CronEntry("0 2 * * *", "root", "run-parts /etc/periodic/daily", "/etc/crontabs/root:3"));
        assertThat(table.running("man-db")).singleElement().extracting(CronTables.CronEntry::schedule).isEqualTo("@weekly");
        assertThat(table.entries()).hasSize(4);
        assertThat(table.unreadable()).containsExactly("/var/spool/cron/crontabs");
    }

    @Test
    void systemdTimestamps() {
        // systemctl show --timestamp=unix (systemd 248+), and the default format of systemd 239 (RHEL 8)
        assertThat(SystemdTimers.parseTimestamp("@1764644401")).contains(Instant.parse("2025-12-02T03:00:01Z"));
        assertThat(SystemdTimers.parseTimestamp("Tue 2025-12-02 03:00:01 UTC")).contains(Instant.parse("2025-12-02T03:00:01Z"));
        assertThat(SystemdTimers.parseTimestamp("Tue 2025-12-02 04:00:01 CET")).contains(Instant.parse("2025-12-02T03:00:01Z"));
        assertThat(SystemdTimers.parseTimestamp("n/a")).isEmpty();
        assertThat(SystemdTimers.parseTimestamp("")).isEmpty();
        assertThat(SystemdTimers.parseTimestamp("0")).isEmpty();
    }

    @Test
    void firewalldRulesetOfTheRhelFamily() {
        // nft list ruleset on Rocky Linux 9 with firewalld 1.3 (zone public, services ssh and https), abridged
        FirewallRules.Ruleset rules = new FirewallRules.Ruleset("nftables", FirewallRules.parseNft(String.join("\n",
                "table inet firewalld {",
                "\tchain filter_INPUT {",
                "\t\ttype filter hook input priority filter + 10; policy accept;",
                "\t\tct state { established, related } accept",
                "\t\tct status dnat accept",
                "\t\tiifname \"lo\" accept",
                "\t\tct state invalid drop",
                "\t\tjump filter_INPUT_ZONES",
                "\t\treject with icmpx admin-prohibited",
                "\t}",
                "\tchain filter_INPUT_ZONES {",
                "\t\tiifname \"eth0\" goto filter_IN_public",
                "\t\tgoto filter_IN_public",
                "\t}",
                "\tchain filter_IN_public {",
                "\t\tjump filter_IN_public_allow",
                "\t}",
                "\tchain filter_IN_public_allow {",
                "\t\ttcp dport 22 ct state { new, untracked } accept",
                "\t\ttcp dport 443 ct state { new, untracked } accept",
                "\t}",
                "}")), "nft list ruleset");
        assertThat(rules.inboundTcp(22).accepted()).isTrue();
        assertThat(rules.inboundTcp(443).why()).isEqualTo("chain filter_IN_public_allow has the rule:"
                + " tcp dport 443 ct state { new, untracked } accept");
        assertThat(rules.inboundTcp(5432)).isEqualTo(new FirewallRules.Decision(false,
                "chain filter_INPUT has the rule: reject with icmpx admin-prohibited"));
    }

    @Test
    void ufwRulesAsIptablesSavePrintsThem() {
        // iptables-save on Ubuntu 22.04 with ufw (allow 22/tcp), abridged
        FirewallRules.Ruleset rules = new FirewallRules.Ruleset("iptables", FirewallRules.parseIptables(String.join("\n",
                "*filter",
                ":INPUT DROP [0:0]",
                ":ufw-before-input - [0:0]",
                ":ufw-user-input - [0:0]",
                "-A INPUT -j ufw-before-input",
                "-A ufw-before-input -i lo -j ACCEPT",
                "-A ufw-before-input -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A ufw-before-input -j ufw-user-input",
                "-A ufw-user-input -p tcp --dport 22 -j ACCEPT",
                "COMMIT")), "iptables-save");
        assertThat(rules.inboundTcp(22).accepted()).isTrue();
        assertThat(rules.inboundTcp(80)).isEqualTo(new FirewallRules.Decision(false, "chain INPUT has policy drop"));
    }

    @Test
    void ipAddrAndRouteOfIproute2AndBusyBox() {
        // ip addr show dev eth0 on Rocky Linux 9 (iproute2 6.2)
        NetworkConfig.Interface eth0 = NetworkConfig.parseInterface(List.of(
                "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000",
                "    link/ether 0a:1b:2c:3d:4e:5f brd ff:ff:ff:ff:ff:ff",
                "    altname enp0s5",
                "    inet 10.0.1.11/24 brd 10.0.1.255 scope global dynamic noprefixroute eth0",
                "       valid_lft 3012sec preferred_lft 3012sec",
                "    inet6 fe80::81b:2cff:fe3d:4e5f/64 scope link noprefixroute ",
                "       valid_lft forever preferred_lft forever"));
        assertThat(eth0).isEqualTo(new NetworkConfig.Interface("eth0", true,
                List.of("10.0.1.11/24", "fe80::81b:2cff:fe3d:4e5f/64")));
        // BusyBox ip on Alpine 3.19, an interface inside a container (name@peer)
        NetworkConfig.Interface veth = NetworkConfig.parseInterface(List.of(
                "17: eth0@if18: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ",
                "    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff",
                "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0",
                "       valid_lft forever preferred_lft forever"));
        assertThat(veth).isEqualTo(new NetworkConfig.Interface("eth0", true, List.of("172.17.0.2/16")));
        // ip route show default: iproute2 with DHCP, and BusyBox
        assertThat(NetworkConfig.parseDefault(List.of("default via 10.0.1.1 dev eth0 proto dhcp src 10.0.1.11 metric 100")))
                .get().satisfies(route -> {
                    assertThat(route.via()).contains("10.0.1.1");
                    assertThat(route.device()).contains("eth0");
                });
        assertThat(NetworkConfig.parseDefault(List.of("default via 172.17.0.1 dev eth0 "))).get()
                .extracting(NetworkConfig.DefaultRoute::via).isEqualTo(Optional.of("172.17.0.1"));
        assertThat(NetworkConfig.parseDefault(List.of())).isEmpty();
    }

    @Test
    void chronyTrackingAndZoneLinks() {
        // chronyc tracking on Rocky Linux 9, synchronized and not
        assertThat(SystemSettings.chronyStatus(List.of("Reference ID    : A9FEA97B (169.254.169.123)", "Stratum         : 4",
                "Leap status     : Normal"))).isEqualTo("synchronized");
        assertThat(SystemSettings.chronyStatus(List.of("Reference ID    : 00000000 ()", "Stratum         : 0",
                "Leap status     : Not synchronised"))).isEqualTo("not synchronized (Not synchronised)");
        // readlink /etc/localtime: absolute on Debian and Alpine, relative on the RHEL family
        assertThat(SystemSettings.zoneOf("/usr/share/zoneinfo/Europe/Berlin")).isEqualTo("Europe/Berlin");
        assertThat(SystemSettings.zoneOf("../usr/share/zoneinfo/America/New_York")).isEqualTo("America/New_York");
        assertThat(SystemSettings.sameZone("Etc/UTC", "UTC")).isTrue();
        assertThat(SystemSettings.sameZone("Europe/Berlin", "UTC")).isFalse();
    }

    @Test
    void podmanInspect() {
        // podman inspect --type container web on Rocky Linux 9 (podman 4.9), abridged
        String json = "[{\"Id\": \"b2c3\", \"Name\": \"web\", \"RestartCount\": 2, \"ImageName\": \"docker.io/library/nginx:1.27\","
                + " \"State\": {\"OciVersion\": \"1.1.0\", \"Status\": \"running\", \"Running\": true, \"Health\": {\"Status\": \"\","
                + " \"FailingStreak\": 0, \"Log\": null}}, \"Config\": {\"Image\": \"docker.io/library/nginx:1.27\"}}]";
        assertThat(Containers.parse(json, "podman inspect web", null, "container web")).contains(new Containers.Container(
                "running", true, "docker.io/library/nginx:1.27", 2, Optional.empty(), "podman inspect web"));
        assertThat(Containers.parse("[]", "podman inspect web", null, "container web")).isEmpty();
    }
}
