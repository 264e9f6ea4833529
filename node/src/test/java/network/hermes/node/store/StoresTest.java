package network.hermes.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @TempDir Path dir;

  @Test
  void consumerTotalsSurviveAReopenAndNeverGoDown() throws Exception {
    Path file = dir.resolve("totals.json");
    ConsumerTotals totals = ConsumerTotals.open(file);
    BigInteger agreement =
        new BigInteger(
            "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    totals.record(agreement, TokenAmount.of(10), TokenAmount.of(10));
    totals.record(agreement, TokenAmount.of(25), TokenAmount.of(25));
    ConsumerTotals reopened = ConsumerTotals.open(file);
    assertThat(reopened.promised()).isEqualTo(TokenAmount.of(25));
    assertThat(reopened.agreementTotal(agreement)).isEqualTo(TokenAmount.of(25));
    assertThatThrownBy(() -> reopened.record(agreement, TokenAmount.of(30), TokenAmount.of(24)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reopened.record(agreement, TokenAmount.of(20), TokenAmount.of(30)))
        .isInstanceOf(IllegalArgumentException.class);
    reopened.reconcile(TokenAmount.of(20)); // lower: ignored
    assertThat(ConsumerTotals.open(file).promised()).isEqualTo(TokenAmount.of(25));
    reopened.reconcile(TokenAmount.of(40)); // the hub saw more
    assertThat(ConsumerTotals.open(file).promised()).isEqualTo(TokenAmount.of(40));
    assertThat(Files.list(dir)).containsExactly(file); // no temporary file left
  }

  @Test
  void earningsKeepTheLatestPromiseWithItsRAndThePendingOnes() throws Exception {
    KeySigner operator =
        new KeySigner(PrivateKey.fromHex("55".repeat(32)), Secp256k1s.getDefault());
    HashlockSecret first = HashlockSecret.of(Bytes32.fromUint(1));
    HashlockSecret second = HashlockSecret.of(Bytes32.fromUint(2));
    Earnings earnings = Earnings.open(dir, PROVIDER, HUB, CHAIN);
    earnings.expect(first.hashlock(), first.r(), BigInteger.ONE);
    earnings.expect(second.hashlock(), second.r(), BigInteger.ONE);
    Promise p1 = promise(operator, 100, first);
    assertThat(earnings.store(p1.withR(first.r()), BigInteger.TEN)).isTrue();

    Earnings reopened = Earnings.open(dir, PROVIDER, HUB, CHAIN);
    assertThat(reopened.latest()).contains(p1.withR(first.r()));
    assertThat(reopened.latestAgreement()).isEqualTo(BigInteger.TEN);
    assertThat(reopened.revealed()).isFalse();
    assertThat(reopened.pending(first.hashlock())).isEmpty();
    assertThat(reopened.pending(second.hashlock()).orElseThrow().r()).isEqualTo(second.r());
    reopened.markRevealed(first.hashlock());
    assertThat(Earnings.open(dir, PROVIDER, HUB, CHAIN).revealed()).isTrue();
    // the promise is where provider-settler's settler reads it
    assertThat(reopened.store().all()).hasSize(1);

    Promise lower = promise(operator, 50, second);
    assertThat(reopened.store(lower.withR(second.r()), BigInteger.ONE)).isFalse();
    assertThat(Earnings.open(dir, PROVIDER, HUB, CHAIN).latest().orElseThrow().amount())
        .isEqualTo(TokenAmount.of(100));
    assertThatThrownBy(() -> reopened.store(p1, BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class); // no R
  }

  static final Address PROVIDER = Address.fromHex("0x" + "ab".repeat(20));
  static final Address HUB = Address.fromHex("0x" + "cd".repeat(20));
  static final ChainId CHAIN = ChainId.of(31337);

  static Promise promise(KeySigner operator, long amount, HashlockSecret secret) {
    return UnsignedPromise.forProviderChannel(
            CHAIN,
            ChannelIds.providerChannelId(PROVIDER, HUB),
            TokenAmount.of(amount),
            TokenAmount.ZERO,
            secret.hashlock())
        .sign(operator);
  }
}
