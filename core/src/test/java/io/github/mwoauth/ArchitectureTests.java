package io.github.mwoauth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.github.mwoauth");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.github.mwoauth.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachProtocolKnowsNothingOfTheOther() {
        noClasses().that().resideInAPackage("io.github.mwoauth.oauth1..").should().dependOnClassesThat()
                .resideInAPackage("io.github.mwoauth.oauth2..").check(CLASSES);
        noClasses().that().resideInAPackage("io.github.mwoauth.oauth2..").should().dependOnClassesThat()
                .resideInAPackage("io.github.mwoauth.oauth1..").check(CLASSES);
    }

    @Test
    void protocolTypesAreReferencedOnlyByTheirPackageAndTheClientsWiring() {
        noClasses().that().resideOutsideOfPackages("io.github.mwoauth.oauth1..", "io.github.mwoauth.oauth2..")
                .and().doNotHaveFullyQualifiedName("io.github.mwoauth.ReactiveMediaWikiClient$Builder")
                .and().doNotHaveFullyQualifiedName("io.github.mwoauth.ClientSettings")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.mwoauth.oauth1..",
                        "io.github.mwoauth.oauth2..")
                .check(CLASSES);
    }

    @Test
    void sharedLayersKnowNothingOfTheClient() {
        noClasses().that().resideInAnyPackage("io.github.mwoauth.login..", "io.github.mwoauth.http..",
                        "io.github.mwoauth.support..", "io.github.mwoauth.oauth1..", "io.github.mwoauth.oauth2..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("ReactiveMediaWikiClient").check(CLASSES);
        noClasses().that().resideInAPackage("io.github.mwoauth.support..").should().dependOnClassesThat()
                .resideInAnyPackage("io.github.mwoauth", "io.github.mwoauth.http..", "io.github.mwoauth.login..")
                .check(CLASSES);
    }

    @Test
    void signingKnowsNothingOfTheFlow() {
        noClasses().that().resideInAPackage("io.github.mwoauth.oauth1..")
                .and().haveNameNotMatching(".*\\.(OAuth1Login|OAuth1Handshake|IdentityVerifier|AccessToken|RequestToken"
                        + "|ConsumerCredentials)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.mwoauth", "io.github.mwoauth.login..")
                .check(CLASSES);
    }

    @Test
    void coreKnowsNothingOfServersOrSessions() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.server..",
                "org.springframework.session..", "reactor.netty.http.server..").check(CLASSES);
    }

    @Test
    void caseConversionsAreLocaleIndependent() {
        noClasses().should().callMethod(String.class, "toLowerCase").orShould()
                .callMethod(String.class, "toUpperCase").check(CLASSES);
    }

    @Test
    void mainCodeNeverBlocks() {
        noClasses().should().callMethod(reactor.core.publisher.Mono.class, "block").orShould()
                .callMethod(Thread.class, "sleep", long.class).check(CLASSES);
    }
}
