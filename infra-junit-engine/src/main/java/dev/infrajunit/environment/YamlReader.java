package dev.infrajunit.environment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML text into {@link YamlNode}s. It composes the node graph rather than loading Java
 * objects so that every key keeps its line, and it checks what loading would check (duplicate
 * keys, recursion) itself, turning the parser's terse complaints into sentences.
 */
final class YamlReader {

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    private final EnvironmentOrigin source;
    private final LoadSettings settings;
    private final StandardConstructor constructor;
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(EnvironmentOrigin source) {
        this.source = source;
        // The core schema reads ~ as null and True as true, as most YAML users expect.
        this.settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel(source.description()).build();
        this.constructor = new StandardConstructor(settings);
    }

    /** The document's root, or empty when the text holds no document (empty, or only comments). */
    static Optional<YamlNode> read(String text, EnvironmentOrigin source) {
        return new YamlReader(source).read(text);
    }

    private Optional<YamlNode> read(String text) {
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw malformed(e);
        } catch (YamlEngineException e) {
            throw source.at(0, "", "malformed YAML: " + e.getMessage());
        }
        return root.map(node -> convert(node, ""));
    }

    private YamlNode convert(Node node, String path) {
        if (!open.add(node)) {
            throw source.at(line(node), path, "an alias refers to a value that contains it; YAML anchors"
                    + " (&name) may not be used inside themselves");
        }
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, path);
            }
            requireTag(node, node instanceof MappingNode ? Tag.MAP : Tag.SEQ, path);
            if (node instanceof MappingNode mapping) {
                return mapping(mapping, path);
            }
            SequenceNode sequence = (SequenceNode) node;
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, path + "[" + items.size() + "]"));
            }
            return new YamlNode.Sequence(items, line(node), path);
        } finally {
            open.remove(node);
        }
    }

    private YamlNode.Mapping mapping(MappingNode node, String path) {
        Map<String, YamlNode.Member> members = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            int keyLine = line(tuple.getKeyNode());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw source.at(keyLine, path, "a key " + (path.isEmpty() ? "at the top level" : "under " + path)
                        + " is a " + (tuple.getKeyNode() instanceof MappingNode ? "map" : "list")
                        + "; keys are plain names");
            }
            String key = keyNode.getValue();
            String keyPath = YamlNode.child(path, key);
            YamlNode.Member first = members.get(key);
            if (first != null) {
                throw source.at(keyLine, keyPath, "duplicate key '" + key + "' "
                        + (path.isEmpty() ? "at the top level" : "under " + path)
                        + " (first at line " + first.line() + "); a key may appear only once in a map");
            }
            members.put(key, new YamlNode.Member(key, keyLine, convert(tuple.getValueNode(), keyPath)));
        }
        return new YamlNode.Mapping(members, line(node), path);
    }

    private YamlNode.Scalar scalar(ScalarNode node, String path) {
        if (Tag.MERGE.equals(node.getTag())) {
            // A lone << as a value: the composer applies merge keys ({ <<: *defaults }) itself.
            return YamlNode.Scalar.of(node.getValue(), node.getValue(), line(node), path);
        }
        requireTag(node, null, path);
        Object value = constructor.constructSingleDocument(Optional.of(node));
        return YamlNode.Scalar.of(value, node.getValue(), line(node), path);
    }

    private void requireTag(Node node, Tag expected, String path) {
        Tag tag = node.getTag();
        boolean supported = expected == null ? SCALAR_TAGS.contains(tag) : expected.equals(tag);
        if (!supported) {
            throw source.at(line(node), path, (path.isEmpty() ? "" : path + ": ") + "the tag '" + tag.getValue()
                    + "' is not supported; environment files hold plain maps, lists, text, numbers and booleans");
        }
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private EnvironmentException malformed(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Optional<Mark> where = e.getProblemMark();
        String sentence;
        if (problem.contains("(TAB)")) {
            sentence = "a tab character; YAML indents with spaces only";
        } else if (problem.startsWith("found character '")) {
            String character = problem.substring("found character '".length(), problem.indexOf('\'', "found character '".length()));
            sentence = "a value may not start with '" + character + "'; put it in quotes";
        } else if (problem.startsWith("mapping values are not allowed here")) {
            sentence = "a ':' where no key may start; quote a value that contains ': ', or check the indentation";
        } else if (problem.startsWith("expected <block end>")) {
            sentence = "this line is not indented like the lines above it";
        } else if (context.contains("quoted scalar")) {
            sentence = "a quoted value is never closed";
            where = e.getContextMark();
        } else if (context.contains("flow mapping") || context.contains("flow sequence")) {
            String open = context.contains("flow mapping") ? "{" : "[";
            String close = open.equals("{") ? "}" : "]";
            int opened = e.getContextMark().map(mark -> mark.getLine() + 1).orElse(0);
            int found = where.map(mark -> mark.getLine() + 1).orElse(0);
            if (problem.endsWith("<stream end>") || found != opened) {
                sentence = "a '" + open + "' is never closed with '" + close + "'"
                        + (problem.endsWith("<stream end>") ? "" : " (line " + found + " still reads as inside it)");
                where = e.getContextMark();
            } else {
                sentence = "'" + problem.substring(problem.lastIndexOf(' ') + 1) + "' inside the '" + open
                        + "' of line " + opened + ", where ',' or '" + close + "' belongs; quote a value that"
                        + " contains {, }, [, ] or ','";
            }
        } else if (context.contains("expected a single document")) {
            sentence = "a second YAML document ('---'); an environment file holds one document";
        } else if (problem.startsWith("found undefined alias")) {
            sentence = "the alias *" + problem.substring("found undefined alias".length()).trim()
                    + " refers to no anchor defined before it";
        } else {
            sentence = problem + (context.isBlank() ? "" : " (" + context + ")");
        }
        int line = where.or(e::getProblemMark).map(mark -> mark.getLine() + 1).orElse(0);
        return source.at(line, "", "malformed YAML: " + sentence);
    }
}
