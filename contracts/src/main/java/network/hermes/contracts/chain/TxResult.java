package network.hermes.contracts.chain;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A mined, successful transaction.
 *
 * @param txHash the transaction hash
 * @param blockNumber the block it was mined in
 * @param gasUsed gas used by the transaction
 * @param receipt the full receipt, for reading events with the generated wrappers
 */
public record TxResult(
    String txHash, long blockNumber, BigInteger gasUsed, TransactionReceipt receipt) {
  public TxResult {
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(gasUsed, "gasUsed");
    Objects.requireNonNull(receipt, "receipt");
  }

  static TxResult of(TransactionReceipt receipt) {
    return new TxResult(
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed(),
        receipt);
  }
}
