package network.hermes.promise.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.verify.ChequeVerifier;
import network.hermes.promise.verify.Expectations;
import network.hermes.promise.verify.Verification;
import network.hermes.promise.wire.WireJson;
import org.junit.jupiter.api.Test;

/** The ten-line example of docs/promise-lib.md, verbatim between the markers. */
class EmbeddingExampleTest {
  final Address registry = Address.fromHex("0x87F0F4b7e0FAb14A565C87BAbbA6c40c92281b51");
  final Address hermesId = Address.fromHex("0x80ed28d84792d8b153bf2f25f0c4b7a1381de4ab");
  final Address channelImplementation =
      Address.fromHex("0x6b423D3885B4877b5760E149364f85f185f477aD");
  final TokenAmount totalPromised = TokenAmount.of(1_000_000_000_000_000L);
  final Invoice invoice =
      new Invoice(
          BigInteger.valueOf(42),
          TokenAmount.of(1_000_000_000_000_000L),
          TokenAmount.ZERO,
          HashlockSecret.random(new SecureRandom()).hashlock(),
          Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
          ChainId.POLYGON);

  @Test
  void theDocumentedExampleWorks() {
    // --- begin docs/promise-lib.md example ---
    Secp256k1 secp = Secp256k1s.getDefault();
    KeySigner consumer = new KeySigner(PrivateKey.random(new SecureRandom()), secp); // an identity
    Address channel =
        ChannelIds.consumerChannelAddress(
            registry, consumer.address(), hermesId, channelImplementation);
    Bytes32 hashlock = invoice.hashlock(); // keccak256(R); the provider keeps R
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                ChainId.POLYGON, channel, totalPromised, TokenAmount.ZERO, hashlock)
            .sign(consumer);
    ExchangeMessage message =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(invoice.agreementId())
            .agreementTotal(invoice.agreementTotal())
            .provider(invoice.provider())
            .hermesId(hermesId)
            .sign(consumer);
    String json = WireJson.writeExchangeMessage(message); // what travels
    Verification result =
        new ChequeVerifier(secp)
            .verify(
                WireJson.readExchangeMessage(json),
                new Expectations(consumer.address(), ChainId.POLYGON));
    if (!result.valid()) throw new IllegalStateException(result.reason());
    // --- end docs/promise-lib.md example ---
    assertThat(result.valid()).isTrue();
    assertThat(result.signer()).isEqualTo(consumer.address());
  }
}
