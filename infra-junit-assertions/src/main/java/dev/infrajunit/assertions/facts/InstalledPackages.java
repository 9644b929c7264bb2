package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages a host's package manager knows, read once per run with one command: {@code dpkg-query}
 * on Debian and Ubuntu, {@code rpm} on Red Hat and SUSE, {@code apk} on Alpine, whichever the host
 * has first. The listing is kept as the tool printed it and a package is looked up in it by name:
 * a host lists a thousand packages and a spec asks about a few.
 */
public final class InstalledPackages {

    public static final String FACT = "infra-junit.packages";

    static final String DPKG_LIST = "dpkg-query -W -f='${Package}\\t${Version}\\t${db:Status-Abbrev}\\n'";
    static final String RPM_LIST = "rpm -qa --qf '%{NAME}\\t%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\\tii\\n'";
    static final String APK_LIST = "apk info -v";

    // The first line says which manager answered; its listing follows.
    private static final Command LIST = Command.of(
            "if command -v dpkg-query >/dev/null 2>&1; then echo dpkg; " + DPKG_LIST + ";"
                    + " elif command -v rpm >/dev/null 2>&1; then echo rpm; " + RPM_LIST + ";"
                    + " elif command -v apk >/dev/null 2>&1; then echo apk; " + APK_LIST + ";"
                    + " else echo none; fi");

    private static final Map<String, String> TOOLS = Map.of("dpkg", "dpkg-query", "rpm", "rpm", "apk", "apk");

    private static final Pattern APK_LINE = Pattern.compile("^(.+)-([^-]+-r\\d+)$");

    private final String manager;
    private final String source;
    private final VersionScheme scheme;
    private final String listing;

    private InstalledPackages(String manager, String source, VersionScheme scheme, String listing) {
        this.manager = manager;
        this.source = source;
        this.scheme = scheme;
        this.listing = listing;
    }

    /** Which tool answered: {@code dpkg}, {@code rpm} or {@code apk}. */
    public String manager() {
        return manager;
    }

    /** The command that listed the packages, for failure messages. */
    public String source() {
        return source;
    }

    /** How that manager orders versions. */
    public VersionScheme scheme() {
        return scheme;
    }

    /**
     * One package as the manager lists it.
     *
     * @param status dpkg's two-letter status ({@code ii} installed, {@code rc} removed with its
     *               configuration left behind, ...); {@code ii} for rpm and apk, which list only
     *               installed packages
     */
    public record PackageEntry(String name, String version, String status) {

        public boolean installed() {
            return status.length() >= 2 && status.charAt(1) == 'i';
        }

        /** How dpkg describes a package that is listed but not installed. */
        public String statusDescription() {
            return switch (status.length() >= 2 ? status.charAt(1) : '?') {
                case 'n' -> "not installed";
                case 'c' -> "removed, its configuration files left behind (dpkg status " + status + ")";
                case 'h' -> "half-installed (dpkg status " + status + ")";
                case 'U' -> "unpacked but not configured (dpkg status " + status + ")";
                case 'F' -> "half-configured (dpkg status " + status + ")";
                case 'W', 't' -> "waiting for triggers (dpkg status " + status + ")";
                default -> "in dpkg status " + status;
            };
        }
    }

    /** The installed package of that name. */
    public Optional<PackageEntry> installed(String name) {
        return listed(name).filter(PackageEntry::installed);
    }

    /**
     * The package as listed, installed or not (dpkg also lists removed packages). Where it is listed
     * more than once, once for each architecture, an installed one wins, else the last listed.
     */
    public Optional<PackageEntry> listed(String name) {
        // apk writes "name-version", the others "name<TAB>version<TAB>status"
        String start = name + (manager.equals("apk") ? "-" : "\t");
        PackageEntry found = null;
        for (int at = listing.indexOf(start); at >= 0; at = listing.indexOf(start, at + 1)) {
            if (at > 0 && listing.charAt(at - 1) != '\n') {
                continue;
            }
            int end = listing.indexOf('\n', at);
            PackageEntry entry = entry(listing.substring(at, end < 0 ? listing.length() : end));
            if (entry != null && entry.name().equals(name)) {
                found = entry;
                if (entry.installed()) {
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether the listing has a package in it at all: none means the wrong manager, or an unreadable database. */
    public boolean listsAny() {
        return listing.lines().anyMatch(line -> entry(line) != null);
    }

    /** One line of the listing, or null for a line that is not a package's. */
    private PackageEntry entry(String line) {
        if (manager.equals("apk")) {
            Matcher matcher = APK_LINE.matcher(line.strip());
            return matcher.matches() ? new PackageEntry(matcher.group(1), matcher.group(2), "ii") : null;
        }
        // name, version and status, tab-separated
        int nameEnd = line.indexOf('\t');
        int versionEnd = nameEnd < 0 ? -1 : line.indexOf('\t', nameEnd + 1);
        if (nameEnd <= 0 || versionEnd < 0) {
            return null;
        }
        int statusEnd = line.indexOf('\t', versionEnd + 1);
        String status = line.substring(versionEnd + 1, statusEnd < 0 ? line.length() : statusEnd).strip();
        return new PackageEntry(line.substring(0, nameEnd), line.substring(nameEnd + 1, versionEnd), status);
    }

    /** The host's package list, fetched once per run. */
    public static InstalledPackages of(Host host) {
        return host.fact(FACT, () -> fetch(host));
    }

    private static InstalledPackages fetch(Host host) {
        CommandResult result = host.run(LIST);
        String stdout = result.stdout();
        int firstLineEnd = stdout.indexOf('\n');
        String manager = (firstLineEnd < 0 ? stdout : stdout.substring(0, firstLineEnd)).strip();
        if (manager.isEmpty() || manager.equals("none")) {
            throw HostTools.missing(host, "packages", "none of dpkg-query, rpm or apk is installed");
        }
        if (!result.succeeded()) {
            throw HostTools.failed(host, "packages", result);
        }
        InstalledPackages parsed = parse(manager, firstLineEnd < 0 ? "" : stdout.substring(firstLineEnd + 1));
        if (!parsed.listsAny()) {
            throw HostTools.missing(host, "packages", TOOLS.get(manager) + " lists no package at all, so it is not what"
                    + " manages this host's packages (or its database cannot be read)");
        }
        return parsed;
    }

    /** What one of the three listing commands printed, after the line naming the manager. */
    public static InstalledPackages parse(String manager, String listing) {
        return switch (manager) {
            case "dpkg" -> new InstalledPackages("dpkg", "dpkg-query -W", VersionScheme.DEBIAN, listing);
            case "rpm" -> new InstalledPackages("rpm", "rpm -qa", VersionScheme.RPM, listing);
            case "apk" -> new InstalledPackages("apk", APK_LIST, VersionScheme.APK, listing);
            default -> throw new IllegalArgumentException("unknown package manager " + manager);
        };
    }
}
