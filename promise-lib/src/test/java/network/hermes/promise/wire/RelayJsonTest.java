package network.hermes.promise.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RelayJsonTest {
  static final ChainId CHAIN = ChainId.of(31337);
  static final Address HERMES = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  static final Address REGISTRY = Address.fromHex("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
  static final Address IDENTITY = Address.fromHex("0xf53acdd584ccb85ee4ec1590007ad3c16fdff057");
  static final Address BENEFICIARY = Address.fromHex("0x354bd098b4ef8c9e70b7f21be2d455df559705d7");
  static final Signature SIG = Signature.of(filled(65, 0x11, 27));
  static final Signature SIG2 = Signature.of(filled(65, 0x22, 28));
  static final Bytes32 CHANNEL = Bytes32.of(filled(32, 0x33, 0x33));
  static final Bytes32 R = Bytes32.of(filled(32, 0x44, 0x44));
  static final TokenAmount MAX = TokenAmount.of(TokenAmount.MAX_VALUE);

  static byte[] filled(int size, int value, int last) {
    byte[] b = new byte[size];
    java.util.Arrays.fill(b, (byte) value);
    b[size - 1] = (byte) last;
    return b;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<RelayRequest> requests() {
    return Stream.of(
        new RelayRegistration(
            CHAIN,
            REGISTRY,
            HERMES,
            TokenAmount.ZERO,
            TokenAmount.of(7),
            Address.ZERO,
            SIG,
            IDENTITY),
        new RelayStakeDecrease(
            CHAIN, HERMES, IDENTITY, MAX, TokenAmount.of(3), BigInteger.valueOf(2), SIG),
        new RelaySettlement(
            RelaySettlement.Kind.SETTLE_AND_REBALANCE,
            CHAIN,
            HERMES,
            CHANNEL,
            MAX,
            TokenAmount.of(5),
            R,
            SIG,
            IDENTITY,
            null,
            null,
            null,
            null),
        new RelaySettlement(
            RelaySettlement.Kind.SETTLE_INTO_STAKE,
            CHAIN,
            HERMES,
            CHANNEL,
            TokenAmount.of(9),
            TokenAmount.ZERO,
            R,
            SIG,
            IDENTITY,
            null,
            null,
            null,
            null),
        new RelaySettlement(
            RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY,
            CHAIN,
            HERMES,
            CHANNEL,
            TokenAmount.of(9),
            TokenAmount.ZERO,
            R,
            SIG,
            IDENTITY,
            BENEFICIARY,
            SIG2,
            BigInteger.ONE,
            REGISTRY),
        new RelaySettlement(
            RelaySettlement.Kind.PAY_AND_SETTLE,
            CHAIN,
            HERMES,
            CHANNEL,
            TokenAmount.of(9),
            TokenAmount.of(1),
            R,
            SIG,
            IDENTITY,
            BENEFICIARY,
            SIG2,
            null,
            null));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void everyRequestReadsBackAsWritten(RelayRequest request) {
    String json = RelayJson.write(request);
    assertThat(RelayJson.readRequest(request.path(), utf8(json))).isEqualTo(request);
  }

  @Test
  void settlementUsesUpstreamKeysAndHexWithoutPrefix() {
    RelaySettlement s =
        RelaySettlement.of(
            RelaySettlement.Kind.SETTLE_AND_REBALANCE,
            HERMES,
            IDENTITY,
            new network.hermes.promise.message.Promise(
                CHAIN, CHANNEL, TokenAmount.of(1000), TokenAmount.of(2), R, null, SIG),
            R);
    assertThat(RelayJson.write(s))
        .isEqualTo(
            "{\"hermesID\":\""
                + HERMES.toHex()
                + "\",\"channelID\":\""
                + CHANNEL.toHexNoPrefix()
                + "\",\"amount\":1000,\"fee\":2,\"preimage\":\""
                + R.toHexNoPrefix()
                + "\",\"signature\":\""
                + SIG.toHexNoPrefix()
                + "\",\"providerID\":\""
                + IDENTITY.toHex()
                + "\",\"chainID\":31337}");
  }

  @Test
  void withBeneficiaryReadsALowercasePromiseKeyAndAnInnerProvider() {
    String json =
        "{\"promise\":{\"hermesID\":\"%s\",\"channelID\":\"0x%s\",\"amount\":9,\"fee\":0,"
                .formatted(HERMES.toHex(), CHANNEL.toHexNoPrefix())
            + "\"preimage\":\"%s\",\"signature\":\"%s\",\"providerID\":\"%s\",\"chainID\":31337},"
                .formatted(R.toHexNoPrefix(), SIG.toHex(), IDENTITY.toHex())
            + "\"beneficiary\":\"%s\",\"nonce\":1,\"signature\":\"%s\"}"
                .formatted(BENEFICIARY.toHex(), SIG2.toHexNoPrefix());
    RelaySettlement s =
        RelayJson.readSettlement(RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY, utf8(json));
    assertThat(s.identity()).isEqualTo(IDENTITY);
    assertThat(s.beneficiarySignature()).isEqualTo(SIG2);
    assertThat(s.registry()).isNull();
    assertThat(s.nonce()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void malformedFieldsAreNamed() {
    String registration = RelayJson.write(requests().findFirst().orElseThrow());
    assertThatThrownBy(
            () ->
                RelayJson.readRegistration(
                    utf8(registration.replace("\"stake\":0", "\"stake\":0.5"))))
        .isInstanceOf(MalformedWireException.class)
        .hasMessage("stake: expected a non-negative integer");
    assertThatThrownBy(
            () ->
                RelayJson.readRegistration(
                    utf8(registration.replace(",\"identity\":\"" + IDENTITY.toHex() + "\"", ""))))
        .hasMessage("identity: missing");
    assertThatThrownBy(
            () ->
                RelayJson.readRegistration(
                    utf8(registration.replace(SIG.toHex(), SIG.toHex().substring(0, 20)))))
        .hasMessageStartingWith("signature: expected 65 bytes");
    assertThatThrownBy(
            () ->
                RelayJson.readSettlement(
                    RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY,
                    utf8("{\"beneficiary\":\"" + BENEFICIARY.toHex() + "\"}")))
        .hasMessage("Promise: expected a JSON object");
    assertThatThrownBy(() -> RelayJson.readRequest("identity/unknown", utf8("{}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void amountsBeyondUint256AreRefused() {
    String decrease = RelayJson.write(requests().skip(1).findFirst().orElseThrow());
    String above = TokenAmount.MAX_VALUE.add(BigInteger.ONE).toString();
    assertThatThrownBy(
            () ->
                RelayJson.readStakeDecrease(
                    utf8(decrease.replace(TokenAmount.MAX_VALUE.toString(), above))))
        .hasMessage("amount: integer exceeds 2^256-1");
  }

  @Test
  void variantsCarryOnlyTheirOwnFields() {
    assertThatThrownBy(
            () ->
                new RelaySettlement(
                    RelaySettlement.Kind.SETTLE_AND_REBALANCE,
                    CHAIN,
                    HERMES,
                    CHANNEL,
                    TokenAmount.of(1),
                    TokenAmount.ZERO,
                    R,
                    SIG,
                    IDENTITY,
                    BENEFICIARY,
                    SIG2,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RelaySettlement(
                    RelaySettlement.Kind.PAY_AND_SETTLE,
                    CHAIN,
                    HERMES,
                    CHANNEL,
                    TokenAmount.of(1),
                    TokenAmount.ZERO,
                    R,
                    SIG,
                    IDENTITY,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void answersReadBackAsWritten() {
    RelayFeeQuote quote =
        new RelayFeeQuote(TokenAmount.of(12345), Instant.parse("2026-12-03T10:15:30Z"));
    assertThat(RelayJson.writeFeeQuote(quote))
        .isEqualTo("{\"fee\":12345,\"valid_until\":\"2026-12-03T10:15:30Z\"}");
    assertThat(RelayJson.readFeeQuote(utf8(RelayJson.writeFeeQuote(quote)))).isEqualTo(quote);
    RelayJob job = new RelayJob("42", "0xabc", RelayJob.State.SENT, "");
    assertThat(RelayJson.readJob(utf8(RelayJson.writeJob(job)))).isEqualTo(job);
    assertThat(RelayJson.readJob(utf8("{\"id\":\"7\",\"state\":\"error\",\"error\":\"reverted\"}")))
        .isEqualTo(new RelayJob("7", "", RelayJob.State.ERROR, "reverted"));
    assertThatThrownBy(() -> RelayJson.readJob(utf8("{\"id\":\"7\",\"state\":\"lost\"}")))
        .hasMessage("state: unknown state lost");
    assertThat(RelayJson.readJobId(utf8(RelayJson.writeJobId("q-1")))).isEqualTo("q-1");
  }
}
