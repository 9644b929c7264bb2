package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * A real host whose clock is stopped at a given time, as a host with a wrong clock would be: each
 * command runs in {@code /bin/sh} with a {@code date} first on the PATH that is GNU date told that
 * time ({@code date -d @EPOCH}), so {@code date +%s} and every other format answer from it. Its
 * results carry the command as the check sent it.
 */
public final class FixedClockHost extends RecordingHost {

    private final Path bin;

    /** @param directory a new directory, readable by the host's login user, for the {@code date} script */
    public FixedClockHost(Host delegate, Path directory, Instant now) {
        super(delegate);
        this.bin = directory;
        try {
            Files.createDirectories(directory);
            Path date = Files.writeString(directory.resolve("date"),
                    "#!/bin/sh\nexec /bin/date -d @" + now.getEpochSecond() + " \"$@\"\n");
            Files.setPosixFilePermissions(date, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        CommandResult result = host.run(Command.of("PATH={0}:\"$PATH\" /bin/sh -c {1}", bin.toString(), command.line()));
        return new CommandResult(result.host(), command.line(), result.exitStatus(), result.stdout(), result.stderr(),
                result.duration());
    }
}
