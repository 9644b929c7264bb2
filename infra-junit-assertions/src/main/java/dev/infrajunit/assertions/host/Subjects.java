package dev.infrajunit.assertions.host;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ConfigDocuments;
import java.time.Duration;
import java.util.Optional;

/** The subjects of the host assertions, one record per kind; users reach them through {@code HostAssert}. */
public final class Subjects {

    private Subjects() {
    }

    public record HostFile(Host host, String path) implements HostSubject {
        @Override
        public String describe() {
            return path;
        }
    }

    public record HostPackage(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "package " + name;
        }
    }

    public record HostService(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "service " + name;
        }
    }

    public record HostProcess(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "process " + name;
        }
    }

    /** @param protocol {@code tcp} or {@code udp} */
    public record HostPort(Host host, String protocol, int port) implements HostSubject {
        @Override
        public String describe() {
            return protocol + " port " + port;
        }
    }

    public record HostCommand(Host host, Command command) implements HostSubject {
        @Override
        public String describe() {
            return "`" + command.line() + "`";
        }
    }

    public record HostUser(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "user " + name;
        }
    }

    public record HostGroup(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "group " + name;
        }
    }

    public record HostSysctl(Host host, String key) implements HostSubject {
        @Override
        public String describe() {
            return "sysctl " + key;
        }
    }

    public record HostMount(Host host, String mountPoint) implements HostSubject {
        @Override
        public String describe() {
            return "mount " + mountPoint;
        }
    }

    public record HostMemory(Host host) implements HostSubject {
        @Override
        public String describe() {
            return "available memory";
        }
    }

    public record HostOs(Host host) implements HostSubject {
        @Override
        public String describe() {
            return "the OS";
        }
    }

    public record HostKernel(Host host) implements HostSubject {
        @Override
        public String describe() {
            return "the kernel";
        }
    }

    /** A TLS endpoint: the host's address and port, with the name sent as SNI. */
    public record TlsEndpoint(Host host, String serverName, int port) implements HostSubject {
        @Override
        public String describe() {
            return "the TLS certificate served on " + serverName + ":" + port;
        }
    }

    public record HttpEndpoint(Host host, String url) implements HostSubject {
        @Override
        public String describe() {
            return url;
        }
    }

    /**
     * A TCP connection from the host to a target: a host of the environment (then {@code address}
     * is its address) or a name or address as written.
     */
    public record HostConnection(Host host, String target, String address, int port, Duration timeout)
            implements HostSubject {
        @Override
        public String describe() {
            return target + ":" + port + (target.equals(address) ? "" : " (" + address + ")");
        }
    }

    public record HostDnsName(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return name;
        }
    }

    public record HostTimer(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "timer " + name;
        }
    }

    /** The cron entries whose command contains a text. */
    public record HostCronJob(Host host, String command) implements HostSubject {
        @Override
        public String describe() {
            return "a cron job running " + command;
        }
    }

    /**
     * A parsed configuration: a file at {@code path} in a format, or, with format
     * {@code SSHD_EFFECTIVE}, sshd's effective configuration ({@code path} is then empty).
     */
    public record HostConfig(Host host, String path, ConfigDocuments.Format format) implements HostSubject {
        @Override
        public String describe() {
            return format == ConfigDocuments.Format.SSHD_EFFECTIVE ? "sshd's effective configuration" : path;
        }

        /** Where a message says the value came from: {@code /etc/app/config.json, read as JSON}, {@code sshd -T}. */
        public String source() {
            return format == ConfigDocuments.Format.SSHD_EFFECTIVE ? "sshd -T" : path + ", read as " + format.label();
        }
    }

    /** One value of a parsed configuration; empty when the key path leads nowhere. */
    public record HostConfigValue(Host host, String keyPath, String configuration, Optional<Object> value, String source)
            implements HostSubject {
        @Override
        public String describe() {
            return keyPath + " in " + configuration;
        }
    }

    public record HostFirewall(Host host) implements HostSubject {
        @Override
        public String describe() {
            return "the firewall";
        }
    }

    public record HostCertificateFile(Host host, String path) implements HostSubject {
        @Override
        public String describe() {
            return "the certificate in " + path;
        }
    }

    public record HostInterface(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "interface " + name;
        }
    }

    public record HostDefaultRoute(Host host) implements HostSubject {
        @Override
        public String describe() {
            return "the default route";
        }
    }

    public record HostSystemSettings(Host host) implements HostSubject {
        @Override
        public String describe() {
            return "the system settings";
        }
    }

    public record HostContainer(Host host, String name) implements HostSubject {
        @Override
        public String describe() {
            return "container " + name;
        }
    }
}
