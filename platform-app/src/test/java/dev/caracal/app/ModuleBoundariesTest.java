package dev.caracal.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Stream;
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
    private static final Set<JavaModifier> VISIBLE = Set.of(JavaModifier.PUBLIC, JavaModifier.PROTECTED);

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

    /**
     * No {@code java.lang.foreign} type in a device backend's public API (DESIGN.md, after cuVS's Java binding): FFM
     * stays in the {@code internal} packages, except where the shared SPI itself takes a {@code MemorySegment}
     * ({@code Backend.loadWeight}).
     */
    @Test
    void deviceBackendsShowNoForeignMemoryTypeOutsideTheirInternals() {
        classes().that().resideInAnyPackage("dev.caracal.backend.cuda..", "dev.caracal.backend.xla..")
                .and().resideOutsideOfPackage("..internal..")
                .should(exposeNoForeignTypeOutsideTheSpi())
                .allowEmptyShould(true)
                .check(classes);
    }

    private static ArchCondition<JavaClass> exposeNoForeignTypeOutsideTheSpi() {
        return new ArchCondition<>("have no public or protected member whose signature names a java.lang.foreign"
                + " type, unless it implements the SPI of " + API) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (!visible(type)) {
                    return;
                }
                for (JavaMember member : type.getMembers()) {
                    if (!Collections.disjoint(member.getModifiers(), VISIBLE) && namesForeignType(member)
                            && !implementsSpi(member)) {
                        events.add(SimpleConditionEvent.violated(member, member.getFullName()
                                + " is public API and names a java.lang.foreign type: move it into an internal"
                                + " package or take a type of our own"));
                    }
                }
            }
        };
    }

    /** Whether {@code type} can be named outside its package: public, and so is every class around it. */
    private static boolean visible(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC)
                && type.getEnclosingClass().map(ModuleBoundariesTest::visible).orElse(true);
    }

    private static boolean namesForeignType(JavaMember member) {
        Stream<JavaType> types = switch (member) {
            case JavaField field -> Stream.of(field.getType());
            case JavaCodeUnit code -> Stream.concat(Stream.of(code.getReturnType()),
                    code.getParameterTypes().stream());
            default -> Stream.empty();
        };
        return types.flatMap(type -> type.getAllInvolvedRawTypes().stream())
                .anyMatch(raw -> raw.getPackageName().equals("java.lang.foreign"));
    }

    /** Whether {@code member} is a method of the same name and parameters as one of a supertype in the API. */
    private static boolean implementsSpi(JavaMember member) {
        if (!(member instanceof JavaMethod method)) {
            return false;
        }
        String[] parameters = method.getRawParameterTypes().stream().map(JavaClass::getName).toArray(String[]::new);
        return Stream.concat(method.getOwner().getAllRawInterfaces().stream(),
                        method.getOwner().getAllRawSuperclasses().stream())
                .filter(supertype -> supertype.getPackageName().startsWith("dev.caracal.api"))
                .anyMatch(supertype -> supertype.tryGetMethod(method.getName(), parameters).isPresent());
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
