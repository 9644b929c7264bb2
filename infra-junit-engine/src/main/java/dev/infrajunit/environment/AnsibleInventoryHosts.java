package dev.infrajunit.environment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.InfraException;
import dev.infrajunit.spi.DiscoveredHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * {@code - ansible: inventory/production}: the hosts of an Ansible inventory, INI or YAML (by a
 * {@code .yml}/{@code .yaml} name), optionally only those a {@code match} glob selects. A host's
 * groups become its roles ({@code all} and {@code ungrouped} say nothing and are left out; a group
 * declared under {@code roles:} gives its keys, one that is not is a role without keys);
 * {@code ansible_host} is its address, {@code ansible_port} and {@code ansible_user} its SSH port and
 * user, with host variables winning over group variables and a child group's over its parent's.
 */
@API(status = INTERNAL)
public final class AnsibleInventoryHosts extends HostFileSource {

    static final String KIND = "ansible";

    public AnsibleInventoryHosts() {
        super(KIND);
    }

    @Override
    public List<DiscoveredHost> discover(Map<String, Object> entry, Context context) {
        String written = (String) entry.get(KIND);
        Path file = resolve(written, context);
        Predicate<String> match = matching(entry);
        AnsibleInventory inventory = read(file, written);
        List<DiscoveredHost> hosts = new ArrayList<>();
        for (String name : inventory.hosts()) {
            if (match.test(name)) {
                hosts.add(host(name, inventory, file));
            }
        }
        return hosts;
    }

    /** A relative path is beside the environment file, as Ansible's own paths are beside the playbook. */
    private static Path resolve(String written, Context context) {
        Path path = UserHome.expand(written);
        if (!path.isAbsolute()) {
            path = context.environmentFile().map(Path::toAbsolutePath).map(Path::getParent).orElse(Path.of("")).resolve(path);
        }
        return path.toAbsolutePath().normalize();
    }

    private static AnsibleInventory read(Path file, String written) {
        String shown = "the Ansible inventory " + written + (written.equals(file.toString()) ? "" : " (" + file + ")");
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new InfraException(shown + " is a directory; name one inventory file in it");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InfraException(shown + " does not exist; correct the path in ansible (a relative path is"
                    + " beside the environment file)", e);
        } catch (IOException e) {
            throw new InfraException(shown + " could not be read: " + e, e);
        }
        EnvironmentOrigin origin = new EnvironmentOrigin(file.toString(), Optional.of(file));
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml") ? AnsibleInventory.yaml(text, origin) : AnsibleInventory.ini(text, origin);
    }

    private static DiscoveredHost host(String name, AnsibleInventory inventory, Path file) {
        Map<String, String> vars = inventory.varsOf(name);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("address", vars.getOrDefault("ansible_host", name));
        Map<String, Object> ssh = new LinkedHashMap<>();
        Optional.ofNullable(vars.get("ansible_user")).ifPresent(user -> ssh.put("user", user));
        Optional.ofNullable(vars.get("ansible_port")).ifPresent(port -> ssh.put("port", port));
        if (!ssh.isEmpty()) {
            keys.put("ssh", ssh);
        }
        List<String> roles = inventory.groupsOf(name).stream()
                .filter(group -> !AnsibleInventory.IMPLICIT_GROUPS.contains(group)).toList();
        if (!roles.isEmpty()) {
            keys.put("roles", roles);
        }
        return new DiscoveredHost(name, "host " + name + " in " + file, keys);
    }
}
