package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;

/**
 * This machine as a hardened host sees it from an unprivileged login: every command runs as
 * nobody in a private PID and mount namespace whose /proc is mounted with {@code hidepid=2}, so
 * processes of other users, such as the namespace's PID 1 (a root shell), are invisible. Results
 * carry the command as the check sent it. Nothing outside the namespaces changes.
 */
public final class HiddenProcessesHost extends RecordingHost {

    public HiddenProcessesHost(Host delegate) {
        super(delegate);
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        // PID 1 of the namespace is this root shell: it waits rather than exec, so it stays root
        CommandResult result = host.run(Command.of("unshare -m -p -f /bin/sh -c {0} {1}",
                "mount -t proc -o hidepid=2 proc /proc && setpriv --reuid 65534 --regid 65534 --clear-groups /bin/sh -c \"$0\"",
                command.line()));
        return new CommandResult(result.host(), command.line(), result.exitStatus(), result.stdout(), result.stderr(),
                result.duration());
    }
}
