package network.hermes.node.it;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.node.store.ConsumerTotals;
import network.hermes.node.store.Earnings;
import network.hermes.node.transport.ChannelBindingProof;
import network.hermes.node.transport.ChannelBindingProof.Role;
import network.hermes.node.transport.Frame;
import network.hermes.node.transport.FrameType;
import network.hermes.node.transport.FramedSocket;
import network.hermes.node.transport.NodeTls;
import network.hermes.node.transport.PeerHandshake;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;
import network.hermes.testkit.Curl;
import network.hermes.testkit.NodeProcess;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes end to end: a devnet, PostgreSQL and a hub (testkit), provider and consumer
 * processes of {@code hermes node}, a local HTTP server, and {@code curl} through the consumer's
 * SOCKS5 proxy. The tests run in order on one network: later ones restart and kill what earlier
 * ones started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunnelIT {
  static final int BLOB = 8 * 1024 * 1024;
  static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  static TestNetwork net;
  static HubClient hub;
  static Deployment deployment;
  static HttpServer web;
  static byte[] blob;
  static final List<NodeProcess> processes = new ArrayList<>();
  static NodeProcess provider;
  static NodeProcess consumer;
  static int providerPort;
  static int socksPort;

  static final PrivateKey PROVIDER = key("tunnel-it provider");
  static final PrivateKey CONSUMER = key("tunnel-it consumer");
  static final PrivateKey GREEDY = key("tunnel-it greedy provider");
  static final PrivateKey STRICT = key("tunnel-it strict provider");

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.start();
    hub = HubClient.connect(net.hub().apiUrl());
    deployment = net.deployment();
    blob = new byte[BLOB];
    new Random(11).nextBytes(blob);
    web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    web.createContext(
        "/blob",
        exchange -> {
          exchange.sendResponseHeaders(200, blob.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(blob);
          }
        });
    web.start();
    register(PROVIDER, TokenAmount.ZERO);
    register(GREEDY, TokenAmount.ZERO);
    register(STRICT, TokenAmount.ZERO);
    register(CONSUMER, myst(10));
  }

  @AfterAll
  static void stop() {
    processes.forEach(NodeProcess::close);
    if (web != null) {
      web.stop(0);
    }
    if (hub != null) {
      hub.close();
    }
    if (net != null) {
      net.close();
    }
  }

  static PrivateKey key(String label) {
    return PrivateKey.of(Keccak.hash(label.getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  static Address id(PrivateKey key) {
    return TestNetwork.addressOf(key);
  }

  static void register(PrivateKey key, TokenAmount topUp) {
    Address identity = id(key);
    if (!topUp.isZero()) {
      net.mint(
          ChannelIds.consumerChannelAddress(
              deployment.registry(),
              identity,
              deployment.hermesId(),
              deployment.channelImplementation()),
          topUp);
    }
    net.chain().registerIdentity(key, TokenAmount.ZERO);
    if (!topUp.isZero()) {
      Waits.untilTrue(
          "the hub to see " + identity + "'s top-up",
          WAIT,
          () -> {
            try {
              ChannelData d = hub.consumerData(identity).get(deployment.chainId());
              return d != null && d.balance().equals(topUp);
            } catch (HubException e) {
              return false;
            }
          });
    }
  }

  static List<String> common(PrivateKey key, String name) {
    return new ArrayList<>(
        List.of(
            "--hub", net.hub().apiUrl(),
            "--deployment", net.deploymentFile().toString(),
            "--dev-key", Hex.encode(key.toBytes()),
            "--data-dir", dir.resolve(name).toString(),
            "--status-interval", "1"));
  }

  static NodeProcess startProvider(String name, PrivateKey key, int port, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("provider"));
    args.addAll(common(key, name));
    args.addAll(
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--allow",
            "127.0.0.1/32",
            "--charge-period-seconds",
            "1"));
    args.addAll(List.of(extra));
    NodeProcess p = NodeProcess.start(dir.resolve(name + ".log"), args);
    processes.add(p);
    return p;
  }

  static NodeProcess startConsumer(String name, PrivateKey key, int port, String... extra)
      throws IOException {
    return startConsumer(name, key, port, PROVIDER, extra);
  }

  static NodeProcess startConsumer(
      String name, PrivateKey key, int port, PrivateKey providerKey, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("consumer"));
    args.addAll(common(key, name));
    args.addAll(
        List.of(
            "--provider",
            "127.0.0.1:" + port,
            "--provider-id",
            id(providerKey).toHex(),
            "--socks-port",
            "0"));
    args.addAll(List.of(extra));
    NodeProcess c = NodeProcess.start(dir.resolve(name + ".log"), args);
    processes.add(c);
    return c;
  }

  static int listening(NodeProcess p) {
    return Integer.parseInt(p.await("listening on [^:]+:(\\d+)", WAIT).group(1));
  }

  static int proxyPort(NodeProcess c) {
    return Integer.parseInt(c.await("proxy on 127\\.0\\.0\\.1:(\\d+)", WAIT).group(1));
  }

  static Curl.Result curl(String... args) throws Exception {
    return Curl.run(dir, args);
  }

  static String blobUrl(String host) {
    return "http://" + host + ":" + web.getAddress().getPort() + "/blob";
  }

  static Promise hubPromiseToProvider() throws HubException {
    ChannelData data = hub.providerData(id(PROVIDER)).get(deployment.chainId());
    return data == null ? null : data.latestPromise();
  }

  static TokenAmount hubAmount() throws HubException {
    Promise p = hubPromiseToProvider();
    return p == null ? TokenAmount.ZERO : p.amount();
  }

  @Test
  @Order(1)
  void aPaidSessionCarriesCurlsDownloadAndPromisesFlow() throws Exception {
    provider = startProvider("provider", PROVIDER, 0);
    providerPort = listening(provider);
    consumer = startConsumer("consumer", CONSUMER, providerPort);
    socksPort = proxyPort(consumer);

    Curl.Result socks = curl("--socks5-hostname", "127.0.0.1:" + socksPort, blobUrl("127.0.0.1"));
    assertThat(socks.exit()).as(socks.stderr()).isZero();
    assertThat(socks.body()).isEqualTo(blob);
    Curl.Result connect =
        curl("--proxytunnel", "-x", "http://127.0.0.1:" + socksPort, blobUrl("127.0.0.1"));
    assertThat(connect.exit()).as(connect.stderr()).isZero();
    assertThat(connect.body()).isEqualTo(blob);

    // the first promise is 1 wei; a later one pays for the 16 MiB
    TokenAmount due =
        TokenAmount.of(100_000_000_000_000_000L / 1024 * 16); // 16 MiB at 0.1 MYST/GiB
    Promise promise =
        Waits.until(
            "the hub to promise the provider for the transfer",
            WAIT,
            () -> {
              Promise p = hubPromiseToProvider();
              return p != null && p.amount().compareTo(due) >= 0
                  ? Optional.of(p)
                  : Optional.empty();
            });
    assertThat(promise.recoverSigner(Secp256k1s.getDefault()))
        .isEqualTo(deployment.hermesOperator());
    Waits.untilTrue(
        "the provider to reveal R of its latest promise",
        WAIT,
        () -> providerEarnings().revealed());
    Earnings earnings = providerEarnings();
    assertThat(earnings.latest()).isPresent();
    assertThat(earnings.latest().get().rMatchesHashlock()).isTrue();

    ChannelData consumerAtHub = hub.consumerData(id(CONSUMER)).get(deployment.chainId());
    assertThat(consumerAtHub.latestPromise().amount())
        .isLessThanOrEqualTo(consumerTotals().promised())
        .isGreaterThanOrEqualTo(due);
    assertThat(consumer.await("bytes=.* paid=.* promised=", WAIT).group()).isNotEmpty();
  }

  @Test
  @Order(2)
  void aDestinationOutsideThePolicyIsRefused() throws Exception {
    Curl.Result denied = curl("--socks5-hostname", "127.0.0.1:" + socksPort, blobUrl("127.0.0.2"));
    assertThat(denied.exit()).as(denied.stderr()).isEqualTo(97); // curl: proxy handshake refused
    assertThat(denied.stderr()).contains("(2)"); // SOCKS5 reply 2: not allowed by ruleset
    assertThat(provider.await("127\\.0\\.0\\.2 is a loopback address", WAIT).group()).isNotEmpty();
    Curl.Result http =
        curl("--proxytunnel", "-x", "http://127.0.0.1:" + socksPort, blobUrl("127.0.0.2"));
    assertThat(http.exit()).isEqualTo(56); // CONNECT answered 403
    assertThat(http.stderr()).contains("403");
  }

  @Test
  @Order(3)
  void aPeerThatDoesNotProveItsIdentityIsRefused() throws Exception {
    FramedSocket peer = connectRaw();
    peer.write(new Frame(FrameType.OPEN, 1, "127.0.0.1:80".getBytes(StandardCharsets.UTF_8)));
    assertThat(peer.read().type()).isEqualTo(FrameType.HELLO); // the provider's proof
    Frame refusal = peer.read();
    assertThat(refusal.type()).isEqualTo(FrameType.REFUSE);
    assertThat(new String(refusal.payload(), StandardCharsets.UTF_8))
        .isEqualTo("peer skipped the identity proof (sent OPEN first)");
    peer.close();
    assertThat(provider.await("refused=[1-9]", WAIT).group()).isNotEmpty();
  }

  @Test
  @Order(4)
  void aPeerReplayingAnotherConnectionsIdentityProofIsRefused() throws Exception {
    long refusedBefore = refusedCount(provider);
    // connection 1: the provider's HELLO and the consumer's own proof, both genuine for it
    FramedSocket first = connectRaw();
    byte[] firstBinding = first.binding();
    Frame providerHello = first.read();
    assertThat(providerHello.type()).isEqualTo(FrameType.HELLO);
    Signature consumerProof =
        ChannelBindingProof.sign(
            new KeySigner(CONSUMER, Secp256k1s.getDefault()), Role.CLIENT, firstBinding);
    assertThat(
            ChannelBindingProof.verify(
                Secp256k1s.getDefault(), id(CONSUMER), Role.CLIENT, firstBinding, consumerProof))
        .isTrue();
    assertThat(
            ChannelBindingProof.verify(
                Secp256k1s.getDefault(),
                id(PROVIDER),
                Role.SERVER,
                firstBinding,
                Signature.of(
                    Arrays.copyOfRange(
                        providerHello.payload(),
                        1 + Address.SIZE,
                        1 + Address.SIZE + Signature.SIZE))))
        .isTrue();

    // connection 2 presents the consumer's proof for connection 1
    FramedSocket second = connectRaw();
    assertThat(second.binding()).isNotEqualTo(firstBinding);
    assertThat(second.read().type()).isEqualTo(FrameType.HELLO); // the provider's own proof
    second.write(new Frame(FrameType.HELLO, 0, hello(id(CONSUMER), consumerProof)));
    String consumerRefusal =
        "identity proof of "
            + id(CONSUMER)
            + " does not match this connection's channel binding (replayed from another"
            + " connection or forged)";
    assertRefused(second, consumerRefusal);

    // connection 3 sends back the provider's own HELLO of connection 1 (other binding, other role)
    FramedSocket third = connectRaw();
    assertThat(third.read().type()).isEqualTo(FrameType.HELLO);
    third.write(providerHello);
    String providerRefusal =
        "identity proof of "
            + id(PROVIDER)
            + " does not match this connection's channel binding (replayed from another"
            + " connection or forged)";
    assertRefused(third, providerRefusal);

    first.close(); // refused too: it never proved anything
    assertThat(provider.await("refused: " + Pattern.quote(consumerRefusal), WAIT).group())
        .isNotEmpty();
    assertThat(provider.await("refused: " + Pattern.quote(providerRefusal), WAIT).group())
        .isNotEmpty();
    assertThat(provider.await(" refused=" + (refusedBefore + 3) + "\\b", WAIT).group())
        .isNotEmpty();
  }

  static FramedSocket connectRaw() throws IOException {
    FramedSocket peer =
        new FramedSocket(
            NodeTls.create()
                .connect(new InetSocketAddress("127.0.0.1", providerPort), Duration.ofSeconds(10)));
    peer.socket().setSoTimeout(20_000);
    return peer;
  }

  /** A HELLO payload: {@code version ‖ address ‖ proof}. */
  static byte[] hello(Address identity, Signature proof) {
    byte[] hello = new byte[1 + Address.SIZE + Signature.SIZE];
    hello[0] = PeerHandshake.VERSION;
    System.arraycopy(identity.toBytes(), 0, hello, 1, Address.SIZE);
    System.arraycopy(proof.toBytes(), 0, hello, 1 + Address.SIZE, Signature.SIZE);
    return hello;
  }

  /** The provider answers with REFUSE naming {@code reason}. */
  static void assertRefused(FramedSocket peer, String reason) throws IOException {
    Frame refusal = peer.read();
    assertThat(refusal.type()).isEqualTo(FrameType.REFUSE);
    assertThat(new String(refusal.payload(), StandardCharsets.UTF_8)).isEqualTo(reason);
    peer.close();
  }

  /** The refused count on the provider's latest status line. */
  static long refusedCount(NodeProcess p) {
    Matcher last = null;
    for (String line : p.output().split("\n")) {
      Matcher m = Pattern.compile(" refused=(\\d+)").matcher(line);
      if (m.find()) {
        last = m;
      }
    }
    assertThat(last).as("a status line from the provider").isNotNull();
    return Long.parseLong(last.group(1));
  }

  @Test
  @Order(5)
  void aConsumerRestartKeepsItsTotals() throws Exception {
    assertThat(consumer.terminate()).isEqualTo(143); // stopped by SIGTERM, after a clean stop
    TokenAmount before = consumerTotals().promised();
    TokenAmount hubBefore =
        hub.consumerData(id(CONSUMER)).get(deployment.chainId()).latestPromise().amount();
    assertThat(hubBefore).isLessThanOrEqualTo(before);

    consumer = startConsumer("consumer", CONSUMER, providerPort);
    socksPort = proxyPort(consumer);
    Curl.Result again = curl("--socks5-hostname", "127.0.0.1:" + socksPort, blobUrl("127.0.0.1"));
    assertThat(again.body()).isEqualTo(blob);
    // the new session's promises build on the old total; the hub takes them (a lower one it would
    // refuse)
    Waits.untilTrue(
        "the hub to take the restarted consumer's promises",
        WAIT,
        () ->
            hub.consumerData(id(CONSUMER))
                    .get(deployment.chainId())
                    .latestPromise()
                    .amount()
                    .compareTo(before)
                > 0);
    assertThat(consumerTotals().promised()).isGreaterThan(before);
    assertThat(consumer.output()).doesNotContain("promise value too low");
  }

  @Test
  @Order(6)
  void aProviderKilledAndRestartedLosesNoEarnings() throws Exception {
    TokenAmount earnedBefore = hubAmount();
    provider.kill9();
    assertThat(consumer.awaitExit(WAIT)).isEqualTo(4); // its session ended with the provider
    Earnings stored = providerEarnings();
    assertThat(stored.latest()).isPresent();
    provider = startProvider("provider", PROVIDER, providerPort);
    listening(provider);
    // after reconciling, the provider holds the hub's latest promise with its R
    Waits.untilTrue(
        "the restarted provider to hold the hub's latest promise",
        WAIT,
        () -> {
          Earnings e = providerEarnings();
          return e.latest().isPresent()
              && e.latest().get().amount().equals(hubAmount())
              && e.latest().get().rMatchesHashlock()
              && e.revealed();
        });
    assertThat(providerEarnings().latest().get().amount()).isGreaterThanOrEqualTo(earnedBefore);

    consumer = startConsumer("consumer", CONSUMER, providerPort);
    socksPort = proxyPort(consumer);
    Curl.Result after = curl("--socks5-hostname", "127.0.0.1:" + socksPort, blobUrl("127.0.0.1"));
    assertThat(after.body()).isEqualTo(blob);
    TokenAmount earnedAtRestart = providerEarnings().latest().get().amount();
    Waits.untilTrue(
        "the hub to promise more after the restart",
        WAIT,
        () -> hubAmount().compareTo(earnedAtRestart) > 0 && providerEarnings().revealed());
  }

  @Test
  @Order(7)
  void anOverchargingProviderIsRefusedByTheConsumer() throws Exception {
    PrivateKey greedyConsumer = key("tunnel-it overcharged consumer");
    register(greedyConsumer, myst(1));
    NodeProcess greedy =
        startProvider(
            "greedy",
            GREEDY,
            0,
            "--dev-overcharge-percent",
            "500",
            "--price-per-hour",
            "3600000000000000000");
    int port = listening(greedy);
    NodeProcess victim =
        startConsumer(
            "victim",
            greedyConsumer,
            port,
            GREEDY,
            "--data-leeway-mib",
            "0",
            "--max-price-per-hour",
            "3600000000000000000");
    assertThat(victim.awaitExit(WAIT)).isEqualTo(4);
    assertThat(victim.output()).contains("provider is overcharging");
    greedy.terminate();
  }

  @Test
  @Order(8)
  void aConsumerThatStopsPayingIsCutOff() throws Exception {
    PrivateKey stingy = key("tunnel-it stingy consumer");
    register(stingy, myst(1));
    NodeProcess strict =
        startProvider("strict", STRICT, 0, "--payment-wait-seconds", "2", "--max-missed", "2");
    int port = listening(strict);
    NodeProcess stopper = startConsumer("stopper", stingy, port, STRICT, "--dev-pay-invoices", "1");
    proxyPort(stopper); // the first invoice was paid: the session ran
    assertThat(stopper.awaitExit(WAIT)).isEqualTo(4);
    assertThat(stopper.output()).contains("did not get a new exchange message");
    assertThat(
            strict.await("session with .* ended: did not get a new exchange message", WAIT).group())
        .isNotEmpty();
    strict.terminate();
  }

  static Earnings providerEarnings() throws IOException {
    return Earnings.open(
        dir.resolve("provider"), id(PROVIDER), deployment.hermesId(), deployment.chainId());
  }

  static ConsumerTotals consumerTotals() throws IOException {
    return ConsumerTotals.open(
        ConsumerTotals.fileFor(
            dir.resolve("consumer"), id(CONSUMER), deployment.hermesId(), deployment.chainId()));
  }
}
