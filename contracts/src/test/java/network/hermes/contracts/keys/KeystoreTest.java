package network.hermes.contracts.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;

class KeystoreTest {
  static final PrivateKey KEY =
      PrivateKey.fromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  static final Address ADDRESS = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

  @TempDir Path dir;

  @Test
  void aWrittenKeystoreOpensWithItsPasswordOnly() throws Exception {
    Path file = dir.resolve("identity.json");
    Address written = Keystore.write(file, KEY, "correct horse", Keystore.Strength.LIGHT);

    assertThat(written).isEqualTo(ADDRESS);
    assertThat(Keystore.address(file)).isEqualTo(ADDRESS);
    assertThat(Keystore.decrypt(file, "correct horse").toBytes()).isEqualTo(KEY.toBytes());
    assertThatThrownBy(() -> Keystore.decrypt(file, "wrong"))
        .isInstanceOfSatisfying(
            KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(KeystoreException.Reason.WRONG_PASSWORD))
        .hasMessage("wrong password for keystore identity.json");
    assertThatThrownBy(() -> Keystore.write(file, KEY, "again", Keystore.Strength.LIGHT))
        .hasMessageContaining("exists already");
  }

  @Test
  void opensAKeystoreWrittenByWeb3jWalletUtils() throws Exception {
    String name =
        WalletUtils.generateWalletFile(
            "pw", ECKeyPair.create(new BigInteger(1, KEY.toBytes())), dir.toFile(), false);
    Path file = dir.resolve(name);

    assertThat(Keystore.address(file)).isEqualTo(ADDRESS);
    assertThat(Keystore.decrypt(file, "pw").toBytes()).isEqualTo(KEY.toBytes());
  }

  @Test
  void malformedAndMissingFilesSayWhich() throws Exception {
    Path notKeystore = Files.writeString(dir.resolve("x.json"), "{\"hello\":1}");
    assertThatThrownBy(() -> Keystore.decrypt(notKeystore, "pw"))
        .isInstanceOfSatisfying(
            KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(KeystoreException.Reason.MALFORMED));
    Path missing = dir.resolve("missing" + File.separator + "k.json");
    assertThatThrownBy(() -> Keystore.address(missing))
        .isInstanceOfSatisfying(
            KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(KeystoreException.Reason.UNREADABLE));
  }
}
