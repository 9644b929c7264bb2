package dev.infrajunit.environment;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds, reads and checks environment files. {@code infra.environment} names one of two ways:
 * <ul>
 *   <li>a file path: a value ending in {@code .yaml} or {@code .yml}, or containing a path
 *       separator, relative to the working directory, with {@code ~} for the user's home;</li>
 *   <li>a name N: the class path resource {@code infra/N.yaml} (or {@code infra/N.yml}).</li>
 * </ul>
 * The file format is described in the project's README; {@link Inheritance} explains how hosts
 * inherit from roles and the top level. Hosts listed under {@code hostSources:} are discovered
 * while the file is loaded (see {@link HostDiscovery}).
 */
public final class EnvironmentLoader {

    private final ClassLoader classLoader;
    private final ClasspathEnvironments classpath;
    private final Function<String, String> environmentVariables;
    private Plugins plugins;

    /**
     * @param classLoader          where {@code infra/NAME.yaml} resources and the plug-ins ({@link Plugins})
     *                             are looked up
     * @param environmentVariables the values {@code ${env:NAME}} refers to, {@code System::getenv}
     *                             in production; returns null for a variable that is not set
     */
    public EnvironmentLoader(ClassLoader classLoader, Function<String, String> environmentVariables) {
        this.classLoader = classLoader;
        this.classpath = new ClasspathEnvironments(classLoader);
        this.environmentVariables = environmentVariables;
    }

    /** Whether {@link #load} reads this value as a file path rather than as a class path name. */
    public static boolean isPath(String nameOrPath) {
        String value = nameOrPath.trim().toLowerCase(Locale.ROOT);
        return value.endsWith(".yaml") || value.endsWith(".yml") || value.startsWith("~")
                || value.contains("/") || value.contains(File.separator);
    }

    /**
     * Loads the environment a name or path selects.
     *
     * @throws EnvironmentException for an unknown name (listing the names there are), a missing or
     *                              unreadable file, or any problem in the file (with its line and key)
     */
    public EnvironmentDefinition load(String nameOrPath) {
        String value = nameOrPath == null ? "" : nameOrPath.trim();
        if (value.isEmpty()) {
            throw new EnvironmentException("", "No environment selected: give the name of a class path resource"
                    + " infra/NAME.yaml, or the path of a .yaml file");
        }
        if (isPath(value)) {
            Path file;
            try {
                file = UserHome.expand(value);
            } catch (InvalidPathException e) {
                throw new EnvironmentException(value, "Environment file '" + value + "' is not a valid path: "
                        + e.getReason());
            }
            return loadFile(file, baseName(file));
        }
        return loadResource(value);
    }

    /**
     * Loads an environment file under a name of the caller's choosing, such as one an
     * {@link dev.infrajunit.spi.EnvironmentProvider} started.
     */
    public EnvironmentDefinition loadFile(Path file, String name) {
        String where = file.toString();
        if (!Files.exists(file)) {
            throw new EnvironmentException(where, "Environment file " + where + " does not exist (looked at "
                    + file.toAbsolutePath().normalize() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new EnvironmentException(where, "Environment file " + where + " is not a regular file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EnvironmentException(where, "Environment file " + where + " could not be read: " + e);
        }
        return parse(text(bytes, where), name, new EnvironmentOrigin(where, Optional.of(file)));
    }

    /**
     * Parses environment text that did not come through {@link #load}.
     *
     * @param source the file the text came from, if any; messages name it, or else {@code name}
     */
    public EnvironmentDefinition parse(String yaml, String name, Optional<Path> source) {
        return parse(yaml, name, new EnvironmentOrigin(source.map(Path::toString).orElse(name), source));
    }

    /** The names of the environments on the class path ({@code infra/*.yaml}), sorted. */
    public List<String> availableNames() {
        return classpath.names();
    }

    private EnvironmentDefinition loadResource(String name) {
        String resourceName = ClasspathEnvironments.DIRECTORY + "/" + name;
        URL resource = classpath.find(name).orElseThrow(() -> unknown(name, "classpath:" + resourceName + ".yaml"));
        String where = "classpath:" + resourceName + (resource.getPath().endsWith(".yml") ? ".yml" : ".yaml");
        byte[] bytes;
        try (InputStream in = resource.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new EnvironmentException(where, "Environment " + where + " could not be read: " + e);
        }
        return parse(text(bytes, where), name, new EnvironmentOrigin(where, fileOf(resource)));
    }

    private EnvironmentDefinition parse(String text, String name, EnvironmentOrigin source) {
        return new EnvironmentParser(environmentVariables, source, plugins(source)).parse(text, name);
    }

    private synchronized Plugins plugins(EnvironmentOrigin source) {
        if (plugins == null) {
            try {
                plugins = Plugins.load(classLoader);
            } catch (IllegalStateException e) {
                EnvironmentException problem = source.at(0, "", e.getMessage());
                problem.initCause(e);
                throw problem;
            }
        }
        return plugins;
    }

    private EnvironmentException unknown(String name, String where) {
        List<String> names = availableNames();
        List<String> closest = ClosestNames.closest(name, names);
        String known = names.isEmpty()
                ? " There are no environments on the class path; put them in src/test/resources/infra/NAME.yaml."
                : (closest.isEmpty() ? "" : " Did you mean '" + closest.get(0) + "'?")
                + " Environments on the class path: " + String.join(", ", names) + ".";
        return new EnvironmentException(where, "Unknown environment '" + name + "': there is no "
                + ClasspathEnvironments.DIRECTORY + "/" + name + ".yaml (or .yml) on the class path." + known
                + " To use a file instead, give its path, such as ./" + name + ".yaml or /etc/infra/" + name + ".yaml.");
    }

    private static String text(byte[] bytes, String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new EnvironmentException(where, "Environment file " + where + " is not UTF-8 text");
        }
    }

    private static Optional<Path> fileOf(URL resource) {
        if (!"file".equals(resource.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(resource.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String baseName(Path file) {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String extension : List.of(".yaml", ".yml")) {
            if (lower.endsWith(extension) && lower.length() > extension.length()) {
                return fileName.substring(0, fileName.length() - extension.length());
            }
        }
        return fileName;
    }
}
