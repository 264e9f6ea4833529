package network.hermes.hub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.client.ExchangeFactory.Identity;
import network.hermes.promise.value.Hex;

/**
 * Honest consumers and providers driving signed exchanges (request_promise then reveal_r) at one or
 * more hubs, from several threads, recording every promise a hub acknowledged.
 */
final class LoadDriver {
  static final ObjectMapper JSON = new ObjectMapper();

  final ExchangeFactory x;
  final List<Identity> consumers;
  final List<Identity> providers;
  final Map<String, AtomicLong> consumerTotals = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  final Map<String, AtomicLong> causes = new ConcurrentHashMap<>();
  final AtomicLong transportErrors = new AtomicLong();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A promise the hub answered with 200. */
  record Ack(
      String provider, String channelId, String hashlock, BigInteger amount, BigInteger delta) {}

  LoadDriver(ExchangeFactory x, List<Identity> consumers, List<Identity> providers) {
    this.x = x;
    this.consumers = consumers;
    this.providers = providers;
    consumers.forEach(c -> consumerTotals.put(c.address(), new AtomicLong()));
  }

  /**
   * One provider worker: sequential exchanges (as a provider node's single FIFO worker does)
   * against the given hub, until the deadline.
   */
  void providerWorker(
      String baseUrl, Identity provider, long seed, Instant until, int maxExchanges) {
    Random rnd = new Random(seed);
    BigInteger agreementId = BigInteger.valueOf(seed).shiftLeft(32);
    Map<String, Long> agreementTotals = new ConcurrentHashMap<>();
    for (int i = 0; i < maxExchanges && Instant.now().isBefore(until); i++) {
      Identity consumer = consumers.get(rnd.nextInt(consumers.size()));
      long delta = 1 + rnd.nextInt(1000);
      String key = consumer.address();
      long total = agreementTotals.merge(key, delta, Long::sum);
      BigInteger agreement = agreementId.add(BigInteger.valueOf(consumers.indexOf(consumer)));
      long amount;
      synchronized (consumer) {
        amount = consumerTotals.get(key).addAndGet(delta);
      }
      byte[] r = new byte[32];
      rnd.nextBytes(r);
      var body =
          x.requestPromise(
              consumer,
              provider.address(),
              agreement,
              BigInteger.valueOf(total),
              BigInteger.valueOf(amount),
              r,
              BigInteger.ZERO,
              Hex.encode(r));
      JsonNode resp = post(baseUrl + "/request_promise", ExchangeFactory.bytes(body));
      if (resp == null) {
        continue;
      }
      if (resp.has("cause")) {
        causes.computeIfAbsent(resp.get("cause").asText(), c -> new AtomicLong()).incrementAndGet();
        if ("r recovery required".equals(resp.get("cause").asText())) {
          // the hub holds a promise this worker never saw acknowledged: recover its R and reveal
          byte[] lost = Hex.decode(resp.get("data").asText());
          post(
              baseUrl + "/reveal_r",
              ExchangeFactory.bytes(x.revealR(lost, provider.address(), null)));
        }
        agreementTotals.merge(key, -delta, Long::sum);
        continue;
      }
      acks.add(
          new Ack(
              provider.address(),
              Hex.encodePrefixed(Base64.getDecoder().decode(resp.get("ChannelID").asText())),
              Hex.encodePrefixed(Base64.getDecoder().decode(resp.get("Hashlock").asText())),
              resp.get("Amount").bigIntegerValue(),
              BigInteger.valueOf(delta)));
      post(
          baseUrl + "/reveal_r",
          ExchangeFactory.bytes(x.revealR(r, provider.address(), agreement)));
    }
  }

  JsonNode post(String url, byte[] body) {
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return JSON.readTree(r.body());
    } catch (Exception e) {
      transportErrors.incrementAndGet();
      try {
        Thread.sleep(5); // the hub is down (crash test): do not spin
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  /** What the run saw, for the test's log. */
  String summary() {
    return String.format(
        "%d acknowledged, rejections %s, transport errors %d",
        acks.size(), causes, transportErrors.get());
  }

  List<Thread> start(List<Runnable> work) {
    List<Thread> threads = new ArrayList<>();
    for (Runnable w : work) {
      threads.add(Thread.ofPlatform().start(w));
    }
    return threads;
  }

  static void join(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }
}
