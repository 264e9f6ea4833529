package network.hermes.contracts;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChannelSettlement;
import network.hermes.contracts.chain.TxRequest;
import network.hermes.contracts.chain.TxStatus;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnilateralExit;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The events a hub follows, decoded from real contracts, and what a reorganisation looks like. */
class EventReaderIT {
  private static final Secp256k1 SECP = Secp256k1s.getDefault();
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {5});

  private static LocalChain chain;
  private static ChainClient client;
  private static Deployment deployment;

  @BeforeAll
  static void startChain() throws Exception {
    chain = LocalChain.start("http://127.0.0.1:8080/api/v2");
    client = chain.client();
    deployment = chain.deployment();
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void decodesTopUpRegistrationBatchSettlementAndExitInChainOrder() throws Exception {
    long from = client.blockNumber() + 1;
    PrivateKey consumer = PrivateKey.random(RANDOM);
    Address identity = SECP.addressOf(consumer);
    Address channel = client.consumerChannelAddress(identity);
    chain.mint(SECP.addressOf(chain.account(2)), myst(10));
    client.writer(chain.account(2)).transferToken(channel, myst(5));
    chain.registerIdentity(consumer, TokenAmount.ZERO);
    HashlockSecret secret = HashlockSecret.random(RANDOM);
    Promise good =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(), channel, myst(2), TokenAmount.ZERO, secret.hashlock())
            .sign(new KeySigner(consumer, SECP));
    Promise forged =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(), channel, myst(3), TokenAmount.ZERO, secret.hashlock())
            .sign(new KeySigner(PrivateKey.random(RANDOM), SECP));
    client
        .writer(chain.operatorKey())
        .settleConsumerPromises(
            List.of(
                new ChannelSettlement(channel, good, secret.r()),
                new ChannelSettlement(channel, forged, secret.r())));
    long validUntil = client.latestBlockTime() + 600;
    client
        .writer(chain.account(2))
        .requestExit(
            channel,
            identity,
            validUntil,
            new UnilateralExit(
                    deployment.chainId(),
                    channel,
                    identity,
                    BigInteger.valueOf(validUntil),
                    BigInteger.ZERO)
                .sign(new KeySigner(consumer, SECP)));

    List<ChainEvent> events = client.events(from, client.blockNumber());

    assertThat(events)
        .filteredOn(e -> e instanceof ChainEvent.TokenTransferred t && t.to().equals(channel))
        .singleElement()
        .satisfies(e -> assertThat(((ChainEvent.TokenTransferred) e).value()).isEqualTo(myst(5)));
    assertThat(events)
        .filteredOn(ChainEvent.IdentityRegistered.class::isInstance)
        .singleElement()
        .isEqualTo(
            events.stream()
                .filter(ChainEvent.IdentityRegistered.class::isInstance)
                .findFirst()
                .orElseThrow())
        .satisfies(
            e -> assertThat(((ChainEvent.IdentityRegistered) e).identity()).isEqualTo(identity));
    assertThat(events)
        .filteredOn(ChainEvent.ConsumerChannelCreated.class::isInstance)
        .singleElement()
        .satisfies(
            e -> assertThat(((ChainEvent.ConsumerChannelCreated) e).channel()).isEqualTo(channel));
    var settled =
        events.stream()
            .filter(ChainEvent.ConsumerPromiseSettled.class::isInstance)
            .map(ChainEvent.ConsumerPromiseSettled.class::cast)
            .toList();
    assertThat(settled)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.channel()).isEqualTo(channel);
              assertThat(s.totalSettled()).isEqualTo(myst(2));
              assertThat(s.lock()).isEqualTo(secret.r());
            });
    assertThat(events)
        .filteredOn(ChainEvent.ChannelSettlementFailed.class::isInstance)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((ChainEvent.ChannelSettlementFailed) e).reason())
                    .startsWith("ChannelImplementation__"));
    assertThat(events)
        .filteredOn(ChainEvent.ConsumerExitRequested.class::isInstance)
        .singleElement()
        .satisfies(
            e -> assertThat(((ChainEvent.ConsumerExitRequested) e).channel()).isEqualTo(channel));
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).position().blockNumber())
          .isGreaterThanOrEqualTo(events.get(i - 1).position().blockNumber());
    }
  }

  @Test
  void readsAtABlockSeeThatBlocksStateAndAReceiptTellsWhatATransactionDid() {
    PrivateKey consumer = PrivateKey.random(RANDOM);
    Address identity = SECP.addressOf(consumer);
    Address channel = client.consumerChannelAddress(identity);
    chain.mint(channel, myst(4));
    long before = client.blockNumber();
    chain.registerIdentity(consumer, TokenAmount.ZERO);
    HashlockSecret secret = HashlockSecret.random(RANDOM);
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(), channel, myst(1), TokenAmount.ZERO, secret.hashlock())
            .sign(new KeySigner(consumer, SECP));
    var pending =
        client
            .writer(chain.operatorKey())
            .send(
                new TxRequest.SettleConsumerPromises(
                    List.of(new ChannelSettlement(channel, promise, secret.r()))));
    List<Bytes32> replacements = new java.util.ArrayList<>();
    var result = pending.awaitReceipt(replacements::add);

    assertThat(result.txHash()).isEqualTo(pending.hash());
    assertThat(replacements).as("mined at once on a devnet: never replaced").isEmpty();
    assertThat(result.events())
        .filteredOn(ChainEvent.ConsumerPromiseSettled.class::isInstance)
        .singleElement()
        .satisfies(
            e -> {
              var settled = (ChainEvent.ConsumerPromiseSettled) e;
              assertThat(settled.channel()).isEqualTo(channel);
              assertThat(settled.totalSettled()).isEqualTo(myst(1));
            });
    assertThat(client.transactionStatus(result.txHash()).state())
        .isEqualTo(TxStatus.State.SUCCEEDED);
    assertThat(client.at(before).isRegistered(identity)).isFalse();
    assertThat(client.at(before).consumerChannel(channel).deployed()).isFalse();
    assertThat(client.at(result.blockNumber()).consumerChannel(channel).settled())
        .isEqualTo(myst(1));
    assertThat(client.at(result.blockNumber() - 1).consumerChannel(channel).settled())
        .isEqualTo(TokenAmount.ZERO);
    assertThat(client.at(result.blockNumber()).hermes().tokenBalance())
        .isEqualTo(client.at(result.blockNumber() - 1).hermes().tokenBalance().plus(myst(1)));
    var price = client.gasPrice();
    assertThat(price.expected()).isPositive();
    assertThat(price.expected()).isLessThanOrEqualTo(price.maxFee());
  }

  @Test
  void aRevertedAndRemadeBlockHasAnotherHash() {
    String snapshot = chain.devnet().rpc("evm_snapshot").asText();
    chain.mint(SECP.addressOf(chain.account(5)), myst(1));
    long block = client.blockNumber();
    Bytes32 before = client.blockHash(block).orElseThrow();

    chain.devnet().rpc("evm_revert", snapshot);
    chain.mint(SECP.addressOf(chain.account(6)), myst(2));

    assertThat(client.blockNumber()).isEqualTo(block);
    assertThat(client.blockHash(block).orElseThrow()).isNotEqualTo(before);
    assertThat(client.blockHash(block + 100)).isEmpty();
  }
}
