package dev.infrajunit.transport.ssh;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says, once per run and host, that a host key was not verified ({@code off}) or was recorded
 * ({@code accept-new}): both weaken what the run proves, so they must not pass silently.
 */
final class HostKeyWarnings {

    private final PrintStream out;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    HostKeyWarnings(PrintStream out) {
        this.out = out;
    }

    void checkingOff(String hostName, String endpoint, PublicKey key) {
        if (warned.add(hostName)) {
            out.println("WARNING: " + hostName + ": host key checking is OFF (ssh.hostKeyChecking: off): the key of "
                    + endpoint + " (" + Fingerprints.describe(key) + ") was not verified, so the connection could be"
                    + " intercepted. Use ssh.hostKeyChecking: strict (or accept-new).");
        }
    }

    void recorded(String hostName, String endpoint, PublicKey key, Path knownHosts) {
        out.println("NOTE: " + hostName + ": recorded the new host key of " + endpoint + " (" + Fingerprints.describe(key)
                + ") in " + knownHosts + " (ssh.hostKeyChecking: accept-new)");
    }
}
