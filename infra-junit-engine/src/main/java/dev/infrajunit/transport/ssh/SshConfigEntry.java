package dev.infrajunit.transport.ssh;

import java.util.List;

/**
 * What an OpenSSH client configuration says about one host, as far as the transport uses it.
 * Empty strings, 0 and empty lists mean "not set": the environment file or a default decides.
 *
 * @param hostName          {@code HostName}, tokens expanded
 * @param user              {@code User}
 * @param port              {@code Port}
 * @param identityFiles     {@code IdentityFile}s as written (tokens and {@code ~} not yet expanded)
 * @param certificateFiles  {@code CertificateFile}s as written
 * @param identitiesOnly    {@code IdentitiesOnly yes}: only the configured keys, no other agent key
 * @param proxyJump         {@code ProxyJump}
 * @param proxyCommand      {@code ProxyCommand} as written (its tokens are expanded when it runs)
 * @param knownHostsFiles   {@code UserKnownHostsFile}s
 * @param globalKnownHostsFiles {@code GlobalKnownHostsFile}s
 * @param hostKeyAlias      {@code HostKeyAlias}: the name the host key is looked up by in known_hosts
 */
record SshConfigEntry(String hostName, String user, int port, List<String> identityFiles, List<String> certificateFiles,
                      boolean identitiesOnly, String proxyJump, String proxyCommand, List<String> knownHostsFiles,
                      List<String> globalKnownHostsFiles, String hostKeyAlias) {

    static final SshConfigEntry NONE = new SshConfigEntry("", "", 0, List.of(), List.of(), false, "", "", List.of(), List.of(), "");

    SshConfigEntry {
        identityFiles = List.copyOf(identityFiles);
        certificateFiles = List.copyOf(certificateFiles);
        knownHostsFiles = List.copyOf(knownHostsFiles);
        globalKnownHostsFiles = List.copyOf(globalKnownHostsFiles);
    }
}
