package network.hermes.chaintests.reconcile;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.promise.value.Address;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hermes reconcile}: reconciles a deployment's money, chain against the hub's books, to
 * the wei. Exit codes: 0 every invariant holds, 1 a breach, 2 usage, 3 hub unreachable, 4 chain
 * unreachable (the tools' numbering).
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Reconciles a deployment's money to the wei: the chain's state against its event history,"
          + " and against the hub's books (its data endpoints) for every identity checked.",
      "Identities: those named, plus (unless --no-discover) every identity the chain history"
          + " names (registrations, this hub's consumer channels, provider settlements).",
      "Exit status: 0 every invariant holds, 1 a breach, 2 usage, 3 hub unreachable, 4 chain"
          + " unreachable."
    })
public final class ReconcileCommand implements Callable<Integer> {
  static final int HOLDS = 0;
  static final int BREACH = 1;
  static final int USAGE = 2;
  static final int HUB_UNREACHABLE = 3;
  static final int CHAIN_UNREACHABLE = 4;

  @Option(names = "--rpc-url", required = true, description = "JSON-RPC URL of the chain")
  String rpcUrl;

  @Option(
      names = "--deployment",
      required = true,
      description = "deployment JSON (as ./hermes devnet --deployment-out writes it)")
  Path deploymentFile;

  @Option(names = "--hub", required = true, description = "the hub's URL (with or without /api/v2)")
  String hubUrl;

  @Option(
      names = "--identity",
      converter = AddressConverter.class,
      description = "an identity to check (repeatable)")
  List<Address> identities = new ArrayList<>();

  @Option(
      names = "--identities",
      description = "a file of identities to check, one 0x address per line (# comments)")
  Path identitiesFile;

  @Option(names = "--no-discover", description = "check only the identities named")
  boolean noDiscover;

  @Option(names = "--block", description = "reconcile at this block (default: the latest)")
  Long block;

  @Option(
      names = "--wait",
      defaultValue = "0",
      description =
          "seconds to keep re-reading while a breach remains (a hub catching up with the chain)")
  long waitSeconds;

  @Option(names = "--all", description = "print every check, not only breaches")
  boolean all;

  private PrintStream out = System.out;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      // quiet libraries: the report is the output
      System.setProperty(
          "logback.configurationFile", "network/hermes/chaintests/reconcile/logback-reconcile.xml");
    }
    System.exit(execute(args, System.out, System.err));
  }

  /**
   * Runs the command.
   *
   * @param args the arguments
   * @param out the report
   * @param err one line on failure
   * @return the exit status
   */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    ReconcileCommand command = new ReconcileCommand();
    command.out = out;
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (e, ignored) -> {
          err.println("reconcile: " + e.getMessage() + " (see --help)");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          int code = exitCode(e);
          err.println("reconcile: " + String.valueOf(e.getMessage()).replace('\n', ' '));
          return code;
        });
    return cli.execute(args);
  }

  static int exitCode(Exception e) {
    return switch (e) {
      case UsageException u -> USAGE;
      case HubException h
          when h.kind() == HubCause.UNREACHABLE || h.kind() == HubCause.BAD_RESPONSE ->
          HUB_UNREACHABLE;
      case HubException h -> BREACH;
      case ChainException c when connectionFailure(c) -> CHAIN_UNREACHABLE;
      default -> BREACH;
    };
  }

  private static boolean connectionFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Integer call() throws Exception {
    Deployment deployment = readDeployment();
    List<Address> named = new ArrayList<>(identities);
    if (identitiesFile != null) {
      named.addAll(readIdentities(identitiesFile));
    }
    if (noDiscover && named.isEmpty()) {
      throw new UsageException("--no-discover needs --identity or --identities");
    }
    if (block != null && block < deployment.deploymentBlock()) {
      throw new UsageException(
          "--block "
              + block
              + " is before the deployment's first block "
              + deployment.deploymentBlock());
    }
    try (ChainClient chain = Web3jChainClient.connect(rpcUrl, deployment);
        HubClient hub = HubClient.connect(hubUrl)) {
      DeploymentReconciler reconciler = new DeploymentReconciler(chain, rpcUrl, deployment, hub);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(waitSeconds));
      OptionalLong at = block == null ? OptionalLong.empty() : OptionalLong.of(block);
      Reconciliation result = reconciler.reconcile(named, !noDiscover, at);
      while (!result.holds() && Instant.now().isBefore(deadline)) {
        Thread.sleep(1000);
        result = reconciler.reconcile(named, !noDiscover, at);
      }
      out.print(result.render(all));
      out.flush();
      return result.holds() ? HOLDS : BREACH;
    }
  }

  private Deployment readDeployment() {
    try {
      return Deployment.read(deploymentFile);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read the deployment " + deploymentFile + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException("deployment " + deploymentFile + ": " + e.getMessage());
    }
  }

  static List<Address> readIdentities(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
    List<Address> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        found.add(AddressConverter.parse(line));
      } catch (IllegalArgumentException e) {
        throw new UsageException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return found;
  }

  /** A usage error found after parsing (a file, a deployment). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** A {@code 0x} address of 40 hex digits. */
  static final class AddressConverter implements CommandLine.ITypeConverter<Address> {
    @Override
    public Address convert(String value) {
      return parse(value);
    }

    static Address parse(String value) {
      if (!value.startsWith("0x") || value.length() != 42) {
        throw new IllegalArgumentException("not a 0x address of 40 hex digits: " + value);
      }
      return Address.fromHex(value);
    }
  }
}
