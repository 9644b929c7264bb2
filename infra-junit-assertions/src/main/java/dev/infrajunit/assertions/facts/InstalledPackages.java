package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages a host's package manager knows, read once per run with one command: {@code dpkg-query}
 * on Debian and Ubuntu, {@code rpm} on Red Hat and SUSE, {@code apk} on Alpine, whichever the host
 * has first.
 *
 * @param manager  which tool answered: {@code dpkg}, {@code rpm} or {@code apk}
 * @param source   the command that listed them, for failure messages
 * @param scheme   how that manager orders versions
 * @param packages by name
 */
public record InstalledPackages(String manager, String source, VersionScheme scheme, Map<String, PackageEntry> packages) {

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

    public InstalledPackages {
        packages = Map.copyOf(packages);
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
        return Optional.ofNullable(packages.get(name)).filter(PackageEntry::installed);
    }

    /** The package as listed, installed or not (dpkg also lists removed packages). */
    public Optional<PackageEntry> listed(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    /** The host's package list, fetched once per run. */
    public static InstalledPackages of(Host host) {
        return host.fact(FACT, () -> fetch(host));
    }

    private static InstalledPackages fetch(Host host) {
        CommandResult result = host.run(LIST);
        List<String> lines = result.stdoutLines();
        String manager = lines.isEmpty() ? "none" : lines.get(0).strip();
        List<String> listing = lines.subList(Math.min(1, lines.size()), lines.size());
        if (manager.equals("none")) {
            throw HostTools.missing(host, "packages", "none of dpkg-query, rpm or apk is installed");
        }
        if (!result.succeeded()) {
            throw HostTools.failed(host, "packages", result);
        }
        InstalledPackages parsed = parse(manager, listing);
        // every system has a base of packages: none at all means the wrong manager, or an unreadable database
        if (parsed.packages().isEmpty()) {
            throw HostTools.missing(host, "packages", TOOLS.get(manager) + " lists no package at all, so it is not what"
                    + " manages this host's packages (or its database cannot be read)");
        }
        return parsed;
    }

    /** Parses what one of the three listing commands printed. */
    public static InstalledPackages parse(String manager, List<String> listing) {
        Map<String, PackageEntry> packages = new LinkedHashMap<>();
        switch (manager) {
            case "dpkg", "rpm" -> {
                // name, version and status, tab-separated; cut by hand, as a host lists a thousand of them
                for (String line : listing) {
                    int nameEnd = line.indexOf('\t');
                    int versionEnd = nameEnd < 0 ? -1 : line.indexOf('\t', nameEnd + 1);
                    if (nameEnd > 0 && versionEnd > 0) {
                        int statusEnd = line.indexOf('\t', versionEnd + 1);
                        String status = line.substring(versionEnd + 1, statusEnd < 0 ? line.length() : statusEnd).strip();
                        PackageEntry entry = new PackageEntry(line.substring(0, nameEnd), line.substring(nameEnd + 1, versionEnd), status);
                        // several architectures of one package: an installed one wins
                        packages.merge(entry.name(), entry, (old, next) -> old.installed() ? old : next);
                    }
                }
            }
            case "apk" -> {
                for (String line : listing) {
                    Matcher matcher = APK_LINE.matcher(line.strip());
                    if (matcher.matches()) {
                        packages.put(matcher.group(1), new PackageEntry(matcher.group(1), matcher.group(2), "ii"));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown package manager " + manager);
        }
        return switch (manager) {
            case "dpkg" -> new InstalledPackages("dpkg", "dpkg-query -W", VersionScheme.DEBIAN, packages);
            case "rpm" -> new InstalledPackages("rpm", "rpm -qa", VersionScheme.RPM, packages);
            default -> new InstalledPackages("apk", APK_LIST, VersionScheme.APK, packages);
        };
    }
}
