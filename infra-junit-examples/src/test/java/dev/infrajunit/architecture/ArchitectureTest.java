package dev.infrajunit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The layers the modules show: the API ({@code dev.infrajunit}, {@code dev.infrajunit.spi}) knows
 * no implementation; the assertions know the API, not the engine, and no AWS; the engine knows no
 * plug-in; no package of any module depends on itself through others; and every public type says,
 * with {@code @API}, whether users may rely on it.
 */
class ArchitectureTest {

    private static final String[] API = {"dev.infrajunit", "dev.infrajunit.spi"};
    private static final String[] ENGINE = {"dev.infrajunit.engine..", "dev.infrajunit.environment..",
            "dev.infrajunit.runtime..", "dev.infrajunit.transport.."};
    private static final String[] ASSERTIONS = {"dev.infrajunit.assertions..", "dev.infrajunit.backup.."};
    private static final String[] AWS = {"dev.infrajunit.aws..", "software.amazon.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // only infra-junit's own jars and class folders: reading every jar of the class path takes long
            .withImportOption(location -> location.contains("infra-junit"))
            .importPackages("dev.infrajunit");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyPublicTypeSaysWhetherUsersMayRelyOnIt() {
        classes().that().arePublic().and().areTopLevelClasses()
                .and().resideOutsideOfPackages("dev.infrajunit.examples..", "dev.infrajunit.embedded..")
                .should(haveAnApiStatus())
                .check(MAIN);
    }

    /** {@code @API} on the type, or on its package (package-info.java) for a package that is all internal or all public. */
    private static ArchCondition<JavaClass> haveAnApiStatus() {
        return new ArchCondition<>("be annotated with @API, or be in a package that is") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean marked = javaClass.isAnnotatedWith(API.class) || javaClass.getPackage().isAnnotatedWith(API.class);
                if (!marked) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                            + " is public without @API(status = ...): mark it INTERNAL, EXPERIMENTAL or STABLE"));
                }
            }
        };
    }

    /** Every package its own slice, the API's root package too. */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return javaClass.getPackageName().startsWith("dev.infrajunit")
                    ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of infra-junit";
        }
    };

    @Test
    void theApiKnowsNoImplementation() {
        noClasses().that().resideInAnyPackage(API)
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE)
                .orShould().dependOnClassesThat().resideInAnyPackage(ASSERTIONS)
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS)
                .check(MAIN);
    }

    @Test
    void theAssertionsKnowTheApiNotTheEngineNorAws() {
        noClasses().that().resideInAnyPackage(ASSERTIONS)
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE)
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS)
                .check(MAIN);
    }

    @Test
    void theEngineKnowsNoPlugIn() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(ASSERTIONS)
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS)
                .check(MAIN);
    }

    @Test
    void theAwsPlugInKnowsTheApiAndTheAssertionsNotTheEngine() {
        noClasses().that().resideInAPackage("dev.infrajunit.aws..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE)
                .check(MAIN);
    }
}
