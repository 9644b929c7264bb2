package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAssertTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private Host web;
    private Path config;

    @BeforeEach
    void createFiles() throws Exception {
        hosts = new LocalHosts("web-1");
        web = hosts.host("web-1");
        config = dir.resolve("sshd_config");
        Files.writeString(config, "Port 22\nPermitRootLogin no\nPasswordAuthentication yes\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void close() {
        hosts.close();
    }

    @Test
    void passesForWhatIsThere() {
        assertThatCode(() -> assertThat(web).file(config.toString()).exists().isFile().hasMode("644").hasMode("0644")
                .hasOwner("root").hasGroup("root").hasSize(54).contains("PermitRootLogin no").doesNotContain("PermitRootLogin yes")
                .containsPattern("^Port 22$").doesNotContainPattern("^Port 2222$").wasModifiedWithin(Duration.ofMinutes(5)))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(web).file(dir.toString()).isDirectory()).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(web).hasFile(config.toString()).hasDirectory(dir.toString())).doesNotThrowAnyException();
    }

    @Test
    void missingFile() {
        String path = dir.resolve("nope").toString();
        assertThatThrownBy(() -> assertThat(web).file(path).exists()).isInstanceOf(AssertionError.class)
                .hasMessage("web-1: expected " + path + " to exist, but it does not (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).hasMode("600"))
                .hasMessage("web-1: expected " + path + " to exist, but it does not (stat of " + path + ")");
        assertThatCode(() -> assertThat(web).file(path).doesNotExist()).doesNotThrowAnyException();
        // a path below a regular file does not exist either
        assertThatCode(() -> assertThat(web).file(config + "/below").doesNotExist()).doesNotThrowAnyException();
    }

    @Test
    void wrongAttributes() {
        String path = config.toString();
        assertThatThrownBy(() -> assertThat(web).file(path).hasMode("600"))
                .hasMessage("web-1: expected " + path + " to have mode 600, but it has 644 (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).hasOwner("sshd"))
                .hasMessage("web-1: expected " + path + " to have owner sshd, but it has root (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).hasGroup("adm"))
                .hasMessage("web-1: expected " + path + " to have group adm, but it has root (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).hasSize(10))
                .hasMessage("web-1: expected " + path + " to have size 10 bytes, but it has 54 bytes (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).isDirectory())
                .hasMessage("web-1: expected " + path + " to be a directory, but it is a regular file (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).doesNotExist())
                .hasMessage("web-1: expected " + path + " not to exist, but it is a regular file (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).isSymlink())
                .hasMessage("web-1: expected " + path + " to be a symbolic link, but it is a regular file (stat of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).hasMode("rw-"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'rw-' is not an octal mode such as 644 or 0600");
    }

    @Test
    void content() {
        String path = config.toString();
        assertThatThrownBy(() -> assertThat(web).file(path).contains("PermitRootLogin yes"))
                .hasMessage("web-1: expected " + path + " to contain \"PermitRootLogin yes\", but it does not (content of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).doesNotContain("PasswordAuthentication yes"))
                .hasMessage("web-1: expected " + path + " not to contain \"PasswordAuthentication yes\", but line 3 does:"
                        + " PasswordAuthentication yes (content of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).containsPattern("^Port 2222$"))
                .hasMessage("web-1: expected " + path + " to contain a match for /^Port 2222$/, but it does not (content of " + path + ")");
        assertThatThrownBy(() -> assertThat(web).file(path).doesNotContainPattern("^Permit\\w+ no$"))
                .hasMessage("web-1: expected " + path + " not to contain a match for /^Permit\\w+ no$/, but line 2 does:"
                        + " PermitRootLogin no (content of " + path + ")");
        // text spanning lines
        assertThatCode(() -> assertThat(web).file(path).contains("Port 22\nPermitRootLogin no")).doesNotThrowAnyException();
    }

    @Test
    void sha256() throws Exception {
        String path = config.toString();
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(config)));
        assertThatCode(() -> assertThat(web).file(path).hasSha256(digest.toUpperCase())).doesNotThrowAnyException();
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> assertThat(web).file(path).hasSha256(wrong))
                .hasMessage("web-1: expected " + path + " to have sha256 " + wrong + ", but it has " + digest + " (sha256sum of " + path + ")");
    }

    @Test
    void modifiedWithin() throws Exception {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2).plusHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Files.setLastModifiedTime(config, FileTime.from(twoDaysAgo));
        String path = config.toString();
        assertThatThrownBy(() -> assertThat(web).file(path).wasModifiedWithin(Duration.ofHours(24)))
                .hasMessage("web-1: expected " + path + " to have been modified within 1d, but it was last modified 2d 3h ago, at "
                        + twoDaysAgo + " (stat of " + path + ")");
    }

    @Test
    void symlinks() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), config);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        assertThatCode(() -> assertThat(web).file(link.toString()).isSymlink().isFile().hasMode("644")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(web).file(dangling.toString()).exists())
                .hasMessage("web-1: expected " + dangling + " to exist, but it is a dangling symbolic link (stat of " + dangling + ")");
        assertThatThrownBy(() -> assertThat(web).file(dangling.toString()).doesNotExist())
                .hasMessage("web-1: expected " + dangling + " not to exist, but it is a dangling symbolic link (stat of " + dangling + ")");
        assertThatThrownBy(() -> assertThat(web).file(link.toString()).isDirectory())
                .hasMessage("web-1: expected " + link + " to be a directory, but it is a symbolic link to a regular file (stat of "
                        + link + ")");
    }

    @Test
    void emptyFileIsARegularFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThatCode(() -> assertThat(web).file(empty.toString()).isFile().hasSize(0)).doesNotThrowAnyException();
    }

    @Test
    void tooLargeForContentChecks() throws Exception {
        Path big = dir.resolve("big.log");
        Files.write(big, new byte[9 * 1024 * 1024]);
        assertThatThrownBy(() -> assertThat(web).file(big.toString()).contains("x"))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: cannot check the content of " + big + ": it is larger than 8388608 bytes; content checks read at"
                        + " most that much (check a digest instead: hasSha256)");
    }

    @Test
    void statMissingOnTheHost() {
        Host bare = new RestrictedPathHost(web, dir.resolve("bin"), "date");
        String path = config.toString();
        assertThatThrownBy(() -> assertThat(bare).file(path).exists())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: cannot check file " + path + ": stat is not installed (date +%s && stat -c '%F|%a|%U|%G|%s|%Y' -- "
                        + path + " && if [ -L " + path + " ]; then stat -L -c '%F|%a|%U|%G|%s|%Y' -- " + path + "; fi: command not found)");
    }

    @Test
    void contentIsReadOnceForAChain() throws Exception {
        Files.writeString(config, "a\nb\n", StandardCharsets.UTF_8);
        dev.infrajunit.assertions.testing.RecordingHost recording = new dev.infrajunit.assertions.testing.RecordingHost(web);
        assertThat(recording).file(config.toString()).exists().hasMode("644").contains("a").contains("b").doesNotContain("c");
        org.assertj.core.api.Assertions.assertThat(recording.commands()).hasSize(2);
    }
}
