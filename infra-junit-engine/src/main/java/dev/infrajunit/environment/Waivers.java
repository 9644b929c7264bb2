package dev.infrajunit.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the top-level {@code waivers} key: a list of waivers, or the path of a YAML file holding
 * that list (relative to the environment file), so that accepted failures can be reviewed on their
 * own. Each problem names the file and line of the waiver.
 */
final class Waivers {

    static final String KEY = "waivers";
    private static final String CHECK = "([A-Za-z_$][A-Za-z0-9_$]*\\.)+[A-Za-z_$][A-Za-z0-9_$]*";

    private Waivers() {
    }

    static List<Waiver> read(YamlNode value, EnvironmentOrigin source, Interpolator interpolator) {
        if (value instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            return fromFile(scalar, source, interpolator);
        }
        if (!(value instanceof YamlNode.Sequence list)) {
            throw source.invalid(value, "expected a list of waivers, each with check, reason and expires (and"
                    + " optionally hosts), or the path of a file that holds that list; found " + value.describe());
        }
        return entries(list, source, interpolator);
    }

    private static List<Waiver> fromFile(YamlNode.Scalar written, EnvironmentOrigin source, Interpolator interpolator) {
        String name = new Normalizer(source, interpolator, null).scalar(written, "a file path").text();
        Path file = source.file().map(Path::getParent).map(dir -> dir.resolve(name)).orElse(Path.of(name)).normalize();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw source.invalid(written, "cannot read the waivers file " + file + ": " + e.getMessage());
        }
        EnvironmentOrigin waiversFile = new EnvironmentOrigin(file.toString(), Optional.of(file));
        Optional<YamlNode> root = YamlReader.read(text, waiversFile);
        if (root.isEmpty()) {
            return List.of();
        }
        if (!(root.get() instanceof YamlNode.Sequence list)) {
            throw waiversFile.at(root.get().line(), "", "a waivers file is a list of waivers, each with check, reason"
                    + " and expires (and optionally hosts), but this one is " + root.get().describe());
        }
        return entries(list, waiversFile, interpolator);
    }

    private static List<Waiver> entries(YamlNode.Sequence list, EnvironmentOrigin source, Interpolator interpolator) {
        List<Waiver> waivers = new ArrayList<>();
        Normalizer normalizer = new Normalizer(source, interpolator, null);
        for (YamlNode item : list.items()) {
            Map<String, Object> fields = normalizer.fields(item, Schema.WAIVER);
            String location = Path.of(source.description()).getFileName() + ":" + item.line();
            for (String required : List.of("check", "reason", "expires")) {
                if (!fields.containsKey(required)) {
                    throw source.at(item.line(), item.path(), item.path() + ": a waiver needs " + required
                            + "; write check: SpecClass.method, reason: why, expires: 2026-12-31");
                }
            }
            String check = (String) fields.get("check");
            if (!check.matches(CHECK)) {
                throw source.at(item.line(), item.path() + ".check", item.path() + ".check: '" + check + "' does not name"
                        + " a check; write the spec class and the method, e.g. DatabaseBackupsSpec.everyDatabaseIsBackedUp");
            }
            Optional<HostSelector> hosts = Optional.ofNullable((String) fields.get("hosts")).map(selector -> {
                try {
                    return HostSelector.parse(selector);
                } catch (IllegalArgumentException e) {
                    throw source.at(item.line(), item.path() + ".hosts", item.path() + ".hosts: " + e.getMessage());
                }
            });
            LocalDate expires;
            try {
                expires = LocalDate.parse(String.valueOf(fields.get("expires")));
            } catch (DateTimeParseException e) {
                throw source.at(item.line(), item.path() + ".expires", item.path() + ".expires: '" + fields.get("expires")
                        + "' is not a date; write it as 2026-12-31");
            }
            waivers.add(new Waiver(check, hosts, (String) fields.get("reason"), expires, location, source.file(), item.line()));
        }
        return List.copyOf(waivers);
    }
}
