package network.hermes.contracts;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java side against the real contracts on anvil: channel address, top-up, registration and both
 * settlements, all signed in Java.
 */
class SettlementRoundTripIT {
  private static final Secp256k1 SECP = Secp256k1s.getDefault();
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {7});

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

  private static PrivateKey newIdentity() {
    return PrivateKey.random(RANDOM);
  }

  /** Registers with a P1 signature made in Java by the identity (LocalChain signs it). */
  private static void register(PrivateKey identity) {
    chain.registerIdentity(identity, TokenAmount.ZERO);
  }

  @Test
  void channelAddressComputedInJavaMatchesTheRegistry() {
    Address identity = SECP.addressOf(newIdentity());
    Address javaSide =
        ChannelIds.consumerChannelAddress(
            deployment.registry(),
            identity,
            deployment.hermesId(),
            deployment.channelImplementation());
    assertThat(client.consumerChannelAddress(identity)).isEqualTo(javaSide);
  }

  @Test
  void consumerTopsUpRegistersAndTheHubSettlesItsPromise() {
    PrivateKey consumer = newIdentity();
    Address identity = SECP.addressOf(consumer);
    Address channel =
        ChannelIds.consumerChannelAddress(
            deployment.registry(),
            identity,
            deployment.hermesId(),
            deployment.channelImplementation());
    chain.mint(SECP.addressOf(chain.account(3)), myst(50));
    client.writer(chain.account(3)).transferToken(channel, myst(10));
    assertThat(client.consumerChannel(channel).deployed()).isFalse();
    assertThat(client.tokenBalance(channel)).isEqualTo(myst(10));

    register(consumer);
    assertThat(client.isRegistered(identity)).isTrue();
    var state = client.consumerChannel(channel);
    assertThat(state.deployed()).isTrue();
    assertThat(state.identity()).isEqualTo(identity);
    assertThat(state.hermesContract()).isEqualTo(deployment.hermesId());

    HashlockSecret secret = HashlockSecret.random(RANDOM);
    TokenAmount promised = myst(3);
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(), channel, promised, TokenAmount.ZERO, secret.hashlock())
            .sign(new KeySigner(consumer, SECP));
    TokenAmount hubBefore = client.tokenBalance(deployment.hermesId());

    client.writer(chain.operatorKey()).settleConsumerPromise(channel, promise, secret.r());

    assertThat(client.tokenBalance(deployment.hermesId())).isEqualTo(hubBefore.plus(promised));
    assertThat(client.tokenBalance(channel)).isEqualTo(myst(7));
    assertThat(client.consumerChannel(channel).settled()).isEqualTo(promised);
    assertThatThrownBy(
            () ->
                client
                    .writer(chain.operatorKey())
                    .settleConsumerPromise(channel, promise, secret.r()))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("would revert");
  }

  @Test
  void providerSettlesAHubPromiseAndReceivesAmountMinusTheHubFee() {
    // a consumer pays 2 MYST with hashlock h; the hub settles it, then mirrors it to the provider
    PrivateKey consumer = newIdentity();
    Address consumerChannel = client.consumerChannelAddress(SECP.addressOf(consumer));
    chain.mint(consumerChannel, myst(5));
    register(consumer);
    HashlockSecret secret = HashlockSecret.random(RANDOM);
    TokenAmount amount = myst(2);
    Promise consumerPromise =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(), consumerChannel, amount, TokenAmount.ZERO, secret.hashlock())
            .sign(new KeySigner(consumer, SECP));
    client
        .writer(chain.operatorKey())
        .settleConsumerPromise(consumerChannel, consumerPromise, secret.r());

    PrivateKey provider = newIdentity();
    Address identity = SECP.addressOf(provider);
    register(provider);
    Address beneficiary = client.beneficiary(identity);
    assertThat(beneficiary).isNotEqualTo(Address.ZERO);
    Promise hubPromise =
        UnsignedPromise.forProviderChannel(
                deployment.chainId(),
                ChannelIds.providerChannelId(identity, deployment.hermesId()),
                amount,
                TokenAmount.ZERO,
                secret.hashlock())
            .sign(new KeySigner(chain.operatorKey(), SECP));
    TokenAmount fee = client.hermesFee(amount);
    assertThat(fee).isEqualTo(TokenAmount.parse("400000000000000000")); // 20 % of 2 MYST

    client.writer(chain.account(4)).settleProviderPromise(identity, hubPromise, secret.r());

    assertThat(client.tokenBalance(beneficiary)).isEqualTo(amount.minus(fee));
    assertThat(
            client
                .providerChannel(ChannelIds.providerChannelId(identity, deployment.hermesId()))
                .settled())
        .isEqualTo(amount);
  }

  @Test
  void aPromiseSignedByAnotherKeyIsRejectedByName() {
    PrivateKey consumer = newIdentity();
    Address identity = SECP.addressOf(consumer);
    register(consumer);
    Address channel = client.consumerChannelAddress(identity);
    HashlockSecret secret = HashlockSecret.random(RANDOM);
    Promise forged =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(), channel, myst(1), TokenAmount.ZERO, secret.hashlock())
            .sign(new KeySigner(newIdentity(), SECP));

    assertThatThrownBy(
            () ->
                client
                    .writer(chain.operatorKey())
                    .settleConsumerPromise(channel, forged, secret.r()))
        .isInstanceOfSatisfying(
            ChainException.class,
            e -> assertThat(e.revertReason()).startsWith("ChannelImplementation__"));
  }
}
