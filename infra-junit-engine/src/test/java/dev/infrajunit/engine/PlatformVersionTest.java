package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformVersionTest {

    @Test
    void thePlatformOfThisBuildIsNewEnough() {
        PlatformVersion.require();
    }

    @Test
    void anOlderPlatformIsNamedWithTheBomThatAlignsIt() {
        assertThat(PlatformVersion.problem("1.14.1")).isEqualTo("infra-junit needs JUnit Platform 6.1 or newer, but the"
                + " test class path has JUnit Platform 1.14.1 (junit-platform-engine); align the JUnit versions by importing"
                + " org.junit:junit-bom:6.1.3 (type pom, scope import) first in dependencyManagement, before any BOM that"
                + " manages an older JUnit");
        assertThat(PlatformVersion.problem("6.0.3")).startsWith("infra-junit needs JUnit Platform 6.1 or newer, but the"
                + " test class path has JUnit Platform 6.0.3");
    }

    @Test
    void theNeededVersionAndNewerOnesPass() {
        assertThat(PlatformVersion.problem("6.1.0")).isNull();
        assertThat(PlatformVersion.problem("6.2.0-M1")).isNull();
        assertThat(PlatformVersion.problem("7.0.0")).isNull();
        assertThat(PlatformVersion.problem(null)).isNull();
    }
}
