package network.hermes.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The node talks to the hub over HTTP only (hub-client), never through the hub's classes; its
 * transport and session logic stay free of the chain and of the CLI.
 */
class LayeringTest {
  static final JavaClasses NODE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.hermes.node");

  @Test
  void neverUsesTheHubsClasses() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("network.hermes.hub..", "io.vertx..")
        .check(NODE);
  }

  @Test
  void transportAndSessionLogicKnowNoChainNoHubAndNoCli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "network.hermes.node.transport..",
            "network.hermes.node.session..",
            "network.hermes.node.policy..",
            "network.hermes.node.proxy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "network.hermes.contracts..",
            "network.hermes.hubclient..",
            "org.web3j..",
            "network.hermes.node.cli..",
            "network.hermes.node.provider..",
            "network.hermes.node.consumer..")
        .check(NODE);
  }
}
