package network.hermes.contracts.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/** Ethereum V3 keystore files: how operators hand a sending key to the hub and the tools. */
public final class Keystore {
  private Keystore() {}

  /**
   * Decrypts the key in a V3 keystore file.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a keystore or the password does not open it
   */
  public static PrivateKey read(Path file, String password) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException("cannot read the keystore " + file);
    }
    try {
      Credentials c = WalletUtils.loadCredentials(password, file.toFile());
      return PrivateKey.of(Bytes32.fromUint256(c.getEcKeyPair().getPrivateKey()).toBytes());
    } catch (CipherException e) {
      throw new IllegalArgumentException(
          "cannot open the keystore " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a V3 keystore: " + e.getMessage(), e);
    }
  }
}
