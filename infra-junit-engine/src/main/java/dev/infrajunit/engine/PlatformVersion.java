package dev.infrajunit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.TestEngine;

/**
 * The JUnit Platform on the class path must be the one the engine is built for, or newer. A project
 * whose dependency management pins an older JUnit (often through a framework's BOM) would otherwise
 * fail with a linkage error deep in a run; this says in one sentence what was found and how to align.
 * Written against APIs that the old Platforms have too, so it runs where it matters.
 */
final class PlatformVersion {

    static final int NEEDED_MAJOR = 6;
    static final int NEEDED_MINOR = 1;

    private PlatformVersion() {
    }

    /** Throws when the Platform is older than needed; an unknown version (classes without a manifest) passes. */
    static void require() {
        String found = TestEngine.class.getPackage().getImplementationVersion();
        String problem = problem(found);
        if (problem != null) {
            throw new JUnitException(problem);
        }
    }

    static String problem(String found) {
        if (found == null || !found.matches("\\d+\\.\\d+.*")) {
            return null;
        }
        String[] parts = found.split("[.-]");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        if (major > NEEDED_MAJOR || major == NEEDED_MAJOR && minor >= NEEDED_MINOR) {
            return null;
        }
        return "infra-junit needs JUnit Platform " + NEEDED_MAJOR + "." + NEEDED_MINOR + " or newer, but the test class path"
                + " has JUnit Platform " + found + " (junit-platform-engine); align the JUnit versions by importing"
                + " org.junit:junit-bom:" + builtWith() + " (type pom, scope import) first in dependencyManagement, before any"
                + " BOM that manages an older JUnit";
    }

    private static String builtWith() {
        Properties properties = new Properties();
        try (InputStream in = PlatformVersion.class.getResourceAsStream("junit.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is only advice
        }
        return properties.getProperty("junit.version", NEEDED_MAJOR + "." + NEEDED_MINOR + ".0");
    }
}
