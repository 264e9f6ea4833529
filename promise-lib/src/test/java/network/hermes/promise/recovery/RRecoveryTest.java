package network.hermes.promise.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Hex;
import org.junit.jupiter.api.Test;

class RRecoveryTest {
  static final PrivateKey PROVIDER =
      PrivateKey.fromHex("6f88637b68ee88816e73f663aef709d7009836c98ae91ef31e3dfac7be3a1657");
  static final Bytes32 R =
      Bytes32.fromHex("5b6b3f31a3acd0e317173d25c8b60503547b741a0e81d6068bb88486967839fa");

  @Test
  void roundTripsWithRandomNonces() {
    RRecovery recovery = RRecovery.forKey(PROVIDER);
    RecoveryDetails details =
        RecoveryDetails.of(R, new BigInteger("123456789012345678901234567890"));
    String first = recovery.encrypt(details, new SecureRandom());
    String second = recovery.encrypt(details, new SecureRandom());
    assertThat(first).isNotEqualTo(second).matches("[0-9a-f]+");
    assertThat(Hex.decode(first)).hasSize(12 + details.toJson().length + 16);
    assertThat(recovery.decrypt(first)).isEqualTo(details);
    assertThat(recovery.decrypt("0x" + second).rValue()).isEqualTo(R);
    assertThat(new String(details.toJson(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"r\":\""
                + R.toHexNoPrefix()
                + "\",\"agreement_id\":123456789012345678901234567890}");
  }

  @Test
  void anotherKeyCannotOpenIt() {
    String blob =
        RRecovery.forKey(PROVIDER)
            .encrypt(RecoveryDetails.of(R, BigInteger.ZERO), new SecureRandom());
    RRecovery other = RRecovery.forKey(PrivateKey.fromHex("11".repeat(32)));
    assertThatThrownBy(() -> other.decrypt(blob))
        .isInstanceOf(InvalidRecoveryDataException.class)
        .hasMessageContaining("authentication failed");
  }

  @Test
  void keyDerivationStripsLeadingZeroBytesOfTheScalar() {
    // a scalar with a leading zero byte must hash 31 bytes, as Go's big.Int.Bytes() does
    PrivateKey shortScalar = PrivateKey.fromHex("00" + "22".repeat(31));
    PrivateKey sameValue = PrivateKey.of(Hex.decode("00" + "22".repeat(31)));
    assertThat(RRecovery.deriveKey(shortScalar))
        .isEqualTo(RRecovery.deriveKey(sameValue))
        .hasSize(32);
    assertThat(RRecovery.deriveKey(shortScalar))
        .isNotEqualTo(RRecovery.deriveKey(PrivateKey.fromHex("22".repeat(31) + "00")));
  }

  @Test
  void rejectsGarbage() {
    RRecovery recovery = RRecovery.forKey(PROVIDER);
    assertThatThrownBy(() -> recovery.decrypt("xyz"))
        .isInstanceOf(InvalidRecoveryDataException.class);
    assertThatThrownBy(() -> recovery.decrypt("00".repeat(20)))
        .isInstanceOf(InvalidRecoveryDataException.class)
        .hasMessageContaining("too short");
    String notDetails = Hex.encode(recovery.seal("hello".getBytes(), new byte[12]));
    assertThatThrownBy(() -> recovery.decrypt(notDetails))
        .isInstanceOf(InvalidRecoveryDataException.class);
    assertThatThrownBy(() -> recovery.seal(new byte[1], new byte[11]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecoveryDetails("zz", BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> RecoveryDetails.fromJson("{\"r\":\"ab\",\"agreement_id\":1.5}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agreement_id");
    assertThat(recovery.toString()).doesNotContain(Hex.encode(RRecovery.deriveKey(PROVIDER)));
  }
}
