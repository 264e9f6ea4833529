package network.hermes.contracts.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevertDecoderTest {
  @Test
  void namesACustomErrorOfOurContractsWithItsArguments() {
    // Registry__HermesNotActive(address) with 0x…ab as the argument
    String selector =
        org.web3j.crypto.Hash.sha3String("Registry__HermesNotActive(address)").substring(0, 10);
    String data = selector + "000000000000000000000000" + "ab".repeat(20);
    assertThat(RevertDecoder.decode(data))
        .isEqualTo("Registry__HermesNotActive(hermesId=0x" + "ab".repeat(20) + ")");
  }

  @Test
  void decodesARevertString() {
    String data =
        "0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "0000000000000000000000000000000000000000000000000000000000000003"
            + "6e6f740000000000000000000000000000000000000000000000000000000000";
    assertThat(RevertDecoder.decode(data)).isEqualTo("Error(\"not\")");
  }

  @Test
  void decodesAPanic() {
    String data = "0x4e487b71" + "0".repeat(62) + "11";
    assertThat(RevertDecoder.decode(data)).isEqualTo("Panic(17)");
  }

  @Test
  void leavesUnknownSelectorsAsHexAndNothingAsNull() {
    assertThat(RevertDecoder.decode("0xdeadbeef")).isEqualTo("0xdeadbeef");
    assertThat(RevertDecoder.decode(null)).isNull();
    assertThat(RevertDecoder.decode("0x")).isNull();
  }
}
