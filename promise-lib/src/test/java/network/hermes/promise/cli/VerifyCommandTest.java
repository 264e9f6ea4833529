package network.hermes.promise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import network.hermes.promise.crypto.PureJavaSecp256k1;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.wire.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the command in-process and checks exit code, standard output and standard error. */
class VerifyCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(
                new VerifyCommand(
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PureJavaSecp256k1()))
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Path file(String name, String content) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  @Test
  void validPromiseFromStdinExitsZero() throws Exception {
    Run run = run(WireJson.writePromise(Examples.consumerPromise()), "-");
    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().strip()).doesNotContain("\n");
    JsonNode json = run.json();
    assertThat(json.get("kind").asText()).isEqualTo("consumer-promise");
    assertThat(json.get("valid").asBoolean()).isTrue();
    assertThat(json.has("reason")).isFalse();
    assertThat(json.get("signer").asText()).isEqualTo(Examples.CONSUMER.address().toHex());
    assertThat(json.get("chainId").asLong()).isEqualTo(137);
    assertThat(json.get("amount").asText()).isEqualTo("1401000000000000");
  }

  @Test
  void exchangeMessageWithMatchingExpectationsExitsZero() throws Exception {
    Path em = file("em.json", WireJson.writeExchangeMessage(Examples.exchangeMessage()));
    Run run =
        run(
            "",
            "--expect-signer",
            Examples.CONSUMER.address().toChecksumHex(),
            "--chain-id",
            "137",
            em.toString());
    assertThat(run.code()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("kind").asText()).isEqualTo("exchange-message");
    assertThat(json.get("promiseSigner").asText()).isEqualTo(Examples.CONSUMER.address().toHex());
    assertThat(json.get("provider").asText()).isEqualTo(Examples.PROVIDER.toHex());
    assertThat(json.get("agreementId").asText()).startsWith("263204364454635538912");
    assertThat(json.get("hermesId").asText()).isEqualTo(Examples.HERMES.toHex());
  }

  @Test
  void aPromiseOnChainIdZeroIsJudgedLikeAnyOtherWithAWarning() throws Exception {
    Promise p = Examples.consumerPromise();
    Promise onZero =
        new network.hermes.promise.message.UnsignedPromise(
                ChainId.of(0), p.channelId(), p.amount(), p.fee(), p.hashlock())
            .sign(Examples.CONSUMER);
    Run run = run(WireJson.writePromise(onZero), "-");
    assertThat(run.code()).as("stderr %s", run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("valid").asBoolean()).isTrue();
    assertThat(json.get("signer").asText()).isEqualTo(Examples.CONSUMER.address().toHex());
    assertThat(json.get("chainId").asLong()).isZero();
    assertThat(json.get("warning").asText()).contains("ChainID 0");
    assertThat(run.err()).startsWith("warning: ChainID 0");

    Run expected = run(WireJson.writePromise(onZero), "--chain-id", "137", "-");
    assertThat(expected.code()).isEqualTo(1);
    assertThat(expected.json().get("reason").asText())
        .isEqualTo("chain id 0 is not the expected 137");
  }

  @Test
  void providerPromiseKind() throws Exception {
    Run run = run(WireJson.writePromise(Examples.providerPromise()), "-");
    assertThat(run.code()).isZero();
    assertThat(run.json().get("kind").asText()).isEqualTo("provider-promise");
    assertThat(run.json().get("signer").asText()).isEqualTo(Examples.OPERATOR.address().toHex());
  }

  @Test
  void wrongSignerOrChainExitsOne() throws Exception {
    String promise = WireJson.writePromise(Examples.consumerPromise());
    Run signer = run(promise, "--expect-signer", Examples.PROVIDER.toHex(), "-");
    assertThat(signer.code()).isEqualTo(1);
    assertThat(signer.json().get("valid").asBoolean()).isFalse();
    assertThat(signer.json().get("reason").asText()).contains("is not the expected");
    assertThat(signer.err()).isEmpty();

    Run chain = run(promise, "--chain-id", "80002", "-");
    assertThat(chain.code()).isEqualTo(1);
    assertThat(chain.json().get("reason").asText())
        .isEqualTo("chain id 137 is not the expected 80002");
  }

  @Test
  void tamperedOrBrokenSignatureExitsOne() throws Exception {
    ObjectNode em =
        (ObjectNode) JSON.readTree(WireJson.writeExchangeMessage(Examples.exchangeMessage()));
    em.put("AgreementTotal", new BigInteger("1"));
    Run tampered = run(em.toString(), "-");
    assertThat(tampered.code()).isEqualTo(1);
    assertThat(tampered.json().get("reason").asText())
        .contains("differs from exchange message signer");

    // high s: a valid-looking but malleable signature is rejected, not reported as malformed
    Signature sig = Examples.consumerPromise().signature();
    BigInteger n =
        new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    Signature high =
        Signature.of(
            sig.r(), Bytes32.fromUint256(n.subtract(sig.s().toBigInteger())), 55 - sig.v());
    ObjectNode promise =
        (ObjectNode) JSON.readTree(WireJson.writePromise(Examples.consumerPromise()));
    promise.put("Signature", high.toBytes());
    Run malleated = run(promise.toString(), "-");
    assertThat(malleated.code()).isEqualTo(1);
    assertThat(malleated.json().get("signer").isNull()).isTrue();
    assertThat(malleated.json().get("reason").asText()).contains("high s");
  }

  @Test
  void malformedInputExitsTwoWithOneLineOnStderr() throws Exception {
    ObjectNode promise =
        (ObjectNode) JSON.readTree(WireJson.writePromise(Examples.consumerPromise()));
    promise.put("Amount", "1401");
    assertMalformed(run(promise.toString(), "-"), "Amount: expected a non-negative integer");
    assertMalformed(run("{\"Promise\": ", "-"), "(root): not valid JSON");
    assertMalformed(run("[]", "-"), "(root): expected a JSON object");
    assertMalformed(run("{\"hello\":1}", "-"), "neither a promise");
    assertMalformed(run("", "-"), "(root): empty input");
    assertMalformed(run("", dir.resolve("missing.json").toString()), "cannot read");
    assertMalformed(run("{}", "--expect-signer", "0x1234", "-"), "--expect-signer");
    assertMalformed(
        run("{}", "--chain-id", "-1", "-"), "--chain-id: expected a non-negative integer");
    ObjectNode em =
        (ObjectNode) JSON.readTree(WireJson.writeExchangeMessage(Examples.exchangeMessage()));
    ((ObjectNode) em.get("Promise")).put("Fee", -1);
    assertMalformed(run(em.toString(), "-"), "Promise.Fee: expected a non-negative integer");
  }

  @Test
  void usageErrorsExitTwo() {
    Run none = run("");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).contains("Missing required parameter");
    assertThat(run("", "--bogus", "-").code()).isEqualTo(2);
    Run help = run("", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--expect-signer").contains("Exit codes");
  }

  private static void assertMalformed(Run run, String reason) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("hermes verify: ").contains(reason);
    assertThat(run.err().strip()).doesNotContain("\n");
  }
}
