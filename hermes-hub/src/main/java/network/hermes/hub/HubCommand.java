package network.hermes.hub;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.service.Signals;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./hermes hub}: runs the Hermes hub. Precedence: flags > environment > file > defaults. */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    subcommands = {SeedFactsCommand.class},
    description = {
      "Runs the Hermes hub (the accountant).",
      "Without --db-url it starts an embedded PostgreSQL (in --data-dir).",
      "Without --rpc-url it starts a local devnet, deploys the contracts and follows them (chain"
          + " watcher, consumer settlement, relay); with --rpc-url and --deployment it follows"
          + " that chain; --set chain.mode=offline serves without a chain, on facts seeded with"
          + " 'hub seed-facts'.",
      "Every setting is also an environment variable HERMES_HUB_<KEY> and a key of --config."
    })
public final class HubCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      description = "properties file with settings (lowest precedence after defaults)")
  Path configFile;

  @Option(names = "--host", description = "listen address (http.host)")
  String host;

  @Option(names = "--port", description = "listen port, 0 for a free one (http.port)")
  Integer port;

  @Option(names = "--db-url", description = "postgresql://user@host:port/db (db.url)")
  String dbUrl;

  @Option(names = "--db-password-file", description = "file holding the database password")
  Path dbPasswordFile;

  @Option(
      names = "--data-dir",
      description =
          "the hub's data folder (default .hermes): the embedded PostgreSQL in DIR/hub-db"
              + " (db.embedded-dir), the devnet's deployment in DIR/devnet-deployment.json",
      paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--rpc-url", description = "JSON-RPC URL of the chain (chain.rpc-url)")
  String rpcUrl;

  @Option(
      names = "--deployment",
      description = "deployment JSON of the contracts (chain.deployment)")
  Path deployment;

  @Option(names = "--keystore", description = "operator V3 keystore file (operator.keystore)")
  Path keystore;

  @Option(names = "--password-file", description = "file holding the keystore password")
  Path passwordFile;

  @Option(
      names = "--set",
      description = "any setting as key=value (repeatable), e.g. --set batch.enabled=false")
  List<String> sets = List.of();

  public static void main(String[] args) {
    System.exit(new CommandLine(new HubCommand()).execute(args));
  }

  Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    if (host != null) f.put("http.host", host);
    if (port != null) f.put("http.port", port.toString());
    if (dbUrl != null) f.put("db.url", dbUrl);
    if (dbPasswordFile != null) f.put("db.password-file", dbPasswordFile.toString());
    if (dataDir != null) f.put("db.embedded-dir", dataDir.resolve("hub-db").toString());
    if (rpcUrl != null) f.put("chain.rpc-url", rpcUrl);
    if (deployment != null) f.put("chain.deployment", deployment.toString());
    if (keystore != null) f.put("operator.keystore", keystore.toString());
    if (passwordFile != null) f.put("operator.password-file", passwordFile.toString());
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--set needs key=value, got " + s);
      }
      f.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return f;
  }

  @Override
  public Integer call() throws Exception {
    HubConfig config = HubConfig.load(flags(), System.getenv(), configFile);
    HubApplication app = HubApplication.of(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopRequested = new AtomicBoolean();
    Runnable stop =
        () -> {
          stopRequested.set(true);
          app.close();
          stopped.countDown();
        };
    // the hub stops itself in order on SIGTERM and Ctrl-C; a hook covers any other exit
    Signals.onTerminate(stop);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "hub-shutdown"));
    try {
      app.start();
    } catch (Exception e) {
      if (stopRequested.get()) {
        return 0; // stopped while starting
      }
      throw e;
    }
    PrintStream out = System.out;
    out.println("Hermes hub API: " + app.baseUrl());
    app.devnet()
        .ifPresent(
            d ->
                out.println(
                    "devnet JSON-RPC: "
                        + d.rpcUrl()
                        + " (chain "
                        + d.deployment().chainId()
                        + "), deployment in "
                        + d.deploymentFile()));
    out.flush();
    stopped.await();
    return 0;
  }

  static BigInteger wei(String s) {
    return new BigInteger(s);
  }
}
