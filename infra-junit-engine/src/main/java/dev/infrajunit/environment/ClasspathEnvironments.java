package dev.infrajunit.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The environments on a class path: resources {@code infra/NAME.yaml} (or {@code .yml}), in directories and jars. */
final class ClasspathEnvironments {

    static final String DIRECTORY = "infra";
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml");

    private final ClassLoader classLoader;

    ClasspathEnvironments(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The resource of that environment name; {@code .yaml} wins over {@code .yml}. */
    Optional<URL> find(String name) {
        return EXTENSIONS.stream()
                .map(extension -> classLoader.getResource(DIRECTORY + "/" + name + extension))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /**
     * Every environment name on the class path, sorted. Only for messages: a root that cannot be
     * listed is skipped, and a jar built without directory entries is not seen (it can still be
     * loaded by name).
     */
    List<String> names() {
        SortedSet<String> names = new TreeSet<>();
        try {
            for (URL root : Collections.list(classLoader.getResources(DIRECTORY))) {
                names.addAll(namesIn(root));
            }
        } catch (IOException e) {
            return List.copyOf(names);
        }
        return List.copyOf(names);
    }

    private static List<String> namesIn(URL root) {
        try {
            if ("file".equals(root.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                    return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                            .flatMap(file -> nameOf(file).stream()).toList();
                }
            }
            URLConnection connection = root.openConnection();
            if (connection instanceof JarURLConnection jarConnection) {
                jarConnection.setUseCaches(false);
                String prefix = jarConnection.getEntryName() + "/";
                try (JarFile jar = jarConnection.getJarFile()) {
                    return jar.stream().map(JarEntry::getName)
                            .filter(entry -> entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0)
                            .flatMap(entry -> nameOf(entry.substring(prefix.length())).stream()).toList();
                }
            }
        } catch (IOException | URISyntaxException | UncheckedIOException | IllegalArgumentException
                 | FileSystemNotFoundException e) {
            return List.of();
        }
        return List.of();
    }

    private static Optional<String> nameOf(String fileName) {
        return EXTENSIONS.stream().filter(fileName::endsWith)
                .map(extension -> fileName.substring(0, fileName.length() - extension.length()))
                .filter(name -> !name.isEmpty())
                .findFirst();
    }
}
