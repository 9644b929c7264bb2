package dev.infrajunit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.engine.config.InfraConfiguration;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentLoader;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Every snippet in README.md is real: Java is copied from the example specs, YAML loads as an
 * environment file, XML is what this build uses, and every key and command-line switch exists.
 * The main command's output is checked against a real run in {@link ReadmeDemoOutputTest}.
 */
class ReadmeTest {

    private static final Readme README = Readme.load();
    private static final Path EXAMPLES = README.root().resolve("infra-junit-examples");
    /** The project the README's tour builds, run by a real Maven in this module's integration tests. */
    private static final Path TOUR = EXAMPLES.resolve("src/it/readme-tour");

    @Test
    void everyJavaSnippetIsCopiedFromAnExampleSpec() throws IOException {
        List<Readme.Snippet> snippets = README.snippets("java");
        assertThat(snippets).isNotEmpty();
        List<List<String>> sources = javaSources();
        for (Readme.Snippet snippet : snippets) {
            assertThat(sources.stream().anyMatch(source -> containsRun(source, trimmed(snippet.lines()))))
                    .as("%s must be copied verbatim from a file under %s:%n%s", snippet, EXAMPLES.resolve("src/test/java"),
                            snippet.text())
                    .isTrue();
        }
    }

    @Test
    void everyYamlSnippetLoadsAsAnEnvironmentFile() {
        List<Readme.Snippet> snippets = README.snippets("yaml");
        assertThat(snippets).isNotEmpty();
        EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);
        for (Readme.Snippet snippet : snippets) {
            // Discovery would read this machine's ~/.ssh/config and call EC2; the rest of such a
            // snippet is loaded here, its sources are covered by SshConfigHostSourceTest and Ec2HostSourceTest.
            EnvironmentDefinition environment = loader.parse(withoutHostSources(snippet.text()), "readme", Optional.empty());
            assertThat(environment.hosts()).as("hosts of %s", snippet).isNotEmpty();
        }
    }

    private static String withoutHostSources(String yaml) {
        return yaml.replaceAll("(?ms)^hostSources:.*?(?=^\\S)", "");
    }

    @Test
    void theEnvironmentSnippetMeansWhatTheTourSaysItMeans() {
        Readme.Snippet snippet = README.snippets("yaml").get(0);
        EnvironmentDefinition environment = new EnvironmentLoader(getClass().getClassLoader(), name -> null)
                .parse(snippet.text(), "staging", Optional.empty());

        var db2 = environment.hosts().stream().filter(host -> host.name().equals("db-2")).findFirst().orElseThrow();
        var db3 = environment.hosts().stream().filter(host -> host.name().equals("db-3")).findFirst().orElseThrow();
        assertThat(db2.properties().get("backup")).isEqualTo(List.of(Map.of("files", "/var/backups/pg/db-2-*.dump", "maxAge", "24h")));
        assertThat(db3.properties().get("backup")).isEqualTo(List.of(
                Map.of("files", "/var/backups/pg/db-3-*.dump", "maxAge", "24h"),
                Map.of("s3", "s3://acme-backups/db-3/", "maxAge", "26h")));
        assertThat(db2.ssh().user()).isEqualTo("infra");
    }

    @Test
    void xmlSnippetsAreWhatThisBuildUses() throws Exception {
        List<Readme.Snippet> snippets = README.snippets("xml");
        assertThat(snippets).isNotEmpty();
        Element rootPom = parse(Files.readString(README.root().resolve("pom.xml")));
        List<String> modules = texts(rootPom, "module");
        Element examplesPom = parse(Files.readString(EXAMPLES.resolve("pom.xml")));
        for (Readme.Snippet snippet : snippets) {
            Element element = parse(snippet.text());
            if (element.getTagName().equals("project")) {
                assertThat(trimmed(snippet.lines())).as("%s must be the pom.xml that %s runs, with this build's versions", snippet, TOUR)
                        .isEqualTo(trimmed(tourPom(rootPom).lines().toList()));
            } else if (element.getTagName().equals("dependency")) {
                assertThat(text(element, "groupId")).as("groupId in %s", snippet).isEqualTo(text(rootPom, "groupId"));
                assertThat(modules).as("artifactId in %s", snippet).contains(text(element, "artifactId"));
                assertThat(text(element, "version")).as("version in %s", snippet).isEqualTo(text(rootPom, "version"));
            } else {
                assertThat(descendants(examplesPom, element.getTagName()))
                        .as("%s must be configured as it says in infra-junit-examples/pom.xml", snippet)
                        .anySatisfy(configured -> assertThat(isPartOf(element, configured)).isTrue());
            }
        }
    }

    /** The tour's project as Maven Invoker runs it: its {@code @key@} tokens filled from this build's properties. */
    private static String tourPom(Element rootPom) throws IOException {
        Matcher token = Pattern.compile("@([\\w.]+)@").matcher(Files.readString(TOUR.resolve("pom.xml")));
        StringBuilder filled = new StringBuilder();
        while (token.find()) {
            String key = token.group(1);
            String value = key.equals("project.version") ? text(rootPom, "version") : text(rootPom, key);
            assertThat(value).as("property %s of the root pom", key).isNotEmpty();
            token.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return token.appendTail(filled).toString();
    }

    @Test
    void propertiesSnippetsUseOnlyKnownConfigurationKeys() throws IOException {
        List<Readme.Snippet> snippets = README.snippets("properties");
        assertThat(snippets).isNotEmpty();
        for (Readme.Snippet snippet : snippets) {
            Properties properties = new Properties();
            properties.load(new StringReader(snippet.text()));
            assertThat(properties.stringPropertyNames()).as("keys of %s", snippet).isSubsetOf(configurationKeys());
        }
    }

    @Test
    void commandsUseProfilesAndKeysThatExist() throws Exception {
        Set<String> profiles = profiles();
        Pattern profile = Pattern.compile("(?:^|\\s)-P(\\S+)");
        Pattern infraKey = Pattern.compile("(?:-D|--config[ =])(infra\\.[\\w.]+)=");
        List<String> commands = README.snippets("bash").stream()
                .flatMap(snippet -> snippet.text().replace("\\\n", " ").lines()).toList();
        assertThat(commands).contains("./mvnw -q -Pdemo test", "scripts/test");
        // CI runs exactly the README's test command
        assertThat(Files.readString(README.root().resolve(".ci/run"))).containsPattern("(?m)^exec scripts/test$");
        for (String command : commands) {
            Matcher used = profile.matcher(command);
            while (used.find()) {
                assertThat(profiles).as("profile in `%s`", command).contains(used.group(1));
            }
            Matcher key = infraKey.matcher(command);
            while (key.find()) {
                assertThat(configurationKeys()).as("key in `%s`", command).contains(key.group(1));
            }
            Matcher standalone = Pattern.compile("junit-platform-console-standalone[-:]([\\w.-]+?)(?:\\.jar)?(?:\\s|$)").matcher(command);
            while (standalone.find()) {
                assertThat(standalone.group(1)).as("the ConsoleLauncher's version in `%s`", command).isEqualTo(junitVersion());
            }
        }
    }

    @Test
    void relativeLinksPointAtFilesThatExist() {
        assertThat(README.relativeLinks()).isNotEmpty()
                .allSatisfy(link -> assertThat(README.root().resolve(link)).as(link).exists());
    }

    private static Set<String> configurationKeys() {
        return Arrays.stream(InfraConfiguration.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(ReadmeTest::value)
                .filter(value -> value.startsWith("infra."))
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> profiles() throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        for (Path pom : List.of(README.root().resolve("pom.xml"), EXAMPLES.resolve("pom.xml"))) {
            Element project = parse(Files.readString(pom));
            var profiles = project.getElementsByTagName("profile");
            for (int i = 0; i < profiles.getLength(); i++) {
                ids.add(text((Element) profiles.item(i), "id"));
            }
        }
        return ids;
    }

    private static String junitVersion() throws Exception {
        return text(parse(Files.readString(README.root().resolve("pom.xml"))), "junit.version");
    }

    private static List<List<String>> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES.resolve("src/test/java"))) {
            List<List<String>> sources = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                sources.add(trimmed(Files.readAllLines(file)));
            }
            return sources;
        }
    }

    /** Lines without surrounding blanks: indentation differs between a README and a source file. */
    private static List<String> trimmed(List<String> lines) {
        return lines.stream().map(String::strip).toList();
    }

    private static boolean containsRun(List<String> haystack, List<String> run) {
        return !run.isEmpty() && java.util.Collections.indexOfSubList(haystack, run) >= 0;
    }

    private static Element parse(String xml) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        return document.getDocumentElement();
    }

    /** The text of the first direct child of that name. */
    private static String text(Element parent, String child) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().strip();
            }
        }
        var anywhere = parent.getElementsByTagName(child);
        return anywhere.getLength() == 0 ? "" : anywhere.item(0).getTextContent().strip();
    }

    /**
     * Whether everything the snippet element says is said alike by the configured one: the same
     * text, and for each child tag the same number of children, each part of its counterpart.
     */
    private static boolean isPartOf(Element snippet, Element configured) {
        List<Element> children = children(snippet);
        if (children.isEmpty()) {
            return snippet.getTextContent().strip().equals(configured.getTextContent().strip());
        }
        for (String tag : children.stream().map(Element::getTagName).distinct().toList()) {
            List<Element> said = children.stream().filter(child -> child.getTagName().equals(tag)).toList();
            List<Element> configuredAlike = children(configured).stream().filter(child -> child.getTagName().equals(tag)).toList();
            if (said.size() != configuredAlike.size()) {
                return false;
            }
            for (int i = 0; i < said.size(); i++) {
                if (!isPartOf(said.get(i), configuredAlike.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static List<Element> descendants(Element root, String tag) {
        var nodes = root.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static List<String> texts(Element parent, String tag) {
        var nodes = parent.getElementsByTagName(tag);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().strip());
        }
        return values;
    }
}
