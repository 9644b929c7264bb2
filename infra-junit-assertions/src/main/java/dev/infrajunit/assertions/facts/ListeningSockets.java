package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sockets a host listens on (TCP) or has bound (UDP), read once per run: from {@code ss}, or,
 * where {@code ss} is missing, from the kernel's tables in {@code /proc/net}.
 *
 * @param source the command the list came from, for failure messages
 */
public record ListeningSockets(String source, List<Listener> listeners) {

    public static final String FACT = "infra-junit.listening-sockets";

    static final String SS_SOURCE = "ss -ltun";
    static final String PROC_SOURCE = "/proc/net/tcp, tcp6, udp, udp6";

    private static final Command SS = Command.of("ss -ltun");
    private static final Command PROC = Command.of(
            "for f in tcp tcp6 udp udp6; do if [ -r /proc/net/$f ]; then echo \"# $f\"; cat /proc/net/$f; fi; done");

    public ListeningSockets {
        listeners = List.copyOf(listeners);
    }

    /**
     * One listening socket.
     *
     * @param protocol {@code tcp} or {@code udp}
     * @param address  the bound address as the host shows it: {@code 0.0.0.0}, {@code ::},
     *                 {@code *} (every address, IPv4 and IPv6), {@code 127.0.0.1}, ...
     */
    public record Listener(String protocol, String address, int port) {

        /** Whether a client connecting to {@code wanted} reaches this socket. */
        public boolean accepts(String wanted) {
            String target = normalise(wanted);
            return address.equals(target) || address.equals("*")
                    || (address.equals("0.0.0.0") && !target.contains(":"))
                    || (address.equals("::") && target.contains(":"));
        }
    }

    public List<Listener> on(String protocol, int port) {
        return listeners.stream().filter(l -> l.protocol().equals(protocol) && l.port() == port).toList();
    }

    /** The host's listening sockets, fetched once per run. */
    public static ListeningSockets of(Host host) {
        return host.fact(FACT, () -> {
            CommandResult ss = host.run(SS);
            if (!ss.commandNotFound()) {
                if (!ss.succeeded()) {
                    throw HostTools.failed(host, "listening ports", ss);
                }
                // ss always prints its header: without it, the empty list is no answer
                if (ss.stdoutLines().stream().noneMatch(line -> line.strip().startsWith("Netid"))) {
                    throw HostTools.missing(host, "listening ports", "`" + ss.command() + "` printed no table (not even its"
                            + " header line)" + (ss.stderr().isBlank() ? "" : ": " + ss.stderr().strip()));
                }
                return parseSs(ss.stdoutLines());
            }
            return fromProc(host);
        });
    }

    /** Reads the kernel's socket tables directly, as used where {@code ss} is not installed. */
    public static ListeningSockets fromProc(Host host) {
        CommandResult proc = host.run(PROC);
        if (!proc.stdout().contains("local_address")) {
            throw HostTools.missing(host, "listening ports", "neither ss nor /proc/net/tcp is available");
        }
        return parseProc(proc.stdoutLines());
    }

    /** Parses {@code ss -ltun}: {@code Netid State Recv-Q Send-Q Local-Address:Port Peer-Address:Port}. */
    public static ListeningSockets parseSs(List<String> lines) {
        List<Listener> listeners = new ArrayList<>();
        for (String line : lines) {
            String[] fields = firstFields(line, 5);
            if (fields.length < 5 || fields[0].equals("Netid")) {
                continue;
            }
            String local = fields[4];
            int colon = local.lastIndexOf(':');
            listeners.add(new Listener(fields[0], normalise(local.substring(0, colon)),
                    Integer.parseInt(local.substring(colon + 1))));
        }
        return new ListeningSockets(SS_SOURCE, listeners);
    }

    /**
     * Parses the {@code /proc/net/{tcp,tcp6,udp,udp6}} tables, each after a {@code # name} line.
     * Addresses there are hex in the kernel's (little-endian) byte order; TCP state 0A is LISTEN and
     * UDP state 07 with no peer is a bound socket.
     */
    public static ListeningSockets parseProc(List<String> lines) {
        List<Listener> listeners = new ArrayList<>();
        String table = "";
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("# ")) {
                table = trimmed.substring(2);
                continue;
            }
            String[] fields = firstFields(trimmed, 4);
            if (fields.length < 4 || fields[0].equals("sl")) {
                continue;
            }
            boolean tcp = table.startsWith("tcp");
            String state = fields[3];
            boolean listening = tcp ? state.equals("0A") : state.equals("07") && fields[2].endsWith(":0000");
            if (listening) {
                String[] local = fields[1].split(":");
                listeners.add(new Listener(tcp ? "tcp" : "udp", hexAddress(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        return new ListeningSockets(PROC_SOURCE, listeners);
    }

    /**
     * The first {@code count} whitespace-separated fields of a line, or fewer if it has fewer. Cut
     * by hand: a busy host lists thousands of sockets, and only the first few fields are read.
     */
    static String[] firstFields(String line, int count) {
        List<String> fields = new ArrayList<>(count);
        int i = 0;
        int length = line.length();
        while (fields.size() < count) {
            while (i < length && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == length) {
                break;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            fields.add(line.substring(start, i));
        }
        return fields.toArray(String[]::new);
    }

    private static String hexAddress(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        // each 32-bit word is stored little-endian
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int from = (word * 4 + (3 - i)) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            groups.append(i == 0 ? "" : ":").append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return normalise(groups.toString());
    }

    /**
     * One spelling per address: brackets and zone ({@code %lo}) dropped, IPv6 compressed, IPv4-mapped
     * IPv6 as IPv4, so {@code [::ffff:127.0.0.1]} and {@code 127.0.0.1} compare equal.
     */
    public static String normalise(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (!a.contains(":")) {
            return a;
        }
        a = a.toLowerCase(Locale.ROOT);
        if (a.startsWith("::ffff:") && a.substring(7).contains(".")) {
            return a.substring(7);
        }
        try {
            return compress(InetAddress.getByName(a).getAddress(), a);
        } catch (UnknownHostException e) {
            return a;
        }
    }

    private static String compress(byte[] bytes, String fallback) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        if (bytes.length != 16) {
            return fallback;
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // the longest run of zero words becomes "::"
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i > 1) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        return out.toString();
    }
}
