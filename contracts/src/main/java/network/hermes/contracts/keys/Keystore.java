package network.hermes.contracts.keys;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

/**
 * Ethereum V3 keystore files (scrypt or PBKDF2, AES-128-CTR), as geth, web3j and wallets write
 * them: the way Hermes tools keep identity and operator keys on disk.
 */
public final class Keystore {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The scrypt cost of a new keystore. */
  public enum Strength {
    /** Geth's standard parameters (N = 2^18): for real keys. */
    STANDARD,
    /** Light parameters (N = 2^12): fast to open, for development and tests only. */
    LIGHT
  }

  private Keystore() {}

  /**
   * Decrypts a keystore file.
   *
   * @param file the keystore
   * @param password its password
   * @return the key
   * @throws KeystoreException if the file cannot be read, is not a V3 keystore, or the password is
   *     wrong
   */
  public static PrivateKey decrypt(Path file, String password) throws KeystoreException {
    WalletFile wallet = read(file);
    ECKeyPair pair;
    try {
      pair = Wallet.decrypt(password, wallet);
    } catch (CipherException e) {
      boolean wrongPassword = String.valueOf(e.getMessage()).contains("Invalid password");
      throw new KeystoreException(
          wrongPassword
              ? KeystoreException.Reason.WRONG_PASSWORD
              : KeystoreException.Reason.MALFORMED,
          wrongPassword
              ? "wrong password for keystore " + file.getFileName()
              : "keystore " + file.getFileName() + " cannot be decrypted: " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      throw new KeystoreException(
          KeystoreException.Reason.MALFORMED,
          "keystore " + file.getFileName() + " is not a V3 keystore: " + e.getMessage(),
          e);
    }
    return PrivateKey.of(Bytes32.fromUint256(pair.getPrivateKey()).toBytes());
  }

  /**
   * The address a keystore holds the key of, without the password.
   *
   * @param file the keystore
   * @return the address it declares
   * @throws KeystoreException if the file cannot be read or declares no valid address
   */
  public static Address address(Path file) throws KeystoreException {
    String address = read(file).getAddress();
    try {
      return Address.fromHex(address.startsWith("0x") ? address : "0x" + address);
    } catch (RuntimeException e) {
      throw new KeystoreException(
          KeystoreException.Reason.MALFORMED,
          "keystore " + file.getFileName() + " has no valid address",
          e);
    }
  }

  /**
   * Encrypts a key into a new keystore file, readable by its owner only where the file system
   * allows. The file is written completely or not at all.
   *
   * @param file where to write it; must not exist yet
   * @param key the key
   * @param password the password
   * @param strength the scrypt cost
   * @return the address of the key
   * @throws IOException if the file exists or cannot be written
   */
  public static Address write(Path file, PrivateKey key, String password, Strength strength)
      throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + " exists already");
    }
    ECKeyPair pair = ECKeyPair.create(new BigInteger(1, key.toBytes()));
    WalletFile wallet;
    try {
      wallet =
          strength == Strength.STANDARD
              ? Wallet.createStandard(password, pair)
              : Wallet.createLight(password, pair);
    } catch (CipherException e) {
      throw new IOException("cannot encrypt the key: " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".keystore-", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the platform's default permissions apply
      }
      JSON.writeValue(tmp.toFile(), wallet);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return Address.fromHex("0x" + wallet.getAddress());
  }

  private static WalletFile read(Path file) throws KeystoreException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeystoreException(
          KeystoreException.Reason.UNREADABLE, "cannot read keystore " + file + ": " + e, e);
    }
    try {
      WalletFile wallet = JSON.readValue(bytes, WalletFile.class);
      if (wallet == null || wallet.getCrypto() == null || wallet.getAddress() == null) {
        throw new IOException("missing crypto or address");
      }
      return wallet;
    } catch (IOException | RuntimeException e) {
      throw new KeystoreException(
          KeystoreException.Reason.MALFORMED,
          "keystore " + file.getFileName() + " is not a V3 keystore: " + e.getMessage(),
          e);
    }
  }
}
