package network.hermes.topup.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The consumer tool talks to the hub over HTTP only and to the chain through the chain port. */
class ArchitectureTest {
  private static final JavaClasses TOPUP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.hermes.topup");

  @Test
  void neverImportsTheHubsClasses() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("network.hermes.hub..")
        .because("the consumer tool talks to the hub over its HTTP API only")
        .check(TOPUP);
  }

  @Test
  void reachesTheChainOnlyThroughThePort() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.web3j..", "network.hermes.contracts.generated..")
        .check(TOPUP);
  }

  @Test
  void theLibraryDoesNotDependOnTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("network.hermes.topup")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("network.hermes.topup.cli..", "network.hermes.tools..", "picocli..")
        .check(TOPUP);
  }
}
