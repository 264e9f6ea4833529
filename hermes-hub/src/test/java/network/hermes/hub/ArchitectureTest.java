package network.hermes.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The decision core stays pure: no Vert.x, no web3j, no database, no crypto library; of promise-lib
 * only its value types.
 */
class ArchitectureTest {
  private static final JavaClasses HUB =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.hermes.hub");

  @Test
  void coreImportsNeitherVertxNorWeb3j() {
    noClasses()
        .that()
        .resideInAPackage("network.hermes.hub.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "org.web3j..",
            "io.netty..",
            "java.sql..",
            "org.bouncycastle..",
            "fr.acinq..",
            "network.hermes.hub.store..",
            "network.hermes.hub.api..",
            "network.hermes.hub.chain..",
            "network.hermes.hub.crypto..")
        .check(HUB);
  }

  @Test
  void coreTakesOnlyValueTypesFromPromiseLib() {
    // ids, amounts and signatures are promise-lib values; hashing, recovery and the codec stay
    // at the edges that inject their results
    noClasses()
        .that()
        .resideInAPackage("network.hermes.hub.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "network.hermes.promise.crypto..",
            "network.hermes.promise.message..",
            "network.hermes.promise.ids..",
            "network.hermes.promise.wire..",
            "network.hermes.promise.recovery..",
            "network.hermes.promise.verify..")
        .check(HUB);
  }

  @Test
  void theHubReachesTheChainOnlyThroughTheContractsModulesPort() {
    // web3j (JSON-RPC, wrappers, keystores) stays behind ChainClient, ChainWriter and Keystore
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.web3j..", "network.hermes.contracts.generated..")
        .check(HUB);
  }

  @Test
  void handlersDoNotTouchSqlDirectly() {
    noClasses()
        .that()
        .resideInAPackage("network.hermes.hub.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..")
        .check(HUB);
  }
}
