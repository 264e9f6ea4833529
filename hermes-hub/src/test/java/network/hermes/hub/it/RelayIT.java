package network.hermes.hub.it;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static network.hermes.hub.it.ChainWorld.RELAY;
import static network.hermes.hub.it.ChainWorld.await;
import static network.hermes.hub.it.ChainWorld.quietly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.hub.HubApplication;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.BeneficiaryChange;
import network.hermes.promise.message.StakeReturn;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The relay (transactor) end to end on a devnet, real contracts and real signatures, for providers
 * that hold no native coin: a settlement that sets a new beneficiary, a settlement into the stake,
 * a stake decrease, an expired fee quote, and the refusals of the queue and of a second
 * registration. Every outcome is read back from the chain, not only from the HTTP answer.
 *
 * <p>The hub reads the time from a {@link ChainWorld.TestClock}: a quote expires when the test
 * moves the clock past {@code relay.quote-validity-seconds}, never by waiting. The consumer settler
 * is off, so that the hub contract's balance moves only by what the relay sends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayIT {
  static final SecureRandom RANDOM = new SecureRandom(new byte[] {17});
  static final long QUOTE_VALIDITY_SECONDS = 600;
  static final ChainWorld.TestClock CLOCK = new ChainWorld.TestClock();

  static ChainWorld world;
  static HubApplication hub;
  static long chainId;
  static Address relay;

  /** The provider that settles into its stake (test 2) and decreases it (test 3). */
  static PrivateKey staker;

  static Address stakerBeneficiary;
  static TokenAmount stakeAfterSettlement;

  @BeforeAll
  static void start() throws Exception {
    world = ChainWorld.start(1000);
    chainId = world.deployment.chainId().value();
    relay = ChainWorld.SECP.addressOf(world.relayKey());
    hub =
        world.startHub(
            Map.of(
                "settlement.enabled",
                "false",
                "relay.quote-validity-seconds",
                Long.toString(QUOTE_VALIDITY_SECONDS)),
            CLOCK);
  }

  @AfterAll
  static void stop() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  @Test
  @Order(1)
  void aProviderSetsANewBeneficiaryAndSettlesInOneTransactionWhichCannotBeReplayed()
      throws Exception {
    Address oldBeneficiary = randomAddress();
    PrivateKey provider = registeredProvider(oldBeneficiary);
    Address providerId = ChainWorld.SECP.addressOf(provider);
    ExchangeFactory.Identity consumer = fundedConsumer("beneficiary-consumer", 20);
    ChainWorld.Exchange x = new ChainWorld.Exchange(11);
    JsonNode promise = world.pay(hub, consumer, providerId.toHex(), x, wei(5), true);
    BigInteger fee = world.quote(hub, "settle");
    JsonNode priced = withFee(promise, fee);

    Address newBeneficiary = randomAddress();
    BigInteger nonce = BigInteger.valueOf(world.client.nextBeneficiaryNonce(providerId));
    ObjectNode body =
        withBeneficiary(
            provider, world.settleRequest(priced, x.r, providerId), newBeneficiary, nonce);
    TokenAmount relayBefore = world.client.tokenBalance(relay);
    TokenAmount hubBefore = world.client.tokenBalance(world.deployment.hermesId());

    JsonNode job = submitAndAwait("identity/settle_with_beneficiary", body);
    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("done");

    TokenAmount amount = myst(5);
    TokenAmount hubFee = world.client.hermesFee(amount);
    TokenAmount payout = amount.minus(hubFee).minus(TokenAmount.of(fee));
    assertThat(world.client.beneficiary(providerId)).isEqualTo(newBeneficiary);
    assertThat(world.client.nextBeneficiaryNonce(providerId)).isEqualTo(nonce.longValueExact() + 1);
    assertThat(world.client.tokenBalance(newBeneficiary)).isEqualTo(payout);
    assertThat(world.client.tokenBalance(oldBeneficiary)).isEqualTo(TokenAmount.ZERO);
    assertThat(world.client.tokenBalance(relay)).isEqualTo(relayBefore.plus(TokenAmount.of(fee)));
    // the contract pays out everything but its own fee
    assertThat(world.client.tokenBalance(world.deployment.hermesId()))
        .isEqualTo(hubBefore.minus(amount).plus(hubFee));
    assertThat(world.client.nativeBalance(providerId)).isEqualTo(TokenAmount.ZERO);
    Bytes32 channel = channelOf(providerId);
    assertThat(world.client.providerChannel(channel).settled()).isEqualTo(amount);

    // the same request again, once the hub has seen the settlement: refused, nothing queued
    await(
        "the settlement in the hub's view",
        Duration.ofSeconds(10),
        () ->
            hub.chainView().channel(world.deployment.chainId(), channel).settled().equals(amount));
    long jobs = relayJobs(providerId);
    ChainWorld.Answer replay = world.post(hub, RELAY + "/identity/settle_with_beneficiary", body);
    assertThat(replay.status()).as("%s", replay.body()).isEqualTo(409);
    assertThat(replay.cause()).isEqualTo("transaction would fail");
    assertThat(relayJobs(providerId)).isEqualTo(jobs);

    // the used beneficiary signature (same nonce) with new earnings: the relay cannot see the
    // registry's nonce, so it queues the job, but the registry refuses the signature before
    // anything is sent and nothing moves
    JsonNode more = world.pay(hub, consumer, providerId.toHex(), x, wei(2), true);
    JsonNode morePriced = withFee(more, world.quote(hub, "settle"));
    ObjectNode reused =
        withBeneficiary(
            provider, world.settleRequest(morePriced, x.r, providerId), newBeneficiary, nonce);
    JsonNode failed = submitAndAwait("identity/settle_with_beneficiary", reused);
    assertThat(failed.path("state").asText()).as("%s", failed).isEqualTo("error");
    assertThat(failed.path("tx_hash").asText()).isEmpty();
    assertThat(failed.path("error").asText()).contains("revert");
    assertThat(world.client.providerChannel(channel).settled()).isEqualTo(amount);
    assertThat(world.client.tokenBalance(newBeneficiary)).isEqualTo(payout);
    assertThat(world.client.tokenBalance(relay)).isEqualTo(relayBefore.plus(TokenAmount.of(fee)));
    assertThat(world.client.nextBeneficiaryNonce(providerId)).isEqualTo(nonce.longValueExact() + 1);
  }

  @Test
  @Order(2)
  void aSettlementIntoTheStakeRaisesTheStakeAndPaysNothingOut() throws Exception {
    stakerBeneficiary = randomAddress();
    staker = registeredProvider(stakerBeneficiary);
    Address providerId = ChainWorld.SECP.addressOf(staker);
    ExchangeFactory.Identity consumer = fundedConsumer("stake-consumer", 20);
    ChainWorld.Exchange x = new ChainWorld.Exchange(12);
    JsonNode promise = world.pay(hub, consumer, providerId.toHex(), x, wei(10), true);
    BigInteger fee = world.quote(hub, "settle");
    JsonNode priced = withFee(promise, fee);
    Bytes32 channel = channelOf(providerId);
    assertThat(world.client.providerChannel(channel).stake()).isEqualTo(TokenAmount.ZERO);
    TokenAmount relayBefore = world.client.tokenBalance(relay);
    TokenAmount hubBefore = world.client.tokenBalance(world.deployment.hermesId());

    JsonNode job =
        submitAndAwait("identity/settle/into_stake", world.settleRequest(priced, x.r, providerId));
    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("done");

    TokenAmount amount = myst(10);
    stakeAfterSettlement = amount.minus(world.client.hermesFee(amount)).minus(TokenAmount.of(fee));
    ProviderChannelState state = world.client.providerChannel(channel);
    assertThat(state.stake()).isEqualTo(stakeAfterSettlement);
    assertThat(state.settled()).isEqualTo(amount);
    assertThat(world.client.tokenBalance(stakerBeneficiary)).isEqualTo(TokenAmount.ZERO);
    assertThat(world.client.tokenBalance(relay)).isEqualTo(relayBefore.plus(TokenAmount.of(fee)));
    // only the transactor fee leaves the contract: the rest is now the provider's stake in it
    assertThat(world.client.tokenBalance(world.deployment.hermesId()))
        .isEqualTo(hubBefore.minus(TokenAmount.of(fee)));
    assertThat(world.client.nativeBalance(providerId)).isEqualTo(TokenAmount.ZERO);
  }

  @Test
  @Order(3)
  void aStakeDecreaseReturnsPartOfTheStakeToTheBeneficiaryAndNotMoreThanTheStake()
      throws Exception {
    assertThat(staker).as("the stake of test 2").isNotNull();
    Address providerId = ChainWorld.SECP.addressOf(staker);
    Bytes32 channel = channelOf(providerId);
    await(
        "the stake in the hub's view",
        Duration.ofSeconds(10),
        () ->
            hub.chainView()
                .channel(world.deployment.chainId(), channel)
                .stake()
                .equals(stakeAfterSettlement));
    ProviderChannelState before = world.client.providerChannel(channel);
    assertThat(before.stake()).isEqualTo(stakeAfterSettlement);
    BigInteger nonce = BigInteger.valueOf(before.lastUsedNonce() + 1);
    BigInteger fee = world.quote(hub, "stake/decrease");

    // more than the stake: refused before anything is queued
    long jobs = relayJobs(providerId);
    TokenAmount tooMuch = before.stake().plus(TokenAmount.of(BigInteger.ONE));
    ChainWorld.Answer refused =
        world.post(hub, RELAY + "/stake/decrease", stakeDecrease(staker, tooMuch, fee, nonce));
    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
    assertThat(refused.cause()).isEqualTo("transaction would fail");
    assertThat(relayJobs(providerId)).isEqualTo(jobs);

    // part of it: to the registry's beneficiary, minus the relay's fee
    TokenAmount part = myst(3);
    TokenAmount relayBefore = world.client.tokenBalance(relay);
    ObjectNode decrease = stakeDecrease(staker, part, fee, nonce);
    JsonNode job = submitAndAwait("stake/decrease", decrease);
    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("done");
    TokenAmount left = before.stake().minus(part);
    ProviderChannelState after = world.client.providerChannel(channel);
    assertThat(after.stake()).isEqualTo(left);
    assertThat(after.lastUsedNonce()).isEqualTo(nonce.longValueExact());
    assertThat(world.client.tokenBalance(stakerBeneficiary))
        .isEqualTo(part.minus(TokenAmount.of(fee)));
    assertThat(world.client.tokenBalance(relay)).isEqualTo(relayBefore.plus(TokenAmount.of(fee)));
    assertThat(world.client.nativeBalance(providerId)).isEqualTo(TokenAmount.ZERO);

    // the same signed decrease again (its nonce is used): the contract refuses it, nothing moves
    await(
        "the decrease in the hub's view",
        Duration.ofSeconds(10),
        () -> hub.chainView().channel(world.deployment.chainId(), channel).stake().equals(left));
    JsonNode replay = submitAndAwait("stake/decrease", decrease);
    assertThat(replay.path("state").asText()).as("%s", replay).isEqualTo("error");
    assertThat(replay.path("tx_hash").asText()).isEmpty();
    assertThat(world.client.providerChannel(channel).stake()).isEqualTo(left);
    assertThat(world.client.tokenBalance(stakerBeneficiary))
        .isEqualTo(part.minus(TokenAmount.of(fee)));
    assertThat(world.client.tokenBalance(relay)).isEqualTo(relayBefore.plus(TokenAmount.of(fee)));
  }

  @Test
  @Order(4)
  void aFeeOfAnExpiredQuoteIsRefusedAndAQuoteAskedForLaterIsHonoured() throws Exception {
    Address beneficiary = randomAddress();
    PrivateKey provider = registeredProvider(beneficiary);
    Address providerId = ChainWorld.SECP.addressOf(provider);
    ExchangeFactory.Identity consumer = fundedConsumer("expiry-consumer", 20);
    ChainWorld.Exchange x = new ChainWorld.Exchange(13);
    JsonNode promise = world.pay(hub, consumer, providerId.toHex(), x, wei(5), true);
    JsonNode stale = world.quoteAnswer(hub, "settle");
    Instant staleUntil = Instant.parse(stale.path("valid_until").asText());
    assertThat(staleUntil).isAfter(CLOCK.instant());
    JsonNode priced = withFee(promise, stale.path("fee").bigIntegerValue());

    // every quote handed out so far expires: the hub's clock moves past their validity
    CLOCK.advance(Duration.ofSeconds(QUOTE_VALIDITY_SECONDS + 1));
    assertThat(CLOCK.instant()).isAfter(staleUntil);
    long jobs = relayJobs(providerId);
    ChainWorld.Answer refused =
        world.post(
            hub,
            RELAY + "/identity/settle_and_rebalance",
            world.settleRequest(priced, x.r, providerId));
    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
    assertThat(refused.cause()).isEqualTo("fee below quote");
    assertThat(relayJobs(providerId)).isEqualTo(jobs);

    // a quote of the same kind asked for now is valid from the moved clock on, and honoured
    JsonNode fresh = world.quoteAnswer(hub, "settle");
    assertThat(Instant.parse(fresh.path("valid_until").asText())).isAfter(CLOCK.instant());
    BigInteger fee = fresh.path("fee").bigIntegerValue();
    JsonNode repriced = withFee(priced, fee);
    TokenAmount relayBefore = world.client.tokenBalance(relay);
    JsonNode job =
        submitAndAwait(
            "identity/settle_and_rebalance", world.settleRequest(repriced, x.r, providerId));
    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("done");
    TokenAmount amount = myst(5);
    assertThat(world.client.tokenBalance(beneficiary))
        .isEqualTo(amount.minus(world.client.hermesFee(amount)).minus(TokenAmount.of(fee)));
    assertThat(world.client.tokenBalance(relay)).isEqualTo(relayBefore.plus(TokenAmount.of(fee)));
  }

  @Test
  @Order(5)
  void anUnknownJobIsNotFoundAndASecondRegistrationIsRefused() throws Exception {
    ChainWorld.Answer unknown = world.get(hub, RELAY + "/queue/" + UUID.randomUUID());
    assertThat(unknown.status()).as("%s", unknown.body()).isEqualTo(404);
    assertThat(unknown.cause()).isEqualTo("resource not found");

    ExchangeFactory.Identity registered = fundedConsumer("registered-twice", 1);
    Address id = Address.fromHex(registered.address());
    assertThat(world.client.isRegistered(id)).isTrue();
    await(
        "the registration in the hub's view",
        Duration.ofSeconds(10),
        () ->
            hub.chainView()
                .consumer(world.deployment.chainId(), Address.fromHex(registered.address()))
                .registered());
    Address beneficiary = world.client.beneficiary(id);
    BigInteger fee = world.quote(hub, "register");
    ChainWorld.Answer again =
        world.post(
            hub,
            RELAY + "/identity/register",
            world.registration(ChainWorld.keyOf(registered), randomAddress(), fee));
    assertThat(again.status()).as("%s", again.body()).isEqualTo(409);
    assertThat(again.cause()).isEqualTo("identity already registered");
    assertThat(relayJobs(id)).isZero();
    assertThat(world.client.beneficiary(id)).isEqualTo(beneficiary);
  }

  @Test
  @Order(6)
  void malformedSubmissionsAreRefusedWithTheFieldNamedAndQueueNothing() throws Exception {
    long jobsBefore = world.queryLong("SELECT COUNT(*) FROM relay_job");
    PrivateKey someone = PrivateKey.random(RANDOM);
    ObjectNode noSignature =
        world.registration(someone, randomAddress(), world.quote(hub, "register"));
    noSignature.remove("signature");
    ObjectNode fractional =
        stakeDecrease(someone, myst(1), world.quote(hub, "stake/decrease"), BigInteger.ONE);
    fractional.put("amount", 1.5);
    ObjectNode notHex = ChainWorld.JSON.createObjectNode();
    notHex.put("hermesID", world.deployment.hermesId().toHex());
    notHex.put("channelID", "zz");
    notHex.put("amount", 1);
    notHex.put("fee", 0);
    notHex.put("preimage", Bytes32.ZERO.toHex());
    notHex.put("signature", "0x" + "11".repeat(65));
    notHex.put("providerID", ChainWorld.SECP.addressOf(someone).toHex());
    notHex.put("chainID", chainId);
    ObjectNode noPromise = ChainWorld.JSON.createObjectNode();
    noPromise.put("beneficiary", randomAddress().toHex());

    Map<String, ObjectNode> bodies =
        Map.of(
            "identity/register", noSignature,
            "stake/decrease", fractional,
            "identity/settle_and_rebalance", notHex,
            "identity/settle_with_beneficiary", noPromise);
    Map<String, String> named =
        Map.of(
            "identity/register", "missing field signature",
            "stake/decrease", "amount must be an integer number",
            "identity/settle_and_rebalance", "channelID is not hex",
            "identity/settle_with_beneficiary", "missing field promise");
    for (var e : bodies.entrySet()) {
      ChainWorld.Answer a = world.post(hub, RELAY + "/" + e.getKey(), e.getValue());
      assertThat(a.status()).as("%s: %s", e.getKey(), a.body()).isEqualTo(400);
      assertThat(a.cause()).as(e.getKey()).isEqualTo("malformed json");
      assertThat(a.body().path("message").asText()).as(e.getKey()).contains(named.get(e.getKey()));
    }
    assertThat(world.queryLong("SELECT COUNT(*) FROM relay_job")).isEqualTo(jobsBefore);
  }

  // ---- helpers ----

  static BigInteger wei(long mystAmount) {
    return myst(mystAmount).toBigInteger();
  }

  static Address randomAddress() {
    return ChainWorld.SECP.addressOf(PrivateKey.random(RANDOM));
  }

  static Bytes32 channelOf(Address provider) {
    return ChannelIds.providerChannelId(provider, world.deployment.hermesId());
  }

  /**
   * A new identity registered through the relay with {@code beneficiary}: the register fee minted
   * into its channel, no native coin ever.
   */
  static PrivateKey registeredProvider(Address beneficiary) throws Exception {
    PrivateKey provider = PrivateKey.random(RANDOM);
    Address id = ChainWorld.SECP.addressOf(provider);
    BigInteger fee = world.quote(hub, "register");
    world.chain.mint(world.channelOf(id), TokenAmount.of(fee));
    JsonNode reg = world.awaitJob(hub, world.registerThroughRelay(hub, provider, beneficiary, fee));
    assertThat(reg.path("state").asText()).as("%s", reg).isEqualTo("done");
    assertThat(world.client.beneficiary(id)).isEqualTo(beneficiary);
    assertThat(world.client.nativeBalance(id)).isEqualTo(TokenAmount.ZERO);
    return provider;
  }

  /** A registered consumer with {@code balance} MYST, once the hub sees it. */
  static ExchangeFactory.Identity fundedConsumer(String label, long balance) throws Exception {
    ExchangeFactory.Identity c = world.consumer(label, balance);
    await(
        "consumer " + label + " in the hub's view",
        Duration.ofSeconds(10),
        quietly(() -> world.dataBalance(hub, c.address()).equals(wei(balance))));
    return c;
  }

  /** The hub re-signs the provider's latest promise with {@code fee} as its transactor fee. */
  static JsonNode withFee(JsonNode promise, BigInteger fee) throws Exception {
    ObjectNode change = ChainWorld.JSON.createObjectNode();
    change.set("hermes_promise", promise);
    change.put("new_fee", fee);
    ChainWorld.Answer a = world.post(hub, "/api/v2/change_promise_fee", change);
    assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
    assertThat(a.body().path("Fee").bigIntegerValue()).isEqualTo(fee);
    return a.body();
  }

  /** A settle_with_beneficiary body: the settlement and the identity's P3 for the new address. */
  static ObjectNode withBeneficiary(
      PrivateKey identity, ObjectNode settlement, Address beneficiary, BigInteger nonce) {
    Address id = ChainWorld.SECP.addressOf(identity);
    var change =
        new BeneficiaryChange(
            world.deployment.chainId(), world.deployment.registry(), id, beneficiary, nonce);
    ObjectNode b = ChainWorld.JSON.createObjectNode();
    b.set("promise", settlement);
    b.put("beneficiary", beneficiary.toHex());
    b.put("nonce", nonce);
    b.put("signature", change.sign(new KeySigner(identity, ChainWorld.SECP)).toHex());
    b.put("providerID", id.toHex());
    b.put("chainID", chainId);
    b.put("registry", world.deployment.registry().toHex());
    return b;
  }

  /** A stake/decrease body: the identity's P10 over amount, fee and nonce. */
  static ObjectNode stakeDecrease(
      PrivateKey identity, TokenAmount amount, BigInteger fee, BigInteger nonce) {
    Address id = ChainWorld.SECP.addressOf(identity);
    var payload =
        new StakeReturn(
            world.deployment.chainId(), channelOf(id), amount, TokenAmount.of(fee), nonce);
    ObjectNode b = ChainWorld.JSON.createObjectNode();
    b.put("providerID", id.toHex());
    b.put("hermesID", world.deployment.hermesId().toHex());
    b.put("chainID", chainId);
    b.put("amount", amount.toBigInteger());
    b.put("transactorFee", fee);
    b.put("nonce", nonce);
    b.put("signature", payload.sign(new KeySigner(identity, ChainWorld.SECP)).toHex());
    return b;
  }

  /** Submits to the relay, expects it queued, and waits for the job's outcome. */
  static JsonNode submitAndAwait(String path, ObjectNode body) throws Exception {
    ChainWorld.Answer queued = world.post(hub, RELAY + "/" + path, body);
    assertThat(queued.status()).as("%s", queued.body()).isEqualTo(200);
    return world.awaitJob(hub, queued.body().path("id").asText());
  }

  /** Relay jobs ever queued for an identity. */
  static long relayJobs(Address identity) throws Exception {
    return world.queryLong(
        "SELECT COUNT(*) FROM relay_job WHERE lower(identity) = '" + identity.toHex() + "'");
  }
}
