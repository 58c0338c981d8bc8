package io.shardsql.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The dependency rules of ARCHITECTURE §1, checked on the compiled main classes of every module. */
@Timeout(120)
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shardsql");
    }

    @Test
    void onlyStorageRocksdbTouchesRocksDb() {
        noClasses().that().resideOutsideOfPackage("io.shardsql.storage.rocksdb..")
                .and().resideOutsideOfPackage("io.shardsql.bench..") // the bare-RocksDB baseline
                .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
                .check(classes);
    }

    @Test
    void onlyReplicationPackagesTouchRatis() {
        noClasses().that().resideOutsideOfPackages("io.shardsql.storage.raft..", "io.shardsql.txn..", "io.shardsql.snapshot..",
                        "io.shardsql.server..", "io.shardsql.testkit..", "io.shardsql.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.ratis..")
                .check(classes);
    }

    @Test
    void onlySqlTouchesCalcite() {
        assertThat(classes.contain("io.shardsql.sql.parser.ShardSqlParser")).as("sql is on the classpath").isTrue();
        noClasses().that().resideOutsideOfPackage("io.shardsql.sql..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.calcite..")
                .check(classes);
    }

    @Test
    void sqlDependsOnlyOnTheLayersBelowIt() {
        // Not on snapshot either: SNAPSHOT reaches the service through sql's SnapshotCommands, the server adapts.
        noClasses().that().resideInAPackage("io.shardsql.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.server..", "io.shardsql.testkit..",
                        "io.shardsql.bench..", "io.shardsql.protocol..", "io.shardsql.storage.rocksdb..",
                        "io.shardsql.snapshot..")
                .check(classes);
    }

    @Test
    void commonDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.shardsql.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.storage..", "io.shardsql.server..",
                        "io.shardsql.testkit..", "io.shardsql.protocol..", "io.shardsql.sql..", "io.shardsql.txn..")
                .check(classes);
    }

    @Test
    void protocolDependsOnlyOnCommonAndNetty() {
        assertThat(classes.contain("io.shardsql.protocol.codec.MessageCodec")).as("protocol is on the classpath").isTrue();
        classes().that().resideInAPackage("io.shardsql.protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.shardsql.protocol..", "io.shardsql.common..",
                        "io.netty..", "java..", "javax.crypto..")
                .check(classes);
    }

    @Test
    void protocolMessagesAndValuesAreFreeOfNetty() {
        noClasses().that().resideInAnyPackage("io.shardsql.protocol.message..", "io.shardsql.protocol.value..",
                        "io.shardsql.protocol.auth..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(classes);
    }

    @Test
    void storageDoesNotDependOnTheLayersAboveIt() {
        noClasses().that().resideInAPackage("io.shardsql.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.server..", "io.shardsql.testkit..",
                        "io.shardsql.sql..", "io.shardsql.txn..", "io.shardsql.snapshot..", "io.shardsql.bench..",
                        "io.shardsql.protocol..")
                .check(classes);
    }

    @Test
    void storageApiDoesNotDependOnItsImplementations() {
        noClasses().that().resideInAPackage("io.shardsql.storage")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.storage.rocksdb..", "io.shardsql.storage.raft..")
                .check(classes);
    }

    @Test
    void transactionsDependOnlyOnStorageAndCommon() {
        noClasses().that().resideInAPackage("io.shardsql.txn..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.server..", "io.shardsql.testkit..",
                        "io.shardsql.sql..", "io.shardsql.snapshot..", "io.shardsql.bench..", "io.shardsql.storage.rocksdb..")
                .check(classes);
    }

    @Test
    void transactionApiDoesNotDependOnItsImplementation() {
        noClasses().that().resideInAPackage("io.shardsql.txn")
                .should().dependOnClassesThat().resideInAPackage("io.shardsql.txn.impl..")
                .check(classes);
    }

    @Test
    void sqlWorksThroughTransactionsNotReplicationOrRocksDb() {
        noClasses().that().resideInAPackage("io.shardsql.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.server..", "io.shardsql.testkit..",
                        "io.shardsql.bench..", "io.shardsql.storage.rocksdb..", "io.shardsql.storage.raft..",
                        "io.shardsql.txn.impl..", "org.apache.ratis..")
                .check(classes);
    }

    @Test
    void serverDoesNotDependOnTestkitOrBench() {
        noClasses().that().resideInAPackage("io.shardsql.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.testkit..", "io.shardsql.bench..")
                .check(classes);
    }

    // ---- the SQL shell and the command line (their own modules: shell, cli)

    @Test
    void theShellDependsOnlyOnJavaSqlAndJLine() {
        assertThat(classes.contain("io.shardsql.shell.SqlShell")).as("shell is on the classpath").isTrue();
        classes().that().resideInAPackage("io.shardsql.shell..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.shardsql.shell..", "java..", "org.jline..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        assertThat(classes.contain("io.shardsql.cli.ShardSqlCli")).as("cli is on the classpath").isTrue();
        noClasses().that().resideOutsideOfPackage("io.shardsql.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.shardsql.cli..")
                .check(classes);
    }

    @Test
    void theServerKnowsNeitherShellNorCommandLineNorDriver() {
        noClasses().that().resideInAPackage("io.shardsql.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.shell..", "io.shardsql.cli..",
                        "io.shardsql.jdbc..", "picocli..", "org.jline..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.shardsql.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSnapshotDependsOnlyOnTransactionsStorageAndCommon() {
        noClasses().that().resideInAPackage("io.shardsql.snapshot..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.sql..", "io.shardsql.server..",
                        "io.shardsql.cli..", "io.shardsql.testkit..", "io.shardsql.bench..", "io.shardsql.storage.rocksdb..",
                        "io.shardsql.protocol..", "io.shardsql.jdbc..")
                .check(classes);
    }

    @Test
    void subPackagesHaveNoCycles() {
        // the driver jar's shaded Netty is Netty's own layout, not ours
        slices().matching("io.shardsql.(**)").should().beFreeOfCycles()
                .check(classes.that(resideOutsideOfPackage("io.shardsql.jdbc.shaded..")));
    }

    @Test
    void theLogsVocabularyDependsOnNothingElseOfReplication() {
        noClasses().that().resideInAPackage("io.shardsql.storage.raft.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.storage.raft.machine..",
                        "io.shardsql.storage.raft.client..", "io.shardsql.storage.raft.peer..", "io.shardsql.storage.raft.host..")
                .check(classes);
    }

    @Test
    void theStateMachineKnowsNoClientsAndNoHosting() {
        noClasses().that().resideInAPackage("io.shardsql.storage.raft.machine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.storage.raft.client..",
                        "io.shardsql.storage.raft.peer..", "io.shardsql.storage.raft.host..")
                .check(classes);
    }

    @Test
    void clientsAndPeerReadsKnowNoStateMachineAndNoHosting() {
        noClasses().that().resideInAnyPackage("io.shardsql.storage.raft.client..", "io.shardsql.storage.raft.peer..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.storage.raft.machine..",
                        "io.shardsql.storage.raft.host..")
                .check(classes);
    }

    @Test
    void theTransactionLayersLogCommandsKnowNoClients() {
        noClasses().that().resideInAPackage("io.shardsql.txn.log..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shardsql.storage.raft.client..",
                        "io.shardsql.storage.raft.peer..", "io.shardsql.storage.raft.host..", "io.shardsql.txn.impl..")
                .check(classes);
    }
}
