package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * This machine as another kind of host: every command runs in private Linux namespaces set up
 * first by a shell script, and its result carries the command as the check sent it. Nothing
 * outside the namespaces changes.
 */
public final class NamespacedHost extends RecordingHost {

    private final String unshare;
    private final String setup;

    private NamespacedHost(Host delegate, String unshare, String setup) {
        super(delegate);
        this.unshare = unshare;
        this.setup = setup;
    }

    /**
     * A host whose systemd does not answer: /run says systemd is PID 1 ({@code /run/systemd/system})
     * but holds no bus, so the real {@code systemctl} fails as it does when systemd or D-Bus is wedged.
     */
    public static NamespacedHost systemdWithoutBus(Host delegate) {
        return new NamespacedHost(delegate, "-m",
                "mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/system && exec /bin/sh -c \"$0\"");
    }

    /**
     * A hardened host as an unprivileged login sees it: commands run as nobody with /proc mounted
     * {@code hidepid=2}, so processes of other users, such as the namespace's PID 1 (a root shell
     * that waits rather than exec, so it stays root), are invisible.
     */
    public static NamespacedHost hiddenProcesses(Host delegate) {
        return new NamespacedHost(delegate, "-m -p -f",
                "mount -t proc -o hidepid=2 proc /proc && setpriv --reuid 65534 --regid 65534 --clear-groups /bin/sh -c \"$0\"");
    }

    /**
     * A hardened host whose processes keep running while the login cannot see them: commands run as
     * nobody with /proc mounted {@code hidepid=2} in the host's own PID namespace, so a process that
     * this machine's root started is hidden from /proc but still answers {@code kill -0} with EPERM.
     */
    public static NamespacedHost asNobodyWithHiddenProcesses(Host delegate) {
        return new NamespacedHost(delegate, "-m",
                "mount -t proc -o hidepid=2 proc /proc && exec setpriv --reuid 65534 --regid 65534 --clear-groups /bin/sh -c \"$0\"");
    }

    /**
     * A host that booted with OpenRC, as service checks detect it: {@code /run/openrc} exists and
     * the OpenRC tools are the executables in {@code tools}, first on the PATH. OpenRC itself does
     * not run here (it would have to be this machine's init), so a test supplies stand-ins for the
     * tools whose answers it is about.
     */
    public static NamespacedHost openRc(Host delegate, Path tools) {
        return new NamespacedHost(delegate, "-m", "mount -t tmpfs tmpfs /run && mkdir /run/openrc && PATH="
                + Command.quote(tools.toString()) + ":\"$PATH\" exec /bin/sh -c \"$0\"");
    }

    /**
     * A host whose resolver knows only the names of a hosts file: {@code /etc/hosts} is that file and
     * {@code /etc/nsswitch.conf} says {@code hosts: files}, so no name is ever asked of a DNS server.
     */
    public static NamespacedHost withHostsFile(Host delegate, Path hosts, Path nsswitch) {
        return withMounts(delegate, Map.of("/etc/hosts", hosts, "/etc/nsswitch.conf", nsswitch), false);
    }

    /**
     * This machine with some files or directories replaced by the test's own (bind mounts onto
     * existing paths), its commands run as root or, with {@code asNobody}, as nobody.
     */
    public static NamespacedHost withMounts(Host delegate, Map<String, Path> mounts, boolean asNobody) {
        StringBuilder setup = new StringBuilder();
        new TreeMap<>(mounts).forEach((target, source) -> setup.append("mount --bind ")
                .append(Command.quote(source.toString())).append(' ').append(Command.quote(target)).append(" && "));
        setup.append(asNobody ? "exec setpriv --reuid 65534 --regid 65534 --clear-groups /bin/sh -c \"$0\""
                : "exec /bin/sh -c \"$0\"");
        return new NamespacedHost(delegate, "-m", setup.toString());
    }

    /**
     * This machine in a network namespace of its own, set up by a command first (loading firewall
     * rules with {@code nft -f} or {@code iptables-restore}), so nothing changes outside it. With
     * {@code asNobody} the checks then run as nobody.
     */
    public static NamespacedHost inNetworkNamespace(Host delegate, String setup, boolean asNobody) {
        return new NamespacedHost(delegate, "-n", setup + " && exec " + (asNobody
                ? "setpriv --reuid 65534 --regid 65534 --clear-groups /bin/sh -c \"$0\"" : "/bin/sh -c \"$0\""));
    }

    /**
     * A host that booted with systemd, as the checks detect it ({@code /run/systemd/system} exists),
     * whose {@code systemctl} is the executable in {@code tools}: systemd itself cannot run here
     * (it would have to be this machine's init), so a test supplies a stand-in that prints what a
     * real systemctl printed.
     */
    public static NamespacedHost systemd(Host delegate, Path tools) {
        return new NamespacedHost(delegate, "-m", "mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/system && PATH="
                + Command.quote(tools.toString()) + ":\"$PATH\" exec /bin/sh -c \"$0\"");
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        CommandResult result = host.run(Command.of("unshare " + unshare + " /bin/sh -c {0} {1}", setup, command.line()));
        return new CommandResult(result.host(), command.line(), result.exitStatus(), result.stdout(), result.stderr(),
                result.duration());
    }
}
