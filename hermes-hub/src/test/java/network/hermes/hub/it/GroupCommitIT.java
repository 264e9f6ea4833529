package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.hermes.hub.HubApplication;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.client.ExchangeFactory.Identity;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubDeployment;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Group commit when one operation of a shared transaction breaks a constraint: the transaction
 * rolls back as a whole, its operations are retried one by one, the others commit, and the bad one
 * is answered {@code internal error} and changes nothing.
 */
class GroupCommitIT {
  static final HubDeployment DEP = HubDeployment.OFFLINE_DEV;
  static final long CHAIN = DEP.chainId();
  static final ExchangeFactory X = new ExchangeFactory(DEP, CHAIN);
  static final long BAD_AMOUNT = 777;

  @Test
  void aBatchWithOneFailingOperationCommitsTheOthersAndChangesNothingOfThatOne() throws Exception {
    List<Identity> consumers = new ArrayList<>();
    List<Identity> providers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      consumers.add(ExchangeFactory.devIdentity("group-commit-c" + i));
      providers.add(ExchangeFactory.devIdentity("group-commit-p" + i));
    }
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try (TestDatabase db = TestDatabase.start()) {
      try (Connection c = db.connect()) {
        for (Identity id : consumers) {
          Facts.consumer(c, CHAIN, id.address(), true, BigInteger.valueOf(1_000_000), n(0));
        }
        // a constraint only the second operation of the batch breaks
        c.createStatement()
            .execute(
                "ALTER TABLE issued_promise ADD CONSTRAINT not_777 CHECK (consumer_amount <> "
                    + BAD_AMOUNT
                    + ")");
      }
      HubApplication hub = start(db);
      HttpClient http = HttpClient.newHttpClient();
      try (Connection locker = db.connect()) {
        // the first request waits inside its transaction for a row held here ...
        locker.setAutoCommit(false);
        try (PreparedStatement s =
            locker.prepareStatement(
                "INSERT INTO consumer_state (chain_id, consumer) VALUES (?, ?) ON CONFLICT"
                    + " (chain_id, consumer) DO UPDATE SET updated_at = now()")) {
          s.setLong(1, CHAIN);
          s.setString(2, consumers.get(0).address());
          s.executeUpdate();
        }
        CompletableFuture<HttpResponse<String>> first =
            pay(http, hub, consumers, providers, 0, 100);
        ShutdownIT.awaitTrue("the first transaction waits", () -> ShutdownIT.lockWaits(db) == 1);
        // ... so that the next three queue and share one transaction
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
        batch.add(pay(http, hub, consumers, providers, 1, 100));
        batch.add(pay(http, hub, consumers, providers, 2, BAD_AMOUNT));
        batch.add(pay(http, hub, consumers, providers, 3, 100));
        ShutdownIT.awaitTrue(
            "three operations wait for the next transaction",
            () -> hub.metrics().scrape().contains("hermes_tx_queue 3.0"));
        locker.rollback();

        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> good1 = batch.get(0).get(30, TimeUnit.SECONDS);
        HttpResponse<String> bad = batch.get(1).get(30, TimeUnit.SECONDS);
        HttpResponse<String> good3 = batch.get(2).get(30, TimeUnit.SECONDS);
        assertThat(good1.statusCode()).as("%s", good1.body()).isEqualTo(200);
        assertThat(good3.statusCode()).as("%s", good3.body()).isEqualTo(200);
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(bad.body()).contains("\"cause\":\"internal error\"");
      } finally {
        hub.close();
      }
      assertThat(logs.list)
          .as("the shared transaction failed and its operations were retried alone")
          .anyMatch(e -> e.getFormattedMessage().startsWith("batch of 3 failed"));
      try (Connection c = db.connect()) {
        assertThat(issued(c, consumers.get(1))).isOne();
        assertThat(issued(c, consumers.get(3))).isOne();
        assertThat(issued(c, consumers.get(2))).as("the failed operation's promise").isZero();
        assertThat(
                Invariants.scalar(
                    c,
                    "SELECT COALESCE(SUM(grand_total), 0) FROM consumer_state WHERE consumer = '"
                        + consumers.get(2).address()
                        + "'"))
            .as("the failed operation's consumer total")
            .isZero();
        Invariants.check(c);
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  void aConsumerRowCreatedMeanwhileByAnotherTransactionIsLockedAndUsedOnTheRetry()
      throws Exception {
    List<Identity> consumers = List.of(ExchangeFactory.devIdentity("group-commit-race-c"));
    List<Identity> providers = List.of(ExchangeFactory.devIdentity("group-commit-race-p"));
    try (TestDatabase db = TestDatabase.start()) {
      try (Connection c = db.connect()) {
        Facts.consumer(c, CHAIN, consumers.get(0).address(), true, BigInteger.valueOf(1_000), n(0));
      }
      HubApplication hub = start(db);
      HttpClient http = HttpClient.newHttpClient();
      try (Connection other = db.connect()) {
        // another transaction creates the consumer's row the request does not find under lock
        other.setAutoCommit(false);
        try (PreparedStatement s =
            other.prepareStatement(
                "INSERT INTO consumer_state (chain_id, consumer, grand_total) VALUES (?, ?, 0)")) {
          s.setLong(1, CHAIN);
          s.setString(2, consumers.get(0).address());
          s.executeUpdate();
        }
        CompletableFuture<HttpResponse<String>> paid = pay(http, hub, consumers, providers, 0, 300);
        ShutdownIT.awaitTrue(
            "the request's insert waits for the other creation",
            () -> ShutdownIT.lockWaits(db) == 1);
        other.commit();
        HttpResponse<String> r = paid.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(200);
      } finally {
        hub.close();
      }
      try (Connection c = db.connect()) {
        assertThat(
                Invariants.scalar(
                    c,
                    "SELECT grand_total FROM consumer_state WHERE consumer = '"
                        + consumers.get(0).address()
                        + "'"))
            .as("the retry locked the row the other transaction created and wrote the promise")
            .isEqualTo(n(300));
        assertThat(issued(c, consumers.get(0))).isOne();
        Invariants.check(c);
      }
    }
  }

  static HubApplication start(TestDatabase db) throws Exception {
    return HubApplication.start(
        HubConfig.defaults()
            .with(
                Map.of(
                    "db.url", db.url(),
                    "chain.mode", "offline",
                    "http.port", "0",
                    "http.instances", "1",
                    "db.pool-size", "4",
                    "db.lock-timeout-ms", "60000",
                    "batch.max-in-flight", "1")),
        Clock.systemUTC());
  }

  static CompletableFuture<HttpResponse<String>> pay(
      HttpClient http,
      HubApplication hub,
      List<Identity> consumers,
      List<Identity> providers,
      int i,
      long amount) {
    byte[] body =
        ExchangeFactory.bytes(
            X.requestPromise(
                consumers.get(i),
                providers.get(i).address(),
                n(i + 1),
                n(amount),
                n(amount),
                ExchangeFactory.devR("group-commit-" + i),
                n(0),
                null));
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/request_promise"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long issued(Connection c, Identity consumer) throws Exception {
    return Invariants.scalar(
            c, "SELECT count(*) FROM issued_promise WHERE consumer = '" + consumer.address() + "'")
        .longValueExact();
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }
}
