package network.hermes.hubclient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.ErrorBody;
import network.hermes.promise.wire.MalformedWireException;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayFeeQuote;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelayJson;
import network.hermes.promise.wire.RelayRequest;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.SyncPromiseRequest;
import network.hermes.promise.wire.WireJson;

/**
 * A client of one hub's HTTP API: the promise API under {@code /api/v2} and the relay (transactor)
 * under {@code /api/v1/transactor}, with the wire shapes of promise-lib. Thread-safe; every call
 * blocks (use it from a worker or virtual thread, never an event loop) and either returns the hub's
 * answer or throws a {@link HubException} naming the cause.
 */
public final class HubClient implements AutoCloseable {
  /** How long one request may take by default (upstream's exchange-message timeout). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private static final String API = "/api/v2/";
  private static final String RELAY = "/api/v1/transactor/";

  private final URI root;
  private final HttpClient http;
  private final Duration timeout;

  private HubClient(URI root, HttpClient http, Duration timeout) {
    this.root = root;
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * A client of the hub at {@code url} with the default timeout.
   *
   * @param url the hub's address, with or without the {@code /api/v2} suffix (e.g. {@code
   *     http://127.0.0.1:8765} or {@code http://127.0.0.1:8765/api/v2})
   * @return the client
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public static HubClient connect(String url) {
    return connect(url, DEFAULT_TIMEOUT);
  }

  /**
   * A client of the hub at {@code url}.
   *
   * @param url the hub's address, with or without the {@code /api/v2} suffix
   * @param timeout how long one request may take
   * @return the client
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public static HubClient connect(String url, Duration timeout) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hub URL: " + url, e);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) hub URL: " + url);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    path = path.replaceAll("/+$", "");
    if (path.endsWith("/api/v2")) {
      path = path.substring(0, path.length() - "/api/v2".length());
    }
    URI root = uri.resolve(path.isEmpty() ? "/" : path + "/");
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new HubClient(root, http, timeout);
  }

  /**
   * The promise API's base URL, as the hub prints it.
   *
   * @return e.g. {@code http://127.0.0.1:8765/api/v2}
   */
  public String apiUrl() {
    return resolve(API).toString().replaceAll("/$", "");
  }

  // ---- promise API ----

  /**
   * {@code POST request_promise}: the hub's promise to the provider for a consumer's exchange
   * message.
   *
   * @param request the exchange message, transactor fee and R recovery data
   * @return the hub's signed promise (check its signer against the hub operator)
   * @throws HubException if the hub refuses it or cannot be reached
   */
  public Promise requestPromise(RequestPromiseRequest request) throws HubException {
    return post(
        API + "request_promise", WireJson.writeRequestPromise(request), WireJson::readPromise);
  }

  /**
   * {@code POST pay_and_settle}: a promise on the identity's withdrawal channel, for a withdrawal.
   *
   * @param request a self-payment exchange message
   * @return the hub's signed promise
   * @throws HubException if the hub refuses it or cannot be reached
   */
  public Promise payAndSettle(RequestPromiseRequest request) throws HubException {
    return post(
        API + "pay_and_settle", WireJson.writeRequestPromise(request), WireJson::readPromise);
  }

  /**
   * {@code POST reveal_r}: reveals the R of the provider's latest promise.
   *
   * @param request R, provider and agreement
   * @throws HubException if the hub refuses it ({@link HubCause#NO_PREVIOUS_PROMISE} when nothing
   *     waits for an R, which callers may treat as done) or cannot be reached
   */
  public void revealR(RevealRequest request) throws HubException {
    post(API + "reveal_r", WireJson.writeReveal(request), body -> body);
  }

  /**
   * {@code POST change_promise_fee}: the hub's latest promise re-signed with a new fee.
   *
   * @param request the latest promise and the new fee
   * @return the re-signed promise
   * @throws HubException if the hub refuses it or cannot be reached
   */
  public Promise changePromiseFee(ChangePromiseFeeRequest request) throws HubException {
    return post(
        API + "change_promise_fee", WireJson.writeChangePromiseFee(request), WireJson::readPromise);
  }

  /**
   * {@code GET data/consumer/{identity}}: per chain, the consumer channel as the hub sees it.
   *
   * @param identity the consumer identity
   * @return entries by chain id
   * @throws HubException if the identity is unknown ({@link HubCause#RESOURCE_NOT_FOUND}) or the
   *     hub cannot be reached
   */
  public Map<ChainId, ChannelData> consumerData(Address identity) throws HubException {
    return get(API + "data/consumer/" + identity.toHex(), WireJson::readChannelData);
  }

  /**
   * {@code GET data/provider/{identity}}: per chain, the provider's earnings channel and the hub's
   * latest promise on it.
   *
   * @param identity the provider identity
   * @return entries by chain id
   * @throws HubException if the identity is unknown or the hub cannot be reached
   */
  public Map<ChainId, ChannelData> providerData(Address identity) throws HubException {
    return get(API + "data/provider/" + identity.toHex(), WireJson::readChannelData);
  }

  /**
   * {@code GET data/provider/{identity}/withdrawal}: the same for the withdrawal channel.
   *
   * @param identity the identity
   * @return entries by chain id
   * @throws HubException if the identity is unknown or the hub cannot be reached
   */
  public Map<ChainId, ChannelData> withdrawalData(Address identity) throws HubException {
    return get(
        API + "data/provider/" + identity.toHex() + "/withdrawal", WireJson::readChannelData);
  }

  /**
   * {@code POST provider/sync_promise}, signed by the provider: gives the hub back the latest
   * promise it issued, after the hub lost state.
   *
   * @param request the provider's stored latest hub promise
   * @param provider signs the body as the provider identity
   * @throws HubException if the hub refuses it or cannot be reached
   */
  public void syncPromise(SyncPromiseRequest request, Signer provider) throws HubException {
    postSigned(API + "provider/sync_promise", WireJson.writeSyncPromise(request), provider, b -> b);
  }

  /**
   * {@code POST refresh_promise}, signed by the provider: the latest amount again under a new
   * hashlock, for a provider that lost the latest R.
   *
   * @param request the new hashlock and its recovery data
   * @param provider signs the body as the provider identity
   * @return the hub's new promise
   * @throws HubException if the hub refuses it or cannot be reached
   */
  public Promise refreshPromise(RefreshPromiseRequest request, Signer provider)
      throws HubException {
    return postSigned(
        API + "refresh_promise",
        WireJson.writeRefreshPromise(request),
        provider,
        WireJson::readPromise);
  }

  /**
   * Whether the hub is ready to serve ({@code GET /readyz} answers 200).
   *
   * @return true when ready
   * @throws HubUnreachableException if the hub cannot be reached
   */
  public boolean isReady() throws HubUnreachableException {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(resolve("readyz")).GET());
    return response.statusCode() == 200;
  }

  // ---- relay ----

  /**
   * {@code GET fee/{chain}/{kind}}: the relay's fee quote.
   *
   * @param chain the chain
   * @param kind what the fee is for
   * @return the quote
   * @throws HubException if the relay is off ({@link HubCause#SERVICE_UNAVAILABLE}) or the hub
   *     cannot be reached
   */
  public RelayFeeQuote relayFee(ChainId chain, RelayFeeKind kind) throws HubException {
    return get(RELAY + "fee/" + chain.value() + "/" + kind.path(), RelayJson::readFeeQuote);
  }

  /**
   * Submits a signed payload to the relay.
   *
   * @param request the payload
   * @return the relay queue id to follow with {@link #relayJob}
   * @throws HubException if the relay refuses it (nothing was queued) or the hub cannot be reached
   */
  public String submit(RelayRequest request) throws HubException {
    return post(RELAY + request.path(), RelayJson.write(request), RelayJson::readJobId);
  }

  /**
   * {@code GET queue/{id}}: where a relay job stands.
   *
   * @param id the queue id
   * @return the job
   * @throws HubException if the job is unknown or the hub cannot be reached
   */
  public RelayJob relayJob(String id) throws HubException {
    return get(RELAY + "queue/" + encodeSegment(id), RelayJson::readJob);
  }

  /**
   * Polls a relay job until it is {@code done} or {@code error}, reporting every change of state.
   * An unreachable hub is retried until the deadline.
   *
   * @param id the queue id
   * @param deadline how long to wait in all
   * @param every the pause between polls
   * @param clock the clock the deadline is measured on
   * @param progress told each state the job is seen in, once per change
   * @return the final job
   * @throws HubException if the job is unknown or the hub refuses the query
   * @throws TimeoutException if the job is not final by the deadline
   * @throws InterruptedException if interrupted while waiting
   */
  public RelayJob awaitRelayJob(
      String id, Duration deadline, Duration every, Clock clock, Consumer<RelayJob> progress)
      throws HubException, TimeoutException, InterruptedException {
    Instant end = clock.instant().plus(deadline);
    RelayJob last = null;
    HubUnreachableException unreachable = null;
    while (true) {
      try {
        RelayJob job = relayJob(id);
        unreachable = null;
        if (last == null || job.state() != last.state() || !job.txHash().equals(last.txHash())) {
          progress.accept(job);
        }
        last = job;
        if (job.state().isFinal()) {
          return job;
        }
      } catch (HubUnreachableException e) {
        unreachable = e;
      }
      if (!clock.instant().isBefore(end)) {
        String seen = last == null ? "never seen" : "last " + last.state().wireName();
        TimeoutException timeout =
            new TimeoutException(
                "relay job " + id + " not final after " + deadline + " (" + seen + ")");
        if (unreachable != null) {
          timeout.initCause(unreachable);
        }
        throw timeout;
      }
      Thread.sleep(every.toMillis());
    }
  }

  /** Releases the HTTP client's connections and threads. */
  @Override
  public void close() {
    http.close();
  }

  // ---- transport ----

  private <T> T get(String path, Function<byte[], T> reader) throws HubException {
    return answer(send(HttpRequest.newBuilder(resolve(path)).GET()), reader);
  }

  private <T> T post(String path, String json, Function<byte[], T> reader) throws HubException {
    return answer(send(jsonPost(path, json.getBytes(StandardCharsets.UTF_8))), reader);
  }

  private <T> T postSigned(String path, String json, Signer signer, Function<byte[], T> reader)
      throws HubException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] sig = signer.sign(Keccak.hash(body)).toBytes();
    sig[Signature.SIZE - 1] -= 27; // upstream signs these headers with v 0/1
    String signature = Base64.getEncoder().encodeToString(sig);
    return answer(
        send(jsonPost(path, body).header("Authorization", "Signature " + signature)), reader);
  }

  private HttpRequest.Builder jsonPost(String path, byte[] body) {
    return HttpRequest.newBuilder(resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws HubUnreachableException {
    HttpRequest built = request.timeout(timeout).header("Accept", "application/json").build();
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new HubUnreachableException(built.method() + " " + built.uri() + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubUnreachableException(built.method() + " " + built.uri() + ": interrupted", e);
    }
  }

  private static <T> T answer(HttpResponse<byte[]> response, Function<byte[], T> reader)
      throws HubException {
    int status = response.statusCode();
    byte[] body = response.body();
    if (status / 100 == 2) {
      try {
        return reader.apply(body);
      } catch (MalformedWireException e) {
        throw new HubException(status, HubCause.BAD_RESPONSE, "", e.getMessage(), null, e);
      }
    }
    ErrorBody error;
    try {
      error = WireJson.readError(body);
    } catch (MalformedWireException e) {
      throw new HubException(status, HubCause.BAD_RESPONSE, "", snippet(body), null, e);
    }
    throw new HubException(status, error.cause(), error.message(), error.data());
  }

  private URI resolve(String path) {
    return root.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private static String encodeSegment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "empty body";
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
