package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;

/**
 * This machine as a bare container would be: every command runs in a private mount namespace with
 * an empty /etc, so there are no init scripts and no service manager. Nothing outside the
 * namespace changes.
 */
public final class NoServiceManagerHost extends RecordingHost {

    public NoServiceManagerHost(Host delegate) {
        super(delegate);
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        return host.run(Command.of("unshare -m /bin/sh -c {0} {1}",
                "mount -t tmpfs tmpfs /etc && exec /bin/sh -c \"$0\"", command.line()));
    }
}
