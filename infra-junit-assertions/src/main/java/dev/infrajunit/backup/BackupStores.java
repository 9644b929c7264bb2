package dev.infrajunit.backup;

import dev.infrajunit.spi.BackupPolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link BackupStore}s on the class path, by kind, loaded once: the backup policy kinds the assertions can check. */
final class BackupStores {

    /** Which artifact brings the shipped kinds that are not built in. */
    private static final String AWS_ARTIFACT = "dev.infrajunit:infra-junit-aws";

    private static volatile Map<String, BackupStore> loaded;

    private BackupStores() {
    }

    /** The store of a kind key, if its plug-in is on the class path. */
    static Optional<BackupStore> of(String key) {
        return Optional.ofNullable(all().get(key));
    }

    /** Every kind key a policy may name: the shipped kinds in their order, then those of other plug-ins. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>(BackupKind.SHIPPED.stream().map(BackupKind::key).toList());
        all().keySet().stream().filter(key -> !keys.contains(key)).forEach(keys::add);
        return keys;
    }

    /** Every store on the class path, in the order of {@link #keys()}. */
    static List<BackupStore> installed() {
        return keys().stream().map(all()::get).filter(store -> store != null).toList();
    }

    /** What to add for a kind whose plug-in is missing: the artifact that ships it, if one does. */
    static String missing(String key) {
        return BackupKind.byKey(key).isPresent()
                ? "the " + key + " backup kind is in infra-junit-aws; add the dependency " + AWS_ARTIFACT
                        + " to the project that runs the checks"
                : "no backup kind '" + key + "' is on the class path";
    }

    private static Map<String, BackupStore> all() {
        Map<String, BackupStore> stores = loaded;
        if (stores == null) {
            stores = new LinkedHashMap<>();
            for (BackupPolicyKind kind : ServiceLoader.load(BackupPolicyKind.class, BackupStore.class.getClassLoader())) {
                if (kind instanceof BackupStore store) {
                    stores.putIfAbsent(store.key(), store);
                }
            }
            loaded = stores;
        }
        return stores;
    }
}
