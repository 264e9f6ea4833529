package network.hermes.hubclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP mapping against a real socket that answers canned bodies: URLs, headers, error
 * bodies, unreadable answers, no answer. What the real hub answers is HubClientIT's part.
 */
class HubClientTest {
  static final Address IDENTITY = Address.fromHex("0xf53acdd584ccb85ee4ec1590007ad3c16fdff057");

  HttpServer server;
  final Deque<Canned> answers = new ArrayDeque<>();
  final AtomicReference<HttpExchange> lastRequest = new AtomicReference<>();
  final AtomicReference<byte[]> lastBody = new AtomicReference<>();

  record Canned(int status, String contentType, String body) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          lastRequest.set(exchange);
          lastBody.set(exchange.getRequestBody().readAllBytes());
          Canned c =
              answers.isEmpty() ? new Canned(500, "text/plain", "no answer set") : answers.poll();
          byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", c.contentType());
          exchange.sendResponseHeaders(c.status(), body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void answer(int status, String json) {
    answers.add(new Canned(status, "application/json", json));
  }

  @Test
  void acceptsTheHubUrlWithOrWithoutTheApiSuffix() throws Exception {
    for (String url :
        new String[] {base(), base() + "/", base() + "/api/v2", base() + "/api/v2/"}) {
      try (HubClient hub = HubClient.connect(url)) {
        assertThat(hub.apiUrl()).isEqualTo(base() + "/api/v2");
      }
    }
    assertThatThrownBy(() -> HubClient.connect("ftp://example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http(s) hub URL");
  }

  @Test
  void anErrorBodyBecomesAHubExceptionWithItsCause() throws Exception {
    answer(
        409, "{\"cause\":\"r recovery required\",\"message\":\"reveal first\",\"data\":\"abcd\"}");
    try (HubClient hub = HubClient.connect(base())) {
      assertThatThrownBy(() -> hub.consumerData(IDENTITY))
          .isInstanceOfSatisfying(
              HubException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.kind()).isEqualTo(HubCause.R_RECOVERY_REQUIRED);
                assertThat(e.cause()).isEqualTo("r recovery required");
                assertThat(e.hubMessage()).isEqualTo("reveal first");
                assertThat(e.data()).contains("abcd");
              });
    }
    assertThat(lastRequest.get().getRequestURI().getPath())
        .isEqualTo("/api/v2/data/consumer/" + IDENTITY.toHex());
  }

  @Test
  void anUnknownCauseKeepsItsString() throws Exception {
    answer(418, "{\"cause\":\"teapot\",\"message\":\"short and stout\"}");
    try (HubClient hub = HubClient.connect(base())) {
      assertThatThrownBy(() -> hub.providerData(IDENTITY))
          .isInstanceOfSatisfying(
              HubException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(HubCause.UNKNOWN);
                assertThat(e.cause()).isEqualTo("teapot");
              });
    }
  }

  @Test
  void aNonJsonAnswerIsABadResponse() throws Exception {
    answers.add(new Canned(502, "text/html", "<html>bad gateway</html>"));
    answer(200, "{\"Amount\":1}");
    try (HubClient hub = HubClient.connect(base())) {
      assertThatThrownBy(() -> hub.providerData(IDENTITY))
          .isInstanceOfSatisfying(
              HubException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(HubCause.BAD_RESPONSE);
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.hubMessage()).contains("bad gateway");
              });
      assertThatThrownBy(() -> hub.withdrawalData(IDENTITY))
          .isInstanceOfSatisfying(
              HubException.class, e -> assertThat(e.kind()).isEqualTo(HubCause.BAD_RESPONSE));
    }
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (HubClient hub = HubClient.connect("http://127.0.0.1:" + port, Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> hub.consumerData(IDENTITY))
          .isInstanceOf(HubUnreachableException.class)
          .hasMessageStartingWith("hub unreachable: GET http://127.0.0.1:" + port);
      assertThatThrownBy(hub::isReady).isInstanceOf(HubUnreachableException.class);
    }
  }

  @Test
  void signedRequestsCarryTheSignatureOfTheExactBodyWithV0or1() throws Exception {
    answer(404, "{\"cause\":\"resource not found\",\"message\":\"no promise to refresh\"}");
    KeySigner provider =
        new KeySigner(
            PrivateKey.fromHex(
                "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
            Secp256k1s.getDefault());
    RefreshPromiseRequest request =
        new RefreshPromiseRequest(
            ChainId.of(31337), provider.address(), Bytes32.fromUint(7), "00aa");
    try (HubClient hub = HubClient.connect(base())) {
      assertThatThrownBy(() -> hub.refreshPromise(request, provider))
          .isInstanceOfSatisfying(
              HubException.class, e -> assertThat(e.kind()).isEqualTo(HubCause.RESOURCE_NOT_FOUND));
    }
    String header = lastRequest.get().getRequestHeaders().getFirst("Authorization");
    assertThat(header).startsWith("Signature ");
    byte[] sig = Base64.getDecoder().decode(header.substring("Signature ".length()));
    assertThat(sig[64]).isIn((byte) 0, (byte) 1);
    sig[64] += 27;
    Address signer =
        Secp256k1s.getDefault().recover(Keccak.hash(lastBody.get()), Signature.of(sig));
    assertThat(signer).isEqualTo(provider.address());
    assertThat(lastRequest.get().getRequestURI().getPath()).isEqualTo("/api/v2/refresh_promise");
  }

  @Test
  void awaitingARelayJobReportsEachStateOnceAndEndsOnAFinalOne() throws Exception {
    answer(200, "{\"id\":\"5\",\"tx_hash\":\"\",\"state\":\"queued\",\"error\":\"\"}");
    answer(200, "{\"id\":\"5\",\"tx_hash\":\"\",\"state\":\"queued\",\"error\":\"\"}");
    answer(200, "{\"id\":\"5\",\"tx_hash\":\"0xab\",\"state\":\"sent\",\"error\":\"\"}");
    answer(200, "{\"id\":\"5\",\"tx_hash\":\"0xab\",\"state\":\"done\",\"error\":\"\"}");
    Deque<RelayJob.State> seen = new ArrayDeque<>();
    try (HubClient hub = HubClient.connect(base())) {
      RelayJob job =
          hub.awaitRelayJob(
              "5",
              Duration.ofMinutes(1),
              Duration.ZERO,
              Clock.systemUTC(),
              j -> seen.add(j.state()));
      assertThat(job.state()).isEqualTo(RelayJob.State.DONE);
      assertThat(job.txHash()).isEqualTo("0xab");
    }
    assertThat(seen)
        .containsExactly(RelayJob.State.QUEUED, RelayJob.State.SENT, RelayJob.State.DONE);
    assertThat(lastRequest.get().getRequestURI().getPath()).isEqualTo("/api/v1/transactor/queue/5");
  }

  @Test
  void aRelayJobThatNeverEndsTimesOutByTheClock() throws Exception {
    answer(200, "{\"id\":\"6\",\"tx_hash\":\"\",\"state\":\"queued\",\"error\":\"\"}");
    Clock past = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (HubClient hub = HubClient.connect(base())) {
      assertThatThrownBy(() -> hub.awaitRelayJob("6", Duration.ZERO, Duration.ZERO, past, j -> {}))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("last queued");
    }
  }
}
