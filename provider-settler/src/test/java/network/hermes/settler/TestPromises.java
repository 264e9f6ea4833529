package network.hermes.settler;

import java.nio.charset.StandardCharsets;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.store.EarnedPromise;

/** Deterministic keys and hub promises for unit tests (development keys, never real ones). */
public final class TestPromises {
  public static final ChainId CHAIN = ChainId.of(31337);
  public static final PrivateKey OPERATOR_KEY = key("operator");
  public static final KeySigner OPERATOR = new KeySigner(OPERATOR_KEY, Secp256k1s.getDefault());
  public static final PrivateKey PROVIDER_KEY = key("provider");
  public static final KeySigner PROVIDER = new KeySigner(PROVIDER_KEY, Secp256k1s.getDefault());
  public static final Address HERMES =
      Address.fromHex("0x00000000000000000000000000000000000000ab");
  public static final Address REGISTRY =
      Address.fromHex("0x00000000000000000000000000000000000000cd");

  private TestPromises() {}

  public static PrivateKey key(String label) {
    return PrivateKey.of(Keccak.hash(label.getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  public static Bytes32 r(String label) {
    return Keccak.hash(("R:" + label).getBytes(StandardCharsets.UTF_8));
  }

  /** A hub promise on the provider's channel of {@code kind}, signed by the operator, with R. */
  public static Promise promise(ChannelKind kind, long amount, long fee, String rLabel) {
    return promise(kind, TokenAmount.of(amount), TokenAmount.of(fee), rLabel);
  }

  public static Promise promise(
      ChannelKind kind, TokenAmount amount, TokenAmount fee, String rLabel) {
    Bytes32 r = r(rLabel);
    return UnsignedPromise.forProviderChannel(
            CHAIN,
            kind.channelId(PROVIDER.address(), HERMES),
            amount,
            fee,
            HashlockSecret.of(r).hashlock())
        .sign(OPERATOR)
        .withR(r);
  }

  /** A pending plain relayed settlement record of the provider's earnings channel. */
  public static SettlementRecord pendingRecord(String id, java.time.Instant startedAt) {
    return new SettlementRecord(
        id,
        startedAt,
        null,
        CHAIN,
        HERMES,
        PROVIDER.address(),
        ChannelKind.EARNINGS.channelId(PROVIDER.address(), HERMES),
        SettleKind.PLAIN,
        Route.RELAY,
        TokenAmount.of(10_000),
        TokenAmount.of(1_000),
        TokenAmount.of(9_000),
        TokenAmount.of(1_800),
        TokenAmount.of(100),
        Address.fromHex("0x1111111111111111111111111111111111111111"),
        null,
        null,
        SettlementRecord.Outcome.PENDING,
        null,
        null,
        null);
  }

  /** {@code n} MYST in wei. */
  public static TokenAmount myst(long n) {
    return TokenAmount.of(
        java.math.BigInteger.TEN.pow(18).multiply(java.math.BigInteger.valueOf(n)));
  }

  public static EarnedPromise earned(TokenAmount amount, long fee, String rLabel) {
    return new EarnedPromise(
        HERMES,
        PROVIDER.address(),
        ChannelKind.EARNINGS,
        promise(ChannelKind.EARNINGS, amount, TokenAmount.of(fee), rLabel));
  }

  public static EarnedPromise earned(long amount, long fee, String rLabel) {
    return new EarnedPromise(
        HERMES,
        PROVIDER.address(),
        ChannelKind.EARNINGS,
        promise(ChannelKind.EARNINGS, amount, fee, rLabel));
  }
}
