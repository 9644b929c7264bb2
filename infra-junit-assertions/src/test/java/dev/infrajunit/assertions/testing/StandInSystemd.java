package dev.infrajunit.assertions.testing;

import dev.infrajunit.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * This machine as a systemd host with one timer, {@code pg-backup.timer} starting
 * {@code pg-backup.service}: systemd cannot be this machine's init, so {@code systemctl} is a script
 * that prints what systemd 252's {@code systemctl show --timestamp=unix} printed for such units, and
 * {@code date} answers a fixed moment, the host's clock.
 */
public final class StandInSystemd {

    private StandInSystemd() {
    }

    /**
     * @param lastTrigger when the timer last fired, in Unix seconds; 0 for never
     * @param result      the service's {@code Result}
     * @param exitStatus  the service's {@code ExecMainStatus}
     * @param exited      when the service's main process exited, in Unix seconds; 0 for never
     */
    public static Host backupTimer(Host delegate, Path directory, long now, String activeState, long lastTrigger,
                                   String result, String exitStatus, long exited) {
        return withSystemctl(delegate, directory, now,
                "case \"$*\" in *pg-backup.timer*) printf 'LoadState=loaded\\nActiveState=" + activeState
                        + "\\nUnit=pg-backup.service\\nLastTriggerUSec=" + (lastTrigger == 0 ? "" : "@" + lastTrigger)
                        + "\\nNextElapseUSecRealtime=@" + (now + 82_800) + "\\n'; exit 0;; esac\n"
                        + "printf 'LoadState=loaded\\nActiveState=inactive\\nSubState=dead\\nResult=" + result
                        + "\\nExecMainStatus=" + exitStatus + "\\nExecMainExitTimestamp=" + (exited == 0 ? "" : "@" + exited)
                        + "\\n'\n");
    }

    /** A systemd host whose systemctl runs this shell script. */
    public static Host withSystemctl(Host delegate, Path directory, long now, String systemctl) {
        try {
            Path tools = Files.createDirectories(directory);
            executable(tools.resolve("systemctl"), "#!/bin/sh\n" + systemctl);
            executable(tools.resolve("date"), "#!/bin/sh\nexec /bin/date -d @" + now + " \"$@\"\n");
            return NamespacedHost.systemd(delegate, tools);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
