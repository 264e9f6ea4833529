package network.hermes.dashboard.it;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.hubclient.RelayFeeKind;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelayRegistration;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.testkit.ProcessTree;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard against a real hub process on a devnet with real traffic (a consumer pays a
 * provider twice, the provider settles once through the relay, one request is refused): its JSON
 * API's logins and refusals over HTTP, and its pages in headless Chromium (dashboard.spec.mjs,
 * driven by playwright-core), whose numbers must equal the API's.
 */
class DashboardBrowserIT {
  static final Secp256k1 SECP = Secp256k1s.getDefault();
  static final SecureRandom RANDOM = new SecureRandom();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "dashboard-it-operator-token-" + Long.toHexString(RANDOM.nextLong());
  static final PrivateKey CONSUMER = identity("dashboard-it consumer");
  static final PrivateKey PROVIDER = identity("dashboard-it provider");
  static final PrivateKey STRANGER = identity("dashboard-it stranger");

  /** Identities whose relay registration fails for want of funds, retried from the dashboard. */
  static final PrivateKey LATE = identity("dashboard-it late registrant, browser");

  static final PrivateKey LATE_API = identity("dashboard-it late registrant, api");

  static TestNetwork net;
  static HubClient hub;
  static Deployment deployment;
  static String base;
  static RelayJob settlement;
  static String lateJob;
  static String lateApiJob;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    net =
        TestNetwork.builder()
            .hubSetting("dashboard.operator-token", TOKEN)
            // a registration whose channel is not funded within a second fails: a stuck job
            .hubSetting("relay.funding-wait-seconds", "1")
            .start();
    hub = HubClient.connect(net.hub().apiUrl());
    deployment = net.deployment();
    base = net.hub().apiUrl().replaceFirst("/api/v2$", "");
    traffic();
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    if (net != null) {
      net.close();
    }
  }

  /**
   * Two paid exchanges, one settlement through the relay, one refused reveal; two registrations
   * through the relay that fail because their channels are funded too late.
   */
  static void traffic() throws Exception {
    KeySigner consumer = new KeySigner(CONSUMER, SECP);
    KeySigner provider = new KeySigner(PROVIDER, SECP);
    net.mint(channelOf(consumer.address()), myst(10));
    net.chain().registerIdentity(CONSUMER, TokenAmount.ZERO);
    net.chain().registerIdentity(PROVIDER, TokenAmount.ZERO);
    Waits.untilTrue(
        "the hub to see the consumer's top-up",
        Duration.ofSeconds(60),
        () -> {
          try {
            ChannelData d = hub.consumerData(consumer.address()).get(deployment.chainId());
            return d != null && d.balance().equals(myst(10));
          } catch (HubException e) {
            return false;
          }
        });
    BigInteger agreement = BigInteger.valueOf(14);
    Bytes32 r1 = Bytes32.random(RANDOM);
    Promise first = pay(consumer, provider.address(), agreement, myst(3), r1);
    hub.revealR(new RevealRequest(r1, provider.address(), agreement));
    try {
      hub.revealR(new RevealRequest(r1, provider.address(), agreement));
    } catch (HubException expected) {
      // a refusal for the operator's rejections table
    }
    TokenAmount fee = hub.relayFee(deployment.chainId(), RelayFeeKind.SETTLE).fee();
    Promise withFee = hub.changePromiseFee(new ChangePromiseFeeRequest(first, fee));
    String id =
        hub.submit(
            RelaySettlement.of(
                RelaySettlement.Kind.SETTLE_AND_REBALANCE,
                deployment.hermesId(),
                provider.address(),
                withFee,
                r1));
    RelayJob job =
        hub.awaitRelayJob(
            id, Duration.ofSeconds(90), Duration.ofMillis(200), Clock.systemUTC(), j -> {});
    assertThat(job.state()).as(job.error()).isEqualTo(RelayJob.State.DONE);
    settlement = job;
    Waits.untilTrue(
        "the hub to see the settlement",
        Duration.ofSeconds(60),
        () ->
            hub.providerData(provider.address())
                .get(deployment.chainId())
                .settled()
                .equals(myst(3)));
    Bytes32 r2 = Bytes32.random(RANDOM);
    pay(consumer, provider.address(), agreement, myst(5), r2);
    hub.revealR(new RevealRequest(r2, provider.address(), agreement));

    lateJob = failedRegistration(LATE);
    lateApiJob = failedRegistration(LATE_API);
  }

  /** A relay registration that ends in error (nothing in its channel), then its channel funded. */
  static String failedRegistration(PrivateKey key) throws Exception {
    KeySigner identity = new KeySigner(key, SECP);
    TokenAmount fee = hub.relayFee(deployment.chainId(), RelayFeeKind.REGISTER).fee();
    String id =
        hub.submit(
            new RelayRegistration(
                deployment.chainId(),
                deployment.registry(),
                deployment.hermesId(),
                TokenAmount.ZERO,
                fee,
                identity.address(),
                new IdentityRegistration(
                        deployment.chainId(),
                        deployment.registry(),
                        deployment.hermesId(),
                        TokenAmount.ZERO,
                        fee,
                        identity.address())
                    .sign(identity),
                identity.address()));
    RelayJob job =
        hub.awaitRelayJob(
            id, Duration.ofSeconds(60), Duration.ofMillis(200), Clock.systemUTC(), j -> {});
    assertThat(job.state()).as(job.error()).isEqualTo(RelayJob.State.ERROR);
    assertThat(job.error()).contains("did not receive stake + fee");
    net.mint(channelOf(identity.address()), fee);
    return id;
  }

  @Test
  void pagesShowTheApiNumbersAndLoginsHoldInChromium() throws Exception {
    Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    Path shots =
        Path.of(System.getProperty("dashboard.screenshots", "target/dashboard-screenshots"));
    Path log = Files.createTempFile("dashboard-spec", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "node",
                root.resolve("dashboard-tests/src/test/browser/dashboard.spec.mjs").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "HUB", base,
                "TOKEN", TOKEN,
                "PROVIDER", TestNetwork.addressOf(PROVIDER).toHex(),
                "PROVIDER_KEY", Hex.encode(PROVIDER.toBytes()),
                "WRONG_KEY", Hex.encode(STRANGER.toBytes()),
                "CONSUMER", TestNetwork.addressOf(CONSUMER).toHex(),
                "LATE_KEY", Hex.encode(LATE.toBytes()),
                "LATE_JOB", lateJob,
                "SHOTS", shots.toAbsolutePath().toString()));
    Process spec = pb.start();
    try {
      boolean ended = spec.waitFor(4, TimeUnit.MINUTES);
      String output = Files.readString(log);
      assertThat(ended).as("the browser test ended within 4 minutes:\n" + output).isTrue();
      assertThat(spec.exitValue()).as(() -> output + "\nhub log:\n" + net.hub().logTail()).isZero();
      assertThat(output).contains("checks passed");
      assertThat(shots.resolve("operator.png")).isNotEmptyFile();
      assertThat(shots.resolve("provider.png")).isNotEmptyFile();
      // the job the page retried went through: the identity is registered on chain
      assertThat(hub.relayJob(lateJob).state()).isEqualTo(RelayJob.State.DONE);
      assertThat(net.chain().client().isRegistered(TestNetwork.addressOf(LATE))).isTrue();
    } finally {
      ProcessTree.terminate(spec.toHandle(), Duration.ofSeconds(5));
      Files.deleteIfExists(log);
    }
  }

  @Test
  void operatorEndpointsRefuseWithoutTheLogin() throws Exception {
    assertError(get("/operator/overview", null), 401, "login required");
    assertError(get("/operator/consumers", "Bearer wrong"), 401, "login required");
    assertError(get("/operator/consumers?q=zz", "Bearer " + TOKEN), 400, "malformed request");
    assertError(get("/operator/providers?size=1000", "Bearer " + TOKEN), 400, "malformed request");
    assertError(get("/operator/overview?chain=5", "Bearer " + TOKEN), 404, "resource not found");
    HttpResponse<String> ok = get("/operator/overview", "Bearer " + TOKEN);
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode overview = JSON.readTree(ok.body());
    assertThat(overview.at("/relay/jobs/done").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(overview.at("/traffic/promises").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aProviderLogsInWithItsSignatureOnlyOnceAndSeesItsEarnings() throws Exception {
    Address provider = TestNetwork.addressOf(PROVIDER);
    String challenge = JSON.readTree(get("/challenge", null).body()).get("challenge").asText();
    byte[] body = loginBody(provider, challenge);

    assertError(post("/login", body, null), 401, "login required");
    assertError(
        post("/login", body, "Signature " + sign(STRANGER, body)), 401, "invalid signature");
    assertError(
        post("/login", "{}".getBytes(), "Signature " + sign(PROVIDER, "{}".getBytes())),
        400,
        "malformed request");

    HttpResponse<String> login = post("/login", body, "Signature " + sign(PROVIDER, body));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    JsonNode session = JSON.readTree(login.body());
    assertThat(session.get("role").asText()).isEqualTo("provider");
    assertThat(session.get("identity").asText()).isEqualTo(provider.toHex());
    assertError(
        post("/login", body, "Signature " + sign(PROVIDER, body)),
        401,
        "challenge expired or used");

    String bearer = "Bearer " + session.get("token").asText();
    assertError(get("/operator/overview", bearer), 403, "operator login required");
    HttpResponse<String> overview = get("/provider/overview", bearer);
    assertThat(overview.statusCode()).as(() -> net.hub().logTail()).isEqualTo(200);
    JsonNode earnings = JSON.readTree(overview.body()).get("earnings");
    ChannelData chain = hub.providerData(provider).get(deployment.chainId());
    assertThat(earnings.get("promised").asText())
        .isEqualTo(chain.latestPromise().amount().toBigInteger().toString());
    assertThat(earnings.get("settled").asText()).isEqualTo(myst(3).toBigInteger().toString());
    assertThat(earnings.get("unsettled").asText())
        .isEqualTo(myst(5).minus(myst(3)).toBigInteger().toString());
    BigInteger unsettled = new BigInteger(earnings.get("unsettled").asText());
    BigInteger hubFee = net.chain().client().hermesFee(TokenAmount.of(unsettled)).toBigInteger();
    assertThat(earnings.get("hub_fee").asText()).isEqualTo(hubFee.toString());
    assertThat(new BigInteger(earnings.get("net").asText()))
        .isEqualTo(
            unsettled
                .subtract(hubFee)
                .subtract(new BigInteger(earnings.get("transactor_fee").asText())));
  }

  @Test
  void aStuckRelayJobIsRetriedByItsOwnerOnly() throws Exception {
    String path = "/relay/" + lateApiJob + "/retry";
    assertError(post(path, new byte[0], null), 401, "login required");
    assertError(post(path, new byte[0], login(STRANGER)), 404, "resource not found");
    assertError(
        post("/relay/no-such-job/retry", new byte[0], "Bearer " + TOKEN),
        404,
        "resource not found");
    String provider = login(PROVIDER);
    assertError(
        post("/relay/" + settlement.id() + "/retry", new byte[0], provider), 409, "not retryable");
    assertThat(hub.relayJob(lateApiJob).state()).isEqualTo(RelayJob.State.ERROR);

    String owner = login(LATE_API);
    HttpResponse<String> retried = post(path, new byte[0], owner);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    JsonNode job = JSON.readTree(retried.body());
    assertThat(job.get("id").asText()).isEqualTo(lateApiJob);
    assertThat(job.get("state").asText()).isEqualTo("queued");
    assertThat(job.get("error").isNull()).isTrue();
    RelayJob done =
        hub.awaitRelayJob(
            lateApiJob, Duration.ofSeconds(60), Duration.ofMillis(200), Clock.systemUTC(), j -> {});
    assertThat(done.state()).as(done.error()).isEqualTo(RelayJob.State.DONE);
    assertThat(net.chain().client().isRegistered(TestNetwork.addressOf(LATE_API))).isTrue();
    assertError(post(path, new byte[0], owner), 409, "not retryable");
  }

  @Test
  void theSettlementHistoryShowsTheChainsSettlementWithItsHash() throws Exception {
    Address provider = TestNetwork.addressOf(PROVIDER);
    String bearer = login(PROVIDER);
    JsonNode overview = JSON.readTree(get("/provider/overview", bearer).body());
    JsonNode history = overview.get("settlements");
    assertThat(history).hasSize(1);
    JsonNode s = history.get(0);
    assertThat(s.get("tx_hash").asText()).isEqualTo(settlement.txHash());
    assertThat(s.get("channel").asText()).isEqualTo("earnings");
    assertThat(s.get("via_relay").asBoolean()).isTrue();
    assertThat(s.get("beneficiary").asText()).isEqualTo(overview.get("beneficiary").asText());
    assertThat(s.get("block").asLong()).isPositive();
    assertThat(s.get("settled_at").asText()).isNotBlank();
    // what the beneficiary got plus the fees is the 3 MYST the chain settled, to the wei
    BigInteger paid = new BigInteger(s.get("amount").asText());
    BigInteger fees = new BigInteger(s.get("fees").asText());
    assertThat(paid.add(fees))
        .isEqualTo(hub.providerData(provider).get(deployment.chainId()).settled().toBigInteger());
    BigInteger hubFee = net.chain().client().hermesFee(myst(3)).toBigInteger();
    assertThat(fees).isEqualTo(hubFee.add(new BigInteger(settlementFee())));
  }

  /** The transactor fee the settlement job paid, as the provider's transaction list shows it. */
  static String settlementFee() throws Exception {
    JsonNode txs =
        JSON.readTree(get("/provider/overview", login(PROVIDER)).body()).get("transactions");
    for (JsonNode t : txs) {
      if (t.get("id").asText().equals(settlement.id())) {
        return t.get("fee").asText();
      }
    }
    throw new AssertionError("the settlement job is not listed: " + txs);
  }

  /** Logs in with a key's signature over a fresh challenge; returns the Authorization header. */
  static String login(PrivateKey key) throws Exception {
    String challenge = JSON.readTree(get("/challenge", null).body()).get("challenge").asText();
    byte[] body = loginBody(TestNetwork.addressOf(key), challenge);
    HttpResponse<String> login = post("/login", body, "Signature " + sign(key, body));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return "Bearer " + JSON.readTree(login.body()).get("token").asText();
  }

  static byte[] loginBody(Address identity, String challenge) {
    return JSON.createObjectNode()
        .put("identity", identity.toHex())
        .put("challenge", challenge)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  static String sign(PrivateKey key, byte[] body) {
    return Base64.getEncoder()
        .encodeToString(new KeySigner(key, SECP).sign(Keccak.hash(body)).toBytes());
  }

  static HttpResponse<String> get(String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/dashboard" + path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, byte[] body, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/dashboard" + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertError(HttpResponse<String> res, int status, String cause) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(res.body());
    assertThat(body.get("cause").asText()).isEqualTo(cause);
    assertThat(body.get("message").asText()).isNotBlank();
  }

  static Promise pay(
      KeySigner consumer, Address provider, BigInteger agreement, TokenAmount total, Bytes32 r)
      throws Exception {
    Promise promise =
        new UnsignedPromise(
                deployment.chainId(),
                channelOf(consumer.address()).toBytes32(),
                total,
                TokenAmount.ZERO,
                Keccak.hash(r.toBytes()))
            .sign(consumer);
    ExchangeMessage exchange =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(agreement)
            .agreementTotal(total)
            .provider(provider)
            .hermesId(deployment.hermesId())
            .chainId(deployment.chainId())
            .sign(consumer);
    return hub.requestPromise(
        new RequestPromiseRequest(
            exchange,
            TokenAmount.ZERO,
            RRecovery.forKey(PROVIDER).encrypt(RecoveryDetails.of(r, agreement), RANDOM)));
  }

  static PrivateKey identity(String label) {
    return PrivateKey.of(Keccak.hash(label.getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  static Address channelOf(Address identity) {
    return ChannelIds.consumerChannelAddress(
        deployment.registry(), identity, deployment.hermesId(), deployment.channelImplementation());
  }
}
