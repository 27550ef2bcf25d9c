package dev.caracal.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md between modules, checked on the compiled classes of every module on this test's
 * class path (the application depends on all the others), whether they come as directories or jars.
 */
class ModuleBoundariesTest {

    private static final String API = "dev.caracal.api..";
    private static final String FORMATS = "dev.caracal.formats..";
    private static final String ENGINE = "dev.caracal.engine..";
    private static final String ENGINE_API = "dev.caracal.engine.api..";
    private static final String TOOLS = "dev.caracal.tools..";
    private static final String BACKENDS = "dev.caracal.backend..";
    private static final String CACHE_REDIS = "dev.caracal.cache.redis..";
    private static final String APPLICATION = "dev.caracal.app..";
    private static final String STARTER = "dev.caracal.spring..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Our modules reach this class path as directories or as jars (from the reactor or the local repository):
        // both are imported, test classes and test jars are not.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.caracal");
    }

    @Test
    void theApiImportsNothingOfOurs() {
        noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat().resideInAnyPackage(
                        FORMATS, ENGINE, BACKENDS, CACHE_REDIS, APPLICATION, STARTER, TOOLS)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theApiDependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..", "jdk..", API)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theEngineImportsNeitherSpringNorABackendNorTheApplication() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", BACKENDS, CACHE_REDIS, APPLICATION, STARTER, TOOLS)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void formatsSitBelowTheEngine() {
        noClasses().that().resideInAPackage(FORMATS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", ENGINE, BACKENDS, CACHE_REDIS, APPLICATION, STARTER, TOOLS)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheJinjaLayerNamesJinjava() {
        noClasses().that().resideOutsideOfPackage("dev.caracal.formats.template.jinja..")
                .should().dependOnClassesThat().resideInAnyPackage("com.hubspot.jinjava..", "de.odysseus..")
                .check(classes);
    }

    @Test
    void theGatewayMeetsTheEngineThroughItsApiOnly() {
        noClasses().that().resideInAPackage(APPLICATION)
                .should().dependOnClassesThat(resideInAPackage(ENGINE).and(not(resideInAPackage(ENGINE_API))))
                .check(classes);
    }

    @Test
    void theStarterMeetsTheEngineThroughItsApiOnly() {
        noClasses().that().resideInAPackage(STARTER)
                .should().dependOnClassesThat(resideInAPackage(ENGINE).and(not(resideInAPackage(ENGINE_API))))
                .check(classes);
    }

    @Test
    void theStarterNamesNoBackendNorTheGateway() {
        noClasses().that().resideInAPackage(STARTER)
                .should().dependOnClassesThat().resideInAnyPackage(BACKENDS, CACHE_REDIS, APPLICATION, TOOLS)
                .check(classes);
    }

    @Test
    void theApplicationHasNoPackageCycles() {
        slices().matching("dev.caracal.app.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void backendsImportNeitherTheEngineNorEachOther() {
        noClasses().that().resideInAPackage(BACKENDS)
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE, CACHE_REDIS, APPLICATION, STARTER)
                .allowEmptyShould(true)
                .check(classes);
        String[] backends = {"cpu", "cuda", "xla"};
        for (String backend : backends) {
            for (String other : backends) {
                if (!other.equals(backend)) {
                    noClasses().that().resideInAPackage("dev.caracal.backend." + backend + "..")
                            .should().dependOnClassesThat().resideInAPackage("dev.caracal.backend." + other + "..")
                            .allowEmptyShould(true)
                            .check(classes);
                }
            }
        }
    }

    @Test
    void theApplicationNamesNoBackendClass() {
        noClasses().that().resideInAPackage(APPLICATION)
                .should().dependOnClassesThat().resideInAPackage(BACKENDS)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theRedisCacheSeesOnlyTheApi() {
        noClasses().that().resideInAPackage(CACHE_REDIS)
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE, BACKENDS, APPLICATION, STARTER)
                .allowEmptyShould(true)
                .check(classes);
    }
}
