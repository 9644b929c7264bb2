package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.engine.fixtures.broken.DeclarationMistakesSpec;
import dev.infrajunit.engine.fixtures.broken.NeedsArgumentsSpec;
import dev.infrajunit.engine.fixtures.good.BackupSpec;
import dev.infrajunit.engine.fixtures.good.PlainAssertionSpec;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

class DiscoveryIssuesTest {

    private static List<DiscoveryIssue> issuesOf(Class<?> spec) {
        return EngineKit.onFleet().selectors(selectClass(spec)).discover().getDiscoveryIssues();
    }

    private static DiscoveryIssue issueAt(List<DiscoveryIssue> issues, String methodName) {
        return issues.stream()
                .filter(issue -> issue.source().filter(MethodSource.class::isInstance)
                        .map(source -> ((MethodSource) source).getMethodName().equals(methodName)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no issue for " + methodName + " in " + issues));
    }

    @Test
    void everyDeclarationMistakeIsAnErrorAtItsMethod() {
        List<DiscoveryIssue> issues = issuesOf(DeclarationMistakesSpec.class);

        assertThat(issues).hasSize(7).allSatisfy(issue -> assertThat(issue.severity()).isEqualTo(Severity.ERROR));
        assertThat(issueAt(issues, "returnsSomething").message())
                .isEqualTo("@Check method DeclarationMistakesSpec.returnsSomething() must return void, but returns String");
        assertThat(issueAt(issues, "takesAString").message())
                .isEqualTo("@Check method DeclarationMistakesSpec.takesAString() takes (String), which the engine cannot"
                        + " supply; a plain check takes no parameters, and a check that takes a Host needs @ForEachHost(\"selector\")");
        assertThat(issueAt(issues, "forgetsTheHost").message())
                .isEqualTo("@Check method DeclarationMistakesSpec.forgetsTheHost() is @ForEachHost, so it must take exactly"
                        + " the Host it checks, e.g. void forgetsTheHost(Host host); it takes ()");
        assertThat(issueAt(issues, "selectsNothing").message())
                .startsWith("@ForEachHost(\"role:dtabase\") on DeclarationMistakesSpec.selectsNothing(): the selector matches"
                        + " no host of environment 'fleet'")
                .endsWith("; its roles are database, web and its hosts db-1, db-2, db-3, web-1");
        assertThat(issueAt(issues, "malformedSelector").message())
                .isEqualTo("@ForEachHost(\"role:\") on DeclarationMistakesSpec.malformedSelector(): Term 'role:' in host"
                        + " selector 'role:' names no role; write role:NAME");
        assertThat(issueAt(issues, "badTimeout").message())
                .isEqualTo("@Check method DeclarationMistakesSpec.badTimeout() has an invalid duration: 'soon' is not a"
                        + " duration; write it like 30s, 90m, 24h, 2d, 1h30m, 500ms or ISO-8601 PT24H");
        assertThat(issueAt(issues, "badEventually").message()).contains("'5 minutes' is not a duration");
    }

    @Test
    void aSpecThatCannotBeCreatedIsAnErrorAtItsClass() {
        List<DiscoveryIssue> issues = issuesOf(NeedsArgumentsSpec.class);
        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).isEqualTo("@InfraTest class " + NeedsArgumentsSpec.class.getName()
                    + " needs a constructor without parameters: the engine creates one instance per check");
            assertThat(issue.source()).contains(ClassSource.from(NeedsArgumentsSpec.class));
        });
    }

    @Test
    void anUnknownEnvironmentIsAnErrorNamingTheOnesThatExist() {
        List<DiscoveryIssue> issues = EngineKit.onFleet().configurationParameter("infra.environment", "prod")
                .selectors(selectClass(BackupSpec.class)).discover().getDiscoveryIssues();
        assertThat(issues).isNotEmpty().allSatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).contains("prod").contains("fleet");
        });
    }

    @Test
    void anEnvironmentProblemIsOneIssueWithoutAStackTraceHoweverManyChecksNeedHosts() {
        List<DiscoveryIssue> issues = EngineKit.onFleet().configurationParameter("infra.environment", "flet")
                .selectors(selectClass(BackupSpec.class), selectClass(PlainAssertionSpec.class)).discover().getDiscoveryIssues();

        // four @ForEachHost checks ask for the hosts of one environment that cannot be loaded
        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).isEqualTo("Unknown environment 'flet': there is no infra/flet.yaml (or .yml) on the"
                    + " class path. Did you mean 'fleet'? Environments on the class path: fleet. To use a file instead, give"
                    + " its path, such as ./flet.yaml or /etc/infra/flet.yaml.");
            // the problem is the selection, not a check: no check is named as its source
            assertThat(issue.source()).isEmpty();
            // the message says it all; an engine stack trace would bury it
            assertThat(issue.cause()).isEmpty();
        });
    }

    @Test
    void criticalIssuesFailTheRunWithTheirMessageInsteadOfRunningNothing() {
        var results = EngineKit.onFleet().selectors(selectClass(DeclarationMistakesSpec.class)).execute();
        var engineFinished = results.containerEvents().finished().list().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getSegments().size() == 1)
                .findFirst().orElseThrow();
        var throwable = engineFinished.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(throwable.getMessage()).contains("must return void, but returns String");
    }

    @Test
    void aMalformedEnvironmentFileIsAnErrorAtItsFileAndLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path file = dir.resolve("staging.yaml");
        java.nio.file.Files.writeString(file, """
                roles: { database: {} }
                hosts:
                  db-1:
                    adress: 10.0.1.11
                    roles: [database]
                """);
        List<DiscoveryIssue> issues = EngineKit.onFleet().configurationParameter("infra.environment", file.toString())
                .selectors(selectClass(BackupSpec.class)).discover().getDiscoveryIssues();

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.cause()).isEmpty();
            assertThat(issue.message()).startsWith(file + ":4: unknown key 'adress' under hosts.db-1; did you mean 'address'?");
            assertThat(issue.source()).contains(org.junit.platform.engine.support.descriptor.FileSource.from(file.toFile(),
                    org.junit.platform.engine.support.descriptor.FilePosition.from(4)));
        });
    }

    @Test
    void aSpecOfOnlyPlainChecksStillHearsOfAnUnknownEnvironmentBeforeAnythingRuns() {
        List<DiscoveryIssue> issues = EngineKit.onFleet().configurationParameter("infra.environment", "prod")
                .selectors(selectClass(dev.infrajunit.engine.fixtures.good.PlainChecksSpec.class)).discover().getDiscoveryIssues();
        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).contains("prod").contains("fleet");
        });
    }
}
