package network.hermes.promise.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import network.hermes.promise.value.Bytes32;
import org.junit.jupiter.api.Test;

class KeccakTest {
  @Test
  void isKeccakNotSha3() {
    // keccak256("") differs from NIST SHA3-256("") = a7ffc6f8...
    assertThat(Keccak.hash(new byte[0]))
        .isEqualTo(
            Bytes32.fromHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
    assertThat(Keccak.hash("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(
            Bytes32.fromHex("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
  }
}
