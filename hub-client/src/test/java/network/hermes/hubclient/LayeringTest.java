package network.hermes.hubclient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client speaks HTTP with promise-lib's types only: no hub classes, no chain, no Vert.x. */
class LayeringTest {
  static final JavaClasses CLIENT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.hermes.hubclient");

  @Test
  void dependsOnPromiseLibAndTheJdkOnly() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "network.hermes.hub..", "network.hermes.contracts..", "io.vertx..", "org.web3j..")
        .check(CLIENT);
  }
}
