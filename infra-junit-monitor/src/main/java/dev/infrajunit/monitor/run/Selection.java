package dev.infrajunit.monitor.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which specs every cycle runs, and with which configuration: the ConsoleLauncher's options of the
 * same names.
 *
 * @param classPath          extra class path entries holding the specs and their dependencies
 * @param packages           {@code --select-package}
 * @param classes            {@code --select-class}
 * @param includeClassnames  {@code --include-classname} patterns; none means every class
 * @param includeTags        {@code --include-tag} expressions
 * @param excludeTags        {@code --exclude-tag} expressions
 * @param configuration      {@code --config key=value}, {@code infra.shard} included
 */
public record Selection(List<Path> classPath, List<String> packages, List<String> classes, List<String> includeClassnames,
                        List<String> includeTags, List<String> excludeTags, Map<String, String> configuration) {

    public Selection {
        classPath = List.copyOf(classPath);
        packages = List.copyOf(packages);
        classes = List.copyOf(classes);
        includeClassnames = List.copyOf(includeClassnames);
        includeTags = List.copyOf(includeTags);
        excludeTags = List.copyOf(excludeTags);
        configuration = Map.copyOf(configuration);
    }

    public boolean selectsSomething() {
        return !packages.isEmpty() || !classes.isEmpty();
    }
}
