package network.hermes.contracts.devnet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import network.hermes.contracts.deploy.DeploymentPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./hermes demo}: a local chain with the whole system deployed, kept running. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description =
        "Start a local devnet (anvil), deploy the Hermes contracts and print the deployment.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--deployment-out", description = "Also write the deployment JSON to this file.")
  Path deploymentOut;

  @Option(names = "--exit", description = "Stop the devnet and exit once deployed (for scripts).")
  boolean exitWhenDeployed;

  @Option(
      names = "--mint",
      defaultValue = "1000",
      description = "MYST minted to each development account 2..9 (default: ${DEFAULT-VALUE}).")
  long mintPerAccount;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "hermes-cli-logback.xml");
    }
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("starting anvil and deploying the Hermes contracts...");
    try (LocalChain chain =
        LocalChain.start("http://127.0.0.1:0/api/v2", DeploymentPlan.myst(mintPerAccount))) {
      if (deploymentOut != null) {
        chain.deployment().write(deploymentOut);
      }
      out.println(chain.deployment().toJson());
      out.flush();
      err.printf(
          "devnet running at %s (chain %d); development accounts 2..%d hold %d MYST each;%n"
              + "account 0 deployed the contracts, account 1 is the hub operator.%n",
          chain.rpcUrl(),
          chain.devnet().chainId(),
          chain.devnet().devKeys().size() - 1,
          mintPerAccount);
      if (exitWhenDeployed) {
        return 0;
      }
      err.println("press Ctrl-C to stop");
      err.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
      return 0;
    }
  }
}
