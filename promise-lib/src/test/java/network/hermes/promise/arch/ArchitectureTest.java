package network.hermes.promise.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.NativeSecp256k1;
import network.hermes.promise.crypto.PureJavaSecp256k1;
import network.hermes.promise.recovery.RRecovery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** promise-lib stays a pure library, and raw crypto stays behind one class per API. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("network.hermes.promise");
  }

  @Test
  void noVertxAndNoRpc() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "org.web3j.protocol..", "io.netty..", "okhttp3..")
        .check(classes);
  }

  @Test
  void onlyNativeSecp256k1TouchesLibsecp256k1() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(NativeSecp256k1.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("fr.acinq..")
        .check(classes);
  }

  @Test
  void onlyPureJavaSecp256k1TouchesWeb3jCrypto() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(PureJavaSecp256k1.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.web3j..")
        .check(classes);
  }

  @Test
  void onlyRRecoveryTouchesTheJdkCipherApi() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(RRecovery.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javax.crypto..")
        .check(classes);
  }

  @Test
  void onlyKeccakTouchesBouncyCastle() {
    // the pure-Java signer reaches BouncyCastle through web3j only
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(Keccak.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bouncycastle..")
        .check(classes);
  }
}
