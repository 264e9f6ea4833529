package network.hermes.contracts;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainWriter;
import network.hermes.contracts.chain.FeePolicy;
import network.hermes.contracts.chain.TransactionSender;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.contracts.generated.ChannelImplementation;
import network.hermes.contracts.generated.HermesImplementation;
import network.hermes.contracts.generated.Registry;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.BeneficiaryChange;
import network.hermes.promise.message.ConsumerChannelOpening;
import network.hermes.promise.message.FastExit;
import network.hermes.promise.message.FundsDestinationChange;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.HermesUrlUpdate;
import network.hermes.promise.message.PayAndSettleAuthorization;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.StakeReturn;
import network.hermes.promise.message.UnilateralExit;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Every signed payload kind made by promise-lib is accepted by the contract function that checks
 * it, and the contracts compute the same addresses and channel ids as Java.
 */
class PreimageCrossCheckIT {
  private static final Secp256k1 SECP = Secp256k1s.getDefault();
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {11});

  private static LocalChain chain;
  private static ChainClient client;
  private static Web3j web3j;
  private static ChainWriter payer;
  private static TransactionSender rawSender;
  private static Deployment deployment;
  private static Registry registry;
  private static HermesImplementation hermes;
  private static PrivateKey gasPayer;

  @BeforeAll
  static void startChain() throws Exception {
    chain = LocalChain.start("http://127.0.0.1:8080/api/v2");
    client = chain.client();
    deployment = chain.deployment();
    // the generated wrappers encode the calls the chain port has no operation for
    web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    var reader = new ReadonlyTransactionManager(web3j, Address.ZERO.toHex());
    registry =
        Registry.load(deployment.registry().toHex(), web3j, reader, new DefaultGasProvider());
    hermes =
        HermesImplementation.load(
            deployment.hermesId().toHex(), web3j, reader, new DefaultGasProvider());
    gasPayer = chain.account(2);
    payer = client.writer(gasPayer);
    rawSender = new TransactionSender(web3j, deployment.chainId(), gasPayer, FeePolicy.devnet());
  }

  @AfterAll
  static void stopChain() {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (chain != null) {
      chain.close();
    }
  }

  private static KeySigner signer(PrivateKey key) {
    return new KeySigner(key, SECP);
  }

  private static ChannelImplementation channelContract(Address channel) {
    return ChannelImplementation.load(
        channel.toHex(),
        web3j,
        new ReadonlyTransactionManager(web3j, Address.ZERO.toHex()),
        new DefaultGasProvider());
  }

  /** P1: registers a fresh identity whose channel holds {@code funds}, staking {@code stake}. */
  private static PrivateKey registered(TokenAmount funds, TokenAmount stake) {
    PrivateKey identity = PrivateKey.random(RANDOM);
    Address channel = client.consumerChannelAddress(SECP.addressOf(identity));
    if (!funds.isZero()) {
      chain.mint(channel, funds);
    }
    chain.registerIdentity(identity, stake); // P1 made by promise-lib's IdentityRegistration
    assertThat(client.isRegistered(SECP.addressOf(identity))).isTrue();
    return identity;
  }

  private static long validUntil() {
    return chain.latestBlockTime() + 3600;
  }

  /** Fills the hub's available balance by settling a consumer promise into it. */
  private static void fundHub(TokenAmount amount) {
    PrivateKey consumer = registered(amount, TokenAmount.ZERO);
    Address channel = client.consumerChannelAddress(SECP.addressOf(consumer));
    HashlockSecret secret = HashlockSecret.random(RANDOM);
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(), channel, amount, TokenAmount.ZERO, secret.hashlock())
            .sign(signer(consumer));
    payer.settleConsumerPromise(channel, promise, secret.r());
  }

  @Test
  void addressesAndChannelIdsMatch() throws Exception {
    Address identity = SECP.addressOf(PrivateKey.random(RANDOM));
    assertThat(client.consumerChannelAddress(identity))
        .isEqualTo(
            ChannelIds.consumerChannelAddress(
                deployment.registry(),
                identity,
                deployment.hermesId(),
                deployment.channelImplementation()));
    assertThat(
            Address.fromHex(registry.getHermesAddress(deployment.hermesOperator().toHex()).send()))
        .isEqualTo(
            ChannelIds.hermesAddress(
                deployment.registry(),
                deployment.hermesOperator(),
                deployment.hermesImplementation()))
        .isEqualTo(deployment.hermesId());
    assertThat(Bytes32.of(hermes.getChannelId(identity.toHex()).send()))
        .isEqualTo(ChannelIds.providerChannelId(identity, deployment.hermesId()));
    assertThat(Bytes32.of(hermes.getChannelId(identity.toHex(), "withdrawal").send()))
        .isEqualTo(ChannelIds.withdrawalChannelId(identity, deployment.hermesId()));
  }

  @Test
  void p1RegistrationAndP2ChannelOpening() throws Exception {
    registered(myst(1), TokenAmount.ZERO);

    PrivateKey identity = PrivateKey.random(RANDOM);
    Address address = SECP.addressOf(identity);
    var opening =
        new ConsumerChannelOpening(
            deployment.chainId(), deployment.registry(), deployment.hermesId(), TokenAmount.ZERO);
    rawSender.send(
        deployment.registry(),
        registry
            .openConsumerChannel(
                deployment.hermesId().toHex(),
                BigInteger.ZERO,
                opening.sign(signer(identity)).toBytes())
            .encodeFunctionCall());
    assertThat(registry.isChannelOpened(address.toHex(), deployment.hermesId().toHex()).send())
        .isTrue();
  }

  @Test
  void p3BeneficiaryChange() {
    PrivateKey identity = registered(TokenAmount.ZERO, TokenAmount.ZERO);
    Address address = SECP.addressOf(identity);
    Address newBeneficiary = SECP.addressOf(PrivateKey.random(RANDOM));
    var change =
        new BeneficiaryChange(
            deployment.chainId(),
            deployment.registry(),
            address,
            newBeneficiary,
            BigInteger.valueOf(client.nextBeneficiaryNonce(address)));
    rawSender.send(
        deployment.registry(),
        registry
            .setBeneficiary(
                address.toHex(), newBeneficiary.toHex(), change.sign(signer(identity)).toBytes())
            .encodeFunctionCall());
    assertThat(client.beneficiary(address)).isEqualTo(newBeneficiary);
  }

  @Test
  void p4HubUrlUpdate() throws Exception {
    String url = "https://hub.example/api/v2";
    BigInteger nonce = registry.getHermesUrlNonce(deployment.hermesId().toHex()).send();
    var update = new HermesUrlUpdate(deployment.registry(), deployment.hermesId(), url, nonce);
    rawSender.send(
        deployment.registry(),
        registry
            .updateHermesURL(
                deployment.hermesId().toHex(),
                url.getBytes(StandardCharsets.UTF_8),
                update.sign(signer(chain.operatorKey())).toBytes())
            .encodeFunctionCall());
    assertThat(
            new String(
                registry.getHermesURL(deployment.hermesId().toHex()).send(),
                StandardCharsets.UTF_8))
        .isEqualTo(url);
  }

  @Test
  void p5ConsumerPromiseAndP6HubPromise() {
    fundHub(myst(4));
    PrivateKey provider = registered(TokenAmount.ZERO, TokenAmount.ZERO);
    Address identity = SECP.addressOf(provider);
    HashlockSecret secret = HashlockSecret.random(RANDOM);
    Promise hubPromise =
        UnsignedPromise.forProviderChannel(
                deployment.chainId(),
                ChannelIds.providerChannelId(identity, deployment.hermesId()),
                myst(1),
                TokenAmount.ZERO,
                secret.hashlock())
            .sign(signer(chain.operatorKey()));
    payer.settleProviderPromise(identity, hubPromise, secret.r());
    assertThat(
            client
                .providerChannel(ChannelIds.providerChannelId(identity, deployment.hermesId()))
                .settled())
        .isEqualTo(myst(1));
  }

  @Test
  void p7FastExitSignedByIdentityAndHubOperator() throws Exception {
    PrivateKey consumer = registered(myst(3), TokenAmount.ZERO);
    Address channel = client.consumerChannelAddress(SECP.addressOf(consumer));
    Address beneficiary = SECP.addressOf(PrivateKey.random(RANDOM));
    var exit =
        new FastExit(
            deployment.chainId(),
            channel,
            myst(2),
            TokenAmount.ZERO,
            beneficiary,
            BigInteger.valueOf(validUntil()),
            channelContract(channel).lastNonce().send());
    rawSender.send(
        channel,
        channelContract(channel)
            .fastExit(
                exit.amount().toBigInteger(),
                BigInteger.ZERO,
                beneficiary.toHex(),
                exit.validUntil(),
                exit.sign(signer(consumer)).toBytes(),
                exit.sign(signer(chain.operatorKey())).toBytes())
            .encodeFunctionCall());
    assertThat(client.tokenBalance(beneficiary)).isEqualTo(myst(2));
  }

  @Test
  void p8FundsDestinationByCheque() throws Exception {
    PrivateKey consumer = registered(TokenAmount.ZERO, TokenAmount.ZERO);
    Address channel = client.consumerChannelAddress(SECP.addressOf(consumer));
    Address destination = SECP.addressOf(PrivateKey.random(RANDOM));
    var change =
        new FundsDestinationChange(
            channel, destination, channelContract(channel).lastNonce().send());
    rawSender.send(
        channel,
        channelContract(channel)
            .setFundsDestinationByCheque(
                destination.toHex(), change.sign(signer(consumer)).toBytes())
            .encodeFunctionCall());
    assertThat(Address.fromHex(channelContract(channel).getFundsDestination().send()))
        .isEqualTo(destination);
  }

  @Test
  void p9PayAndSettleOnTheWithdrawalChannel() {
    fundHub(myst(3));
    PrivateKey identity = registered(TokenAmount.ZERO, TokenAmount.ZERO);
    Address address = SECP.addressOf(identity);
    Bytes32 withdrawalChannel = ChannelIds.withdrawalChannelId(address, deployment.hermesId());
    HashlockSecret secret = HashlockSecret.random(RANDOM);
    Promise hubPromise =
        UnsignedPromise.forProviderChannel(
                deployment.chainId(),
                withdrawalChannel,
                myst(2),
                TokenAmount.ZERO,
                secret.hashlock())
            .sign(signer(chain.operatorKey()));
    Address beneficiary = SECP.addressOf(PrivateKey.random(RANDOM));
    var authorization =
        new PayAndSettleAuthorization(
            deployment.chainId(), withdrawalChannel, myst(2), secret.r(), beneficiary);
    payer.payAndSettle(
        address, hubPromise, secret.r(), beneficiary, authorization.sign(signer(identity)));
    assertThat(client.tokenBalance(beneficiary)).isEqualTo(myst(2)); // no hub fee on withdrawals
  }

  @Test
  void p10StakeReturn() {
    PrivateKey provider = registered(myst(5), myst(5));
    Address identity = SECP.addressOf(provider);
    Bytes32 channelId = ChannelIds.providerChannelId(identity, deployment.hermesId());
    var before = client.providerChannel(channelId);
    assertThat(before.stake()).isEqualTo(myst(5));
    var request =
        new StakeReturn(
            deployment.chainId(),
            channelId,
            myst(2),
            TokenAmount.ZERO,
            BigInteger.valueOf(before.lastUsedNonce() + 1));
    payer.decreaseStake(identity, myst(2), TokenAmount.ZERO, request.sign(signer(provider)));
    assertThat(client.providerChannel(channelId).stake()).isEqualTo(myst(3));
  }

  @Test
  void p11UnilateralExitRequest() throws Exception {
    PrivateKey consumer = registered(myst(1), TokenAmount.ZERO);
    Address channel = client.consumerChannelAddress(SECP.addressOf(consumer));
    Address beneficiary = SECP.addressOf(PrivateKey.random(RANDOM));
    var exit =
        new UnilateralExit(
            deployment.chainId(),
            channel,
            beneficiary,
            BigInteger.valueOf(validUntil()),
            channelContract(channel).lastNonce().send());
    payer.requestExit(
        channel, beneficiary, exit.validUntil().longValueExact(), exit.sign(signer(consumer)));
    var state = client.consumerChannel(channel);
    assertThat(state.exitPending()).isTrue();
    assertThat(state.exitBeneficiary()).isEqualTo(beneficiary);
  }
}
