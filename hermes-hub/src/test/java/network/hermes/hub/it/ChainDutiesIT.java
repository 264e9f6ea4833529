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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.hermes.hub.HubApplication;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.PayAndSettleAuthorization;
import network.hermes.promise.message.UnilateralExit;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.WireJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hub's duties on the chain, end to end on a devnet and a real PostgreSQL: top-ups seen and
 * spendable, batch settlement of consumer promises, relayed registration, provider settlement and
 * withdrawal for identities without native coin, a reverted settlement retried, and a consumer's
 * exit.
 *
 * <p>The settler runs only when woken here (a long interval), so every batch is deterministic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainDutiesIT {
  static final SecureRandom RANDOM = new SecureRandom(new byte[] {42});

  static ChainWorld world;
  static HubApplication hub;
  static long chainId;

  @BeforeAll
  static void start() throws Exception {
    world = ChainWorld.start(1000);
    chainId = world.deployment.chainId().value();
    hub =
        world.startHub(
            Map.of(
                "settlement.interval-ms",
                "3600000",
                "settlement.threshold",
                myst(3).toString(),
                // the view learns what the watcher committed from the watcher, not from a timer
                "chain.view-refresh-ms",
                "3600000"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  static BigInteger wei(long mystAmount) {
    return myst(mystAmount).toBigInteger();
  }

  @Test
  @Order(1)
  void aTopUpIsSeenWithinSecondsAndSpendableAfterARelayedRegistration() throws Exception {
    ExchangeFactory.Identity consumer = ExchangeFactory.devIdentity("topup-consumer");
    PrivateKey key = ChainWorld.keyOf(consumer);
    Address channel = world.channelOf(Address.fromHex(consumer.address()));
    BigInteger fee = world.quote(hub, "register");

    // the registration is accepted at once and waits for the channel's money
    String job = world.registerThroughRelay(hub, key, Address.ZERO, fee);
    assertThat(world.get(hub, RELAY + "/queue/" + job).body().path("state").asText())
        .isIn("queued", "sent", "done");

    // a top-up into the channel before it is deployed, from any wallet
    world.topUp(channel, myst(10));
    long confirmed = System.nanoTime();
    await(
        "the top-up visible through the API",
        Duration.ofSeconds(10),
        quietly(() -> world.dataBalance(hub, consumer.address()).signum() > 0));
    // measured, not asserted: how long the watcher took is the machine's business
    System.out.printf(
        "ChainDutiesIT: a top-up visible through the API %d ms after it was mined%n",
        Duration.ofNanos(System.nanoTime() - confirmed).toMillis());

    JsonNode done = world.awaitJob(hub, job);
    assertThat(done.path("state").asText()).as("%s", done).isEqualTo("done");
    assertThat(done.path("tx_hash").asText()).startsWith("0x");
    assertThat(world.client.isRegistered(Address.fromHex(consumer.address()))).isTrue();
    assertThat(world.client.nativeBalance(Address.fromHex(consumer.address())))
        .isEqualTo(TokenAmount.ZERO);
    BigInteger left = wei(10).subtract(fee);
    await(
        "the registered balance visible",
        Duration.ofSeconds(10),
        quietly(() -> world.dataBalance(hub, consumer.address()).equals(left)));

    // spendable: the hub accepts a promise on it
    ChainWorld.Exchange x = new ChainWorld.Exchange(1);
    world.pay(hub, consumer, "0x" + "a1".repeat(20), x, wei(1), true);
    assertThat(world.dataBalance(hub, consumer.address())).isEqualTo(left.subtract(wei(1)));
  }

  @Test
  @Order(2)
  void consumersAreSettledInOneBatchAndTheHubBalanceRisesByThePromisedAmount() throws Exception {
    ExchangeFactory.Identity a = world.consumer("batch-consumer-a", 10);
    ExchangeFactory.Identity b = world.consumer("batch-consumer-b", 10);
    String pa = "0x" + "b1".repeat(20);
    String pb = "0x" + "b2".repeat(20);
    ChainWorld.Exchange xa = new ChainWorld.Exchange(2);
    ChainWorld.Exchange xb = new ChainWorld.Exchange(3);
    await(
        "both consumers registered in the hub's view",
        Duration.ofSeconds(10),
        quietly(
            () ->
                world.dataBalance(hub, a.address()).equals(wei(10))
                    && world.dataBalance(hub, b.address()).equals(wei(10))));
    for (int i = 0; i < 2; i++) {
      world.pay(hub, a, pa, xa, wei(2), true);
      world.pay(hub, b, pb, xb, wei(2), true);
    }
    TokenAmount hubBefore = world.client.tokenBalance(world.deployment.hermesId());

    hub.wakeSettler();
    Address chA = world.channelOf(Address.fromHex(a.address()));
    Address chB = world.channelOf(Address.fromHex(b.address()));
    await(
        "both channels settled on chain",
        Duration.ofSeconds(30),
        quietly(
            () ->
                world.client.consumerChannel(chA).settled().equals(myst(4))
                    && world.client.consumerChannel(chB).settled().equals(myst(4))));

    assertThat(world.client.tokenBalance(world.deployment.hermesId()))
        .isEqualTo(hubBefore.plus(myst(8)));
    String sql =
        "SELECT tx_hash, status FROM settlement_attempt WHERE consumer IN ('"
            + a.address()
            + "', '"
            + b.address()
            + "')";
    await(
        "the outcome recorded",
        Duration.ofSeconds(10),
        quietly(() -> world.rows(sql).stream().allMatch(r -> "settled".equals(r.get("status")))));
    List<Map<String, Object>> attempts = world.rows(sql);
    assertThat(attempts)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.get("status")).isEqualTo("settled"));
    assertThat(attempts.get(0).get("tx_hash")).isEqualTo(attempts.get(1).get("tx_hash"));

    // the data endpoint serves the chain's facts: the Registry's beneficiary, the settlement time
    String settledAt = settlementTime(Bytes32.fromHex((String) attempts.get(0).get("tx_hash")));
    Address beneficiary = world.client.beneficiary(Address.fromHex(a.address()));
    await(
        "the settlement in the consumer's data",
        Duration.ofSeconds(10),
        quietly(
            () -> consumerData(a.address()).path("LatestSettlement").asText().equals(settledAt)));
    assertThat(consumerData(a.address()).path("Beneficiary").asText())
        .isEqualTo(beneficiary.toHex());
  }

  /** The consumer's entry of data/consumer on the devnet's chain. */
  static JsonNode consumerData(String identity) throws Exception {
    return world.get(hub, "/api/v2/data/consumer/" + identity).body().path(Long.toString(chainId));
  }

  /** The time of the block a transaction was mined in, as the data endpoints write it. */
  static String settlementTime(Bytes32 txHash) {
    long block = world.client.transactionStatus(txHash).result().blockNumber();
    return java.time.Instant.ofEpochSecond(world.client.blockTime(block)).toString();
  }

  @Test
  @Order(3)
  void aProviderWithoutNativeCoinSettlesThroughTheRelayAndReceivesAmountMinusFees()
      throws Exception {
    PrivateKey provider = PrivateKey.random(RANDOM);
    Address providerId = ChainWorld.SECP.addressOf(provider);
    Address beneficiary = ChainWorld.SECP.addressOf(PrivateKey.random(RANDOM));
    BigInteger registerFee = world.quote(hub, "register");
    world.chain.mint(world.channelOf(providerId), TokenAmount.of(registerFee));
    JsonNode reg =
        world.awaitJob(hub, world.registerThroughRelay(hub, provider, beneficiary, registerFee));
    assertThat(reg.path("state").asText()).as("%s", reg).isEqualTo("done");
    assertThat(world.client.beneficiary(providerId)).isEqualTo(beneficiary);

    ExchangeFactory.Identity consumer = world.consumer("relay-consumer", 20);
    await(
        "the consumer in the hub's view",
        Duration.ofSeconds(10),
        quietly(() -> world.dataBalance(hub, consumer.address()).equals(wei(20))));
    ChainWorld.Exchange x = new ChainWorld.Exchange(4);
    // the provider does not reveal R to the hub: its settlement on chain will
    JsonNode promise = world.pay(hub, consumer, providerId.toHex(), x, wei(5), false);

    // the node's way: re-sign the promise with the relay's current settle fee, then submit
    BigInteger settleFee = world.quote(hub, "settle");
    ObjectNode change = ChainWorld.JSON.createObjectNode();
    change.set("hermes_promise", promise);
    change.put("new_fee", settleFee.subtract(BigInteger.ONE));
    JsonNode cheap = world.post(hub, "/api/v2/change_promise_fee", change).body();
    ChainWorld.Answer refused =
        world.post(
            hub,
            RELAY + "/identity/settle_and_rebalance",
            world.settleRequest(cheap, x.r, providerId));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.cause()).isEqualTo("fee below quote");

    change.set("hermes_promise", cheap);
    change.put("new_fee", settleFee);
    JsonNode priced = world.post(hub, "/api/v2/change_promise_fee", change).body();
    assertThat(priced.path("Fee").bigIntegerValue()).isEqualTo(settleFee);
    Address relay = ChainWorld.SECP.addressOf(world.relayKey());
    TokenAmount relayBefore = world.client.tokenBalance(relay);
    TokenAmount beneficiaryBefore = world.client.tokenBalance(beneficiary);

    ChainWorld.Answer queued =
        world.post(
            hub,
            RELAY + "/identity/settle_and_rebalance",
            world.settleRequest(priced, x.r, providerId));
    assertThat(queued.status()).as("%s", queued.body()).isEqualTo(200);
    JsonNode job = world.awaitJob(hub, queued.body().path("id").asText());
    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("done");

    TokenAmount amount = myst(5);
    TokenAmount hubFee = world.client.hermesFee(amount);
    assertThat(world.client.tokenBalance(beneficiary))
        .isEqualTo(beneficiaryBefore.plus(amount).minus(hubFee).minus(TokenAmount.of(settleFee)));
    assertThat(world.client.tokenBalance(relay))
        .isEqualTo(relayBefore.plus(TokenAmount.of(settleFee)));
    assertThat(world.client.nativeBalance(providerId)).isEqualTo(TokenAmount.ZERO);

    // the hub learnt R from the settlement: the consumer's promise is settleable, and the
    // provider gets its next promise without revealing
    await(
        "R taken from the chain",
        Duration.ofSeconds(10),
        quietly(
            () ->
                world.queryLong(
                        "SELECT COUNT(*) FROM consumer_settleable WHERE consumer = '"
                            + consumer.address()
                            + "' AND amount = "
                            + wei(5))
                    == 1));
    assertThat(world.tryPay(hub, consumer, providerId.toHex(), x, wei(1)).status()).isEqualTo(200);

    // the data endpoint serves the chain's facts: the beneficiary the provider registered with
    // (not its channel) and when its channel was settled
    String settledAt = settlementTime(Bytes32.fromHex(job.path("tx_hash").asText()));
    await(
        "the settlement in the provider's data",
        Duration.ofSeconds(10),
        quietly(
            () -> {
              JsonNode d =
                  world
                      .get(hub, "/api/v2/data/provider/" + providerId.toHex())
                      .body()
                      .path(Long.toString(chainId));
              return d.path("LatestSettlement").asText().equals(settledAt)
                  && d.path("Beneficiary").asText().equals(beneficiary.toHex());
            }));
  }

  @Test
  @Order(4)
  void aWithdrawalIsPaidThroughTheRelayToTheBeneficiaryTheIdentitySigned() throws Exception {
    // a provider (it earned through the hub) withdraws from its own consumer channel
    PrivateKey provider = PrivateKey.random(RANDOM);
    ExchangeFactory.Identity self =
        new ExchangeFactory.Identity(
            provider.toBytes(), ChainWorld.SECP.addressOf(provider).toHex());
    Address id = Address.fromHex(self.address());
    world.topUp(world.channelOf(id), myst(3));
    world.chain.registerIdentity(provider, TokenAmount.ZERO);
    ExchangeFactory.Identity payer = world.consumer("withdraw-payer", 10);
    await(
        "both in the hub's view",
        Duration.ofSeconds(10),
        quietly(
            () ->
                world.dataBalance(hub, payer.address()).equals(wei(10))
                    && world.dataBalance(hub, self.address()).equals(wei(3))));
    world.pay(hub, payer, self.address(), new ChainWorld.Exchange(7), wei(1), true);

    BigInteger fee = world.quote(hub, "settle");
    byte[] r = ExchangeFactory.devR("withdrawal");
    BigInteger agreement = BigInteger.valueOf(8);
    ObjectNode request =
        world.exchanges.requestPromise(
            self, self.address(), agreement, wei(2), wei(2), r, fee, null);
    ChainWorld.Answer promised = world.post(hub, "/api/v2/pay_and_settle", request);
    assertThat(promised.status()).as("%s", promised.body()).isEqualTo(200);
    assertThat(
            world
                .post(
                    hub, "/api/v2/reveal_r", world.exchanges.revealR(r, self.address(), agreement))
                .status())
        .isEqualTo(200);

    Address beneficiary = ChainWorld.SECP.addressOf(PrivateKey.random(RANDOM));
    var withdrawal = ChannelIds.withdrawalChannelId(id, world.deployment.hermesId());
    var auth =
        new PayAndSettleAuthorization(
            world.deployment.chainId(), withdrawal, myst(2), Bytes32.of(r), beneficiary);
    ObjectNode body = world.settleRequest(promised.body(), r, id);
    body.put("beneficiary", beneficiary.toHex());
    body.put("beneficiarySignature", auth.sign(new KeySigner(provider, ChainWorld.SECP)).toHex());
    ChainWorld.Answer queued = world.post(hub, RELAY + "/identity/pay_and_settle", body);
    assertThat(queued.status()).as("%s", queued.body()).isEqualTo(200);
    JsonNode job = world.awaitJob(hub, queued.body().path("id").asText());
    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("done");
    // no hub fee on a withdrawal: the amount minus the relay's fee
    assertThat(world.client.tokenBalance(beneficiary))
        .isEqualTo(myst(2).minus(TokenAmount.of(fee)));
    assertThat(world.client.nativeBalance(id)).isEqualTo(TokenAmount.ZERO);
  }

  @Test
  @Order(5)
  void aSettlementThatRevertsOnChainIsRetriedAndThePromiseKept() throws Exception {
    ExchangeFactory.Identity consumer = world.consumer("revert-consumer", 10);
    await(
        "the consumer in the hub's view",
        Duration.ofSeconds(10),
        quietly(() -> world.dataBalance(hub, consumer.address()).equals(wei(10))));
    world.pay(hub, consumer, "0x" + "c1".repeat(20), new ChainWorld.Exchange(5), wei(4), true);
    Address channel = world.channelOf(Address.fromHex(consumer.address()));
    String hermes = world.deployment.hermesId().toHex();
    String code = world.rpc("eth_getCode", hermes, "latest").asText();
    String attempts =
        "SELECT status, error FROM settlement_attempt WHERE consumer = '"
            + consumer.address()
            + "' ORDER BY id";

    // hold the batch in the pool, make the hub contract revert, mine: the transaction reverts
    world.rpc("evm_setAutomine", false);
    try {
      hub.wakeSettler();
      await(
          "the settlement broadcast",
          Duration.ofSeconds(30),
          quietly(
              () ->
                  world.queryLong(
                          "SELECT COUNT(*) FROM settlement_attempt WHERE tx_hash IS NOT NULL AND"
                              + " consumer = '"
                              + consumer.address()
                              + "'")
                      == 1));
      world.rpc("anvil_setCode", hermes, "0x60006000fd");
      world.rpc("evm_mine");
      world.rpc("anvil_setCode", hermes, code);
    } finally {
      world.rpc("evm_setAutomine", true);
    }
    await(
        "the reverted attempt recorded",
        Duration.ofSeconds(30),
        quietly(
            () ->
                !world.rows(attempts).isEmpty()
                    && "failed".equals(world.rows(attempts).get(0).get("status"))));
    assertThat((String) world.rows(attempts).get(0).get("error")).contains("reverted");
    assertThat(world.client.consumerChannel(channel).settled()).isEqualTo(TokenAmount.ZERO);
    assertThat(
            world.queryLong(
                "SELECT COUNT(*) FROM consumer_settleable WHERE consumer = '"
                    + consumer.address()
                    + "' AND amount = "
                    + wei(4)))
        .isEqualTo(1);

    // after the back-off the same promise goes out again and settles
    await(
        "the retry settled",
        Duration.ofSeconds(30),
        quietly(
            () -> {
              hub.wakeSettler();
              List<Map<String, Object>> all = world.rows(attempts);
              return "settled".equals(all.get(all.size() - 1).get("status"));
            }));
    assertThat(world.client.consumerChannel(channel).settled()).isEqualTo(myst(4));
  }

  @Test
  @Order(6)
  void anExitingConsumerIsSettledBeforeItsDelayAndLeavesWithOnlyWhatWasNotPromised()
      throws Exception {
    ExchangeFactory.Identity consumer = world.consumer("exit-consumer", 10);
    PrivateKey key = ChainWorld.keyOf(consumer);
    Address channel = world.channelOf(Address.fromHex(consumer.address()));
    Address beneficiary = ChainWorld.SECP.addressOf(PrivateKey.random(RANDOM));
    await(
        "the consumer in the hub's view",
        Duration.ofSeconds(10),
        quietly(() -> world.dataBalance(hub, consumer.address()).equals(wei(10))));
    String provider = "0x" + "d1".repeat(20);
    ChainWorld.Exchange x = new ChainWorld.Exchange(6);
    // 2 MYST promised and revealed: below the settlement threshold, so nothing settles yet
    world.pay(hub, consumer, provider, x, wei(2), true);
    assertThat(world.client.consumerChannel(channel).settled()).isEqualTo(TokenAmount.ZERO);

    long now = world.chain.latestBlockTime();
    BigInteger validUntil = BigInteger.valueOf(now + 600);
    var exit =
        new UnilateralExit(
            world.deployment.chainId(), channel, beneficiary, validUntil, BigInteger.ZERO);
    world
        .client
        .writer(world.chain.account(2))
        .requestExit(
            channel,
            beneficiary,
            validUntil.longValueExact(),
            exit.sign(new KeySigner(key, ChainWorld.SECP)));
    long timelock = world.client.consumerChannel(channel).exitTimelock();

    // the hub settles what it was promised, well before the exit delay ends ...
    await(
        "the promised amount settled",
        Duration.ofSeconds(30),
        quietly(() -> world.client.consumerChannel(channel).settled().equals(myst(2))));
    long settledAt = world.chain.latestBlockTime();
    assertThat(settledAt).isLessThan(timelock);
    // ... and by then accepts no promise of this consumer (its view caught up before settling)
    assertThat(
            hub.chainView()
                .consumer(world.deployment.chainId(), Address.fromHex(consumer.address()))
                .exiting())
        .isTrue();
    ChainWorld.Answer refused = world.tryPay(hub, consumer, provider, x, wei(1));
    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.cause())
        .isEqualTo("consumer does not have enough balance and is overspending");

    world.rpc("evm_increaseTime", timelock - settledAt + 1);
    world.rpc("evm_mine");
    world.client.writer(world.chain.account(2)).finalizeExit(channel);
    assertThat(world.client.tokenBalance(beneficiary)).isEqualTo(myst(8));
    assertThat(world.client.tokenBalance(channel)).isEqualTo(TokenAmount.ZERO);
  }

  @Test
  @Order(7)
  void aRoundThatFailsAfterReadingASettlementsRKeepsItsCursorAndAppliesTheROnTheNextTry()
      throws Exception {
    PrivateKey provider = PrivateKey.random(RANDOM);
    Address providerId = ChainWorld.SECP.addressOf(provider);
    world.chain.registerIdentity(provider, TokenAmount.ZERO);
    ExchangeFactory.Identity consumer = world.consumer("reveal-fault-consumer", 10);
    await(
        "the consumer in the hub's view",
        Duration.ofSeconds(10),
        quietly(() -> world.dataBalance(hub, consumer.address()).equals(wei(10))));
    ChainWorld.Exchange x = new ChainWorld.Exchange(11);
    // the provider does not reveal R to the hub: its settlement on chain will
    JsonNode promise = world.pay(hub, consumer, providerId.toHex(), x, wei(2), false);
    String settleable =
        "SELECT COUNT(*) FROM consumer_settleable WHERE consumer = '"
            + consumer.address()
            + "' AND amount = "
            + wei(2);

    // a fault while the watcher stores the R it read (a crash or a lost lease there)
    execute(
        "CREATE SEQUENCE reveal_faults",
        "CREATE FUNCTION fail_reveal() RETURNS trigger AS $$ BEGIN PERFORM"
            + " nextval('reveal_faults'); RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE"
            + " plpgsql",
        "CREATE TRIGGER fail_reveal BEFORE INSERT ON revealed_r FOR EACH ROW EXECUTE FUNCTION"
            + " fail_reveal()");
    long settledAt;
    try {
      settledAt =
          world
              .client
              .writer(world.chain.account(4))
              .settleProviderPromise(
                  providerId,
                  WireJson.readPromise(ChainWorld.JSON.writeValueAsBytes(promise)),
                  Bytes32.of(x.r))
              .blockNumber();
      await(
          "the watcher tried to store the R",
          Duration.ofSeconds(10),
          quietly(
              () ->
                  world.queryLong("SELECT CASE WHEN is_called THEN 1 ELSE 0 END FROM reveal_faults")
                      == 1));
      assertThat(cursor())
          .as("the cursor of a round that did not store its R")
          .isLessThan(settledAt);
      assertThat(world.queryLong(settleable)).isZero();
    } finally {
      execute(
          "DROP TRIGGER fail_reveal ON revealed_r",
          "DROP FUNCTION fail_reveal()",
          "DROP SEQUENCE reveal_faults");
    }

    // the next round reads the block again and stores the R with the cursor
    await(
        "R taken from the chain",
        Duration.ofSeconds(10),
        quietly(() -> world.queryLong(settleable) == 1));
    assertThat(cursor()).isGreaterThanOrEqualTo(settledAt);
  }

  static long cursor() throws Exception {
    return world.queryLong("SELECT block FROM watcher_cursor WHERE chain_id = " + chainId);
  }

  static void execute(String... statements) throws Exception {
    try (Connection c = world.db.connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
