package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectIteration;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.infrajunit.engine.fixtures.good.BackupSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

class DiscoveryTest {

    private static final UniqueId BACKUP_SPEC = UniqueId.forEngine("infra-junit").append("class", BackupSpec.class.getName());
    private static final UniqueId EVERY_DATABASE = BACKUP_SPEC.append("method", "everyDatabaseIsBackedUp(dev.infrajunit.Host)");

    @Test
    void aForEachHostCheckHasOneChildPerMatchingHostNamedAfterIt() {
        EngineDiscoveryResults results = EngineKit.onFleet().selectors(selectClass(BackupSpec.class)).discover();

        TestDescriptor spec = results.getEngineDescriptor().getChildren().iterator().next();
        assertThat(spec.getUniqueId()).isEqualTo(BACKUP_SPEC);
        assertThat(spec.getDisplayName()).isEqualTo("BackupSpec");
        assertThat(spec.getSource()).contains(ClassSource.from(BackupSpec.class));

        TestDescriptor check = child(spec, EVERY_DATABASE);
        assertThat(check.isContainer()).isTrue();
        assertThat(check.getChildren()).extracting(TestDescriptor::getDisplayName).containsExactly("db-1", "db-2", "db-3");
        TestDescriptor db2 = child(check, EVERY_DATABASE.append("host", "db-2"));
        assertThat(db2.isTest()).isTrue();
        assertThat(db2.getLegacyReportingName()).isEqualTo("everyDatabaseIsBackedUp[db-2]");
        assertThat(db2.getSource()).hasValueSatisfying(source -> {
            assertThat(source).isInstanceOf(MethodSource.class);
            assertThat(((MethodSource) source).getMethodName()).isEqualTo("everyDatabaseIsBackedUp");
        });
        assertThat(db2.getTags()).extracting(Object::toString).contains("backup");
        assertThat(results.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void displayNamesAndPlainChecks() {
        TestDescriptor spec = EngineKit.onFleet().selectors(selectClass(BackupSpec.class)).discover()
                .getEngineDescriptor().getChildren().iterator().next();
        TestDescriptor plain = child(spec, BACKUP_SPEC.append("method", "db3AnswersCommands()"));
        assertThat(plain.isTest()).isTrue();
        assertThat(plain.getDisplayName()).isEqualTo("db-3 answers commands");
    }

    @Test
    void everyEmittedUniqueIdResolvesAgainToTheSameNode() {
        TestDescriptor engine = EngineKit.onFleet().selectors(selectPackage("dev.infrajunit.engine.fixtures.good"))
                .discover().getEngineDescriptor();
        for (TestDescriptor descriptor : engine.getDescendants()) {
            TestDescriptor again = EngineKit.onFleet().selectors(selectUniqueId(descriptor.getUniqueId())).discover()
                    .getEngineDescriptor().findByUniqueId(descriptor.getUniqueId()).orElse(null);
            assertThat(again).as("reselecting %s", descriptor.getUniqueId()).isNotNull();
            assertThat(again.getDisplayName()).isEqualTo(descriptor.getDisplayName());
        }
    }

    @Test
    void reselectingOneHostByUniqueIdSelectsOnlyThatHost() {
        TestDescriptor engine = EngineKit.onFleet().selectors(selectUniqueId(EVERY_DATABASE.append("host", "db-2")))
                .discover().getEngineDescriptor();
        assertThat(tests(engine)).containsExactly(EVERY_DATABASE.append("host", "db-2"));
    }

    @Test
    void aMethodSelectorSelectsEveryHostOfThatCheck() {
        TestDescriptor engine = EngineKit.onFleet()
                .selectors(selectMethod(BackupSpec.class.getName() + "#everyDatabaseIsBackedUp(dev.infrajunit.Host)"))
                .discover().getEngineDescriptor();
        assertThat(tests(engine)).containsExactly(EVERY_DATABASE.append("host", "db-1"),
                EVERY_DATABASE.append("host", "db-2"), EVERY_DATABASE.append("host", "db-3"));
    }

    @Test
    void anIterationSelectorSelectsHostsByPositionInFileOrder() {
        TestDescriptor engine = EngineKit.onFleet()
                .selectors(selectIteration(selectMethod(BackupSpec.class.getName()
                        + "#everyDatabaseIsBackedUp(dev.infrajunit.Host)"), 0, 2))
                .discover().getEngineDescriptor();
        assertThat(tests(engine)).containsExactly(EVERY_DATABASE.append("host", "db-1"), EVERY_DATABASE.append("host", "db-3"));
    }

    @Test
    void classNameFiltersApplyToPackageScans() {
        TestDescriptor engine = EngineKit.onFleet().selectors(selectPackage("dev.infrajunit.engine.fixtures.good"))
                .filters(ClassNameFilter.includeClassNamePatterns(".*BackupSpec"))
                .discover().getEngineDescriptor();
        assertThat(engine.getChildren()).extracting(TestDescriptor::getDisplayName).containsExactly("BackupSpec");
    }

    @Test
    void tagFiltersSelectChecksByTheirOwnAndTheirClassTags() {
        var results = EngineKit.onFleet().selectors(selectClass(BackupSpec.class))
                .filters(TagFilter.excludeTags("slow"))
                .execute();
        assertThat(results.testEvents().started().list()).extracting(event -> event.getTestDescriptor().getDisplayName())
                .containsExactlyInAnyOrder("db-1", "db-2", "db-3", "db-3 answers commands");
    }

    private static TestDescriptor child(TestDescriptor parent, UniqueId id) {
        return parent.getChildren().stream().filter(c -> c.getUniqueId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + id + " under " + parent.getUniqueId()));
    }

    private static List<UniqueId> tests(TestDescriptor engine) {
        return engine.getDescendants().stream().filter(TestDescriptor::isTest).map(TestDescriptor::getUniqueId)
                .sorted(java.util.Comparator.comparing(UniqueId::toString)).toList();
    }

    @Test
    void aClasspathRootScanFindsEverySpecTheClassNameFilterLetsThrough() {
        var roots = org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots(
                java.util.Set.of(java.nio.file.Path.of("target/test-classes")));
        TestDescriptor engine = EngineKit.onFleet().selectors(roots)
                .filters(ClassNameFilter.includeClassNamePatterns("dev\\.infrajunit\\.engine\\.fixtures\\.good\\..*"))
                .discover().getEngineDescriptor();
        assertThat(engine.getChildren()).extracting(TestDescriptor::getDisplayName)
                .contains("BackupSpec", "PlainAssertionSpec", "TimingSpec")
                .doesNotContain("DeclarationMistakesSpec");
    }
}
