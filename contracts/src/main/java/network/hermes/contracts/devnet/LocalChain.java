package network.hermes.contracts.devnet;

import java.io.IOException;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.FeePolicy;
import network.hermes.contracts.chain.TransactionSender;
import network.hermes.contracts.chain.TxResult;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployer;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.deploy.DeploymentPlan;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A devnet with a freshly deployed Hermes system: development key 0 deploys (and may mint MYST),
 * development key 1 is the hub operator. For tests, demos and the hub's embedded mode.
 */
public final class LocalChain implements AutoCloseable {
  private final Devnet devnet;
  private final Deployment deployment;
  private final ChainClient client;

  private LocalChain(Devnet devnet, Deployment deployment, ChainClient client) {
    this.devnet = devnet;
    this.deployment = deployment;
    this.client = client;
  }

  /** MYST every development account from index 2 on holds on a fresh devnet. */
  public static final TokenAmount DEV_ACCOUNT_MYST = DeploymentPlan.myst(1000);

  /**
   * Starts anvil, deploys with {@link DeploymentPlan#devnet} defaults and gives development
   * accounts 2 and up {@link #DEV_ACCOUNT_MYST} each: every devnet of the project starts the same.
   */
  public static LocalChain start(String hermesUrl) throws IOException {
    return start(hermesUrl, DEV_ACCOUNT_MYST);
  }

  /** As {@link #start(String)}, with {@code perAccount} MYST for development accounts 2 and up. */
  public static LocalChain start(String hermesUrl, TokenAmount perAccount) throws IOException {
    Devnet devnet = Devnet.start();
    try {
      Address operator = Secp256k1s.getDefault().addressOf(devnet.devKeys().get(1));
      LocalChain chain = start(devnet, DeploymentPlan.devnet(operator, hermesUrl));
      if (!perAccount.isZero()) {
        for (int i = 2; i < devnet.devKeys().size(); i++) {
          chain.mint(Secp256k1s.getDefault().addressOf(devnet.devKeys().get(i)), perAccount);
        }
      }
      return chain;
    } catch (RuntimeException e) {
      devnet.close();
      throw e;
    }
  }

  /** Deploys {@code plan} on a running devnet; the returned chain owns the devnet. */
  public static LocalChain start(Devnet devnet, DeploymentPlan plan) {
    ChainId chainId = ChainId.of(devnet.chainId());
    Web3j web3j = Web3j.build(new HttpService(devnet.rpcUrl()));
    Deployment deployment;
    try {
      var sender =
          new TransactionSender(web3j, chainId, devnet.devKeys().get(0), FeePolicy.devnet());
      deployment = new Deployer(web3j, chainId, sender).deploy(plan);
    } finally {
      web3j.shutdown();
    }
    return new LocalChain(
        devnet,
        deployment,
        Web3jChainClient.connect(devnet.rpcUrl(), deployment, FeePolicy.devnet()));
  }

  public Devnet devnet() {
    return devnet;
  }

  public Deployment deployment() {
    return deployment;
  }

  /** A client of the deployment, with the devnet's fee policy. */
  public ChainClient client() {
    return client;
  }

  public String rpcUrl() {
    return devnet.rpcUrl();
  }

  /** Development key 0: deployer and MYST upgrade master. */
  public PrivateKey deployerKey() {
    return devnet.devKeys().get(0);
  }

  /** Development key 1: the hub operator. */
  public PrivateKey operatorKey() {
    return devnet.devKeys().get(1);
  }

  /** A funded development key other than the deployer's and the operator's (index 2 and up). */
  public PrivateKey account(int index) {
    if (index < 2) {
      throw new IllegalArgumentException("keys 0 and 1 are the deployer's and the operator's");
    }
    return devnet.devKeys().get(index);
  }

  /** The timestamp of the latest block: the devnet's clock, which runs apart from ours. */
  public long latestBlockTime() {
    return client.latestBlockTime();
  }

  /** Mints MYST (test networks only: the deployer is the token's upgrade master). */
  public TxResult mint(Address to, TokenAmount amount) {
    return client.writer(deployerKey()).mintToken(to, amount);
  }

  /**
   * Registers an identity at the hub with a P1 signature made by the identity itself; development
   * key 2 pays the gas. The channel must already hold {@code stake}.
   */
  public TxResult registerIdentity(PrivateKey identity, TokenAmount stake) {
    IdentityRegistration registration =
        new IdentityRegistration(
            deployment.chainId(),
            deployment.registry(),
            deployment.hermesId(),
            stake,
            TokenAmount.ZERO,
            Address.ZERO);
    return client
        .writer(account(2))
        .registerIdentity(
            stake,
            TokenAmount.ZERO,
            Address.ZERO,
            registration.sign(new KeySigner(identity, Secp256k1s.getDefault())));
  }

  @Override
  public void close() {
    client.close();
    devnet.close();
  }
}
