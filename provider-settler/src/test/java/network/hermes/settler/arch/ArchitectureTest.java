package network.hermes.settler.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The settler talks to the hub over HTTP only, keeps its chain calls in one adapter, and its pure
 * parts (policy, plan) free of I/O.
 */
class ArchitectureTest {
  private static final JavaClasses SETTLER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.hermes.settler", "network.hermes.tools");

  @Test
  void neverImportsTheHubsClasses() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("network.hermes.hub..")
        .because("the settler talks to the hub over its HTTP API only")
        .check(SETTLER);
  }

  @Test
  void onlyTheChainAdapterTouchesWeb3j() {
    noClasses()
        .that()
        .resideOutsideOfPackage("network.hermes.settler.chain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.web3j..",
            "network.hermes.contracts.generated..",
            "network.hermes.contracts.chain.events.EventReader")
        .check(SETTLER);
    // the command line wires the real client in; nothing else builds one
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "network.hermes.settler.chain..",
            "network.hermes.settler.cli..",
            "network.hermes.tools..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("network.hermes.contracts.chain.Web3jChainClient")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("network.hermes.contracts.chain.TransactionSender")
        .check(SETTLER);
  }

  @Test
  void theSettlementCoreKnowsTheHubOnlyThroughItsPort() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "network.hermes.settler.settle..",
            "network.hermes.settler.policy..",
            "network.hermes.settler.store..",
            "network.hermes.settler.history..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("network.hermes.hubclient..", "java.net.http..")
        .check(SETTLER);
  }

  @Test
  void policyIsPure() {
    noClasses()
        .that()
        .resideInAPackage("network.hermes.settler.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..",
            "java.nio..",
            "java.net..",
            "org.web3j..",
            "network.hermes.settler.store..",
            "network.hermes.settler.history..",
            "network.hermes.settler.settle..",
            "network.hermes.settler.chain..")
        .check(SETTLER);
  }
}
