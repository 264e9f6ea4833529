package network.hermes.hub.it;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.hub.HubApplication;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubDeployment;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;

/**
 * A devnet with the contracts deployed, a real PostgreSQL, and hubs following the chain in RPC
 * mode, for the integration tests of the hub's duties on the chain. Waits are polls with a
 * deadline, never sleeps that order events.
 */
final class ChainWorld implements AutoCloseable {
  static final Secp256k1 SECP = Secp256k1s.getDefault();
  static final ObjectMapper JSON = new ObjectMapper();

  final LocalChain chain;
  final ChainClient client;
  final Deployment deployment;
  final TestDatabase db;
  final Path deploymentFile;
  final ExchangeFactory exchanges;
  final HttpClient http = HttpClient.newHttpClient();
  final List<HubApplication> hubs = new ArrayList<>();

  private ChainWorld(LocalChain chain, TestDatabase db, Path deploymentFile) {
    this.chain = chain;
    this.client = chain.client();
    this.deployment = chain.deployment();
    this.db = db;
    this.deploymentFile = deploymentFile;
    this.exchanges =
        new ExchangeFactory(HubDeployment.of(deployment), deployment.chainId().value());
  }

  /**
   * A fresh devnet and database; the hub contract gets {@code float_} MYST of available balance.
   */
  static ChainWorld start(long float_) throws Exception {
    LocalChain chain = LocalChain.start("http://127.0.0.1:1/api/v2");
    try {
      TestDatabase db = TestDatabase.start();
      Path file = Files.createTempFile("hermes-it-deployment", ".json");
      chain.deployment().write(file);
      if (float_ > 0) {
        chain.mint(chain.deployment().hermesId(), myst(float_));
      }
      return new ChainWorld(chain, db, file);
    } catch (Exception | Error e) {
      chain.close();
      throw e;
    }
  }

  /** Settings every test hub shares: fast polling, a short lease, the devnet operator key. */
  Map<String, String> hubSettings() {
    Map<String, String> s = new HashMap<>();
    s.put("db.url", db.url());
    s.put("chain.mode", "rpc");
    s.put("chain.rpc-url", chain.rpcUrl());
    s.put("chain.deployment", deploymentFile.toString());
    s.put("operator.dev-key", Hex.encode(chain.operatorKey().toBytes()));
    s.put("relay.dev-key", Hex.encode(relayKey().toBytes()));
    s.put("http.port", "0");
    s.put("http.instances", "1");
    s.put("db.pool-size", "6");
    s.put("chain.view-refresh-ms", "100");
    s.put("watcher.poll-interval-ms", "200");
    s.put("watcher.confirmations", "0");
    s.put("settlement.interval-ms", "300");
    s.put("settlement.retry-base-seconds", "1");
    s.put("settlement.retry-max-seconds", "2");
    s.put("relay.interval-ms", "200");
    s.put("lease.ttl-ms", "3000");
    s.put("shutdown.grace-seconds", "2");
    return s;
  }

  HubApplication startHub(Map<String, String> overrides) throws Exception {
    return startHub(overrides, Clock.systemUTC());
  }

  /** A hub that reads the time from {@code clock} (a {@link TestClock} to move it on). */
  HubApplication startHub(Map<String, String> overrides, Clock clock) throws Exception {
    Map<String, String> s = hubSettings();
    s.putAll(overrides);
    HubApplication hub = HubApplication.start(HubConfig.defaults().with(s), clock);
    hubs.add(hub);
    return hub;
  }

  /**
   * The system clock plus an offset the test moves on: time still passes (leases, polls), and a
   * jump past a validity is exact, without sleeping.
   */
  static final class TestClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration by) {
      offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a test clock has one zone");
    }
  }

  /** The relay's key: a funded development account of its own (it receives the fees). */
  PrivateKey relayKey() {
    return chain.account(9);
  }

  // ---- identities and money ----

  static PrivateKey keyOf(ExchangeFactory.Identity id) {
    return PrivateKey.of(id.key());
  }

  Address channelOf(Address identity) {
    return client.consumerChannelAddress(identity);
  }

  /** Tops up a channel address (deployed or not) from a development wallet. */
  void topUp(Address channel, TokenAmount amount) {
    Address wallet = SECP.addressOf(chain.account(3));
    chain.mint(wallet, amount);
    client.writer(chain.account(3)).transferToken(channel, amount);
  }

  /** A registered consumer with {@code balance} MYST in its channel. */
  ExchangeFactory.Identity consumer(String label, long balance) {
    ExchangeFactory.Identity c = ExchangeFactory.devIdentity(label);
    topUp(channelOf(Address.fromHex(c.address())), myst(balance));
    chain.registerIdentity(keyOf(c), TokenAmount.ZERO);
    return c;
  }

  // ---- the hub's API ----

  record Answer(int status, JsonNode body) {
    String cause() {
      return body.path("cause").asText();
    }
  }

  Answer post(HubApplication hub, String path, JsonNode body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(root(hub) + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build());
  }

  Answer get(HubApplication hub, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(root(hub) + path)).GET().build());
  }

  private Answer send(HttpRequest req) throws Exception {
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  static String root(HubApplication hub) {
    return hub.baseUrl().substring(0, hub.baseUrl().length() - "/api/v2".length());
  }

  /**
   * One paid exchange: consumer pays {@code delta} more to the provider (cumulative amounts kept by
   * the caller in {@code state}), then the provider reveals R. Returns the hub promise.
   */
  JsonNode pay(
      HubApplication hub,
      ExchangeFactory.Identity consumer,
      String provider,
      Exchange state,
      BigInteger delta,
      boolean reveal)
      throws Exception {
    Answer a = tryPay(hub, consumer, provider, state, delta);
    if (a.status() != 200) {
      throw new AssertionError("request_promise refused: " + a.body());
    }
    if (reveal) {
      Answer r =
          post(hub, "/api/v2/reveal_r", exchanges.revealR(state.r, provider, state.agreementId));
      if (r.status() != 200) {
        throw new AssertionError("reveal_r refused: " + r.body());
      }
    }
    return a.body();
  }

  /** request_promise without checks; on success the exchange state moves on. */
  Answer tryPay(
      HubApplication hub,
      ExchangeFactory.Identity consumer,
      String provider,
      Exchange state,
      BigInteger delta)
      throws Exception {
    byte[] r = ExchangeFactory.devR(consumer.address() + provider + state.round);
    BigInteger total = state.agreementTotal.add(delta);
    BigInteger amount = state.promised.add(delta);
    ObjectNode body =
        exchanges.requestPromise(
            consumer, provider, state.agreementId, total, amount, r, BigInteger.ZERO, null);
    Answer a = post(hub, "/api/v2/request_promise", body);
    if (a.status() == 200) {
      state.agreementTotal = total;
      state.promised = amount;
      state.r = r;
      state.round++;
    }
    return a;
  }

  /** The running totals of one consumer's agreement with one provider. */
  static final class Exchange {
    final BigInteger agreementId;
    BigInteger agreementTotal = BigInteger.ZERO;
    BigInteger promised = BigInteger.ZERO;
    byte[] r;
    int round;

    Exchange(long agreementId) {
      this.agreementId = BigInteger.valueOf(agreementId);
    }
  }

  BigInteger chainIdValue() {
    return BigInteger.valueOf(deployment.chainId().value());
  }

  /** The consumer balance the hub's data API shows for the main chain, -1 when unknown. */
  BigInteger dataBalance(HubApplication hub, String identity) throws Exception {
    Answer a = get(hub, "/api/v2/data/consumer/" + identity);
    return a.status() == 200
        ? a.body().path(chainIdValue().toString()).path("Balance").bigIntegerValue()
        : BigInteger.valueOf(-1);
  }

  // ---- the relay (transactor) ----

  static final String RELAY = "/api/v1/transactor";

  /** A fee quote of the relay ({@code register}, {@code settle}, {@code stake/decrease}). */
  BigInteger quote(HubApplication hub, String kind) throws Exception {
    return quoteAnswer(hub, kind).path("fee").bigIntegerValue();
  }

  /** The whole quote: {@code {fee, valid_until}}. */
  JsonNode quoteAnswer(HubApplication hub, String kind) throws Exception {
    Answer a = get(hub, RELAY + "/fee/" + chainIdValue() + "/" + kind);
    if (a.status() != 200 || a.body().path("valid_until").asText().isEmpty()) {
      throw new AssertionError("fee quote refused: " + a.status() + " " + a.body());
    }
    return a.body();
  }

  /** Polls a relay job until it is {@code done} or {@code error}; returns its last status. */
  JsonNode awaitJob(HubApplication hub, String id) throws Exception {
    JsonNode[] last = new JsonNode[1];
    await(
        "relay job " + id + " finished",
        Duration.ofSeconds(30),
        quietly(
            () -> {
              last[0] = get(hub, RELAY + "/queue/" + id).body();
              String state = last[0].path("state").asText();
              return state.equals("done") || state.equals("error");
            }));
    return last[0];
  }

  /** An {@code identity/register} body: a registration (P1) signed by the identity. */
  ObjectNode registration(PrivateKey identity, Address beneficiary, BigInteger fee) {
    var payload =
        new IdentityRegistration(
            deployment.chainId(),
            deployment.registry(),
            deployment.hermesId(),
            TokenAmount.ZERO,
            TokenAmount.of(fee),
            beneficiary);
    ObjectNode body = JSON.createObjectNode();
    body.put("registryAddress", deployment.registry().toHex());
    body.put("hermesID", deployment.hermesId().toHex());
    body.put("stake", 0);
    body.put("fee", fee);
    body.put("beneficiary", beneficiary.toHex());
    body.put("signature", payload.sign(new KeySigner(identity, SECP)).toHex());
    body.put("identity", SECP.addressOf(identity).toHex());
    body.put("chainID", chainIdValue());
    return body;
  }

  /**
   * Registers through the relay: the identity pays the quoted fee from its channel, no gas. Returns
   * the job id.
   */
  String registerThroughRelay(
      HubApplication hub, PrivateKey identity, Address beneficiary, BigInteger fee)
      throws Exception {
    Answer a = post(hub, RELAY + "/identity/register", registration(identity, beneficiary, fee));
    if (a.status() != 200) {
      throw new AssertionError("registration refused: " + a.body());
    }
    return a.body().path("id").asText();
  }

  /**
   * The transactor's settlement body for a hub promise as the API returned it ({@code ChannelID}
   * and {@code Signature} base64), with R in hex.
   */
  ObjectNode settleRequest(JsonNode promise, byte[] r, Address provider) {
    ObjectNode b = JSON.createObjectNode();
    b.put("hermesID", deployment.hermesId().toHex());
    b.put("channelID", Hex.encode(Base64.getDecoder().decode(promise.path("ChannelID").asText())));
    b.put("amount", promise.path("Amount").bigIntegerValue());
    b.put("fee", promise.path("Fee").bigIntegerValue());
    b.put("preimage", Hex.encode(r));
    b.put("signature", Hex.encode(Base64.getDecoder().decode(promise.path("Signature").asText())));
    b.put("providerID", provider.toHex());
    b.put("chainID", chainIdValue());
    return b;
  }

  // ---- anvil ----

  /** A JSON-RPC call to the devnet (anvil's own methods included). */
  JsonNode rpc(String method, Object... params) {
    return chain.devnet().rpc(method, params);
  }

  void mine(int blocks) throws Exception {
    for (int i = 0; i < blocks; i++) {
      rpc("evm_mine");
    }
  }

  // ---- the database ----

  long queryLong(String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getLong(1) : -1;
    }
  }

  List<Map<String, Object>> rows(String sql) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.put(r.getMetaData().getColumnName(i), r.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  // ---- waiting ----

  /**
   * Polls {@code condition} until it holds or the deadline passes (then fails with {@code what}).
   */
  static void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  /** A condition that may throw. */
  interface Check {
    boolean holds() throws Exception;
  }

  static BooleanSupplier quietly(Check c) {
    return () -> {
      try {
        return c.holds();
      } catch (Exception e) {
        return false;
      }
    };
  }

  @Override
  public void close() throws IOException {
    for (HubApplication hub : hubs) {
      hub.close();
    }
    chain.close();
    db.close();
    Files.deleteIfExists(deploymentFile);
  }
}
