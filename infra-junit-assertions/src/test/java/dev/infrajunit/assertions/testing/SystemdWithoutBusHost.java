package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;

/**
 * This machine as a host whose systemd does not answer: every command runs in a private mount
 * namespace whose /run says systemd is PID 1 ({@code /run/systemd/system}) but holds no bus, so
 * the real {@code systemctl} fails the way it does when systemd or D-Bus is wedged. Results carry
 * the command as the check sent it. Nothing outside the namespace changes.
 */
public final class SystemdWithoutBusHost extends RecordingHost {

    public SystemdWithoutBusHost(Host delegate) {
        super(delegate);
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        CommandResult result = host.run(Command.of("unshare -m /bin/sh -c {0} {1}",
                "mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/system && exec /bin/sh -c \"$0\"", command.line()));
        return new CommandResult(result.host(), command.line(), result.exitStatus(), result.stdout(), result.stderr(),
                result.duration());
    }
}
