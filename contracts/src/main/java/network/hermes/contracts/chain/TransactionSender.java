package network.hermes.contracts.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends transactions from one key: estimates gas (so a revert is reported by name before anything
 * is sent), prices them with EIP-1559 under a {@link FeePolicy}, tracks the nonce itself, replaces
 * a transaction that stays unmined, and waits for a successful receipt. Sending and waiting are two
 * calls ({@link #broadcast}, then {@link Broadcast#awaitReceipt}), so that a caller can record the
 * hash before it waits.
 */
public final class TransactionSender {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionSender.class);
  private static final BigInteger BUMP_NUMERATOR = BigInteger.valueOf(125);
  private static final BigInteger BUMP_DENOMINATOR = BigInteger.valueOf(100);

  private final Web3j web3j;
  private final long chainId;
  private final Credentials credentials;
  private final Address address;
  private final FeePolicy fees;
  private final Object nonceLock = new Object();
  private BigInteger nextNonce;
  private volatile String lastTxHash;

  public TransactionSender(Web3j web3j, ChainId chainId, PrivateKey key, FeePolicy fees) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.chainId = chainId.value();
    this.credentials = Credentials.create(ECKeyPair.create(key.toBytes()));
    this.address = Address.fromHex(credentials.getAddress());
    this.fees = Objects.requireNonNull(fees, "fees");
  }

  /** The sending account. */
  public Address address() {
    return address;
  }

  /**
   * Calls a contract function in a transaction and waits until it is mined.
   *
   * @param to the contract
   * @param data ABI-encoded call data
   * @param value native coin to send, in wei
   * @throws ChainException when the call would revert (with the decoded reason), the node refuses
   *     it, it reverts when mined, or no receipt arrives in time
   */
  public TransactionReceipt send(Address to, String data, BigInteger value) {
    return broadcast(to, data, value).awaitReceipt(hash -> {});
  }

  /** Sends a transaction calling {@code to} with {@code data} and no value, and waits for it. */
  public TransactionReceipt send(Address to, String data) {
    return send(to, data, BigInteger.ZERO);
  }

  /**
   * Signs and broadcasts a transaction; returns once the node accepted it.
   *
   * @param to the contract or account, or null to deploy
   * @throws ChainException when the call would revert (with the decoded reason) or the node refuses
   *     it
   */
  public Broadcast broadcast(Address to, String data, BigInteger value) {
    String target = to == null ? null : to.toHex();
    BigInteger gasLimit = estimateGas(target, data, value);
    Fees current = currentFees(web3j, fees);
    BigInteger nonce = reserveNonce();
    Instant deadline = Instant.now().plus(fees.receiptTimeout());
    Broadcast b =
        new Broadcast(
            target, data, value, nonce, gasLimit, current.priorityFee(), current.maxFee());
    b.sign(deadline);
    return b;
  }

  /**
   * Deploys a contract.
   *
   * @param bytecodeWithArguments creation code followed by the ABI-encoded constructor arguments
   * @return the new contract's address
   */
  public Address deploy(String bytecodeWithArguments) {
    TransactionReceipt receipt = send(null, bytecodeWithArguments, BigInteger.ZERO);
    String created = receipt.getContractAddress();
    if (created == null) {
      throw new ChainException(
          "deployment " + receipt.getTransactionHash() + " created no contract");
    }
    return Address.fromHex(created);
  }

  /** A broadcast transaction, replaced with higher fees while it stays unmined. */
  public final class Broadcast {
    private final String to;
    private final String data;
    private final BigInteger value;
    private final BigInteger nonce;
    private final BigInteger gasLimit;
    private BigInteger priority;
    private BigInteger maxFee;
    private Instant deadline;
    private Instant replaceAt;
    private String txHash;

    private Broadcast(
        String to,
        String data,
        BigInteger value,
        BigInteger nonce,
        BigInteger gasLimit,
        BigInteger priority,
        BigInteger maxFee) {
      this.to = to;
      this.data = data;
      this.value = value;
      this.nonce = nonce;
      this.gasLimit = gasLimit;
      this.priority = priority;
      this.maxFee = maxFee;
    }

    private void sign(Instant deadline) {
      this.deadline = deadline;
      txHash = signAndSend(nonce, gasLimit, to, data, value, priority, maxFee);
      replaceAt = Instant.now().plus(fees.replaceAfter());
    }

    /** The hash of the transaction as broadcast. */
    public Bytes32 hash() {
      return Bytes32.fromHex(txHash);
    }

    /**
     * Waits until the transaction is mined.
     *
     * @param replaced told the hash of each replacement
     * @throws ChainException when it reverts, a replacement is refused, no receipt arrives in time,
     *     or the thread is interrupted
     */
    public TransactionReceipt awaitReceipt(Consumer<Bytes32> replaced) {
      while (true) {
        Optional<TransactionReceipt> receipt = receipt(txHash);
        if (receipt.isPresent()) {
          return checked(receipt.get(), to, data, value);
        }
        Instant now = Instant.now();
        if (now.isAfter(deadline)) {
          throw new ChainException("no receipt for " + txHash + " within " + fees.receiptTimeout());
        }
        if (now.isAfter(replaceAt) && maxFee.compareTo(fees.maxFeeCap()) < 0) {
          priority = bump(priority);
          maxFee = bump(maxFee).min(fees.maxFeeCap()).max(priority);
          LOG.warn(
              "transaction {} unmined after {}; replacing it with max fee {} wei",
              txHash,
              fees.replaceAfter(),
              maxFee);
          txHash = signAndSend(nonce, gasLimit, to, data, value, priority, maxFee);
          replaceAt = now.plus(fees.replaceAfter());
          replaced.accept(Bytes32.fromHex(txHash));
        }
        pause();
      }
    }
  }

  /** Per-gas prices as this sender would offer them now. */
  record Fees(BigInteger baseFee, BigInteger priorityFee, BigInteger maxFee) {}

  /** The base fee of the latest block, the priority fee (floored) and the max fee (capped). */
  static Fees currentFees(Web3j web3j, FeePolicy fees) {
    BigInteger baseFee = latestBaseFee(web3j);
    BigInteger priority = suggestedPriorityFee(web3j).max(fees.minPriorityFee());
    BigInteger maxFee = baseFee.multiply(BigInteger.TWO).add(priority).min(fees.maxFeeCap());
    if (maxFee.compareTo(priority) < 0) {
      priority = maxFee;
    }
    return new Fees(baseFee, priority, maxFee);
  }

  private static BigInteger bump(BigInteger fee) {
    return fee.multiply(BUMP_NUMERATOR).divide(BUMP_DENOMINATOR).add(BigInteger.ONE);
  }

  private String signAndSend(
      BigInteger nonce,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      BigInteger priority,
      BigInteger maxFee) {
    RawTransaction tx =
        RawTransaction.createTransaction(
            chainId, nonce, gasLimit, to == null ? "" : to, value, data, priority, maxFee);
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
    EthSendTransaction sent = call(web3j.ethSendRawTransaction(signed).sendAsync(), "send");
    if (sent.hasError()) {
      resyncNonce(); // the reserved nonce was not used
      throw new ChainException("the node refused the transaction: " + sent.getError().getMessage());
    }
    lastTxHash = sent.getTransactionHash();
    return lastTxHash;
  }

  private TransactionReceipt checked(
      TransactionReceipt receipt, String to, String data, BigInteger value) {
    if (receipt.isStatusOK()) {
      return receipt;
    }
    String reason = replayRevert(to, data, value, receipt.getBlockNumber());
    throw new ChainException(
        "transaction "
            + receipt.getTransactionHash()
            + " reverted"
            + (reason == null ? "" : ": " + reason),
        reason,
        null);
  }

  private BigInteger estimateGas(String to, String data, BigInteger value) {
    Transaction call = new Transaction(address.toHex(), null, null, null, to, value, data);
    EthEstimateGas estimate = call(web3j.ethEstimateGas(call).sendAsync(), "estimate gas");
    if (estimate.hasError()) {
      String reason = RevertDecoder.decode(errorData(estimate.getError()));
      String what = reason != null ? reason : estimate.getError().getMessage();
      throw new ChainException("the transaction would revert: " + what, reason, null);
    }
    BigInteger gas = estimate.getAmountUsed();
    return gas.add(gas.divide(BigInteger.valueOf(4))).add(BigInteger.valueOf(10_000));
  }

  private String replayRevert(String to, String data, BigInteger value, BigInteger block) {
    Transaction call = new Transaction(address.toHex(), null, null, null, to, value, data);
    try {
      EthCall result =
          web3j.ethCall(call, DefaultBlockParameter.valueOf(block.subtract(BigInteger.ONE))).send();
      if (result.hasError()) {
        return RevertDecoder.decode(errorData(result.getError()));
      }
      return RevertDecoder.decode(result.getRevertReason());
    } catch (IOException e) {
      return null;
    }
  }

  private static String errorData(Response.Error error) {
    if (error == null || error.getData() == null) {
      return null;
    }
    String data = error.getData().replace("\"", "").trim();
    return data.startsWith("0x") ? data : null;
  }

  private static BigInteger latestBaseFee(Web3j web3j) {
    EthBlock block =
        call(
            web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).sendAsync(),
            "read the latest block");
    BigInteger baseFee = block.getBlock().getBaseFeePerGas();
    return baseFee == null ? BigInteger.ZERO : baseFee;
  }

  private static BigInteger suggestedPriorityFee(Web3j web3j) {
    var response = call(web3j.ethMaxPriorityFeePerGas().sendAsync(), "read the priority fee");
    return response.hasError() ? BigInteger.ZERO : response.getMaxPriorityFeePerGas();
  }

  private Optional<TransactionReceipt> receipt(String txHash) {
    var response = call(web3j.ethGetTransactionReceipt(txHash).sendAsync(), "read a receipt");
    return response.getTransactionReceipt();
  }

  /**
   * The next nonce: tracked locally so concurrent sends do not collide, reconciled with the node's
   * pending count so a transaction dropped by a reorganisation or a node restart leaves no gap.
   */
  private BigInteger reserveNonce() {
    synchronized (nonceLock) {
      BigInteger pending = pendingNonce();
      if (nextNonce == null || pending.compareTo(nextNonce) > 0) {
        nextNonce = pending;
      } else if (pending.compareTo(nextNonce) < 0 && !nodeKnows(lastTxHash)) {
        LOG.warn("nonce {} of {} was never mined; continuing at {}", nextNonce, address, pending);
        nextNonce = pending;
      }
      BigInteger nonce = nextNonce;
      nextNonce = nextNonce.add(BigInteger.ONE);
      return nonce;
    }
  }

  private BigInteger pendingNonce() {
    return call(
            web3j
                .ethGetTransactionCount(address.toHex(), DefaultBlockParameterName.PENDING)
                .sendAsync(),
            "read the nonce")
        .getTransactionCount();
  }

  private boolean nodeKnows(String txHash) {
    if (txHash == null) {
      return false;
    }
    return call(web3j.ethGetTransactionByHash(txHash).sendAsync(), "read a transaction")
        .getTransaction()
        .isPresent();
  }

  private void resyncNonce() {
    synchronized (nonceLock) {
      nextNonce = null;
    }
  }

  private void pause() {
    try {
      Thread.sleep(fees.pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("interrupted while waiting for a receipt");
    }
  }

  private static <T> T call(java.util.concurrent.CompletableFuture<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("interrupted: " + what);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new ChainException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
