package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.hermes.hub.HubApplication;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.client.ExchangeFactory.Identity;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubDeployment;
import network.hermes.hub.crypto.OperatorKey;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.SyncPromiseRequest;
import network.hermes.promise.wire.WireJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden {request, response, status} files for every endpoint and cause, replayed against a real
 * hub on a real PostgreSQL. The files under src/test/resources/golden are the API's contract; run
 * with -Dgolden.update=true to (re)write them from {@link GoldenCases} after a deliberate change.
 *
 * <p>A file is {@code {"case", "hub"?, "steps"}}. Without {@code "hub"} the steps run against the
 * main hub ({@link #BASE} settings, offline chain). With {@code "hub": {"setting": "value", ...}}
 * they run against another hub with those settings on top of {@link #BASE}, on the same database:
 * it is started the first time a case names those settings and closed after the last case. Every
 * case starts from the same state: the hub tables emptied, the solvency ledger at zero and the
 * chain facts of {@link GoldenCases#seedWorld} (an action may change a fact within its case).
 */
class GoldenApiIT {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final Path DIR = Path.of("src/test/resources/golden");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  /** The main hub's settings (the database URL comes on top). */
  static final Map<String, String> BASE =
      Map.of(
          "chain.mode", "offline",
          "http.port", "0",
          "db.lock-timeout-ms", "300",
          "db.pool-size", "4",
          "http.instances", "1",
          "policy.max-transactor-fee", "1000",
          "shutdown.grace-seconds", "2");

  static TestDatabase db;
  static HubApplication hub;

  /** Hubs with other settings, by those settings, started when a case first needs them. */
  static final Map<Map<String, String>, HubApplication> otherHubs = new java.util.HashMap<>();

  /** The hub the current case runs against. */
  static HubApplication current;

  static HttpClient http;
  static Connection locker;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.start();
    try (Connection c = db.connect()) {
      GoldenCases.seedWorld(c);
    }
    hub = startHub(Map.of());
    http = HttpClient.newHttpClient();
  }

  static HubApplication startHub(Map<String, String> settings) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(BASE);
    all.put("db.url", db.url());
    all.putAll(settings);
    return HubApplication.start(HubConfig.defaults().with(all), Clock.systemUTC());
  }

  /** The main hub for no settings, else the hub with those settings (started on first use). */
  static HubApplication hubFor(JsonNode settings) throws Exception {
    if (settings == null || settings.isEmpty()) {
      return hub;
    }
    Map<String, String> key = new java.util.TreeMap<>();
    settings.fields().forEachRemaining(e -> key.put(e.getKey(), e.getValue().asText()));
    HubApplication h = otherHubs.get(key);
    if (h == null) {
      h = startHub(key);
      otherHubs.put(key, h);
    }
    return h;
  }

  @AfterAll
  static void stop() throws Exception {
    for (HubApplication h : otherHubs.values()) {
      h.close();
    }
    otherHubs.clear();
    if (hub != null) {
      hub.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> golden() throws Exception {
    if (UPDATE) {
      Files.createDirectories(DIR);
      Map<String, ObjectNode> hubs = GoldenCases.hubs();
      for (Map.Entry<String, ArrayNode> c : GoldenCases.all().entrySet()) {
        ObjectNode file = JSON.createObjectNode();
        file.put("case", c.getKey());
        ObjectNode settings = hubs.get(c.getKey());
        if (settings != null) {
          file.set("hub", settings);
        }
        file.set("steps", run(settings, c.getValue(), true));
        Files.writeString(DIR.resolve(c.getKey() + ".json"), JSON.writeValueAsString(file) + "\n");
      }
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("golden files").hasSizeGreaterThanOrEqualTo(GoldenCases.all().size());
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      JsonNode file = JSON.readTree(f.toFile());
                      run(file.get("hub"), (ArrayNode) file.get("steps"), false);
                    }));
  }

  /**
   * Runs the steps on a clean state, against the hub with {@code settings} (null: the main hub);
   * records responses (update) or compares them.
   */
  static ArrayNode run(JsonNode settings, ArrayNode steps, boolean record) throws Exception {
    current = hubFor(settings);
    db.resetState();
    try (Connection c = db.connect()) {
      GoldenCases.seedWorld(c);
    }
    refreshFacts();
    ArrayNode out = JSON.createArrayNode();
    int i = 0;
    for (JsonNode step : steps) {
      i++;
      if (step.has("action")) {
        action(step);
        out.add(step.deepCopy());
        continue;
      }
      JsonNode req = step.get("request");
      HttpResponse<String> resp = send(current, req);
      JsonNode body = resp.body().isEmpty() ? JSON.nullNode() : JSON.readTree(resp.body());
      if (record) {
        ObjectNode s = JSON.createObjectNode();
        s.set("request", req);
        ObjectNode r = s.putObject("response");
        r.put("status", resp.statusCode());
        r.set("body", body);
        out.add(s);
      } else {
        JsonNode expected = step.get("response");
        assertThat(resp.statusCode())
            .as("step %d status, body %s", i, resp.body())
            .isEqualTo(expected.get("status").asInt());
        assertThat(body).as("step %d body", i).isEqualTo(expected.get("body"));
        assertThat(resp.headers().firstValue("content-type"))
            .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
      }
    }
    return out;
  }

  /** Makes the current hub read the chain facts now, rather than at its next periodic refresh. */
  static void refreshFacts() throws Exception {
    current.chainView().refresh().toCompletionStage().toCompletableFuture().get();
  }

  static HttpResponse<String> send(HubApplication to, JsonNode req) throws Exception {
    String root = to.baseUrl().substring(0, to.baseUrl().length() - "/api/v2".length());
    String method = req.get("method").asText();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + req.get("path").asText()));
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    byte[] raw = null;
    if (req.has("body")) {
      raw =
          JSON.writer()
              .without(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsBytes(req.get("body"));
    } else if (req.has("rawBody")) {
      raw = req.get("rawBody").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else if (req.has("bodyRepeat")) {
      raw =
          req.get("bodyRepeat")
              .get("text")
              .asText()
              .repeat(req.get("bodyRepeat").get("times").asInt())
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    if (raw != null) {
      body = HttpRequest.BodyPublishers.ofByteArray(raw);
      b.header("Content-Type", "application/json");
    }
    if (req.has("headers")) {
      Iterator<Map.Entry<String, JsonNode>> it = req.get("headers").fields();
      while (it.hasNext()) {
        var e = it.next();
        b.header(e.getKey(), e.getValue().asText());
      }
    }
    b.method(method, body);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void action(JsonNode step) throws Exception {
    switch (step.get("action").asText()) {
      case "lock_consumer" -> {
        locker = db.connect();
        locker.setAutoCommit(false);
        var s =
            locker.prepareStatement(
                "INSERT INTO consumer_state (chain_id, consumer) VALUES (?, ?) ON CONFLICT"
                    + " (chain_id, consumer) DO UPDATE SET updated_at = now()");
        s.setLong(1, step.get("chain").asLong());
        s.setString(2, step.get("consumer").asText());
        s.executeUpdate();
      }
      case "unlock" -> {
        locker.rollback();
        locker.close();
        locker = null;
      }
      case "break_db" -> {
        try (Connection c = db.connect()) {
          c.createStatement()
              .execute(
                  "ALTER TABLE issued_promise ADD CONSTRAINT golden_fault CHECK (amount < 0) NOT VALID");
        }
      }
      case "fix_db" -> {
        try (Connection c = db.connect()) {
          c.createStatement().execute("ALTER TABLE issued_promise DROP CONSTRAINT golden_fault");
        }
      }
      case "hermes_available_balance" -> {
        // the Hermes contract's available balance as the watcher would store it; the next case
        // starts from seedWorld's balance again
        try (Connection c = db.connect()) {
          Facts.hermesAvailableBalance(
              c,
              step.get("chain").asLong(),
              step.get("hermes").asText(),
              new BigInteger(step.get("balance").asText()));
        }
        refreshFacts();
      }
      default -> throw new IllegalArgumentException("unknown action " + step);
    }
  }

  /** The cases, written in code, recorded into files by -Dgolden.update=true. */
  static final class GoldenCases {
    static final HubDeployment DEP = HubDeployment.OFFLINE_DEV;
    static final long CHAIN = DEP.chainId();
    static final ExchangeFactory X = new ExchangeFactory(DEP, CHAIN);
    // a hub contract nobody wrote facts of (addresses given by hand)
    static final HubDeployment UNSEEN =
        new HubDeployment(
            0, "0x" + "4e".repeat(20), DEP.registry(), DEP.channelImplementation(), null);
    static final ExchangeFactory X_UNSEEN = new ExchangeFactory(UNSEEN, CHAIN);
    static final Identity C1 = ExchangeFactory.devIdentity("golden-consumer-1");
    static final Identity C2 = ExchangeFactory.devIdentity("golden-consumer-2-unregistered");
    static final Identity C3 = ExchangeFactory.devIdentity("golden-consumer-3-poor");
    static final Identity C4 = ExchangeFactory.devIdentity("golden-consumer-4-exiting");
    static final Identity P1 = ExchangeFactory.devIdentity("golden-provider-1");
    static final Identity P2 = ExchangeFactory.devIdentity("golden-provider-2-staked");
    static final Identity P3 = ExchangeFactory.devIdentity("golden-provider-3-settled");
    static final Identity STRANGER = ExchangeFactory.devIdentity("golden-stranger");
    static final BigInteger A1 =
        new BigInteger(
            "26320436445463553891232032398656133263238981208481614013111928294720212288493");
    static final String RR = "00112233445566778899aabbccddeeff";

    /** When C4's exit may be finalised (unix seconds), as the watcher stores an exit request. */
    static final long C4_EXIT_TIMELOCK = 1_900_000_000L;

    /** The Hermes contract's available balance (1000 MYST, as the offline hub seeds it). */
    static final BigInteger HERMES_AVAILABLE = BigInteger.TEN.pow(21);

    /** The chain facts every case starts from (written again before each case). */
    static void seedWorld(Connection c) throws Exception {
      Facts.consumer(c, CHAIN, C1.address(), true, n(1_000_000), n(0));
      Facts.consumer(c, CHAIN, C2.address(), false, n(1_000_000), n(0));
      Facts.consumer(c, CHAIN, C3.address(), true, n(100), n(0));
      Facts.consumer(c, CHAIN, P1.address(), true, n(1000), n(0));
      Facts.exitingConsumer(c, CHAIN, C4.address(), n(1_000_000), n(0), C4_EXIT_TIMELOCK);
      Facts.channel(c, CHAIN, X.providerChannelId(P2.address()), n(0), n(50));
      Facts.channel(c, CHAIN, X.providerChannelId(P3.address()), n(10), n(0));
      Facts.hermesAvailableBalance(c, CHAIN, DEP.hermesId(), HERMES_AVAILABLE);
    }

    /** Hub settings as a file's {@code "hub"} object, from key, value pairs. */
    static ObjectNode hub(String... keyValues) {
      ObjectNode o = JSON.createObjectNode();
      for (int i = 0; i < keyValues.length; i += 2) {
        o.put(keyValues[i], keyValues[i + 1]);
      }
      return o;
    }

    /** The cases that run against a hub with other settings than the main hub's. */
    static Map<String, ObjectNode> hubs() {
      Map<String, ObjectNode> m = new java.util.TreeMap<>();
      m.put("pay_and_settle_disabled", hub("policy.pay-and-settle", "false"));
      m.put("request_promise_stale_chain_facts", hub("policy.max-facts-age-seconds", "0"));
      m.put("request_promise_hub_funds_exhausted", hub("policy.solvency-guard", "on"));
      m.put(
          "request_promise_hub_facts_missing",
          hub(
              "chain.hermes-id", UNSEEN.hermesId(),
              "chain.registry", UNSEEN.registry(),
              "chain.channel-implementation", UNSEEN.channelImplementation(),
              "chain.ids", Long.toString(CHAIN)));
      return m;
    }

    static BigInteger n(long v) {
      return BigInteger.valueOf(v);
    }

    static ObjectNode post(String path, ObjectNode body) {
      ObjectNode r = JSON.createObjectNode();
      r.put("method", "POST");
      r.put("path", "/api/v2/" + path);
      r.set("body", body);
      ObjectNode s = JSON.createObjectNode();
      s.set("request", r);
      return s;
    }

    static ObjectNode signedPost(String path, ObjectNode body, Identity signer) {
      ObjectNode s = post(path, body);
      ((ObjectNode) s.get("request"))
          .putObject("headers")
          .put("Authorization", X.authorization(signer, ExchangeFactory.bytes(body)));
      return s;
    }

    static ObjectNode raw(String method, String path, String rawBody) {
      ObjectNode r = JSON.createObjectNode();
      r.put("method", method);
      r.put("path", path);
      if (rawBody != null) {
        r.put("rawBody", rawBody);
      }
      ObjectNode s = JSON.createObjectNode();
      s.set("request", r);
      return s;
    }

    static ObjectNode get(String path) {
      return raw("GET", "/api/v2/" + path, null);
    }

    static ObjectNode act(String action) {
      ObjectNode s = JSON.createObjectNode();
      s.put("action", action);
      return s;
    }

    static ObjectNode pay(
        Identity consumer,
        Identity provider,
        BigInteger agreement,
        long total,
        long amount,
        String r,
        long fee,
        String rr) {
      return post(
          "request_promise",
          X.requestPromise(
              consumer,
              provider.address(),
              agreement,
              n(total),
              n(amount),
              ExchangeFactory.devR(r),
              n(fee),
              rr));
    }

    static ObjectNode reveal(String r, Identity provider, BigInteger agreement) {
      return post("reveal_r", X.revealR(ExchangeFactory.devR(r), provider.address(), agreement));
    }

    static ObjectNode bent(ExchangeFactory.Exchange x) {
      return post("request_promise", X.exchange(x));
    }

    /**
     * C1's exchange of 100 with P1 under R "r1", its promise signed by {@code promiseSigner} on
     * {@code channel}, for {@code hermesId} on {@code chain}: honest with (C1, C1's channel, CHAIN,
     * this hub), bent in one of them otherwise.
     */
    static ExchangeFactory.Exchange exchange(
        Identity promiseSigner, String channel, long chain, String hermesId) {
      return new ExchangeFactory.Exchange(
          C1,
          promiseSigner,
          channel,
          chain,
          chain,
          hermesId,
          P1.address(),
          A1,
          n(100),
          n(100),
          ExchangeFactory.hashlockOf(ExchangeFactory.devR("r1")),
          n(5),
          RR);
    }

    static final OperatorKey OPERATOR =
        new OperatorKey(
            PrivateKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80"),
            Secp256k1s.getDefault());

    static UnsignedPromise hubPromise(long amount, long fee, String r, Identity provider) {
      return UnsignedPromise.forProviderChannel(
          ChainId.of(CHAIN),
          Bytes32.fromHex(X.providerChannelId(provider.address())),
          TokenAmount.of(amount),
          TokenAmount.of(fee),
          Bytes32.fromHex(ExchangeFactory.hashlockOf(ExchangeFactory.devR(r))));
    }

    static ObjectNode hermesPromise(long amount, long fee, String r, Identity provider) {
      // the hub's promise as the provider holds it (signed by the hub's dev operator key)
      return ExchangeFactory.tree(
          WireJson.writePromise(OPERATOR.sign(hubPromise(amount, fee, r, provider))));
    }

    static ObjectNode changeFee(ObjectNode promise, long newFee) {
      ObjectNode b = JSON.createObjectNode();
      b.set("hermes_promise", promise);
      b.put("new_fee", newFee);
      return post("change_promise_fee", b);
    }

    static ObjectNode syncBody(
        long amount, long fee, String r, Identity provider, Identity promiseSigner) {
      UnsignedPromise p = hubPromise(amount, fee, r, provider);
      Promise signed =
          promiseSigner == null
              ? OPERATOR.sign(p)
              : p.sign(new KeySigner(PrivateKey.of(promiseSigner.key()), Secp256k1s.getDefault()));
      return ExchangeFactory.tree(WireJson.writeSyncPromise(SyncPromiseRequest.of(signed)));
    }

    static ObjectNode refreshBody(Identity identity, String r) {
      return ExchangeFactory.tree(
          WireJson.writeRefreshPromise(
              new RefreshPromiseRequest(
                  ChainId.of(CHAIN),
                  Address.fromHex(identity.address()),
                  Bytes32.fromHex(ExchangeFactory.hashlockOf(ExchangeFactory.devR(r))),
                  RR)));
    }

    static ArrayNode steps(ObjectNode... s) {
      ArrayNode a = JSON.createArrayNode();
      for (ObjectNode o : s) {
        a.add(o);
      }
      return a;
    }

    static Map<String, ArrayNode> all() {
      Map<String, ArrayNode> m = new java.util.TreeMap<>();
      BigInteger a2 = n(2);
      // request_promise
      m.put(
          "request_promise_ok_then_reveal",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              pay(C1, P1, A1, 250, 250, "r2", 5, RR),
              reveal("r2", P1, A1),
              get("data/provider/" + P1.address()),
              get("data/consumer/" + C1.address())));
      m.put(
          "request_promise_identical_retry",
          steps(pay(C1, P1, A1, 100, 100, "r1", 5, RR), pay(C1, P1, A1, 100, 100, "r1", 5, RR)));
      m.put(
          "request_promise_hashlock_already_used",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              pay(C1, P1, A1, 150, 150, "r1", 5, RR)));
      m.put(
          "request_promise_malformed_json",
          steps(raw("POST", "/api/v2/request_promise", "{\"exchange_message\": ")));
      m.put(
          "request_promise_missing_field",
          steps(post("request_promise", JSON.createObjectNode().put("transactor_fee", 1))));
      m.put(
          "request_promise_fractional_amount",
          steps(
              raw(
                  "POST",
                  "/api/v2/request_promise",
                  "{\"exchange_message\":{\"Promise\":{\"ChainID\":1.5}},\"transactor_fee\":0}")));
      String c1Channel = X.consumerChannel(C1.address());
      m.put(
          "request_promise_invalid_signature_signers_differ",
          steps(bent(exchange(STRANGER, c1Channel, CHAIN, DEP.hermesId()))));
      m.put(
          "request_promise_invalid_signature_other_hermes",
          steps(bent(exchange(C1, c1Channel, CHAIN, STRANGER.address()))));
      m.put(
          "request_promise_invalid_signature_other_chain",
          steps(bent(exchange(C1, c1Channel, 1, DEP.hermesId()))));
      m.put(
          "request_promise_invalid_signature_wrong_channel",
          steps(bent(exchange(C1, X.consumerChannel(STRANGER.address()), CHAIN, DEP.hermesId()))));
      m.put("request_promise_consumer_unregistered", steps(pay(C2, P1, A1, 100, 100, "r1", 5, RR)));
      m.put(
          "request_promise_r_recovery_required",
          steps(pay(C1, P1, A1, 100, 100, "r1", 5, RR), pay(C1, P1, A1, 200, 200, "r2", 5, RR)));
      m.put(
          "request_promise_previous_r_not_revealed",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, null), pay(C1, P1, A1, 200, 200, "r2", 5, null)));
      m.put(
          "request_promise_payment_value_too_low",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              pay(C1, P1, A1, 99, 100, "r2", 5, RR)));
      m.put(
          "request_promise_promise_value_too_low",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              pay(C1, P1, a2, 10, 109, "r2", 5, RR)));
      m.put(
          "request_promise_overspending",
          steps(
              pay(C3, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              pay(C3, P1, A1, 101, 101, "r2", 5, RR)));
      m.put(
          "request_promise_provider_balance_exhausted",
          steps(
              pay(C1, P2, A1, 50, 50, "r1", 5, RR),
              reveal("r1", P2, A1),
              pay(C1, P2, A1, 51, 51, "r2", 5, RR)));
      m.put(
          "request_promise_invalid_previous_latest_promise",
          steps(pay(C1, P3, A1, 100, 100, "r1", 5, RR)));
      m.put(
          "request_promise_transactor_fee_too_high",
          steps(pay(C1, P1, A1, 100, 100, "r1", 1001, RR)));
      m.put(
          "request_promise_too_many_simultaneous_requests",
          steps(
              act("lock_consumer").put("chain", CHAIN).put("consumer", C1.address()),
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              act("unlock"),
              pay(C1, P1, A1, 100, 100, "r1", 5, RR)));
      m.put("request_promise_consumer_exiting", steps(pay(C4, P1, A1, 100, 100, "r1", 5, RR)));
      // on a hub with the solvency guard on, whose contract has 120 wei available: 100 is
      // promised, 50 more would leave the hub owing 150
      m.put(
          "request_promise_hub_funds_exhausted",
          steps(
              act("hermes_available_balance")
                  .put("chain", CHAIN)
                  .put("hermes", DEP.hermesId())
                  .put("balance", "120"),
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              pay(C1, P1, A1, 150, 150, "r2", 5, RR)));
      // on a hub whose facts may be 0 s old: the view was read before the request came, so it is
      // always too old (DecisionsTest checks the threshold itself, on a fixed clock)
      m.put("request_promise_stale_chain_facts", steps(pay(C1, P1, A1, 100, 100, "r1", 5, RR)));
      // on a hub whose contract has no facts yet (not ready): 503, not a refusal about balances
      m.put(
          "request_promise_hub_facts_missing",
          steps(
              post(
                  "request_promise",
                  X_UNSEEN.requestPromise(
                      C1,
                      P1.address(),
                      A1,
                      n(100),
                      n(100),
                      ExchangeFactory.devR("r1"),
                      n(5),
                      RR))));
      m.put(
          "request_promise_internal_error_changes_nothing",
          steps(
              act("break_db"),
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              act("fix_db"),
              get("data/consumer/" + C1.address()),
              get("data/provider/" + P1.address()),
              pay(C1, P1, A1, 100, 100, "r1", 5, RR)));
      // reveal_r
      m.put("reveal_r_no_previous_promise_found", steps(reveal("r1", P1, A1)));
      m.put(
          "reveal_r_hashlock_missmatch",
          steps(pay(C1, P1, A1, 100, 100, "r1", 5, RR), reveal("other", P1, A1)));
      m.put(
          "reveal_r_malformed",
          steps(
              post(
                  "reveal_r",
                  JSON.createObjectNode().put("R", "zz").put("Provider", P1.address()))));
      m.put(
          "reveal_r_twice",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              reveal("r1", P1, null)));
      // pay_and_settle
      ObjectNode wd =
          X.requestPromise(
              P1, P1.address(), a2, n(40), n(40), ExchangeFactory.devR("w1"), n(0), RR);
      ObjectNode wdTooMuch =
          X.requestPromise(
              C3, C3.address(), a2, n(101), n(101), ExchangeFactory.devR("w2"), n(0), RR);
      m.put(
          "pay_and_settle_expected_provider_channel",
          steps(
              post(
                  "pay_and_settle",
                  X.requestPromise(
                      C1, C1.address(), a2, n(40), n(40), ExchangeFactory.devR("w1"), n(0), RR))));
      m.put(
          "pay_and_settle_overspending",
          steps(
              pay(C1, C3, A1, 100, 100, "r1", 5, RR),
              reveal("r1", C3, A1),
              post("pay_and_settle", wdTooMuch)));
      m.put(
          "pay_and_settle_not_self",
          steps(
              post(
                  "pay_and_settle",
                  X.requestPromise(
                      C1, P1.address(), a2, n(40), n(40), ExchangeFactory.devR("w1"), n(0), RR))));
      // on a hub with policy.pay-and-settle=false: payments go on, withdrawals are refused
      m.put(
          "pay_and_settle_disabled",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              post("pay_and_settle", wd)));
      // P1 (channel balance 1000) withdrew 40 under a promise of 200: 200 is committed, 800
      // available; 900 more keeps the promise (940) within the balance but exceeds the available
      m.put(
          "pay_and_settle_exceeds_available",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              post(
                  "pay_and_settle",
                  X.requestPromise(
                      P1, P1.address(), a2, n(40), n(200), ExchangeFactory.devR("w1"), n(0), RR)),
              reveal("w1", P1, null),
              post(
                  "pay_and_settle",
                  X.requestPromise(
                      P1,
                      P1.address(),
                      a2,
                      n(940),
                      n(940),
                      ExchangeFactory.devR("w2"),
                      n(0),
                      RR))));
      m.put(
          "pay_and_settle_provider_withdraws",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              post("pay_and_settle", wd),
              reveal("w1", P1, null),
              get("data/provider/" + P1.address() + "/withdrawal")));
      // change_promise_fee
      m.put(
          "change_promise_fee_ok",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              changeFee(hermesPromise(100, 5, "r1", P1), 7)));
      m.put(
          "change_promise_fee_not_latest",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              changeFee(hermesPromise(99, 5, "r1", P1), 7)));
      m.put(
          "change_promise_fee_too_high",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              changeFee(hermesPromise(100, 5, "r1", P1), 1001)));
      m.put(
          "change_promise_fee_unknown_channel",
          steps(changeFee(hermesPromise(100, 5, "r1", P1), 7)));
      ObjectNode forged = hermesPromise(100, 5, "r1", P1);
      forged.put("Amount", 101);
      m.put(
          "change_promise_fee_invalid_signature",
          steps(pay(C1, P1, A1, 100, 100, "r1", 5, RR), changeFee(forged, 7)));
      // data
      m.put("data_consumer_not_found", steps(get("data/consumer/" + STRANGER.address())));
      m.put("data_consumer_known_facts_only", steps(get("data/consumer/" + C3.address())));
      m.put("data_consumer_bad_identity", steps(get("data/consumer/nope")));
      m.put("data_provider_not_found", steps(get("data/provider/" + STRANGER.address())));
      m.put(
          "data_provider_withdrawal_not_found",
          steps(get("data/provider/" + P1.address() + "/withdrawal")));
      // sync_promise
      m.put(
          "sync_promise_ok",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              signedPost("provider/sync_promise", syncBody(300, 5, "r9", P1, null), P1),
              get("data/provider/" + P1.address()),
              pay(C1, P1, A1, 200, 200, "r2", 5, RR),
              reveal("r9", P1, null),
              pay(C1, P1, A1, 200, 200, "r2", 5, RR)));
      m.put(
          "sync_promise_missing_authorization",
          steps(post("provider/sync_promise", syncBody(300, 5, "r9", P1, null))));
      m.put(
          "sync_promise_signed_by_another_identity",
          steps(signedPost("provider/sync_promise", syncBody(300, 5, "r9", P1, null), STRANGER)));
      m.put(
          "sync_promise_not_signed_by_hub",
          steps(signedPost("provider/sync_promise", syncBody(300, 5, "r9", P1, STRANGER), P1)));
      m.put(
          "sync_promise_amount_too_low",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              reveal("r1", P1, A1),
              signedPost("provider/sync_promise", syncBody(99, 5, "r9", P1, null), P1)));
      // refresh_promise
      m.put(
          "refresh_promise_ok",
          steps(
              pay(C1, P1, A1, 100, 100, "r1", 5, RR),
              signedPost("refresh_promise", refreshBody(P1, "fresh"), P1),
              reveal("fresh", P1, null),
              pay(C1, P1, A1, 150, 150, "r2", 5, RR)));
      m.put(
          "refresh_promise_not_found",
          steps(signedPost("refresh_promise", refreshBody(P1, "fresh"), P1)));
      m.put(
          "refresh_promise_wrong_signer",
          steps(signedPost("refresh_promise", refreshBody(P1, "fresh"), STRANGER)));
      // HTTP level
      m.put("http_unknown_path", steps(raw("GET", "/api/v2/no_such_thing", null)));
      m.put(
          "http_wrong_method",
          steps(
              raw("GET", "/api/v2/request_promise", null),
              raw("DELETE", "/api/v2/data/consumer/" + C1.address(), null)));
      ObjectNode big = raw("POST", "/api/v2/request_promise", null);
      ((ObjectNode) big.get("request"))
          .putObject("bodyRepeat")
          .put("text", " ")
          .put("times", 70_000);
      m.put("http_body_too_large", steps(big));
      m.put(
          "http_health_and_readiness",
          steps(raw("GET", "/healthz", null), raw("GET", "/readyz", null)));
      m.put("http_empty_body", steps(raw("POST", "/api/v2/reveal_r", null)));
      m.put("http_not_an_object", steps(raw("POST", "/api/v2/reveal_r", "[1,2]")));
      // relay (transactor) endpoints on this offline hub, whose relay is off
      m.put(
          "relay_off_service_unavailable",
          steps(
              raw("GET", "/api/v1/transactor/fee/" + CHAIN + "/register", null),
              raw("POST", "/api/v1/transactor/identity/register", "{}"),
              raw("GET", "/api/v1/transactor/queue/1", null)));
      return m;
    }
  }
}
