package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.config.HubDeployment;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hermes hub} with no options (embedded PostgreSQL, a devnet), as a user runs it, stopped
 * with a real SIGTERM while a request is inside it. The hub owns the order: it stops accepting,
 * answers the request in flight, stops its chain duties and gives up their lease, closes the pool,
 * and only then stops the devnet and the embedded database; afterwards no process it started is
 * left. Processes are compared by PID, so other anvils and databases on the machine do not count.
 *
 * <p>The request is held inside the hub by a row lock taken from a plain JDBC connection on the
 * consumer's row, as in ShutdownIT; every step waits for an observable state with a bounded poll.
 */
class LauncherStopIT {
  static final Duration START = Duration.ofSeconds(120);
  static final Duration BOUND = Duration.ofSeconds(30);
  static final Pattern API = Pattern.compile("Hermes hub API: (http://\\S+)");
  static final Pattern RPC =
      Pattern.compile("devnet JSON-RPC: (http://\\S+) .*deployment in (\\S+)");
  static final Pattern DB_PORT = Pattern.compile("embedded PostgreSQL on port (\\d+)");
  // anvil's well-known development account 2 (funded with MYST on every devnet of the project)
  static final PrivateKey DEV_ACCOUNT_2 =
      PrivateKey.fromHex("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

  @Test
  void sigtermStopsInOrderAnswersTheRequestInFlightAndLeavesNoProcess() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path dir = Files.createTempDirectory("hermes-launcher-it");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Path data = dir.resolve("data");
    ProcessBuilder pb =
        new ProcessBuilder(
                root.resolve("hermes").toString(),
                "hub",
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--set",
                "shutdown.grace-seconds=60",
                "--set",
                "db.lock-timeout-ms=60000")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("HERMES_NO_BUILD", "1"); // the build that runs this test built the hub
    Process hub = pb.start();
    List<ProcessHandle> started = new ArrayList<>();
    Connection locker = null;
    try {
      Matcher api = awaitLine(hub, out, err, API);
      Matcher rpc = awaitLine(hub, out, err, RPC);
      URI base = URI.create(api.group(1));
      Matcher dbPort = DB_PORT.matcher(Files.readString(err));
      assertThat(dbPort.find()).as("the embedded database's port in the log").isTrue();
      String jdbc = "jdbc:postgresql://localhost:" + dbPort.group(1) + "/postgres";

      // ./hermes execs the JVM: the process started is the hub; anvil is its child, and the
      // postmaster (which detaches) names itself in the data folder's postmaster.pid
      List<ProcessHandle> children = hub.descendants().toList();
      assertThat(children)
          .as("the devnet's anvil among the hub's processes")
          .anySatisfy(p -> assertThat(command(p)).endsWith("/bin/anvil"));
      ProcessHandle postmaster = postmaster(data.resolve("hub-db")).orElseThrow();
      started.addAll(children);
      started.add(postmaster);
      started.addAll(postmaster.descendants().toList());

      // a consumer registered and funded on the hub's devnet, seen by the hub
      assertThat(Path.of(rpc.group(2)))
          .as("the devnet's deployment is kept in the data folder")
          .isEqualTo(data.resolve("devnet-deployment.json"));
      Deployment deployment = Deployment.read(Path.of(rpc.group(2)));
      ExchangeFactory x =
          new ExchangeFactory(HubDeployment.of(deployment), deployment.chainId().value());
      ExchangeFactory.Identity consumer = ExchangeFactory.devIdentity("launcher-stop-consumer");
      Address consumerId = Address.fromHex(consumer.address());
      try (ChainClient chain = Web3jChainClient.connect(rpc.group(1), deployment)) {
        var payer = chain.writer(DEV_ACCOUNT_2);
        payer.transferToken(
            chain.consumerChannelAddress(consumerId), TokenAmount.of(BigInteger.TEN.pow(18)));
        var registration =
            new IdentityRegistration(
                deployment.chainId(),
                deployment.registry(),
                deployment.hermesId(),
                TokenAmount.ZERO,
                TokenAmount.ZERO,
                Address.ZERO);
        payer.registerIdentity(
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            Address.ZERO,
            registration.sign(
                new KeySigner(PrivateKey.of(consumer.key()), Secp256k1s.getDefault())));
      }
      HttpClient http = HttpClient.newHttpClient();
      awaitTrue(
          "the hub sees the consumer's balance",
          () -> get(http, base.toString() + "/data/consumer/" + consumer.address()) == 200);

      // a request_promise inside the hub, waiting for the consumer's row
      locker = DriverManager.getConnection(jdbc, "postgres", null);
      locker.setAutoCommit(false);
      try (PreparedStatement s =
          locker.prepareStatement(
              "INSERT INTO consumer_state (chain_id, consumer) VALUES (?, ?) ON CONFLICT"
                  + " (chain_id, consumer) DO UPDATE SET updated_at = now()")) {
        s.setLong(1, deployment.chainId().value());
        s.setString(2, consumer.address());
        s.executeUpdate();
      }
      byte[] body =
          ExchangeFactory.bytes(
              x.requestPromise(
                  consumer,
                  "0x" + "a7".repeat(20),
                  BigInteger.ONE,
                  BigInteger.valueOf(100),
                  BigInteger.valueOf(100),
                  ExchangeFactory.devR("launcher-stop"),
                  BigInteger.ZERO,
                  "00"));
      CompletableFuture<HttpResponse<String>> inFlight =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/request_promise"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      awaitTrue("the hub's transaction waits for the consumer's row", () -> lockWaits(jdbc) == 1);

      hub.destroy(); // SIGTERM
      InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
      awaitTrue(
          "new connections are refused while the hub stops", () -> ShutdownIT.refuses(address));
      assertThat(inFlight).as("the request in flight").isNotDone();
      locker.rollback();
      locker.close();
      locker = null;
      HttpResponse<String> answer = inFlight.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as("answer %s", answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains("\"Amount\":100");

      assertThat(hub.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the hub exits").isTrue();
      String log = log(err);
      assertThat(hub.exitValue()).as("exit status, log:\n%s", log).isZero();
      assertThat(log).as("the log").doesNotContain("level=ERROR");
      assertThat(log.lines().filter(l -> l.contains("level=WARN")))
          .as("warnings of failures")
          .noneMatch(l -> l.contains("failed") || l.contains("refused"));
      assertThat(lines(log, "stopped\"", "released\""))
          .as("the stop order")
          .containsExactly(
              "HTTP API stopped",
              "dashboard stopped",
              "lease chain-duties/" + deployment.chainId() + ": released",
              "chain duties stopped",
              "chain view stopped",
              "database pool stopped",
              "vert.x stopped",
              "devnet stopped",
              "embedded PostgreSQL stopped",
              "hub stopped");

      // a process that just exited may still be in the table until its new parent reaps it
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      List<String> left = alive(started);
      while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        left = alive(started);
      }
      assertThat(left).as("processes the hub started that outlive it").isEmpty();

      // what the request committed survived the stop: the database opens again with it
      try (EmbeddedAgain db = new EmbeddedAgain(data.resolve("hub-db"))) {
        assertThat(db.count("SELECT count(*) FROM issued_promise WHERE amount = 100")).isOne();
        assertThat(db.count("SELECT count(*) FROM lease WHERE holder IS NOT NULL")).isZero();
      }
    } finally {
      if (locker != null) {
        locker.close();
      }
      hub.destroyForcibly();
      started.forEach(ProcessHandle::destroyForcibly);
      deleteTree(dir);
    }
  }

  /** The data folder opened by a server of the test's own. */
  static final class EmbeddedAgain implements AutoCloseable {
    private final network.hermes.hub.store.EmbeddedDatabase db;

    EmbeddedAgain(Path data) throws IOException {
      db = network.hermes.hub.store.EmbeddedDatabase.start(data, 0);
    }

    long count(String sql) throws Exception {
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://localhost:" + db.port() + "/postgres", "postgres", null);
          ResultSet r = c.createStatement().executeQuery(sql)) {
        r.next();
        return r.getLong(1);
      }
    }

    @Override
    public void close() throws IOException {
      db.close();
    }
  }

  /** The messages of the log lines ending with one of the suffixes, in order. */
  static List<String> lines(String log, String... suffixes) {
    List<String> out = new ArrayList<>();
    Pattern msg = Pattern.compile("msg=\"(.*)\"$");
    for (String line : log.split("\n")) {
      for (String suffix : suffixes) {
        if (line.endsWith(suffix)) {
          Matcher m = msg.matcher(line);
          if (m.find()) {
            out.add(m.group(1));
          }
        }
      }
    }
    return out;
  }

  static int get(HttpClient http, String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static int lockWaits(String jdbc) {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", null);
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hermes-hub'"
                        + " AND wait_event_type = 'Lock'")) {
      r.next();
      return r.getInt(1);
    } catch (Exception e) {
      return -1;
    }
  }

  static void awaitTrue(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  /** Waits for a line of the hub's standard output (a poll with a deadline). */
  static Matcher awaitLine(Process hub, Path out, Path err, Pattern line) throws Exception {
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = line.matcher(Files.readString(out));
      if (m.find()) {
        return m;
      }
      if (!hub.isAlive()) {
        throw new AssertionError("the hub exited early:\n" + log(err));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + line + "' within " + START + ":\n" + log(err));
  }

  /** The postmaster of a data folder, from the first line of its postmaster.pid. */
  static Optional<ProcessHandle> postmaster(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
    return ProcessHandle.of(pid);
  }

  static List<String> alive(List<ProcessHandle> processes) {
    return processes.stream().filter(ProcessHandle::isAlive).map(LauncherStopIT::describe).toList();
  }

  static String command(ProcessHandle p) {
    return p.info().command().orElse("");
  }

  static String describe(ProcessHandle p) {
    return p.pid() + " " + p.info().commandLine().orElse(command(p));
  }

  static String log(Path err) throws IOException {
    return Files.exists(err) ? Files.readString(err) : "";
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
