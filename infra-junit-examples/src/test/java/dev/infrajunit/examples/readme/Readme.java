package dev.infrajunit.examples.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's README.md as its fenced snippets and links. */
final class Readme {

    /** A fenced block: its language, its text, and the marker comment right above it, if any. */
    record Snippet(String language, String text, String marker, int line) {

        List<String> lines() {
            return text.lines().toList();
        }

        @Override
        public String toString() {
            return "README.md line " + line + " (" + language + ")";
        }
    }

    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("<!-- (readme:[\\w-]+) -->\\s*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)\\)");

    private final Path root;
    private final String text;

    private Readme(Path root, String text) {
        this.root = root;
        this.text = text;
    }

    /** The README of the repository this module belongs to (Surefire runs in the module's directory). */
    static Readme load() {
        Path root = Path.of("").toAbsolutePath().getParent();
        try {
            return new Readme(root, Files.readString(root.resolve("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    List<Snippet> snippets(String language) {
        return snippets().stream().filter(snippet -> snippet.language().equals(language)).toList();
    }

    List<Snippet> snippets() {
        List<Snippet> snippets = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            String before = text.substring(0, fence.start()).stripTrailing();
            Matcher marker = MARKER.matcher(before);
            int line = (int) text.substring(0, fence.start()).lines().count() + 1;
            snippets.add(new Snippet(fence.group(1), fence.group(2), marker.find() ? marker.group(1) : "", line));
        }
        return snippets;
    }

    Snippet marked(String marker) {
        return snippets().stream().filter(snippet -> snippet.marker().equals(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no block marked <!-- " + marker + " -->"));
    }

    /** Relative link targets, such as {@code infra-junit-examples/src/...}. */
    List<String> relativeLinks() {
        List<String> links = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            if (!link.group(1).contains("://")) {
                links.add(link.group(1));
            }
        }
        return links;
    }
}
