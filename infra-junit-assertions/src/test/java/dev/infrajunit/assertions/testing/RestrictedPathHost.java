package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine, with only some tools on the PATH: a real host that lacks {@code ss}, {@code dpkg}
 * or {@code openssl}. Each command runs in {@code /bin/sh} with PATH set to a directory holding
 * links to the allowed tools only.
 */
public final class RestrictedPathHost extends RecordingHost {

    private final Path bin;

    public RestrictedPathHost(Host delegate, Path directory, String... tools) {
        super(delegate);
        this.bin = directory;
        try {
            Files.createDirectories(directory);
            for (String tool : tools) {
                Path real = Path.of("/usr/bin", tool);
                if (!Files.exists(real)) {
                    real = Path.of("/usr/sbin", tool);
                }
                if (!Files.exists(real)) {
                    real = Path.of("/bin", tool);
                }
                Files.createSymbolicLink(directory.resolve(tool), real);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected CommandResult execute(Host host, Command command) {
        return host.run(Command.of("/usr/bin/env PATH={0} /bin/sh -c {1}", bin.toString(), command.line()));
    }
}
