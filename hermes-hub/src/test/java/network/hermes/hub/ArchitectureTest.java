package network.hermes.hub;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import org.junit.jupiter.api.Test;

/**
 * The decision core stays pure: no Vert.x, no web3j, no database, no crypto library; of promise-lib
 * only its value types and the promise records, never their hashing or signing.
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
    // ids, amounts, signatures and the promise records are promise-lib values; hashing, recovery
    // and the codec stay at the edges that inject their results
    noClasses()
        .that()
        .resideInAPackage("network.hermes.hub.core..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "network.hermes.promise.crypto..",
                    "network.hermes.promise.message..",
                    "network.hermes.promise.ids..",
                    "network.hermes.promise.wire..",
                    "network.hermes.promise.recovery..",
                    "network.hermes.promise.verify..")
                .and(not(belongToAnyOf(Promise.class, UnsignedPromise.class))))
        .check(HUB);
  }

  @Test
  void coreNeitherHashesNorSignsNorRecoversAPromise() {
    Set<String> records = Set.of(Promise.class.getName(), UnsignedPromise.class.getName());
    Set<String> crypto = Set.of("hash", "preimage", "sign", "recoverSigner", "isSignedBy");
    noClasses()
        .that()
        .resideInAPackage("network.hermes.hub.core..")
        .should()
        .callMethodWhere(
            describe(
                "a promise's hash, preimage, signature or signer",
                (JavaMethodCall call) ->
                    records.contains(call.getTargetOwner().getName())
                        && crypto.contains(call.getName())))
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
