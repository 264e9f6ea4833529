package network.hermes.chaintests.fault;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import network.hermes.chaintests.reconcile.Reconciliation;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.node.store.ConsumerTotals;
import network.hermes.node.store.Earnings;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;
import network.hermes.settler.cli.SettleCommand;
import network.hermes.testkit.Cli;
import network.hermes.testkit.Curl;
import network.hermes.testkit.NodeProcess;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;
import network.hermes.tools.ToolMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider node ({@code hermes node provider}, its own process) killed with {@code kill -9} in
 * the middle of a paid download (curl through a consumer node's SOCKS5 proxy), restarted on the
 * same data folder and port, paid for one more download, stopped; then its earnings are settled on
 * chain with the settle tool on the node's folder. Nothing acknowledged is lost (the hub's latest
 * promise is at least what the node had stored when it was killed, and the restarted node holds it
 * with its R), the beneficiary receives exactly the hub's latest promise less the fees, and every
 * reconciliation invariant holds.
 */
@ExtendWith(SharedWorld.class)
class ProviderNodeKillIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int BLOB = 16 * 1024 * 1024;
  static final int HALF = BLOB / 2;

  /**
   * 64 MYST per GiB: one blob costs 1 MYST, so the relay's fee is a small share of a settlement.
   */
  static final TokenAmount PER_GIB = myst(64);

  static final TokenAmount BLOB_PRICE =
      TokenAmount.of(PER_GIB.toBigInteger().multiply(BigInteger.valueOf(BLOB)).shiftRight(30));

  static final Duration WAIT = Duration.ofSeconds(90);

  static World world;
  @TempDir static Path dir;
  static byte[] blob;
  static HttpServer web;
  static ExecutorService webThreads;

  /** Opened by the test once the provider is killed: the stalled download may go on (and fail). */
  static final CountDownLatch release = new CountDownLatch(1);

  static final List<NodeProcess> processes = new ArrayList<>();
  static final List<Curl> transfers = new ArrayList<>();

  @BeforeAll
  static void setUp(World shared) throws IOException {
    world = shared;
    blob = new byte[BLOB];
    new Random(23).nextBytes(blob);
    webThreads = Executors.newVirtualThreadPerTaskExecutor();
    web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    web.setExecutor(webThreads);
    web.createContext(
        "/blob",
        exchange -> {
          exchange.sendResponseHeaders(200, blob.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(blob);
          }
        });
    // the first half, then nothing until the test has killed the provider
    web.createContext(
        "/stall",
        exchange -> {
          exchange.sendResponseHeaders(200, blob.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(blob, 0, HALF);
            out.flush();
            release.await(5, TimeUnit.MINUTES);
            out.write(blob, HALF, BLOB - HALF);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException gone) {
            // the tunnel went away with the provider
          } finally {
            exchange.close();
          }
        });
    web.start();
  }

  @AfterAll
  static void tearDown() {
    release.countDown();
    transfers.forEach(Curl::close);
    processes.forEach(NodeProcess::close);
    if (web != null) {
      web.stop(0);
    }
    if (webThreads != null) {
      webThreads.shutdownNow();
    }
  }

  @Test
  void aProviderNodeKilledMidSessionLosesNothingAndSettlesToTheWei() throws Exception {
    ConsumerNode consumerId = world.consumer("provider-node-kill", myst(20));
    ProviderNode providerId = world.provider("provider-node-kill");
    Node provider = new Node("provider", providerId.key());
    Node consumer = new Node("consumer", consumerId.key());

    NodeProcess providerNode = provider.startProvider(0);
    int providerPort = listening(providerNode);
    NodeProcess consumerNode = consumer.startConsumer(providerPort, providerId);
    int socks = proxyPort(consumerNode);

    // a whole download, paid
    Curl.Result first = Curl.run(dir, "--socks5-hostname", "127.0.0.1:" + socks, url("/blob"));
    assertThat(first.exit()).as(first.stderr()).isZero();
    assertThat(first.body()).isEqualTo(blob);
    Waits.untilTrue(
        "the hub to promise the provider the first download, and the node to store it",
        WAIT,
        () ->
            hubAmount(providerId).compareTo(BLOB_PRICE) >= 0
                && storedAmount(provider, providerId).equals(hubAmount(providerId)));
    TokenAmount paidForFirst = storedAmount(provider, providerId);

    // a second one stalls half-way, after the consumer got its first half and paid for part of it
    Curl stalled = Curl.start(dir, "--socks5-hostname", "127.0.0.1:" + socks, url("/stall"));
    transfers.add(stalled);
    Waits.untilTrue(
        "the first half of the stalled download to arrive and be paid for",
        WAIT,
        () ->
            stalled.received() >= HALF
                && storedAmount(provider, providerId)
                        .compareTo(paidForFirst.plus(quarter(BLOB_PRICE)))
                    >= 0);
    TokenAmount storedBeforeKill = storedAmount(provider, providerId);

    providerNode.kill9();
    assertThat(consumerNode.awaitExit(WAIT))
        .as("the consumer's session ends with the provider")
        .isEqualTo(4);
    release.countDown();
    Curl.Result cut = stalled.await();
    assertThat(cut.exit()).as("curl of the interrupted download").isNotZero();
    assertThat(cut.body().length).isLessThan(BLOB);
    assertThat(cut.body()).isEqualTo(Arrays.copyOf(blob, cut.body().length));
    TokenAmount storedAtKill = storedAmount(provider, providerId);
    assertThat(storedAtKill).isGreaterThanOrEqualTo(storedBeforeKill);

    // restarted on the same folder and port: it holds the hub's latest promise with its R again
    providerNode = provider.startProvider(providerPort);
    listening(providerNode);
    Waits.untilTrue(
        "the restarted provider to hold the hub's latest promise with its R, revealed",
        WAIT,
        () -> inSync(provider, providerId));
    TokenAmount atRestart = storedAmount(provider, providerId);
    assertThat(atRestart)
        .as("the hub's latest promise after the restart, held by the restarted node")
        .isEqualTo(hubAmount(providerId))
        .isGreaterThanOrEqualTo(storedAtKill);

    consumerNode = consumer.startConsumer(providerPort, providerId);
    socks = proxyPort(consumerNode);
    Curl.Result after = Curl.run(dir, "--socks5-hostname", "127.0.0.1:" + socks, url("/blob"));
    assertThat(after.exit()).as(after.stderr()).isZero();
    assertThat(after.body()).isEqualTo(blob);
    Waits.untilTrue(
        "the hub to promise the restarted provider the download",
        WAIT,
        () ->
            hubAmount(providerId).compareTo(atRestart.plus(BLOB_PRICE)) >= 0
                && inSync(provider, providerId));

    // both nodes stopped; the provider's last session over, its store holds the hub's latest
    assertThat(consumerNode.terminate()).isEqualTo(143);
    providerNode.await(
        "session with " + Pattern.quote(consumerId.identity().toString()) + " ended", WAIT);
    Waits.untilTrue(
        "the provider to hold the hub's latest promise after the session",
        WAIT,
        () -> inSync(provider, providerId));
    assertThat(providerNode.terminate()).isEqualTo(143);
    Promise latest = hubPromise(providerId);
    assertThat(storedAmount(provider, providerId)).isEqualTo(latest.amount());
    TokenAmount consumerPromised = consumer.consumerTotals().promised();
    ChannelData consumerAtHub =
        world.hub().consumerData(consumerId.identity()).get(world.deployment().chainId());
    assertThat(consumerAtHub.latestPromise().amount())
        .as("the hub's books of the consumer, against what the consumer node promised")
        .isLessThanOrEqualTo(consumerPromised)
        .isGreaterThanOrEqualTo(latest.amount());

    // the settle tool on the node's folder, through the hub's relay
    Cli settle = provider.settleCli();
    JsonNode status = json(settle.run("status", "--json")).path("hubs").get(0);
    assertThat(wei(status.path("promise").path("amount"))).isEqualTo(latest.amount());
    assertThat(status.path("promise").path("signedByOperator").asBoolean()).isTrue();
    assertThat(status.path("hubView").path("inSync").asBoolean()).isTrue();
    TokenAmount before = world.chain().tokenBalance(providerId.beneficiary());
    JsonNode record = json(settle.run("now", "--json"));
    assertThat(record.path("outcome").asText()).isEqualTo("settled");
    TokenAmount hubFee = world.chain().hermesFee(latest.amount());
    TokenAmount transactorFee = wei(record.path("transactorFee"));
    TokenAmount received = world.chain().tokenBalance(providerId.beneficiary()).minus(before);
    assertThat(received)
        .as("paid to the beneficiary: the hub's latest promise less the hub's and the relay's fees")
        .isEqualTo(latest.amount().minus(hubFee).minus(transactorFee));
    assertThat(wei(record.path("sentToBeneficiary"))).isEqualTo(received);
    assertThat(wei(record.path("fees"))).isEqualTo(hubFee.plus(transactorFee));
    assertThat(world.chain().providerChannel(providerId.channelId()).settled())
        .isEqualTo(latest.amount());

    Reconciliation reconciled = world.awaitReconciled();
    assertThat(reconciled.holds()).isTrue();
    System.out.printf(
        "ProviderNodeKillIT: killed at %s wei stored, hub's latest %s wei, settled %s wei, %s wei"
            + " to the beneficiary; reconciled%n",
        storedAtKill, latest.amount(), latest.amount(), received);
  }

  /** A node's key and data folder; its processes are stopped in teardown. */
  record Node(String name, PrivateKey key) {
    Path dataDir() {
      return dir.resolve(name);
    }

    List<String> common() {
      return List.of(
          "--hub", world.hubProcess().apiUrl(),
          "--deployment", world.deploymentFile().toString(),
          "--dev-key", Hex.encode(key.toBytes()),
          "--data-dir", dataDir().toString(),
          "--status-interval", "1");
    }

    NodeProcess startProvider(int port) throws IOException {
      List<String> args = new ArrayList<>(List.of("provider"));
      args.addAll(common());
      args.addAll(
          List.of(
              "--host", "127.0.0.1",
              "--port", Integer.toString(port),
              "--allow", "127.0.0.1/32",
              "--price-per-gib", PER_GIB.toString(),
              "--charge-period-seconds", "1",
              // never settles by itself: the settle tool does it
              "--settle-threshold", "0"));
      return start(args);
    }

    NodeProcess startConsumer(int port, ProviderNode provider) throws IOException {
      List<String> args = new ArrayList<>(List.of("consumer"));
      args.addAll(common());
      args.addAll(
          List.of(
              "--provider",
              "127.0.0.1:" + port,
              "--provider-id",
              provider.identity().toHex(),
              "--max-price-per-gib",
              PER_GIB.toString(),
              "--socks-port",
              "0"));
      return start(args);
    }

    private NodeProcess start(List<String> args) throws IOException {
      NodeProcess p = NodeProcess.start(logs().resolve(name + ".log"), args);
      processes.add(p);
      return p;
    }

    Earnings earnings(ProviderNode provider) throws IOException {
      return Earnings.open(
          dataDir(),
          provider.identity(),
          world.deployment().hermesId(),
          world.deployment().chainId());
    }

    ConsumerTotals consumerTotals() throws IOException {
      return ConsumerTotals.open(
          ConsumerTotals.fileFor(
              dataDir(),
              TestNetwork.addressOf(key),
              world.deployment().hermesId(),
              world.deployment().chainId()));
    }

    Cli settleCli() throws IOException {
      return new Cli(
          (args, out, err) ->
              ToolMain.execute(new SettleCommand(Map.of()), "settle", args, out, err),
          List.of(
              "--rpc-url", world.rpcUrl(),
              "--deployment", world.deploymentFile().toString(),
              "--hub-url", world.hubProcess().apiUrl(),
              "--data-dir", dataDir().toString(),
              "--keystore-dir", Files.createDirectories(dir.resolve("keystore")).toString(),
              "--dev-key", Hex.encode(key.toBytes())));
    }
  }

  /** The nodes' logs stay after the run, beside the hubs' (target/ of the module). */
  static Path logs() {
    return Path.of("target", "node-logs", Long.toString(ProcessHandle.current().pid()));
  }

  static int listening(NodeProcess p) {
    return Integer.parseInt(p.await("listening on [^:]+:(\\d+)", WAIT).group(1));
  }

  static int proxyPort(NodeProcess c) {
    return Integer.parseInt(c.await("proxy on 127\\.0\\.0\\.1:(\\d+)", WAIT).group(1));
  }

  static TokenAmount quarter(TokenAmount amount) {
    return TokenAmount.of(amount.toBigInteger().shiftRight(2));
  }

  static String url(String path) {
    return "http://127.0.0.1:" + web.getAddress().getPort() + path;
  }

  static Promise hubPromise(ProviderNode provider) throws HubException {
    HubClient hub = world.hub();
    ChannelData data = hub.providerData(provider.identity()).get(world.deployment().chainId());
    return data == null ? null : data.latestPromise();
  }

  static TokenAmount hubAmount(ProviderNode provider) throws HubException {
    Promise p = hubPromise(provider);
    return p == null ? TokenAmount.ZERO : p.amount();
  }

  static TokenAmount storedAmount(Node node, ProviderNode provider) throws IOException {
    return node.earnings(provider).latest().map(Promise::amount).orElse(TokenAmount.ZERO);
  }

  /** The node's store holds the hub's latest promise, with the R of its hashlock, revealed. */
  static boolean inSync(Node node, ProviderNode provider) throws IOException, HubException {
    Earnings e = node.earnings(provider);
    Optional<Promise> stored = e.latest();
    return stored.isPresent()
        && stored.get().amount().equals(hubAmount(provider))
        && stored.get().rMatchesHashlock()
        && e.revealed();
  }

  static JsonNode json(Cli.Result r) throws IOException {
    assertThat(r.code()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  static TokenAmount wei(JsonNode n) {
    return TokenAmount.of(n.bigIntegerValue());
  }
}
