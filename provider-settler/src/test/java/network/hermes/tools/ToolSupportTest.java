package network.hermes.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import network.hermes.contracts.chain.ChainException;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.settle.HubCallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tools' shared parts: amounts, settings precedence, keys, exit codes. */
class ToolSupportTest {
  static final Map<String, String> DEFAULTS =
      Map.of(
          "chain.rpc-url", "",
          "policy.max-fee-share", "5",
          "identity.dev-key", "",
          "identity.password-env", "PW",
          "identity.password-file", "",
          "identity.keystore", "",
          "identity.address", "",
          "keystore.dir", "");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} is {1} wei")
  @CsvSource({
    "1, 1000000000000000000",
    "12.5, 12500000000000000000",
    "0.000000000000000001, 1",
    "1500wei, 1500",
    "3 MYST, 3000000000000000000",
    "0, 0"
  })
  void amountsAreExact(String text, String wei) {
    assertThat(Amounts.parse(text)).isEqualTo(TokenAmount.parse(wei));
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({"0.0000000000000000001", "-1", "1e18", "abc", "1.5wei", "''"})
  void malformedAmountsAreUsageErrors(String text) {
    assertThatThrownBy(() -> Amounts.parse(text))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
  }

  @Test
  void amountsPrintWithoutLosingAWei() {
    assertThat(Amounts.myst(TokenAmount.parse("12500000000000000001")))
        .isEqualTo("12.500000000000000001 MYST");
    assertThat(Amounts.myst(TokenAmount.ZERO)).isEqualTo("0 MYST");
  }

  @Test
  void flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
    Path file = dir.resolve("settle.properties");
    Files.writeString(file, "chain.rpc-url = http://file\npolicy.max-fee-share = 2\n");
    ToolConfig fromFile = ToolConfig.load(DEFAULTS, "T_", Map.of(), Map.of(), file);
    assertThat(fromFile.get("chain.rpc-url")).isEqualTo("http://file");
    assertThat(fromFile.originOf("chain.rpc-url")).startsWith("file ");
    ToolConfig fromEnv =
        ToolConfig.load(DEFAULTS, "T_", Map.of(), Map.of("T_CHAIN_RPC_URL", "http://env"), file);
    assertThat(fromEnv.get("chain.rpc-url")).isEqualTo("http://env");
    assertThat(fromEnv.getPercentAsBps("policy.max-fee-share")).isEqualTo(200);
    ToolConfig fromFlag =
        ToolConfig.load(
            DEFAULTS,
            "T_",
            Map.of("chain.rpc-url", "http://flag"),
            Map.of("T_CHAIN_RPC_URL", "http://env"),
            file);
    assertThat(fromFlag.get("chain.rpc-url")).isEqualTo("http://flag");
    assertThat(
            ToolConfig.load(DEFAULTS, "T_", Map.of(), Map.of(), null)
                .getPercentAsBps("policy.max-fee-share"))
        .isEqualTo(500);
  }

  @Test
  void unknownSettingsAndBadValuesAreUsageErrors() throws IOException {
    assertThatThrownBy(
            () -> ToolConfig.load(DEFAULTS, "T_", Map.of("no.such", "1"), Map.of(), null))
        .hasMessageContaining("unknown setting no.such");
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "chain.rpcurl = x\n");
    assertThatThrownBy(() -> ToolConfig.load(DEFAULTS, "T_", Map.of(), Map.of(), file))
        .hasMessageContaining("unknown setting chain.rpcurl (from file");
    ToolConfig c =
        ToolConfig.load(DEFAULTS, "T_", Map.of("policy.max-fee-share", "100.5"), Map.of(), null);
    assertThatThrownBy(() -> c.getPercentAsBps("policy.max-fee-share"))
        .hasMessageContaining("between 0 and 100");
    assertThatThrownBy(() -> c.require("chain.rpc-url", "--rpc-url URL"))
        .hasMessageContaining("missing --rpc-url URL (or T_CHAIN_RPC_URL");
    assertThatThrownBy(() -> ToolConfig.parseSets(List.of("novalue"), new java.util.HashMap<>()))
        .hasMessageContaining("key=value");
  }

  @Test
  void developmentKeysOnlyOnDevnets() {
    ToolConfig c =
        ToolConfig.load(
            DEFAULTS,
            "T_",
            Map.of(
                "identity.dev-key",
                "59c6995e998f97a5a0044966f0945389dc9c86dae88c7a7d4267d7d2de2d1b0f"),
            Map.of(),
            null);
    assertThat(Keys.load(c, "identity", "--dev-key", ChainId.of(31337), Map.of())).isNotNull();
    assertThatThrownBy(() -> Keys.load(c, "identity", "--dev-key", ChainId.POLYGON, Map.of()))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("devnets only");
  }

  @Test
  void keystoresNeedTheirPasswordAndAKnownIdentity() throws Exception {
    Path keystores = dir.resolve("keystore");
    var key = network.hermes.promise.crypto.PrivateKey.random(new java.security.SecureRandom());
    var address =
        network.hermes.contracts.keys.Keystore.write(
            keystores.resolve("mine.json"),
            key,
            "pw",
            network.hermes.contracts.keys.Keystore.Strength.LIGHT);
    Files.writeString(dir.resolve("pw"), "pw\n");
    Files.writeString(dir.resolve("wrong"), "nope\n");
    ToolConfig byAddress =
        ToolConfig.load(
            DEFAULTS,
            "T_",
            Map.of("identity.address", address.toHex(), "keystore.dir", keystores.toString()),
            Map.of(),
            null);
    // found by scanning the folder (the file is not named after the address), password from the env
    assertThat(Keys.load(byAddress, "identity", "--identity", ChainId.POLYGON, Map.of("PW", "pw")))
        .isEqualTo(key);
    assertThatThrownBy(
            () -> Keys.load(byAddress, "identity", "--identity", ChainId.POLYGON, Map.of()))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.KEY))
        .hasMessageContaining("needs its password");
    ToolConfig wrong =
        ToolConfig.load(
            DEFAULTS,
            "T_",
            Map.of(
                "identity.address", address.toHex(),
                "keystore.dir", keystores.toString(),
                "identity.password-file", dir.resolve("wrong").toString()),
            Map.of(),
            null);
    assertThatThrownBy(() -> Keys.load(wrong, "identity", "--identity", ChainId.POLYGON, Map.of()))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.KEY))
        .hasMessageContaining("wrong password");
    ToolConfig unknown =
        ToolConfig.load(
            DEFAULTS,
            "T_",
            Map.of(
                "identity.address", "0x" + "12".repeat(20), "keystore.dir", keystores.toString()),
            Map.of(),
            null);
    assertThatThrownBy(
            () -> Keys.load(unknown, "identity", "--identity", ChainId.POLYGON, Map.of()))
        .isInstanceOfSatisfying(
            ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.KEY))
        .hasMessageContaining("unknown identity");
    assertThat(Keys.stripNewline("pw\r\n")).isEqualTo("pw");
    assertThat(Keys.stripNewline("pw \n\n")).isEqualTo("pw \n");
  }

  @Test
  void failuresMapToOneExitCodeTable() {
    assertThat(ToolMain.classify(HubCallException.unreachable("refused", null)).code())
        .isEqualTo(ExitCode.HUB_UNREACHABLE);
    assertThat(ToolMain.classify(HubCallException.refused("fee below quote", "x", null)).code())
        .isEqualTo(ExitCode.REFUSED);
    assertThat(
            ToolMain.classify(
                    new ChainException("cannot reach", new java.net.ConnectException("no")))
                .code())
        .isEqualTo(ExitCode.CHAIN_UNREACHABLE);
    assertThat(ToolMain.classify(new ChainException("would revert: X()")).code())
        .isEqualTo(ExitCode.REFUSED);
    assertThat(ToolMain.classify(ToolException.usage("x")).code()).isEqualTo(ExitCode.USAGE);
    assertThat(ExitCode.KEY.code()).isEqualTo(5);
  }
}
