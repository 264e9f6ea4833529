package network.hermes.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.node.consumer.ConsumerNode;
import network.hermes.node.consumer.ConsumerSession;
import network.hermes.node.consumer.ConsumerSettings;
import network.hermes.node.consumer.ConsumerStatus;
import network.hermes.node.session.Price;
import network.hermes.node.session.Tolerance;
import network.hermes.node.transport.RefusedException;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./hermes node consumer}: a local SOCKS5 / HTTP CONNECT proxy through a paid session. */
@Command(
    name = "consumer",
    mixinStandardHelpOptions = true,
    description = {
      "Open a paid session with a provider and serve it as a local SOCKS5 and HTTP CONNECT proxy.",
      "Exit codes: 2 bad arguments, 3 could not start, 130/143 stopped by Ctrl-C/SIGTERM,",
      "4 the session was refused or ended (overcharge, balance exhausted, provider ended it)."
    })
public final class ConsumerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--provider",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Where the provider listens.")
  String provider;

  @Option(
      names = "--provider-id",
      required = true,
      paramLabel = "0x…",
      description = "The provider's identity; any other is refused.")
  String providerId;

  @Option(
      names = "--socks-port",
      defaultValue = "1080",
      description =
          "Loopback port of the SOCKS5 and HTTP CONNECT proxy, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int socksPort;

  @Option(
      names = "--max-price-per-gib",
      paramLabel = "WEI",
      defaultValue = "100000000000000000",
      description = "Highest price per GiB accepted (default: ${DEFAULT-VALUE}, 0.1 MYST).")
  String maxPerGib;

  @Option(
      names = "--max-price-per-hour",
      paramLabel = "WEI",
      defaultValue = "60000000000000",
      description = "Highest price per hour accepted (default: ${DEFAULT-VALUE}, 0.00006 MYST).")
  String maxPerHour;

  @Option(
      names = "--data-leeway-mib",
      defaultValue = "20",
      description =
          "MiB added to own metering before checking an invoice (default: ${DEFAULT-VALUE}).")
  long leewayMib;

  @Option(
      names = "--dev-pay-invoices",
      defaultValue = "-1",
      hidden = true,
      description = "Tests only: pay this many invoices, then none.")
  int invoicesToPay;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InetSocketAddress providerAddress;
    Address expected;
    Price maxPrice;
    try {
      int colon = provider.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--provider must be HOST:PORT");
      }
      providerAddress =
          new InetSocketAddress(
              provider.substring(0, colon), Integer.parseInt(provider.substring(colon + 1)));
      expected = Address.fromHex(providerId);
      maxPrice = new Price(TokenAmount.parse(maxPerGib), TokenAmount.parse(maxPerHour));
    } catch (IllegalArgumentException e) {
      err.println("hermes node consumer: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Secp256k1 secp = Secp256k1s.getDefault();
    Deployment deployment;
    PrivateKey key;
    try {
      deployment = common.deployment();
      key = common.key();
    } catch (CommonOptions.StartException e) {
      err.println("hermes node consumer: " + e.getMessage());
      return ExitCodes.START;
    }
    KeySigner signer = new KeySigner(key, secp);
    ConsumerSettings settings =
        new ConsumerSettings(
            providerAddress,
            expected,
            deployment.chainId(),
            deployment.hermesId(),
            deployment.registry(),
            deployment.channelImplementation(),
            maxPrice,
            new Tolerance(leewayMib * 1024 * 1024),
            Duration.ofSeconds(40),
            invoicesToPay);
    ConsumerNode node;
    try (HubClient hub = HubClient.connect(common.hub)) {
      node =
          ConsumerNode.start(
              settings, signer, hub, common.dataDir, socksPort, Clock.systemUTC(), secp);
    } catch (ConsumerNode.StartException e) {
      err.println("hermes node consumer: " + e.getMessage());
      return ExitCodes.START;
    } catch (RefusedException e) {
      err.println("hermes node consumer: session refused: " + e.getMessage());
      return ExitCodes.SESSION;
    } catch (IOException e) {
      err.println(
          "hermes node consumer: cannot reach the provider at " + provider + ": " + e.getMessage());
      return ExitCodes.START;
    }
    ConsumerSession session = node.session();
    InetSocketAddress proxyAddress = node.proxyAddress();
    out.printf(
        "consumer %s in session with %s at %s per GiB and %s per hour; SOCKS5 and HTTP CONNECT proxy on %s:%d%n",
        signer.address(),
        expected,
        Units.myst(session.price().perGib()),
        Units.myst(session.price().perHour()),
        proxyAddress.getAddress().getHostAddress(),
        proxyAddress.getPort());
    out.flush();
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              node.close();
            },
            "consumer-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    while (true) {
      String reason;
      try {
        reason = session.ended().get(Math.max(1, common.statusInterval), TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (common.statusInterval > 0) {
          err.println(status(session.status()));
          err.flush();
        }
        continue;
      }
      node.close();
      err.println(status(session.status()));
      if (stopping.get()) {
        return ExitCodes.OK;
      }
      err.println("hermes node consumer: session ended: " + reason);
      err.flush();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      return ExitCodes.SESSION;
    }
  }

  static String status(ConsumerStatus s) {
    long bytes = s.bytesIn() + s.bytesOut();
    return "bytes="
        + Units.bytes(bytes)
        + " rate="
        + Units.rate(bytes, s.elapsed())
        + " invoices="
        + s.invoices()
        + " paid="
        + Units.myst(s.paid())
        + " promised="
        + Units.myst(s.promised());
  }
}
