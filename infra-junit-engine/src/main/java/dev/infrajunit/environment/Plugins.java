package dev.infrajunit.environment;

import dev.infrajunit.spi.BackupPolicyKind;
import dev.infrajunit.spi.HostSource;
import dev.infrajunit.spi.TransportProvider;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * What the jars on a class path add to environment files, found with {@link ServiceLoader}: kinds
 * of host sources (the engine's {@code sshConfig} among them), kinds of backup policies, and kinds
 * of transports (the engine's {@code exec} among them).
 *
 * @param hostSources by the key that names each kind, in alphabetical order; the first found of a key wins
 * @param backupKinds in class-path order
 * @param transports  the kinds of transport a {@code transport:} map names, by that name, alphabetically
 */
record Plugins(Map<String, HostSource> hostSources, List<BackupPolicyKind> backupKinds,
               Map<String, TransportProvider> transports) {

    /**
     * The plug-ins a class loader sees.
     *
     * @throws IllegalStateException naming the plug-in that could not be loaded
     */
    static Plugins load(ClassLoader classLoader) {
        try {
            Map<String, HostSource> sources = new TreeMap<>();
            ServiceLoader.load(HostSource.class, classLoader).forEach(source -> sources.putIfAbsent(source.kind(), source));
            List<BackupPolicyKind> kinds = ServiceLoader.load(BackupPolicyKind.class, classLoader).stream()
                    .map(ServiceLoader.Provider::get).toList();
            Map<String, TransportProvider> transports = new TreeMap<>();
            ServiceLoader.load(TransportProvider.class, classLoader).forEach(provider -> transports.putIfAbsent(provider.kind(), provider));
            return new Plugins(Collections.unmodifiableMap(sources), kinds, Collections.unmodifiableMap(transports));
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("could not load the infra-junit plug-ins on the class path: " + e.getMessage(), e);
        }
    }
}
