package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;

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
    public static NamespacedHost openRc(Host delegate, java.nio.file.Path tools) {
        return new NamespacedHost(delegate, "-m", "mount -t tmpfs tmpfs /run && mkdir /run/openrc && PATH="
                + Command.quote(tools.toString()) + ":\"$PATH\" exec /bin/sh -c \"$0\"");
    }

    /**
     * A host whose resolver knows only the names of a hosts file: {@code /etc/hosts} is that file and
     * {@code /etc/nsswitch.conf} says {@code hosts: files}, so no name is ever asked of a DNS server.
     */
    public static NamespacedHost withHostsFile(Host delegate, java.nio.file.Path hosts, java.nio.file.Path nsswitch) {
        return new NamespacedHost(delegate, "-m", "mount --bind " + Command.quote(hosts.toString()) + " /etc/hosts"
                + " && mount --bind " + Command.quote(nsswitch.toString()) + " /etc/nsswitch.conf && exec /bin/sh -c \"$0\"");
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        CommandResult result = host.run(Command.of("unshare " + unshare + " /bin/sh -c {0} {1}", setup, command.line()));
        return new CommandResult(result.host(), command.line(), result.exitStatus(), result.stdout(), result.stderr(),
                result.duration());
    }
}
