package network.hermes.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import network.hermes.contracts.chain.HermesStatus;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
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
import network.hermes.node.store.Earnings;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./hermes node provider}: the exit service. */
@Command(
    name = "provider",
    mixinStandardHelpOptions = true,
    description = {
      "Serve metered tunnel sessions and get paid through the hub.",
      "Exit codes: 2 bad arguments, 3 could not start; Ctrl-C or SIGTERM stops it cleanly (130/143)."
    })
public final class ProviderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "Listen address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "7600",
      description = "Listen port, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--price-per-gib",
      paramLabel = "WEI",
      defaultValue = "100000000000000000",
      description = "Wei per GiB carried (default: ${DEFAULT-VALUE}, 0.1 MYST).")
  String pricePerGib;

  @Option(
      names = "--price-per-hour",
      paramLabel = "WEI",
      defaultValue = "60000000000000",
      description = "Wei per hour (default: ${DEFAULT-VALUE}, 0.00006 MYST).")
  String pricePerHour;

  @Option(
      names = "--rpc-url",
      paramLabel = "URL",
      description = "JSON-RPC of the chain, to refuse consumers while the hub is not active.")
  String rpcUrl;

  @Option(
      names = "--allow",
      paramLabel = "CIDR",
      split = ",",
      description = "Destination ranges allowed even inside the default-denied ones.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--deny",
      paramLabel = "CIDR",
      split = ",",
      description = "Destination ranges always denied.")
  List<String> deny = new ArrayList<>();

  @Option(
      names = "--allow-private-destinations",
      description =
          "Also connect to loopback, private, link-local and other non-global addresses (demo and tests only).")
  boolean allowPrivate;

  @Option(
      names = "--settle-threshold",
      paramLabel = "WEI",
      defaultValue = "5000000000000000000",
      converter = TokenAmountConverter.class,
      description =
          "Without --rpc-url: settle through the hub's relay when this much is unsettled (default: ${DEFAULT-VALUE}, 5 MYST); with --rpc-url provider-settler's smart-settle policy decides; 0: never settle.")
  TokenAmount settleThreshold;

  @Option(
      names = "--charge-period-seconds",
      defaultValue = "5",
      hidden = true,
      description = "First period between invoices.")
  long chargePeriodSeconds;

  @Option(
      names = "--payment-wait-seconds",
      defaultValue = "50",
      hidden = true,
      description = "How long an invoice may stay unpaid.")
  long paymentWaitSeconds;

  @Option(
      names = "--max-missed",
      defaultValue = "24",
      hidden = true,
      description = "Normal invoices unpaid in a row before the session ends.")
  int maxMissed;

  @Option(
      names = "--dev-overcharge-percent",
      defaultValue = "0",
      hidden = true,
      description = "Tests only: put this percent on every invoice.")
  int overchargePercent;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Price price;
    DestinationPolicy policy;
    try {
      price = new Price(TokenAmount.parse(pricePerGib), TokenAmount.parse(pricePerHour));
      policy =
          new DestinationPolicy(
              allow.stream().map(Cidr::parse).toList(),
              deny.stream().map(Cidr::parse).toList(),
              allowPrivate);
    } catch (IllegalArgumentException e) {
      err.println("hermes node provider: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Secp256k1 secp = Secp256k1s.getDefault();
    Deployment deployment;
    PrivateKey key;
    try {
      deployment = common.deployment();
      key = common.key();
    } catch (CommonOptions.StartException e) {
      err.println("hermes node provider: " + e.getMessage());
      return ExitCodes.START;
    }
    KeySigner signer = new KeySigner(key, secp);
    InvoiceSchedule.Settings upstream = InvoiceSchedule.Settings.upstream();
    InvoiceSchedule.Settings schedule =
        new InvoiceSchedule.Settings(
            Duration.ofSeconds(chargePeriodSeconds),
            upstream.chargePeriodLimit(),
            upstream.maxUnpaid(),
            upstream.maxUnpaidLimit(),
            upstream.debounce(),
            Duration.ofSeconds(paymentWaitSeconds),
            upstream.firstPaymentWait(),
            maxMissed,
            upstream.firstInvoiceValue());
    ProviderSettings settings =
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
            overchargePercent);
    Web3jChainClient chain = rpcUrl == null ? null : Web3jChainClient.connect(rpcUrl, deployment);
    try (HubClient hub = HubClient.connect(common.hub)) {
      Function<Earnings, SettlementTrigger> settlement =
          earnings ->
              settleThreshold.isZero()
                  ? SettlementTrigger.NONE
                  : chain != null
                      ? AutoSettlement.start(chain, deployment, hub, signer, common.dataDir, err)
                      : new RelaySettler(
                          hub,
                          signer.address(),
                          deployment.hermesId(),
                          earnings,
                          settleThreshold,
                          Clock.systemUTC());
      ProviderService service;
      try {
        service =
            ProviderNode.start(
                new InetSocketAddress(host, port),
                signer,
                key,
                settings,
                ExitConnector.system(policy, Duration.ofSeconds(10)),
                hub,
                common.dataDir,
                consumer -> admission(chain),
                settlement,
                Clock.systemUTC(),
                secp);
      } catch (HubException e) {
        err.println("hermes node provider: hub at " + common.hub + ": " + e.getMessage());
        return ExitCodes.START;
      } catch (IOException e) {
        err.println(
            "hermes node provider: cannot start on " + host + ":" + port + ": " + e.getMessage());
        return ExitCodes.START;
      }
      out.printf(
          "provider %s listening on %s:%d (%s per GiB, %s per hour)%n",
          signer.address(),
          service.address().getAddress().getHostAddress(),
          service.address().getPort(),
          Units.myst(price.perGib()),
          Units.myst(price.perHour()));
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Thread hook = new Thread(stop::countDown, "provider-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      while (!stop.await(
          Math.max(1, common.statusInterval), java.util.concurrent.TimeUnit.SECONDS)) {
        if (common.statusInterval > 0) {
          err.println(status(service));
          err.flush();
        }
      }
      service.close();
      return ExitCodes.OK;
    } finally {
      if (chain != null) {
        chain.close();
      }
    }
  }

  private static String admission(Web3jChainClient chain) {
    if (chain == null) {
      return null;
    }
    try {
      HermesStatus status = chain.hermes().status();
      return status == HermesStatus.ACTIVE
          ? null
          : "the hub is not active on chain (" + status + ")";
    } catch (RuntimeException e) {
      return "cannot check the hub on chain: " + e.getMessage();
    }
  }

  static String status(ProviderService service) {
    List<SessionStatus> sessions = service.sessions();
    long bytes = sessions.stream().mapToLong(SessionStatus::bytes).sum();
    TokenAmount paid =
        sessions.stream().map(SessionStatus::paid).reduce(TokenAmount.ZERO, TokenAmount::plus);
    Promise latest = service.latestHubPromise();
    StringBuilder line =
        new StringBuilder()
            .append("sessions=")
            .append(sessions.size())
            .append(" bytes=")
            .append(Units.bytes(bytes))
            .append(" paid=")
            .append(Units.myst(paid))
            .append(" earned=")
            .append(Units.myst(latest == null ? TokenAmount.ZERO : latest.amount()))
            .append(" refused=")
            .append(service.refusedPeers());
    for (SessionStatus s : sessions) {
      line.append(" [")
          .append(shortId(s.consumer()))
          .append(' ')
          .append(Units.rate(s.bytes(), s.elapsed()))
          .append(']');
    }
    return line.toString();
  }

  private static String shortId(Address address) {
    String hex = address.toHex();
    return hex.substring(0, 8) + "…";
  }
}
