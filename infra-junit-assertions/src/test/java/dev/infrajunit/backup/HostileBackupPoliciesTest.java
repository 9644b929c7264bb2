package dev.infrajunit.backup;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.InfraException;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.runtime.RunEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup policies whose globs, file names or ${env:} values try to reach a command as options or as code. */
class HostileBackupPoliciesTest {

    @TempDir
    Path dir;

    @Test
    void aRelativeGlobIsRefusedSinceItsMatchesCouldBeReadAsOptions() throws Exception {
        try (RunEnvironment run = environment("files: backups/*.dump", Map.of())) {
            assertThatThrownBy(() -> assertThat(run.host("db-1")).hasRecentBackup())
                    .isInstanceOf(InfraException.class)
                    .hasMessage("db-1: backup policy files backups/*.dump: 'backups/*.dump' is a relative path; write it from /"
                            + " (/var/backups/*.dump) or from the login's home (~/backups/*.dump)");
        }
    }

    /** A backup named like an option reaches verify as a path from /, never as an option. */
    @Test
    void aFileNamedLikeAnOptionReachesVerifyAsAPath() throws Exception {
        Files.writeString(dir.resolve("-n.dump"), "dump\n");
        try (RunEnvironment run = environment("files: " + dir + "/*.dump\n      verify: grep -q dump {0}", Map.of())) {
            assertThatCode(() -> assertThat(run.host("db-1")).hasRecentBackup()).doesNotThrowAnyException();
        }
    }

    /** A value from ${env:} in verify is one quoted word: no command of its own, and spaces and quotes intact. */
    @Test
    void anEnvironmentValueInVerifyIsOneQuotedWord() throws Exception {
        Path marker = dir.resolve("PWNED");
        Files.writeString(dir.resolve("db.dump"), "it's ok\n");
        String pattern = "it's ok";
        String attack = "x; touch " + marker + " #";
        try (RunEnvironment run = environment("files: " + dir + "/*.dump\n      verify: grep -q -- ${env:PATTERN} {0}",
                Map.of("PATTERN", pattern))) {
            assertThatCode(() -> assertThat(run.host("db-1")).hasRecentBackup()).doesNotThrowAnyException();
        }
        try (RunEnvironment run = environment("files: " + dir + "/*.dump\n      verify: grep -q -- ${env:PATTERN} {0}",
                Map.of("PATTERN", attack))) {
            assertThatThrownBy(() -> assertThat(run.host("db-1")).hasRecentBackup()).isInstanceOf(AssertionError.class);
        }
        org.assertj.core.api.Assertions.assertThat(marker).doesNotExist();
    }

    private RunEnvironment environment(String policy, Map<String, String> variables) {
        String yaml = """
                hosts:
                  db-1:
                    transport: local
                    backup:
                      %s
                      maxAge: 24h
                """.formatted(policy);
        return new RunEnvironment(new EnvironmentLoader(getClass().getClassLoader(), variables::get)
                .parse(yaml, "hostile", Optional.empty()));
    }
}
