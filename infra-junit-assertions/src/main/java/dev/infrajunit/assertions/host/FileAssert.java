package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;
import static dev.infrajunit.assertions.error.ShouldNotExist.shouldNotExist;

import dev.infrajunit.Durations;
import dev.infrajunit.assertions.facts.FileFacts;
import dev.infrajunit.assertions.facts.FileFacts.Attributes;
import dev.infrajunit.assertions.facts.FileFacts.FileStat;
import dev.infrajunit.assertions.host.Subjects.HostFile;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Assertions about a path on a host: {@code assertThat(host).file("/etc/ssh/sshd_config").exists().hasMode("600")}.
 * Attributes are those of what the path points to; {@link #isSymlink()} looks at the path itself.
 */
public class FileAssert extends HostSubjectAssert<FileAssert, HostFile> {

    private static final Pattern OCTAL_MODE = Pattern.compile("[0-7]{3,4}");

    private FileStat stat;
    private String content;

    public FileAssert(HostFile file) {
        super(file, FileAssert.class);
    }

    public FileAssert exists() {
        existing();
        return this;
    }

    public FileAssert doesNotExist() {
        FileStat found = stat();
        if (found.exists() || found.isSymlink()) {
            throw fail(shouldNotExist(hostName(), subject(), "it is " + found.describe(), found.source()));
        }
        return this;
    }

    /** A regular file, or a link to one. */
    public FileAssert isFile() {
        return isOfType("regular file", "a regular file");
    }

    /** A directory, or a link to one. */
    public FileAssert isDirectory() {
        return isOfType("directory", "a directory");
    }

    /** The path itself is a symbolic link (dangling or not). */
    public FileAssert isSymlink() {
        FileStat found = stat();
        if (!found.isSymlink()) {
            throw fail(shouldBe(hostName(), subject(), "a symbolic link",
                    found.exists() ? "it is " + found.describe() : "it does not exist", found.source()));
        }
        return this;
    }

    /** Permission bits in octal as {@code chmod} takes them: {@code "600"}, {@code "0644"}, {@code "4755"}. */
    public FileAssert hasMode(String octalMode) {
        if (!OCTAL_MODE.matcher(octalMode).matches()) {
            throw new IllegalArgumentException("'" + octalMode + "' is not an octal mode such as 644 or 0600");
        }
        Attributes attributes = existing();
        if (attributes.modeBits() != Integer.parseInt(octalMode, 8)) {
            throw fail(shouldHave(hostName(), subject(), "mode", octalMode, attributes.mode(), stat.source()));
        }
        return this;
    }

    public FileAssert hasOwner(String user) {
        Attributes attributes = existing();
        if (!attributes.owner().equals(user)) {
            throw fail(shouldHave(hostName(), subject(), "owner", user, attributes.owner(), stat.source()));
        }
        return this;
    }

    public FileAssert hasGroup(String group) {
        Attributes attributes = existing();
        if (!attributes.group().equals(group)) {
            throw fail(shouldHave(hostName(), subject(), "group", group, attributes.group(), stat.source()));
        }
        return this;
    }

    public FileAssert hasSize(long bytes) {
        Attributes attributes = existing();
        if (attributes.size() != bytes) {
            throw fail(shouldHave(hostName(), subject(), "size", bytes + " bytes", attributes.size() + " bytes", stat.source()));
        }
        return this;
    }

    /** The content contains the text, which may span lines. */
    public FileAssert contains(String text) {
        TextChecks.contains(this, hostName(), subject(), content(), text, contentSource());
        return this;
    }

    public FileAssert doesNotContain(String text) {
        TextChecks.doesNotContain(this, hostName(), subject(), content(), text, contentSource());
        return this;
    }

    /** Some part of the content matches the regular expression; {@code ^} and {@code $} match at line ends. */
    public FileAssert containsPattern(String regex) {
        TextChecks.containsPattern(this, hostName(), subject(), content(), regex, contentSource());
        return this;
    }

    public FileAssert doesNotContainPattern(String regex) {
        TextChecks.doesNotContainPattern(this, hostName(), subject(), content(), regex, contentSource());
        return this;
    }

    /** The SHA-256 digest, computed on the host, in hex (either case). */
    public FileAssert hasSha256(String hex) {
        existing();
        String actualDigest = FileFacts.sha256(host(), actual.path());
        if (!actualDigest.equalsIgnoreCase(hex.strip())) {
            throw fail(shouldHave(hostName(), subject(), "sha256", hex.strip().toLowerCase(Locale.ROOT), actualDigest,
                    "sha256sum of " + actual.path()));
        }
        return this;
    }

    /** Last modified no longer ago than {@code maxAge}, measured by the host's own clock. */
    public FileAssert wasModifiedWithin(Duration maxAge) {
        Attributes attributes = existing();
        Duration age = Duration.between(attributes.modified(), stat.hostNow());
        if (age.compareTo(maxAge) > 0) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to have been modified within " + Durations.format(maxAge),
                    "it was last modified " + Durations.format(age) + " ago, at " + attributes.modified(), stat.source()));
        }
        return this;
    }

    private FileAssert isOfType(String type, String phrase) {
        FileStat found = stat();
        if (found.isDanglingSymlink()) {
            throw fail(shouldBe(hostName(), subject(), phrase, "it is a dangling symbolic link", found.source()));
        }
        Attributes attributes = existing();
        if (!attributes.type().equals(type)) {
            throw fail(shouldBe(hostName(), subject(), phrase, "it is " + found.describe(), found.source()));
        }
        return this;
    }

    private Attributes existing() {
        FileStat found = stat();
        if (found.isDanglingSymlink()) {
            throw fail(shouldExist(hostName(), subject(), "it is a dangling symbolic link", found.source()));
        }
        return found.target().orElseThrow(() -> fail(shouldExist(hostName(), subject(), found.source())));
    }

    private FileStat stat() {
        if (stat == null) {
            stat = FileFacts.stat(host(), actual.path());
        }
        return stat;
    }

    private String content() {
        existing();
        if (content == null) {
            content = FileFacts.content(host(), actual.path());
        }
        return content;
    }

    private String contentSource() {
        return "content of " + actual.path();
    }
}
