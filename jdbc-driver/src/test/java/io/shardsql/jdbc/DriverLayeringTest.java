package io.shardsql.jdbc;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * ARCHITECTURE §1 for the driver: {@code common ← protocol ← jdbc-driver} and nothing else of ours
 * (the shaded jar carries only those), and the JDBC-free layers stay JDBC-object-free.
 */
@Timeout(120)
class DriverLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shardsql.jdbc");
    }

    @Test
    void theDriverDependsOnlyOnProtocolCommonNettyAndTheJdk() {
        classes().that().resideInAPackage("io.shardsql.jdbc..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.shardsql.jdbc..", "io.shardsql.protocol..",
                        "io.shardsql.common..", "io.netty..", "java..", "javax.net.ssl..",
                        // the JDK's X.500 name parsing, for the CN of a client certificate (ClientIdentity)
                        "javax.security.auth.x500..", "javax.naming.ldap..")
                .check(classes);
    }

    @Test
    void theNetworkAndValueLayersDoNotKnowTheJdbcObjects() {
        noClasses().that().resideInAnyPackage("io.shardsql.jdbc.net..", "io.shardsql.jdbc.value..", "io.shardsql.jdbc.error..")
                .should().dependOnClassesThat().resideInAPackage("io.shardsql.jdbc")
                .check(classes);
    }

    @Test
    void metadataDoesNotKnowTheJdbcObjects() {
        noClasses().that().resideInAPackage("io.shardsql.jdbc.meta..")
                .should().dependOnClassesThat().resideInAPackage("io.shardsql.jdbc")
                .check(classes);
    }

    @Test
    void onlyTheDriverIsPublicInTheJdbcPackage() {
        classes().that().resideInAPackage("io.shardsql.jdbc").and().arePublic()
                .should().haveFullyQualifiedName(Driver.class.getName())
                .check(classes);
    }

    @Test
    void onlyTheNetworkLayerTouchesNetty() {
        noClasses().that().resideOutsideOfPackage("io.shardsql.jdbc.net..")
                .and().resideInAPackage("io.shardsql.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(classes);
    }
}
