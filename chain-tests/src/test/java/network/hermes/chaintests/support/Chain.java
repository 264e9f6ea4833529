package network.hermes.chaintests.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainWriter;
import network.hermes.contracts.chain.ConsumerChannelState;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.TxResult;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnilateralExit;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import network.hermes.testkit.TestNetwork;

/**
 * Every chain call of the chain-tests, in one adapter over the contracts' chain port (and anvil's
 * own RPC methods for the clock and reorganisations): what users and attackers do on chain.
 */
public final class Chain {
  /** Development key that pays the gas of registrations and exits (users have no coin). */
  static final int GAS_PAYER = 2;

  /** Development key of an attacker who sends transactions itself. */
  static final int ATTACKER = 3;

  private final TestNetwork net;
  private final ChainClient client;
  private final Deployment deployment;

  Chain(TestNetwork net) {
    this.net = net;
    this.client = net.chain().client();
    this.deployment = net.deployment();
  }

  public ChainClient client() {
    return client;
  }

  /** MYST to any address (the devnet token lets the deployer mint). */
  public void mint(Address to, TokenAmount amount) {
    net.mint(to, amount);
  }

  /** Registers an identity with this hub (P1 signed by it), paid out to {@code beneficiary}. */
  public TxResult register(PrivateKey identity, Address beneficiary) {
    var registration =
        new IdentityRegistration(
            deployment.chainId(),
            deployment.registry(),
            deployment.hermesId(),
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            beneficiary);
    return payer()
        .registerIdentity(
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            beneficiary,
            registration.sign(new KeySigner(identity, Secp256k1s.getDefault())));
  }

  /**
   * Starts a consumer's first unilateral exit (P11 signed by the consumer, nonce 0 of a channel
   * that never exited), valid for ten minutes.
   */
  public TxResult requestExit(ConsumerNode consumer, Address beneficiary) {
    long validUntil = client.latestBlockTime() + 600;
    var exit =
        new UnilateralExit(
            deployment.chainId(),
            consumer.channel(),
            beneficiary,
            BigInteger.valueOf(validUntil),
            BigInteger.ZERO);
    return payer()
        .requestExit(consumer.channel(), beneficiary, validUntil, exit.sign(consumer.signer()));
  }

  /** Completes an exit whose time lock passed. */
  public TxResult finalizeExit(Address channel) {
    return payer().finalizeExit(channel);
  }

  /** The attacker settles a hub promise itself, as anyone may. */
  public TxResult attackerSettlesProviderPromise(Address identity, Promise promise, Bytes32 r) {
    return attacker().settleProviderPromise(identity, promise, r);
  }

  /** The attacker settles a consumer promise on its channel, as anyone may. */
  public TxResult attackerSettlesConsumerPromise(Address channel, Promise promise, Bytes32 r) {
    return attacker().settleConsumerPromise(channel, promise, r);
  }

  /** The attacker's account. */
  public Address attackerAddress() {
    return attacker().address();
  }

  public TokenAmount tokenBalance(Address holder) {
    return client.tokenBalance(holder);
  }

  public ConsumerChannelState consumerChannel(Address channel) {
    return client.consumerChannel(channel);
  }

  public ProviderChannelState providerChannel(Bytes32 channelId) {
    return client.providerChannel(channelId);
  }

  public HermesState hermes() {
    return client.hermes();
  }

  public TokenAmount hermesFee(TokenAmount amount) {
    return client.hermesFee(amount);
  }

  public long blockNumber() {
    return client.blockNumber();
  }

  public long latestBlockTime() {
    return client.latestBlockTime();
  }

  /** An anvil or Ethereum JSON-RPC method, straight to the devnet. */
  public JsonNode rpc(String method, Object... params) {
    return net.chain().devnet().rpc(method, params);
  }

  /** Moves the chain's clock forward and mines a block. */
  public void advanceTime(long seconds) {
    rpc("evm_increaseTime", seconds);
    rpc("evm_mine");
  }

  /** Mines one block. */
  public void mine() {
    rpc("evm_mine");
  }

  /** Whether every transaction is mined at once into its own block (anvil's default). */
  public void automine(boolean on) {
    rpc("evm_setAutomine", on);
  }

  /**
   * Reorganises the chain: the last {@code depth} blocks are replaced by as many empty ones, so
   * their transactions never happened (anvil's {@code anvil_reorg}).
   */
  public void reorg(int depth) {
    rpc("anvil_reorg", depth, java.util.List.of());
  }

  /**
   * Mines the transactions waiting in the pool into one block in which the hub contract reverts
   * every call (its code replaced for that block only), so they are mined and fail.
   *
   * @return the hashes of the transactions of that block that failed
   */
  public java.util.List<String> mineWithRevertingHub() {
    String hub = deployment.hermesId().toHex();
    String code = rpc("eth_getCode", hub, "latest").asText();
    rpc("anvil_setCode", hub, "0x60006000fd"); // PUSH1 0 PUSH1 0 REVERT
    try {
      mine();
    } finally {
      rpc("anvil_setCode", hub, code);
    }
    java.util.List<String> failed = new java.util.ArrayList<>();
    for (JsonNode tx : rpc("eth_getBlockByNumber", "latest", false).path("transactions")) {
      if ("0x0".equals(rpc("eth_getTransactionReceipt", tx.asText()).path("status").asText())) {
        failed.add(tx.asText());
      }
    }
    return failed;
  }

  private ChainWriter payer() {
    return client.writer(net.devKey(GAS_PAYER));
  }

  private ChainWriter attacker() {
    return client.writer(net.devKey(ATTACKER));
  }
}
