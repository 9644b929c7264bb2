package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Certificate and key files made with this machine's openssl, read back over the local transport. */
class CertificateFileAssertTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("web-1");
    private final Host web = hosts.host("web-1");

    @TempDir
    Path directory;
    private String certificate;
    private String key;
    private String otherKey;

    @BeforeEach
    void files() throws Exception {
        certificate = directory.resolve("app.pem").toString();
        key = directory.resolve("app.key").toString();
        otherKey = directory.resolve("other.key").toString();
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "10",
                "-subj", "/O=Acme/CN=app.example.com", "-keyout", key, "-out", certificate);
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey);
    }

    @Test
    void expirySubjectIssuerAndKey() {
        assertThatCode(() -> assertThat(web).certificateFile(certificate).isValidForAtLeast(Duration.ofDays(9))
                .hasSubjectContaining("CN=app.example.com").hasIssuerContaining("O=Acme").matchesKey(key))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(web).certificateFile(certificate).isValidForAtLeast(Duration.ofDays(21)))
                .isInstanceOf(AssertionError.class)
                .message().matches("web-1: expected the certificate in \\S+/app.pem to be valid for at least 21d, but it"
                        + " expires in (9d 23h|10d), on \\S+Z \\(\\S+/app.pem\\)");
        assertThatThrownBy(() -> assertThat(web).certificateFile(certificate).hasSubjectContaining("CN=www.example.com"))
                .hasMessage("web-1: expected the certificate in " + certificate + " to have a subject containing"
                        + " CN=www.example.com, but it has CN=app.example.com,O=Acme (" + certificate + ")");
        assertThatThrownBy(() -> assertThat(web).certificateFile(certificate).matchesKey(otherKey))
                .hasMessage("web-1: expected the certificate in " + certificate + " to match the private key " + otherKey
                        + ", but its public key is another (" + certificate + ", openssl pkey -in " + otherKey + " -pubout)");
    }

    @Test
    void aFileWithoutACertificate() {
        assertThatThrownBy(() -> assertThat(web).certificateFile(key).isValidForAtLeast(Duration.ofDays(1)))
                .hasMessage("web-1: expected a certificate in " + key + " to exist, but the file holds no PEM certificate ("
                        + key + ")");
        assertThatThrownBy(() -> assertThat(web).certificateFile(directory + "/missing.pem").isValidForAtLeast(Duration.ofDays(1)))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-1: cannot check the content of " + directory + "/missing.pem");
    }

    @Test
    void withoutOpensslAKeyCannotBeCompared() {
        Host bare = new RestrictedPathHost(web, directory.resolve("bin"), "head");
        assertThatThrownBy(() -> assertThat(bare).certificateFile(certificate).matchesKey(key))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: cannot check whether " + key + " matches: openssl is not installed (openssl pkey -in "
                        + key + " -pubout: command not found)");
    }

    private static void openssl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl failed: " + output);
        }
    }
}
