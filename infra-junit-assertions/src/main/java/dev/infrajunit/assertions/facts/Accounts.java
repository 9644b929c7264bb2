package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Users and groups as the host's name service sees them ({@code getent}, so LDAP and SSSD accounts
 * count), or from {@code /etc/passwd} and {@code /etc/group} on hosts without {@code getent}.
 */
public final class Accounts {

    public static final String PASSWD_FACT = "infra-junit.passwd";

    private Accounts() {
    }

    /** A line of the passwd database. */
    public record UserEntry(String name, long uid, long gid, String home, String shell) {

        static UserEntry parse(String line) {
            String[] f = line.split(":", -1);
            return new UserEntry(f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), f[5], f.length > 6 ? f[6] : "");
        }
    }

    /** A line of the group database; {@code members} are the supplementary members it lists. */
    public record GroupEntry(String name, long gid, List<String> members) {

        static GroupEntry parse(String line) {
            String[] f = line.split(":", -1);
            List<String> members = f.length > 3 && !f[3].isBlank() ? List.of(f[3].strip().split(",")) : List.of();
            return new GroupEntry(f[0], Long.parseLong(f[2]), members);
        }
    }

    public static String userSource(String name) {
        return "getent passwd " + name;
    }

    public static String groupSource(String name) {
        return "getent group " + name;
    }

    public static Optional<UserEntry> user(Host host, String name) {
        return lookup(host, "passwd", "/etc/passwd", name).map(UserEntry::parse);
    }

    public static Optional<GroupEntry> group(Host host, String name) {
        return lookup(host, "group", "/etc/group", name).map(GroupEntry::parse);
    }

    /** The names of every group the user is in, its primary group first ({@code id -Gn}). */
    public static List<String> groupsOf(Host host, String user) {
        CommandResult result = HostTools.run(host, Command.of("id -Gn -- {0}", user), "id", "the groups of user " + user);
        if (!result.succeeded()) {
            throw HostTools.failed(host, "the groups of user " + user, result);
        }
        return List.of(Columns.of(result.stdout().strip()));
    }

    /** User names by uid, read once per run, for naming the owners of processes. */
    public static Map<Long, String> userNamesByUid(Host host) {
        return host.fact(PASSWD_FACT, () -> {
            CommandResult all = host.run(Command.of("getent passwd"));
            if (all.commandNotFound()) {
                all = host.run(Command.of("cat /etc/passwd"));
            }
            if (!all.succeeded()) {
                throw HostTools.failed(host, "the user names of the processes", all);
            }
            return all.stdoutLines().stream().filter(line -> line.split(":", -1).length >= 7).map(UserEntry::parse)
                    .collect(Collectors.toMap(UserEntry::uid, UserEntry::name, (first, second) -> first));
        });
    }

    private static Optional<String> lookup(Host host, String database, String file, String name) {
        CommandResult result = host.run(Command.of("getent " + database + " -- {0}", name));
        if (result.commandNotFound()) {
            CommandResult read = HostTools.run(host, Command.of("cat " + file), "cat", database + " entry " + name);
            if (!read.succeeded()) {
                throw HostTools.failed(host, database + " entry " + name, read);
            }
            return read.stdoutLines().stream().filter(line -> line.split(":", -1)[0].equals(name)).findFirst();
        }
        // getent exits 2 when the key is not found
        if (result.exitStatus() == 2) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            throw HostTools.failed(host, database + " entry " + name, result);
        }
        return result.stdoutLines().stream().findFirst();
    }
}
