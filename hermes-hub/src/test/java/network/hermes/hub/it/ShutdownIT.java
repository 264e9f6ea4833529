package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import network.hermes.hub.HubApplication;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.client.ExchangeFactory.Identity;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubDeployment;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown ({@link HubApplication#close()}): the hub stops accepting connections, lets a
 * request that is already inside it finish, then closes its database pool.
 *
 * <p>The request is held inside the hub by a row lock taken from a plain JDBC connection on the
 * consumer's row (as GoldenApiIT's "lock_consumer" action does), with a lock timeout far above what
 * the test needs. Every step waits for an observable state (the hub's backend waiting on the lock,
 * the port refusing connections, ...) with a bounded poll; nothing is ordered by sleeping.
 */
class ShutdownIT {
  static final HubDeployment DEP = HubDeployment.OFFLINE_DEV;
  static final long CHAIN = DEP.chainId();
  static final ExchangeFactory X = new ExchangeFactory(DEP, CHAIN);
  static final Identity CONSUMER = ExchangeFactory.devIdentity("shutdown-consumer");
  static final Identity PROVIDER = ExchangeFactory.devIdentity("shutdown-provider");
  static final Duration BOUND = Duration.ofSeconds(15);

  @Test
  void closeStopsAcceptingFinishesTheRequestInFlightAndClosesThePool() throws Exception {
    try (TestDatabase db = TestDatabase.start()) {
      try (Connection c = db.connect()) {
        Facts.consumer(c, CHAIN, CONSUMER.address(), true, BigInteger.valueOf(1_000_000), n(0));
      }
      HubApplication hub =
          HubApplication.start(
              HubConfig.defaults()
                  .with(
                      Map.of(
                          "db.url", db.url(),
                          "chain.mode", "offline",
                          "http.port", "0",
                          "http.instances", "2",
                          "db.pool-size", "4",
                          // far longer than the test holds the lock: the request waits, never fails
                          "db.lock-timeout-ms", "60000",
                          "shutdown.grace-seconds", "60")),
              Clock.systemUTC());
      CompletableFuture<Void> closing = null;
      Connection locker = null;
      try {
        URI base = URI.create(hub.baseUrl());
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, base, "/readyz").statusCode()).isEqualTo(200);
        assertThat(hubBackends(db)).as("the hub's pool holds connections").isPositive();

        // a request_promise inside the hub, waiting for the consumer's row
        locker = db.connect();
        locker.setAutoCommit(false);
        try (PreparedStatement s =
            locker.prepareStatement(
                "INSERT INTO consumer_state (chain_id, consumer) VALUES (?, ?) ON CONFLICT"
                    + " (chain_id, consumer) DO UPDATE SET updated_at = now()")) {
          s.setLong(1, CHAIN);
          s.setString(2, CONSUMER.address());
          s.executeUpdate();
        }
        byte[] body =
            ExchangeFactory.bytes(
                X.requestPromise(
                    CONSUMER,
                    PROVIDER.address(),
                    n(1),
                    n(100),
                    n(100),
                    ExchangeFactory.devR("shutdown"),
                    n(0),
                    "00"));
        CompletableFuture<HttpResponse<String>> inFlight =
            http.sendAsync(
                HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/request_promise"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        awaitTrue("the hub's transaction waits for the consumer's row", () -> lockWaits(db) == 1);

        // close() on another thread: it must wait for the request, and stop accepting meanwhile
        closing = CompletableFuture.runAsync(hub::close);
        awaitTrue("new connections are refused while the hub stops", () -> refuses(address));
        assertThat(inFlight).as("the request in flight").isNotDone();
        assertThat(closing).as("close() waits for the request in flight").isNotDone();
        assertThat(hubBackends(db)).as("the pool is still open for the request").isPositive();

        // the request completes, with its promise stored, once the row is free
        locker.rollback();
        locker.close();
        locker = null;
        HttpResponse<String> answer = inFlight.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("answer %s", answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"Amount\":100");
        try (Connection c = db.connect();
            PreparedStatement s =
                c.prepareStatement(
                    "SELECT amount FROM issued_promise WHERE chain_id = ? AND consumer = ?")) {
          s.setLong(1, CHAIN);
          s.setString(2, CONSUMER.address());
          try (ResultSet r = s.executeQuery()) {
            assertThat(r.next()).as("the promise is stored").isTrue();
            assertThat(r.getBigDecimal(1).toBigInteger()).isEqualTo(n(100));
          }
        }

        // close() returns; nothing listens any more and the pool's connections are gone
        closing.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(refuses(address)).as("the port refuses connections").isTrue();
        assertThatThrownBy(() -> get(http, base, "/healthz")).isInstanceOf(IOException.class);
        awaitTrue("the hub's database connections are closed", () -> hubBackends(db) == 0);
      } finally {
        if (locker != null) {
          locker.close();
        }
        if (closing != null) {
          closing.get(BOUND.toSeconds() * 5, TimeUnit.SECONDS);
        }
        hub.close();
      }
    }
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  static HttpResponse<String> get(HttpClient http, URI base, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Whether a new TCP connection to the hub's port is refused. */
  static boolean refuses(InetSocketAddress address) {
    try (Socket s = new Socket()) {
      s.connect(address, 5_000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The hub's backends (its pool sets application_name). */
  static int hubBackends(TestDatabase db) {
    return count(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hermes-hub'");
  }

  /** The hub's backends waiting for a lock. */
  static int lockWaits(TestDatabase db) {
    return count(
        db,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hermes-hub' AND"
            + " wait_event_type = 'Lock'");
  }

  static int count(TestDatabase db, String sql) {
    try (Connection c = db.connect();
        ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls until the condition holds; fails after {@link #BOUND}. */
  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
