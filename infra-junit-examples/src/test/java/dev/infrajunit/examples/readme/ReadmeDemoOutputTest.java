package dev.infrajunit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.console.ConsoleLauncher;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The README's main command prints what the README shows: the demo profile's ConsoleLauncher
 * arguments, taken from infra-junit-examples/pom.xml, run here in-process against the demo.
 */
class ReadmeDemoOutputTest {

    /** A line of the tree that is a node: it carries an outcome mark. */
    private static final java.util.regex.Pattern NODE = java.util.regex.Pattern.compile("(^|\\s)[✔✘↷](\\s|$)");

    @Test
    void theDemoRunPrintsTheTreeTheReadmeShowsAndWritesTheXmlReport(@TempDir Path reports) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = ConsoleLauncher.run(new PrintWriter(out), new PrintWriter(err),
                demoArguments(reports).toArray(String[]::new)).getExitCode();

        assertThat(exitCode).as("1: a check failed, as the demo intends").isEqualTo(1);
        assertThat(err.toString()).isEmpty();
        assertThat(normalized(tree(out.toString())))
                .as("the tree printed by the demo run, with README.md's block (siblings in any order)")
                .containsExactlyInAnyOrderElementsOf(normalized(readmeTree()));
        assertThat(Files.readString(reports.resolve("TEST-infra-junit.xml")))
                .contains("<testcase name=\"everyDatabaseHasARecentBackup[reports-db]\"")
                .contains("reports-db: expected a backup younger than 24h");
    }

    @Test
    void theTourSConsoleLauncherCommandRunsWithItsOptionsAsWritten() {
        String command = Readme.load().snippets("bash").stream()
                .map(snippet -> snippet.text().replace("\\\n", " "))
                .flatMap(String::lines)
                .filter(line -> line.startsWith("java -jar junit-platform-console-standalone"))
                .findFirst().orElseThrow();
        List<String> options = words(command.substring(command.indexOf(" execute ") + " execute ".length()));
        List<String> arguments = new ArrayList<>(List.of("execute", "--disable-banner", "--disable-ansi-colors"));
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equals("--class-path")) {
                i++; // this JVM's class path already holds the specs and their dependencies
                continue;
            }
            // the tour's project and environment, pointed at this repository's examples and the demo
            arguments.add(options.get(i).replace("com.acme.specs", "dev.infrajunit.examples")
                    .replace("infra.environment=staging", "infra.environment=demo"));
        }
        StringWriter out = new StringWriter();

        int exitCode = ConsoleLauncher.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                arguments.toArray(String[]::new)).getExitCode();

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).contains("─ infra-junit ✔", "─ reports-db ✘ reports-db: expected a backup younger than 24h",
                "[        41 tests successful      ]");
    }

    /** Splits a shell command line into words, honouring single and double quotes. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<String> readmeTree() {
        return Readme.load().marked("readme:demo-output").lines();
    }

    /**
     * The tree: everything up to the failures' details that follow it. Not up to a blank line: the
     * output of a command, reported under a node, may hold blank lines.
     */
    private static List<String> tree(String output) {
        List<String> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("Failures (") || line.startsWith("Test run finished after")) {
                break;
            }
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * The tree's nodes, each with its outcome mark (the README leaves out the report entries printed
     * under them: the commands each check ran, the backup ages), without tree glyphs (hosts run in
     * parallel, so siblings appear in the order they finish), and without what differs between runs:
     * the temporary directory, the date of a dump or a snapshot, and the time a slow node took.
     */
    private static List<String> normalized(List<String> lines) {
        return lines.stream()
                .filter(line -> NODE.matcher(line).find())
                .map(line -> line.replaceAll("^[\\s│├└─╷]+", ""))
                // a node that took long, on a busy machine, shows its time
                .map(line -> line.replaceFirst(" \\d+ ms ([✔✘↷])", " $1"))
                .map(line -> line.replaceAll("\\S*/infra-junit-demo-\\d+", "TMP/infra-junit-demo-N"))
                .map(line -> line.replaceAll("(db-\\d)-\\d{4}-\\d{2}-\\d{2}\\.dump", "$1-DATE.dump"))
                .map(line -> line.replaceAll("(rds:[\\w-]+?)-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}\\b", "$1-DATE"))
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** The exec plugin's arguments in the demo profile, after the main class; reports go to the given directory. */
    private static List<String> demoArguments(Path reports) throws Exception {
        Path pom = Readme.load().root().resolve("infra-junit-examples/pom.xml");
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(pom)))).getDocumentElement();
        NodeList arguments = project.getElementsByTagName("argument");
        List<String> launcherArguments = new ArrayList<>();
        boolean afterMainClass = false;
        for (int i = 0; i < arguments.getLength(); i++) {
            String argument = arguments.item(i).getTextContent().strip();
            if (afterMainClass) {
                launcherArguments.add(argument.replace("${project.build.directory}/demo-reports", reports.toString()));
            }
            afterMainClass |= argument.equals(ConsoleLauncher.class.getName());
        }
        assertThat(launcherArguments).as("ConsoleLauncher arguments in %s", pom).contains("--details=tree");
        launcherArguments.add("--disable-ansi-colors");
        return launcherArguments;
    }
}
