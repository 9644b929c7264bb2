package dev.infrajunit.environment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLoaderTest {

    private static final String HOSTS = "hosts:\n  web-1: { address: 10.0.0.5 }\n";

    @TempDir
    Path temp;

    private Path directoryRoot(Map<String, String> files) throws IOException {
        Path root = Files.createDirectories(temp.resolve("classes"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return root;
    }

    private Path jarRoot(Map<String, String> files) throws IOException {
        Path jar = temp.resolve("environments.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("infra/"));
            out.closeEntry();
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new JarEntry(file.getKey()));
                out.write(file.getValue().getBytes(UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static EnvironmentLoader loaderOver(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        // No parent: only these roots are on the class path, whatever the test class path holds.
        return new EnvironmentLoader(new URLClassLoader(urls, null), Map.of("DEPLOY_USER", "deploy")::get);
    }

    @Test
    void loadsANameFromADirectoryOnTheClassPath() throws IOException {
        Path root = directoryRoot(Map.of("infra/staging.yaml", "ssh: { user: '${env:DEPLOY_USER}' }\n" + HOSTS));

        EnvironmentDefinition environment = loaderOver(root).load("staging");

        assertThat(environment.name()).isEqualTo("staging");
        assertThat(environment.source()).contains(root.resolve("infra/staging.yaml"));
        assertThat(environment.hosts()).extracting(HostDefinition::address).containsExactly("10.0.0.5");
        assertThat(environment.hosts().get(0).ssh().user()).isEqualTo("deploy");
    }

    @Test
    void loadsANameFromAJarOnTheClassPath() throws IOException {
        Path jar = jarRoot(Map.of("infra/production.yaml", HOSTS));

        EnvironmentDefinition environment = loaderOver(jar).load("production");

        assertThat(environment.name()).isEqualTo("production");
        assertThat(environment.source()).isEmpty();
        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("web-1");
    }

    @Test
    void aYmlFileServesTooButYamlWins() throws IOException {
        Path root = directoryRoot(Map.of(
                "infra/legacy.yml", HOSTS,
                "infra/both.yaml", "hosts: { from-yaml: {} }\n",
                "infra/both.yml", "hosts: { from-yml: {} }\n"));
        EnvironmentLoader loader = loaderOver(root);

        assertThat(loader.load("legacy").source()).contains(root.resolve("infra/legacy.yml"));
        assertThat(loader.load("both").hosts()).extracting(HostDefinition::name).containsExactly("from-yaml");
    }

    @Test
    void aProblemInAClassPathEnvironmentNamesTheResourceAndTheFileWhenThereIsOne() throws IOException {
        Path root = directoryRoot(Map.of("infra/staging.yaml", "hosts:\n  web-1:\n    adress: x\n"));
        EnvironmentLoader loader = loaderOver(root, jarRoot(Map.of("infra/legacy.yml", "hosts:\n  web-1: { sudo: maybe }\n")));

        assertThatThrownBy(() -> loader.load("staging"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("classpath:infra/staging.yaml:3: unknown key 'adress' under hosts.web-1;")
                .extracting("source", "line", "file")
                .containsExactly("classpath:infra/staging.yaml", 3, Optional.of(root.resolve("infra/staging.yaml")));
        assertThatThrownBy(() -> loader.load("legacy"))
                .hasMessage("classpath:infra/legacy.yml:2: hosts.web-1.sudo: 'maybe' is not true or false")
                .extracting("file").isEqualTo(Optional.empty());
    }

    @Test
    void listsTheEnvironmentsOfDirectoriesAndJars() throws IOException {
        Path root = directoryRoot(Map.of(
                "infra/staging.yaml", HOSTS,
                "infra/legacy.yml", HOSTS,
                "infra/README.md", "not an environment",
                "infra/nested/deeper.yaml", HOSTS,
                "other/elsewhere.yaml", HOSTS));
        Path jar = jarRoot(Map.of(
                "infra/production.yaml", HOSTS,
                "infra/staging.yaml", HOSTS,
                "infra/sub/skipped.yaml", HOSTS,
                "infra.yaml", HOSTS));

        assertThat(loaderOver(root, jar).availableNames()).containsExactly("legacy", "production", "staging");
    }

    @Test
    void anUnknownNameListsTheEnvironmentsThereAre() throws IOException {
        EnvironmentLoader loader = loaderOver(
                directoryRoot(Map.of("infra/staging.yaml", HOSTS)), jarRoot(Map.of("infra/production.yaml", HOSTS)));

        assertThatThrownBy(() -> loader.load("stagin"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("Unknown environment 'stagin': there is no infra/stagin.yaml (or .yml) on the class path."
                        + " Did you mean 'staging'? Environments on the class path: production, staging."
                        + " To use a file instead, give its path, such as ./stagin.yaml or /etc/infra/stagin.yaml.")
                .extracting("source", "line", "key").containsExactly("classpath:infra/stagin.yaml", 0, "");
        assertThatThrownBy(() -> loader.load("qa"))
                .hasMessage("Unknown environment 'qa': there is no infra/qa.yaml (or .yml) on the class path."
                        + " Environments on the class path: production, staging."
                        + " To use a file instead, give its path, such as ./qa.yaml or /etc/infra/qa.yaml.");
    }

    @Test
    void anUnknownNameWhenThereAreNoEnvironmentsAtAll() throws IOException {
        assertThatThrownBy(() -> loaderOver(directoryRoot(Map.of())).load("staging"))
                .hasMessage("Unknown environment 'staging': there is no infra/staging.yaml (or .yml) on the class path."
                        + " There are no environments on the class path; put them in"
                        + " src/test/resources/infra/NAME.yaml."
                        + " To use a file instead, give its path, such as ./staging.yaml or /etc/infra/staging.yaml.");
    }

    @Test
    void aRelativePathIsReadFromTheWorkingDirectory() throws IOException {
        Path directory = Files.createDirectories(Path.of("target", "environment-loader-test"));
        Path file = Files.createTempFile(directory, "staging", ".yaml");
        try {
            Files.writeString(file, HOSTS);
            String relative = directory.getFileName() + "/" + file.getFileName();

            EnvironmentDefinition environment = loaderOver().load("target/" + relative);

            assertThat(environment.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
            assertThat(environment.source()).contains(Path.of("target", relative));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anAbsolutePathWithAnyExtensionOrNone() throws IOException {
        Path file = Files.writeString(temp.resolve("qa.YML"), HOSTS);
        Path bare = Files.writeString(temp.resolve("qa-environment"), HOSTS);
        EnvironmentLoader loader = loaderOver();

        assertThat(loader.load(file.toString()).name()).isEqualTo("qa");
        assertThat(loader.load(bare.toString()).name()).isEqualTo("qa-environment");
        assertThat(loader.load(" " + file + " ").source()).contains(file);
    }

    @Test
    void aProblemInAFileNamesThePathAsGiven() throws IOException {
        Path file = Files.writeString(temp.resolve("staging.yaml"), "hosts:\n  web-1: { sudo: maybe }\n");

        assertThatThrownBy(() -> loaderOver().load(file.toString()))
                .hasMessage(file + ":2: hosts.web-1.sudo: 'maybe' is not true or false")
                .extracting("source", "file").containsExactly(file.toString(), Optional.of(file));
    }

    @Test
    void aMissingFile() throws IOException {
        assertThatThrownBy(() -> loaderOver().load("nowhere/staging.yaml"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("Environment file nowhere/staging.yaml does not exist (looked at "
                        + Path.of("nowhere/staging.yaml").toAbsolutePath() + ")")
                .extracting("source").isEqualTo("nowhere/staging.yaml");
    }

    @Test
    void aTildeMeansTheUsersHome() throws IOException {
        assertThatThrownBy(() -> loaderOver().load("~/infra-junit-no-such-environment.yaml"))
                .hasMessage("Environment file " + Path.of(System.getProperty("user.home"),
                        "infra-junit-no-such-environment.yaml") + " does not exist (looked at " + Path.of(
                        System.getProperty("user.home"), "infra-junit-no-such-environment.yaml") + ")");
    }

    @Test
    void aDirectoryIsNotAnEnvironmentFile() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("envs.yaml"));

        assertThatThrownBy(() -> loaderOver().load(directory.toString()))
                .hasMessage("Environment file " + directory + " is not a regular file");
    }

    @Test
    void aFileThatIsNotUtf8() throws IOException {
        Path file = temp.resolve("latin1.yaml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("hosts: { caf\u00e9: {} }\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        assertThatThrownBy(() -> loaderOver().load(file.toString()))
                .hasMessage("Environment file " + file + " is not UTF-8 text");
    }

    @Test
    void nothingSelected() throws IOException {
        assertThatThrownBy(() -> loaderOver().load("  "))
                .hasMessage("No environment selected: give the name of a class path resource infra/NAME.yaml,"
                        + " or the path of a .yaml file");
    }

    @Test
    void loadFileUsesTheNameItIsGiven() throws IOException {
        Path file = Files.writeString(temp.resolve("generated-1234.yaml"), HOSTS);

        EnvironmentDefinition environment = loaderOver().loadFile(file, "demo");

        assertThat(environment.name()).isEqualTo("demo");
        assertThat(environment.source()).contains(file);
    }

    @Test
    void whatCountsAsAPath() {
        assertThat(EnvironmentLoader.isPath("staging")).isFalse();
        assertThat(EnvironmentLoader.isPath("staging-eu.v2")).isFalse();
        assertThat(EnvironmentLoader.isPath("staging.yaml")).isTrue();
        assertThat(EnvironmentLoader.isPath("staging.YML")).isTrue();
        assertThat(EnvironmentLoader.isPath("envs/staging")).isTrue();
        assertThat(EnvironmentLoader.isPath("/etc/infra/staging")).isTrue();
        assertThat(EnvironmentLoader.isPath("~/staging")).isTrue();
    }
}
