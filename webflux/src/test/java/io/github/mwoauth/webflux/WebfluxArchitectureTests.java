package io.github.mwoauth.webflux;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class WebfluxArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.github.mwoauth.webflux");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.github.mwoauth.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void libraryCodeKnowsNothingOfSpringBoot() {
        noClasses().that().resideInAnyPackage("io.github.mwoauth.webflux", "io.github.mwoauth.webflux.security..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework.boot..", "io.github.mwoauth.webflux.autoconfigure..")
                .check(CLASSES);
    }

    /** Spring Security is optional: the library's other classes must load without it. */
    @Test
    void springSecurityIsKnownOnlyToItsPackageAndItsAutoConfiguration() {
        noClasses().that().resideOutsideOfPackage("io.github.mwoauth.webflux.security..").and()
                .doNotHaveSimpleName("MediaWikiSecurityAutoConfiguration").and()
                .doNotHaveSimpleName("MediaWikiSecurityWebFilterChainAutoConfiguration").and()
                .doNotHaveSimpleName("MediaWikiSecurityProperties").should().dependOnClassesThat()
                .resideInAPackage("org.springframework.security..").check(CLASSES);
    }

    @Test
    void protocolTypesAreNamedOnlyByTheAutoConfiguration() {
        noClasses().that().resideOutsideOfPackage("io.github.mwoauth.webflux.autoconfigure..").should()
                .dependOnClassesThat().resideInAnyPackage("io.github.mwoauth.oauth1..", "io.github.mwoauth.oauth2..")
                .check(CLASSES);
    }

    @Test
    void onlyTheRedisSerializerKnowsRedis() {
        noClasses().that().resideInAPackage("io.github.mwoauth.webflux").and()
                .doNotHaveSimpleName("CompactSessionRedisSerializer").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework.data.redis..", "io.lettuce..").check(CLASSES);
    }

    @Test
    void mainCodeNeverBlocks() {
        noClasses().should().callMethod(Mono.class, "block").orShould().callMethod(Flux.class, "blockFirst")
                .orShould().callMethod(Flux.class, "blockLast").orShould()
                .callMethod(Thread.class, "sleep", long.class).check(CLASSES);
    }

    @Test
    void caseConversionsAreLocaleIndependent() {
        noClasses().should().callMethod(String.class, "toLowerCase").orShould()
                .callMethod(String.class, "toUpperCase").check(CLASSES);
    }
}
