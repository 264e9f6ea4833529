package network.hermes.contracts;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import network.hermes.contracts.chain.ChannelSettlement;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.contracts.chain.events.EventReader;
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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;

/** The events a hub follows, decoded from real contracts, and what a reorganisation looks like. */
class EventReaderIT {
  private static final Secp256k1 SECP = Secp256k1s.getDefault();
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {5});

  private static LocalChain chain;
  private static Web3jChainClient client;
  private static Deployment deployment;
  private static EventReader reader;

  @BeforeAll
  static void startChain() throws Exception {
    chain = LocalChain.start("http://127.0.0.1:8080/api/v2");
    client = chain.client();
    deployment = chain.deployment();
    reader = new EventReader(client.web3j(), deployment);
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
    client.transferToken(chain.account(2), channel, myst(5));
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
    client.settleConsumerPromises(
        chain.operatorKey(),
        List.of(
            new ChannelSettlement(channel, good, secret.r()),
            new ChannelSettlement(channel, forged, secret.r())));
    long validUntil =
        client
                .web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact()
            + 600;
    client.requestExit(
        chain.account(2),
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

    List<ChainEvent> events = reader.read(from, reader.latestBlock());

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
    List<String> broadcast = new java.util.ArrayList<>();
    var result =
        withBroadcasts(
            broadcast,
            () ->
                client.settleConsumerPromises(
                    chain.operatorKey(),
                    List.of(new ChannelSettlement(channel, promise, secret.r()))));

    assertThat(broadcast).containsExactly(result.txHash());
    assertThat(reader.decode(result.receipt()))
        .filteredOn(ChainEvent.ConsumerPromiseSettled.class::isInstance)
        .singleElement()
        .satisfies(
            e -> {
              var settled = (ChainEvent.ConsumerPromiseSettled) e;
              assertThat(settled.channel()).isEqualTo(channel);
              assertThat(settled.totalSettled()).isEqualTo(myst(1));
            });
    assertThat(client.transactionStatus(result.txHash()).state())
        .isEqualTo(network.hermes.contracts.chain.TxStatus.State.SUCCEEDED);
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

  private static <T> T withBroadcasts(List<String> out, java.util.function.Supplier<T> action) {
    try (var scope = network.hermes.contracts.chain.TransactionSender.observeBroadcasts(out::add)) {
      return action.get();
    }
  }

  @Test
  void aRevertedAndRemadeBlockHasAnotherHash() throws Exception {
    String snapshot =
        new Request<>(
                "evm_snapshot",
                List.<String>of(),
                chain.client().web3jService(),
                SnapshotResponse.class)
            .send()
            .getResult();
    chain.mint(SECP.addressOf(chain.account(5)), myst(1));
    long block = reader.latestBlock();
    Bytes32 before = reader.blockHash(block).orElseThrow();

    new Request<>(
            "evm_revert", List.of(snapshot), chain.client().web3jService(), VoidResponse.class)
        .send();
    chain.mint(SECP.addressOf(chain.account(6)), myst(2));

    assertThat(reader.latestBlock()).isEqualTo(block);
    assertThat(reader.blockHash(block).orElseThrow()).isNotEqualTo(before);
    assertThat(reader.blockHash(block + 100)).isEmpty();
  }

  /** evm_snapshot answers a hex id. */
  public static final class SnapshotResponse extends org.web3j.protocol.core.Response<String> {}
}
