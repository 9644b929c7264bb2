package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InfraMonitorOptionsTest {

    @TempDir
    Path directory;

    /** Wrong options end with status 2, a one-line reason and the usage, before anything runs. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --select-package com.acme --frobnicate               | infra-junit-monitor: Unknown option: '--frobnicate'
            --select-package com.acme --shard 5/4                | infra-junit-monitor: --shard shard 5/4 does not exist: K/N needs N >= 1 and 0 <= K < N, e.g. 0/4 to 3/4
            --select-package com.acme --shard two                | infra-junit-monitor: --shard 'two' is not a shard K/N, e.g. 0/4 (K from 0 to N-1)
            --select-package com.acme --interval 0s              | infra-junit-monitor: --interval 0s must be longer than 0s
            --select-package com.acme --interval soon            | infra-junit-monitor: --interval soon:
            --interval 1m                                        | infra-junit-monitor: No specs selected: give --select-package or --select-class
            --select-package com.acme --format nagios            | infra-junit-monitor: --format nagios reports one cycle: give --once with it
            --select-package com.acme --once --format json       | infra-junit-monitor: --format json is not known; the one format is nagios
            --select-package com.acme --fail-after 0             | infra-junit-monitor: --fail-after must be at least 1, but is 0
            --select-package com.acme --flap-high 20             | infra-junit-monitor: --flap-low (25.0) must not be above --flap-high (20.0)
            --select-package com.acme --listen localhost         | infra-junit-monitor: --listen localhost is not host:port, e.g. 127.0.0.1:9464
            --select-package com.acme --fail-after x             | infra-junit-monitor: Invalid value for option '--fail-after': 'x' is not an int
            --select-package com.acme --class-path /nonexistent  | infra-junit-monitor: --class-path entry /nonexistent does not exist
            """)
    void wrongOptionsExitWith2AndAReasonAndTheUsage(String arguments, String reason) throws Exception {
        Path stateFile = directory.resolve("state.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(arguments.trim().split("\\s+")));
        args.addAll(List.of("--state-file", stateFile.toString()));
        int status = InfraMonitor.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).isEqualTo(2);
        assertThat(lines.get(0)).startsWith(reason);
        assertThat(lines.get(1)).startsWith("Usage: infra-junit-monitor ");
        assertThat(String.join("\n", lines)).contains("--select-package", "--interval", "--shard", "--alertmanager");
        assertThat(out.size()).isZero();
        assertThat(stateFile).as("nothing ran").doesNotExist();
    }

    @Test
    void helpShowsEveryOptionWithItsDefault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = InfraMonitor.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--help");
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(status).isZero();
        assertThat(help).contains("--class-path", "--select-package", "--select-class", "--include-classname", "--include-tag",
                "--exclude-tag", "--config", "--interval", "(default: 5m)", "--listen", "(default: 127.0.0.1:9464)",
                "--state-file", "(default: infra-junit-monitor.state.json)", "--fail-after", "(default: 3)", "--recover-after",
                "(default: 2)", "--flap-high", "(default: 50)", "--flap-low", "(default: 25)", "--alertmanager", "--shard",
                "--once", "--format");
    }

    @Test
    void onceWithoutAnyCheckFoundIsUnknownToNagios() throws Exception {
        Files.createDirectories(directory);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = InfraMonitor.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--once", "--format", "nagios",
                "--select-package", "com.acme.nothing.here", "--state-file", directory.resolve("s.json").toString());
        assertThat(status).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INFRA UNKNOWN - no check ran | checks=0;;;0 passed=0;;;0");
    }
}
