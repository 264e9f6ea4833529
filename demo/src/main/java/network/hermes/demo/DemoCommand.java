package network.hermes.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import network.hermes.contracts.deploy.DeploymentPlan;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.node.consumer.ConsumerNode;
import network.hermes.node.consumer.ConsumerSettings;
import network.hermes.node.consumer.ConsumerStatus;
import network.hermes.node.policy.Cidr;
import network.hermes.node.policy.DestinationPolicy;
import network.hermes.node.policy.ExitConnector;
import network.hermes.node.provider.ProviderNode;
import network.hermes.node.provider.ProviderService;
import network.hermes.node.provider.ProviderSettings;
import network.hermes.node.provider.RelaySettler;
import network.hermes.node.provider.SessionStatus;
import network.hermes.node.provider.SettlementTrigger;
import network.hermes.node.session.InvoiceSchedule;
import network.hermes.node.session.Price;
import network.hermes.node.session.Tolerance;
import network.hermes.node.store.Earnings;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./hermes demo}: the whole network on one machine. A devnet with the contracts, the hub
 * (its own process, embedded PostgreSQL), a provider and a consumer; the consumer's channel topped
 * up from a separate wallet, both registered; a download through the consumer's SOCKS5 proxy with
 * promises flowing; the provider's earnings settled on chain through the hub's relay; and a summary
 * that reconciles the metering, the money and every balance.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole Hermes network on this machine: devnet, hub, provider, consumer, a paid",
      "transfer through the tunnel, a provider settlement on chain, and a reconciled summary.",
      "Exit codes: 0 summary reconciled, 1 a step failed or the summary does not reconcile, 2 bad"
          + " arguments."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final long MIB = 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Spec CommandSpec spec;

  @Option(
      names = "--transfer-mib",
      defaultValue = "50",
      description = "MiB to download through the tunnel (default: ${DEFAULT-VALUE}).")
  int transferMib;

  @Option(
      names = "--summary-out",
      paramLabel = "FILE",
      description = "Also write the summary as JSON to FILE.")
  Path summaryOut;

  @Option(
      names = "--keep",
      description = "Keep the network running after the summary until Ctrl-C.")
  boolean keep;

  private final Secp256k1 secp = Secp256k1s.getDefault();
  private final SecureRandom random = new SecureRandom();
  private PrintWriter out;
  private final Cleanup cleanup = new Cleanup();

  /** Runs the demo and exits with its code. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "hermes-demo-logback.xml");
    }
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    if (transferMib < 1 || transferMib > 4096) {
      spec.commandLine().getErr().println("demo: --transfer-mib must be 1..4096");
      return 2;
    }
    Thread hook = new Thread(cleanup::run, "demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run();
    } catch (Exception e) {
      spec.commandLine().getErr().println("demo: " + e.getMessage());
      return 1;
    } finally {
      cleanup.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
  }

  private int run() throws Exception {
    Path dir = Files.createTempDirectory("hermes-demo");
    cleanup.add(() -> deleteTree(dir));

    step(1, "devnet: anvil with the contracts deployed");
    LocalChain chain = LocalChain.start("http://127.0.0.1:1/api/v2");
    cleanup.add(chain::close);
    var deployment = chain.deployment();
    Path deploymentFile = dir.resolve("deployment.json");
    deployment.write(deploymentFile);
    chain.mint(
        deployment.hermesId(), DeploymentPlan.myst(1000)); // the hub's float for provider payouts
    out.printf(
        "    RPC %s, chain %d, hub contract %s%n",
        chain.rpcUrl(), deployment.chainId().value(), deployment.hermesId());

    step(2, "hub: its own process, embedded PostgreSQL, following the devnet");
    PrivateKey relayKey = chain.account(9);
    Map<String, String> hubSettings = new LinkedHashMap<>();
    hubSettings.put("chain.mode", "rpc");
    hubSettings.put("chain.rpc-url", chain.rpcUrl());
    hubSettings.put("chain.deployment", deploymentFile.toString());
    hubSettings.put("operator.dev-key", Hex.encode(chain.operatorKey().toBytes()));
    hubSettings.put("relay.dev-key", Hex.encode(relayKey.toBytes()));
    hubSettings.put("db.embedded-dir", dir.resolve("hub-db").toString());
    hubSettings.put("http.port", "0");
    hubSettings.put("watcher.poll-interval-ms", "300");
    hubSettings.put("watcher.confirmations", "0");
    hubSettings.put("chain.view-refresh-ms", "200");
    hubSettings.put("settlement.interval-ms", "500");
    hubSettings.put(
        "settlement.threshold", "1"); // settle consumers at once, so the summary shows it
    hubSettings.put("relay.interval-ms", "300");
    hubSettings.put("shutdown.grace-seconds", "2");
    HubLauncher hubProcess =
        HubLauncher.start(hubSettings, dir.resolve("hub"), dir.resolve("hub.log"), WAIT);
    cleanup.add(hubProcess::close);
    HubClient hub = HubClient.connect(hubProcess.apiUrl());
    cleanup.add(hub::close);
    out.printf("    hub API %s%n", hubProcess.apiUrl());

    step(3, "identities: the consumer tops up from a separate wallet; both register");
    PrivateKey walletKey = chain.account(4);
    Address wallet = address(walletKey);
    chain.mint(wallet, DeploymentPlan.myst(100));
    PrivateKey consumerKey = PrivateKey.random(random);
    PrivateKey providerKey = PrivateKey.random(random);
    KeySigner consumer = new KeySigner(consumerKey, secp);
    KeySigner provider = new KeySigner(providerKey, secp);
    Address consumerChannel =
        ChannelIds.consumerChannelAddress(
            deployment.registry(),
            consumer.address(),
            deployment.hermesId(),
            deployment.channelImplementation());
    TokenAmount topUp = DeploymentPlan.myst(10);
    Map<String, Address> watched = new LinkedHashMap<>();
    watched.put("consumer wallet", wallet);
    watched.put("consumer channel", consumerChannel);
    watched.put("hub contract", deployment.hermesId());
    watched.put("relay account", address(relayKey));
    chain
        .client()
        .writer(walletKey)
        .transferToken(consumerChannel, topUp); // the one chain write of the demo
    chain.registerIdentity(consumerKey, TokenAmount.ZERO);
    chain.registerIdentity(providerKey, TokenAmount.ZERO);
    Address beneficiary = chain.client().beneficiary(provider.address());
    watched.put("provider beneficiary", beneficiary);
    Map<String, TokenAmount> before = balances(chain, watched);
    before.put(
        "consumer wallet", before.get("consumer wallet").plus(topUp)); // as before the top-up
    before.put("consumer channel", before.get("consumer channel").minus(topUp));
    out.printf(
        "    consumer %s, channel %s topped up with %s from wallet %s%n",
        consumer.address(), consumerChannel, myst(topUp), wallet);
    out.printf("    provider %s, beneficiary %s%n", provider.address(), beneficiary);
    waitFor(
        "the hub to see the consumer's top-up",
        () -> {
          try {
            var d = hub.consumerData(consumer.address()).get(deployment.chainId());
            return d != null && d.balance().equals(topUp);
          } catch (HubException e) {
            return false;
          }
        });

    step(4, "provider: exit service on loopback");
    Price price = new Price(DeploymentPlan.myst(1), TokenAmount.parse("60000000000000"));
    InvoiceSchedule.Settings upstream = InvoiceSchedule.Settings.upstream();
    InvoiceSchedule.Settings schedule =
        new InvoiceSchedule.Settings(
            Duration.ofSeconds(2),
            upstream.chargePeriodLimit(),
            upstream.maxUnpaid(),
            upstream.maxUnpaidLimit(),
            upstream.debounce(),
            upstream.paymentWait(),
            upstream.firstPaymentWait(),
            upstream.maxMissed(),
            upstream.firstInvoiceValue());
    ProviderSettings providerSettings =
        new ProviderSettings(
            price,
            deployment.chainId(),
            deployment.hermesId(),
            deployment.hermesOperator(),
            deployment.registry(),
            deployment.channelImplementation(),
            schedule,
            10,
            Duration.ofSeconds(1),
            0);
    Path providerData = dir.resolve("provider");
    ProviderService service =
        ProviderNode.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            provider,
            providerKey,
            providerSettings,
            ExitConnector.system(
                new DestinationPolicy(List.of(Cidr.parse("127.0.0.1/32")), List.of(), false),
                Duration.ofSeconds(5)),
            hub,
            providerData,
            c -> null,
            e -> SettlementTrigger.NONE,
            Clock.systemUTC(),
            secp);
    cleanup.add(service::close);
    out.printf(
        "    listening on 127.0.0.1:%d at %s per GiB and %s per hour; destinations: 127.0.0.1 only%n",
        service.address().getPort(), myst(price.perGib()), myst(price.perHour()));

    step(5, "consumer: session with the provider, SOCKS5 proxy on loopback");
    ConsumerSettings consumerSettings =
        new ConsumerSettings(
            service.address(),
            provider.address(),
            deployment.chainId(),
            deployment.hermesId(),
            deployment.registry(),
            deployment.channelImplementation(),
            price,
            new Tolerance(Tolerance.DEFAULT_DATA_LEEWAY),
            Duration.ofSeconds(40),
            -1);
    ConsumerNode consumerNode =
        ConsumerNode.start(
            consumerSettings, consumer, hub, dir.resolve("consumer"), 0, Clock.systemUTC(), secp);
    cleanup.add(consumerNode::close);
    InetSocketAddress socks = consumerNode.proxyAddress();
    out.printf(
        "    SOCKS5 and HTTP CONNECT proxy on 127.0.0.1:%d (first invoice paid)%n",
        socks.getPort());

    step(6, "transfer: " + transferMib + " MiB from a local web server through the tunnel");
    byte[] blob = new byte[Math.toIntExact(transferMib * MIB)];
    new Random(42).nextBytes(blob);
    HttpServer web =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    web.createContext(
        "/blob",
        exchange -> {
          exchange.sendResponseHeaders(200, blob.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(blob);
          }
        });
    web.start();
    cleanup.add(() -> web.stop(0));
    Instant started = Instant.now();
    byte[] digest = download(socks, web.getAddress().getPort(), blob.length, consumerNode);
    Duration took = Duration.between(started, Instant.now());
    boolean intact =
        MessageDigest.isEqual(digest, MessageDigest.getInstance("SHA-256").digest(blob));
    out.printf(
        "    %d bytes in %.1f s, content %s%n",
        blob.length, took.toMillis() / 1000.0, intact ? "intact (SHA-256 matches)" : "CORRUPT");

    step(7, "payments: the last invoices paid, the hub's promises and R revealed");
    SessionStatus providerSide = service.sessions().get(0);
    ConsumerStatus consumerSide = consumerNode.session().status();
    TokenAmount due = price.total(providerSide.elapsed(), providerSide.bytes());
    waitFor(
        "the provider to be paid for the transfer",
        () -> {
          SessionStatus s = service.sessions().get(0);
          Promise p = service.latestHubPromise();
          return s.paid().compareTo(due) >= 0 && p != null && p.amount().compareTo(s.paid()) >= 0;
        });
    providerSide = service.sessions().get(0);
    consumerSide = consumerNode.session().status();
    consumerNode.close();
    waitFor(
        "the provider to reveal R", () -> earnings(providerData, provider, deployment).revealed());
    Earnings earnings = earnings(providerData, provider, deployment);
    Promise hubPromise = earnings.latest().orElseThrow();
    out.printf(
        "    consumer paid %s in %d invoices; the hub promised the provider %s%n",
        myst(consumerSide.paid()), consumerSide.invoices(), myst(hubPromise.amount()));

    step(8, "settlement: the provider settles its hub promise on chain through the hub's relay");
    RelaySettler.Settled done =
        new RelaySettler(
                hub,
                provider.address(),
                deployment.hermesId(),
                earnings,
                TokenAmount.ZERO,
                Clock.systemUTC())
            .settleIfDue(true)
            .orElseThrow(() -> new IllegalStateException("nothing to settle"));
    Promise withFee = done.promise();
    TokenAmount hubFee = chain.client().hermesFee(withFee.amount());
    out.printf(
        "    settled in transaction %s (transactor fee %s, hub fee %s)%n",
        done.txHash(), myst(withFee.fee()), myst(hubFee));
    TokenAmount consumerPromised =
        hub.consumerData(consumer.address()).get(deployment.chainId()).latestPromise().amount();
    waitFor(
        "the hub to settle the consumer's promises into its contract",
        () ->
            chain.client().consumerChannel(consumerChannel).settled().compareTo(consumerPromised)
                >= 0);
    TokenAmount providerSettled =
        chain
            .client()
            .providerChannel(
                ChannelIds.providerChannelId(provider.address(), deployment.hermesId()))
            .settled();
    Map<String, TokenAmount> after = balances(chain, watched);

    ObjectNode summary =
        summary(
            providerSide,
            consumerSide,
            price,
            due,
            consumerPromised,
            hubPromise,
            providerSettled,
            hubFee,
            withFee.fee(),
            before,
            after,
            done.txHash(),
            intact);
    boolean reconciled = summary.path("reconciled").asBoolean();
    printSummary(summary);
    if (summaryOut != null) {
      Files.writeString(
          summaryOut,
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary)
              + "\n");
    }
    if (keep) {
      ConsumerNode kept =
          ConsumerNode.start(
              consumerSettings, consumer, hub, dir.resolve("consumer"), 0, Clock.systemUTC(), secp);
      cleanup.add(kept::close);
      out.printf(
          "%nthe network keeps running until Ctrl-C:%n  SOCKS5  127.0.0.1:%d   (curl --socks5-hostname 127.0.0.1:%d http://127.0.0.1:%d/blob -o /dev/null)%n"
              + "  hub     %s%n  RPC     %s%n  deployment %s%n",
          kept.proxyAddress().getPort(),
          kept.proxyAddress().getPort(),
          web.getAddress().getPort(),
          hubProcess.apiUrl(),
          chain.rpcUrl(),
          deployment.toJson().replace("\n", "\n  "));
      out.flush();
      new CountDownLatch(1).await(); // until Ctrl-C: the shutdown hook stops everything
    }
    return reconciled && intact ? 0 : 1;
  }

  private byte[] download(InetSocketAddress socks, int port, long expected, ConsumerNode node)
      throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, socks))) {
      // unresolved: the name goes to the provider, which resolves it (socks5h)
      socket.connect(InetSocketAddress.createUnresolved("localhost", port), 30_000);
      socket
          .getOutputStream()
          .write(
              ("GET /blob HTTP/1.0\r\nHost: localhost\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      int matched = 0;
      while (matched < 4) { // skip the response head
        int b = in.read();
        if (b < 0) {
          throw new IOException("the web server's answer ended early");
        }
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      byte[] buffer = new byte[64 * 1024];
      long received = 0;
      long lastPrint = System.nanoTime();
      Instant start = Instant.now();
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
        received += n;
        if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(1) || received == expected) {
          lastPrint = System.nanoTime();
          ConsumerStatus s = node.session().status();
          double seconds =
              Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
          out.printf(
              "    %6.1f / %.1f MiB  %6.2f MiB/s  invoices %d  paid %s%n",
              received / (double) MIB,
              expected / (double) MIB,
              received / (double) MIB / seconds,
              s.invoices(),
              myst(s.paid()));
          out.flush();
        }
      }
      if (received != expected) {
        throw new IOException("received " + received + " of " + expected + " bytes");
      }
    }
    return sha.digest();
  }

  private ObjectNode summary(
      SessionStatus provider,
      ConsumerStatus consumer,
      Price price,
      TokenAmount due,
      TokenAmount consumerPromised,
      Promise hubPromise,
      TokenAmount settled,
      TokenAmount hubFee,
      TokenAmount txFee,
      Map<String, TokenAmount> before,
      Map<String, TokenAmount> after,
      String txHash,
      boolean intact) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode metering = root.putObject("metering");
    metering.put("provider_bytes", provider.bytes());
    metering.put("consumer_bytes", consumer.bytesIn() + consumer.bytesOut());
    metering.put("provider_seconds", provider.elapsed().toMillis() / 1000.0);
    metering.put("consumer_seconds", consumer.elapsed().toMillis() / 1000.0);
    metering.put("control_bytes", consumer.controlBytes());
    metering.put("invoices", consumer.invoices());
    ObjectNode money = root.putObject("money_wei");
    money.put("price_per_gib", price.perGib().toBigInteger());
    money.put("price_per_hour", price.perHour().toBigInteger());
    money.put("due_by_price", due.toBigInteger());
    money.put("paid_in_agreement", consumer.paid().toBigInteger());
    money.put("consumer_promised", consumerPromised.toBigInteger());
    money.put("hub_promised_provider", hubPromise.amount().toBigInteger());
    money.put("settled_on_chain", settled.toBigInteger());
    money.put("hub_fee", hubFee.toBigInteger());
    money.put("transactor_fee", txFee.toBigInteger());
    money.put("provider_received", settled.minus(hubFee).minus(txFee).toBigInteger());
    root.put("settlement_tx", txHash);
    ObjectNode balances = root.putObject("balances_wei");
    for (String name : before.keySet()) {
      ObjectNode b = balances.putObject(name);
      b.put("before", before.get(name).toBigInteger());
      b.put("after", after.get(name).toBigInteger());
    }
    TokenAmount beneficiaryGain =
        after.get("provider beneficiary").minus(before.get("provider beneficiary"));
    TokenAmount relayGain = after.get("relay account").minus(before.get("relay account"));
    TokenAmount topUp = DeploymentPlan.myst(10);
    TokenAmount channelLoss =
        before.get("consumer channel").plus(topUp).minus(after.get("consumer channel"));
    ObjectNode checks = root.putObject("checks");
    checks.put("content intact", intact);
    checks.put(
        "both sides metered the same bytes",
        provider.bytes() == consumer.bytesIn() + consumer.bytesOut());
    checks.put("the consumer paid what the price asks", consumer.paid().compareTo(due) >= 0);
    checks.put(
        "the hub promised the provider what the consumer paid",
        hubPromise.amount().equals(consumer.paid()));
    checks.put("the consumer promised what it paid", consumerPromised.equals(consumer.paid()));
    checks.put("the whole hub promise was settled", settled.equals(hubPromise.amount()));
    checks.put(
        "the beneficiary got settled minus hub and transactor fees",
        beneficiaryGain.equals(settled.minus(hubFee).minus(txFee)));
    checks.put("the relay got the transactor fee", relayGain.equals(txFee));
    checks.put(
        "the consumer's channel paid what it promised", channelLoss.equals(consumerPromised));
    TokenAmount hubGain = after.get("hub contract").minus(before.get("hub contract"));
    checks.put(
        "the hub contract took the consumer's money, paid the provider and kept the hub fee",
        hubGain.equals(channelLoss.minus(settled).plus(hubFee)));
    checks.put(
        "the wallet paid the top-up",
        before.get("consumer wallet").minus(after.get("consumer wallet")).equals(topUp));
    boolean all = true;
    var it = checks.fields();
    while (it.hasNext()) {
      all &= it.next().getValue().asBoolean();
    }
    root.put("reconciled", all);
    return root;
  }

  private void printSummary(ObjectNode s) {
    out.println();
    out.println("summary");
    var m = s.path("metering");
    out.printf(
        "  bytes metered      provider %d, consumer %d (control messages: %d bytes, %d invoices)%n",
        m.path("provider_bytes").asLong(),
        m.path("consumer_bytes").asLong(),
        m.path("control_bytes").asLong(),
        m.path("invoices").asInt());
    out.printf(
        "  seconds metered    provider %.1f, consumer %.1f%n",
        m.path("provider_seconds").asDouble(), m.path("consumer_seconds").asDouble());
    var w = s.path("money_wei");
    for (String key :
        List.of(
            "due_by_price",
            "paid_in_agreement",
            "consumer_promised",
            "hub_promised_provider",
            "settled_on_chain",
            "hub_fee",
            "transactor_fee",
            "provider_received")) {
      out.printf(
          "  %-22s %26s wei  %s%n",
          key.replace('_', ' '),
          w.path(key).bigIntegerValue(),
          myst(TokenAmount.of(w.path(key).bigIntegerValue())));
    }
    out.println("  balances (before -> after, MYST)");
    var it = s.path("balances_wei").fields();
    while (it.hasNext()) {
      var e = it.next();
      out.printf(
          "    %-22s %s -> %s%n",
          e.getKey(),
          myst(TokenAmount.of(e.getValue().path("before").bigIntegerValue())),
          myst(TokenAmount.of(e.getValue().path("after").bigIntegerValue())));
    }
    out.println("  checks");
    var checks = s.path("checks").fields();
    while (checks.hasNext()) {
      var e = checks.next();
      out.printf("    [%s] %s%n", e.getValue().asBoolean() ? "ok" : "FAILED", e.getKey());
    }
    out.println(s.path("reconciled").asBoolean() ? "reconciled." : "NOT reconciled.");
    out.flush();
  }

  private Map<String, TokenAmount> balances(LocalChain chain, Map<String, Address> watched) {
    Map<String, TokenAmount> map = new LinkedHashMap<>();
    watched.forEach((name, address) -> map.put(name, chain.client().tokenBalance(address)));
    return map;
  }

  private static Earnings earnings(
      Path dir, KeySigner provider, network.hermes.contracts.deploy.Deployment d) {
    try {
      return Earnings.open(dir, provider.address(), d.hermesId(), d.chainId());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void step(int n, String what) {
    out.printf("[%d/8] %s%n", n, what);
    out.flush();
  }

  private void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    Instant end = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  private Address address(PrivateKey key) {
    return secp.addressOf(key);
  }

  private static String myst(TokenAmount amount) {
    return new BigDecimal(amount.toBigInteger())
            .divide(BigDecimal.TEN.pow(18), 9, RoundingMode.DOWN)
            .stripTrailingZeros()
            .toPlainString()
        + " MYST";
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temporary folder
    }
  }

  /** Stops what the demo started, newest first, once, from the end of the run or from Ctrl-C. */
  private static final class Cleanup {
    private final java.util.Deque<Runnable> steps = new java.util.ArrayDeque<>();
    private boolean done;

    synchronized void add(Runnable step) {
      steps.push(step);
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      while (!steps.isEmpty()) {
        try {
          steps.pop().run();
        } catch (RuntimeException e) {
          // keep stopping the rest
        }
      }
    }
  }
}
