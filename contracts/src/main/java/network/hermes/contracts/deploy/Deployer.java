package network.hermes.contracts.deploy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.TransactionSender;
import network.hermes.contracts.generated.ChannelImplementation;
import network.hermes.contracts.generated.HermesImplementation;
import network.hermes.contracts.generated.MystToken;
import network.hermes.contracts.generated.Registry;
import network.hermes.contracts.generated.TestUniswapRouter;
import network.hermes.contracts.generated.TestWETH;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Deploys a whole Hermes system: token (unless one is given), DEX router (test networks),
 * implementations, Registry, and a registered hub contract holding the deployer's stake.
 */
public final class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  /** MYST per native coin of the test router: 1 native = 10 MYST. */
  private static final BigInteger TEST_ROUTER_RATE = BigInteger.TEN.pow(19);

  private final Web3j web3j;
  private final ChainId chainId;
  private final TransactionSender deployer;

  /**
   * @param web3j the chain
   * @param chainId its id
   * @param deployer sends the deployment transactions and pays the hub stake
   */
  public Deployer(Web3j web3j, ChainId chainId, TransactionSender deployer) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.deployer = Objects.requireNonNull(deployer, "deployer");
  }

  /**
   * Deploys according to the plan.
   *
   * @throws ChainException when a transaction fails; the message names the step
   */
  public Deployment deploy(DeploymentPlan plan) {
    long firstBlock = blockNumber() + 1; // the first deployment transaction lands in the next block
    Address token = plan.existingToken();
    if (token == null) {
      token = step("MYST token", MystToken.BINARY, address(Address.ZERO));
    }
    Address router = plan.existingDexRouter();
    if (router == null) {
      Address weth = step("test WETH", TestWETH.BINARY);
      router =
          step(
              "test DEX router",
              TestUniswapRouter.BINARY,
              address(weth),
              address(token),
              new Uint256(TEST_ROUTER_RATE));
    }
    Address registry = step("Registry", Registry.BINARY);
    Address channelImpl =
        step(
            "channel implementation",
            ChannelImplementation.BINARY,
            address(token),
            address(router),
            new Uint256(plan.exitDelaySeconds()));
    Address hermesImpl =
        step(
            "hub implementation",
            HermesImplementation.BINARY,
            address(token),
            address(router),
            address(registry));

    Registry registryContract = readonly(registry);
    send(
        "initialize the Registry",
        registry,
        registryContract
            .initialize(
                token.toHex(),
                router.toHex(),
                plan.minimalHermesStake().toBigInteger(),
                channelImpl.toHex(),
                hermesImpl.toHex(),
                Address.ZERO.toHex())
            .encodeFunctionCall());

    MystToken tokenContract =
        MystToken.load(
            token.toHex(),
            web3j,
            new ReadonlyTransactionManager(web3j, deployer.address().toHex()),
            new DefaultGasProvider());
    BigInteger stake = plan.hermesStake().toBigInteger();
    if (plan.existingToken() == null) {
      send(
          "mint the hub stake",
          token,
          tokenContract.mint(deployer.address().toHex(), stake).encodeFunctionCall());
    }
    send(
        "approve the hub stake",
        token,
        tokenContract.approve(registry.toHex(), stake).encodeFunctionCall());
    send(
        "register the hub",
        registry,
        registryContract
            .registerHermes(
                plan.hermesOperator().toHex(),
                stake,
                BigInteger.valueOf(plan.hermesFeeBps()),
                plan.minChannelStake().toBigInteger(),
                plan.maxChannelStake().toBigInteger(),
                plan.hermesUrl().getBytes(StandardCharsets.UTF_8))
            .encodeFunctionCall());

    Address hermesId = ChannelIds.hermesAddress(registry, plan.hermesOperator(), hermesImpl);
    Deployment deployment =
        new Deployment(
            chainId,
            token,
            registry,
            channelImpl,
            hermesImpl,
            hermesId,
            plan.hermesOperator(),
            router,
            firstBlock);
    LOG.info(
        "deployed Hermes on chain {}: registry {}, hub {}", chainId.value(), registry, hermesId);
    return deployment;
  }

  private Registry readonly(Address registry) {
    return Registry.load(
        registry.toHex(),
        web3j,
        new ReadonlyTransactionManager(web3j, deployer.address().toHex()),
        new DefaultGasProvider());
  }

  private Address step(String what, String binary, Type<?>... constructorArguments) {
    try {
      String arguments = FunctionEncoder.encodeConstructor(List.of(constructorArguments));
      Address deployed = deployer.deploy("0x" + binary + arguments);
      LOG.debug("deployed {} at {}", what, deployed);
      return deployed;
    } catch (ChainException e) {
      throw new ChainException(
          "cannot deploy the " + what + ": " + e.getMessage(), e.revertReason(), e);
    }
  }

  private void send(String what, Address to, String data) {
    try {
      deployer.send(to, data);
    } catch (ChainException e) {
      throw new ChainException("cannot " + what + ": " + e.getMessage(), e.revertReason(), e);
    }
  }

  private static org.web3j.abi.datatypes.Address address(Address a) {
    return new org.web3j.abi.datatypes.Address(a.toHex());
  }

  private long blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (java.io.IOException e) {
      throw new ChainException("cannot read the block number: " + e.getMessage(), e);
    }
  }
}
