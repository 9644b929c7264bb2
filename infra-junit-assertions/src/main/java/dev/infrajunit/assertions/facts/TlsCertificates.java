package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the certificate a TLS server presents. Preferably from the host itself, with
 * {@code openssl s_client}: it sees the service the way local clients do, even where a firewall
 * keeps the test machine out. Where the host has no {@code openssl}, the test JVM connects to the
 * host's address instead, and the failure message says so. Either way the certificate is only
 * read, not trusted: the check is about its dates, so any chain is accepted.
 */
public final class TlsCertificates {

    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final int TIMEOUT_MILLIS = 10_000;

    private TlsCertificates() {
    }

    /**
     * What was read: the leaf certificate, or why none could be read.
     *
     * @param source where it was read, for messages: {@code openssl s_client -connect web-1:443 on web-1}
     *               or {@code TLS handshake from the test JVM to web-1:443}
     */
    public record Served(X509Certificate certificate, String failure, String source) {

        public boolean present() {
            return certificate != null;
        }
    }

    /** From the host with openssl, or, without it there, from the test JVM. */
    public static Served read(Host host, String serverName, int port) {
        String endpoint = endpoint(host.address(), port);
        Command command = isIpLiteral(serverName)
                ? Command.of("openssl s_client -connect {0} -showcerts </dev/null", endpoint)
                : Command.of("openssl s_client -connect {0} -servername {1} -showcerts </dev/null", endpoint, serverName);
        CommandResult result = host.run(command);
        if (result.commandNotFound()) {
            return fromTestJvm(host, serverName, port);
        }
        String source = "openssl s_client -connect " + endpoint + " on " + host.name();
        Matcher pem = PEM.matcher(result.stdout());
        if (!pem.find()) {
            return new Served(null, HostTools.firstLine(reason(result)), source);
        }
        return new Served(parsePem(pem.group()), "", source);
    }

    /** openssl's errors start with a thread id and end in a source line; say what they mean instead. */
    private static String reason(CommandResult result) {
        String stderr = result.stderr();
        if (stderr.contains("Connection refused") || stderr.contains("errno=111")) {
            return "connection refused";
        }
        if (stderr.contains("Name or service not known") || stderr.contains("nodename nor servname")) {
            return "unknown host name";
        }
        if (stderr.contains("no peer certificate available") || stderr.contains("wrong version number")) {
            return "the server did not complete a TLS handshake";
        }
        return stderr.isBlank() ? "openssl exited with " + result.exitStatus() : stderr;
    }

    /** Connects from the test JVM to the host's address, sending {@code serverName} as SNI. */
    public static Served fromTestJvm(Host host, String serverName, int port) {
        String source = "TLS handshake from the test JVM to " + endpoint(host.address(), port);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAny()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host.address(), port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                if (!isIpLiteral(serverName)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(serverName)));
                    socket.setSSLParameters(parameters);
                }
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                return new Served((X509Certificate) chain[0], "", source);
            }
        } catch (java.net.ConnectException e) {
            return new Served(null, "connection refused", source);
        } catch (IOException | GeneralSecurityException e) {
            return new Served(null, e.getClass().getSimpleName() + ": " + e.getMessage(), source);
        }
    }

    public static X509Certificate parsePem(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a certificate: " + e.getMessage(), e);
        }
    }

    static String endpoint(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** Accepts any chain: the check reads dates, it does not decide trust. */
    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
