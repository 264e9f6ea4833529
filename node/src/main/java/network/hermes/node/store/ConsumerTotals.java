package network.hermes.node.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.WireJson;

/**
 * The consumer's durable totals for one (consumer, hub, chain): the cumulative amount promised (the
 * next promise's base) and each agreement's total. {@link #record} is written to disk before the
 * promise it backs leaves, so a restart never signs a lower amount nor pays an invoice twice.
 * Thread-safe.
 */
public final class ConsumerTotals {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private TokenAmount promised;
  private final Map<BigInteger, TokenAmount> agreements;

  private ConsumerTotals(Path file, TokenAmount promised, Map<BigInteger, TokenAmount> agreements) {
    this.file = file;
    this.promised = promised;
    this.agreements = agreements;
  }

  /** The file of one consumer, hub and chain in {@code dir}. */
  public static Path fileFor(Path dir, Address consumer, Address hermesId, ChainId chain) {
    return dir.resolve(
        "consumer-" + consumer.toHex() + "-" + hermesId.toHex() + "-" + chain.value() + ".json");
  }

  /** Opens (or starts) the totals in {@code file}. */
  public static ConsumerTotals open(Path file) throws IOException {
    byte[] content = AtomicFile.read(file);
    if (content == null) {
      return new ConsumerTotals(file, TokenAmount.ZERO, new HashMap<>());
    }
    JsonNode root = WireJson.parse(content);
    Map<BigInteger, TokenAmount> agreements = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("agreements").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      agreements.put(new BigInteger(e.getKey()), TokenAmount.of(e.getValue().bigIntegerValue()));
    }
    return new ConsumerTotals(
        file, TokenAmount.of(root.path("promised").bigIntegerValue()), agreements);
  }

  /** The cumulative amount promised so far. */
  public synchronized TokenAmount promised() {
    return promised;
  }

  /** The last total paid in an agreement, zero when none. */
  public synchronized TokenAmount agreementTotal(BigInteger agreementId) {
    return agreements.getOrDefault(agreementId, TokenAmount.ZERO);
  }

  /**
   * Raises the promised total to at least {@code floor} (the hub's record after a restart or a lost
   * file) and writes it.
   */
  public synchronized void reconcile(TokenAmount floor) throws IOException {
    if (floor.compareTo(promised) > 0) {
      promised = floor;
      save();
    }
  }

  /**
   * Records a payment about to be sent: the agreement's new total and the new promised total.
   * Durable when it returns.
   *
   * @throws IllegalArgumentException if either total would go down
   */
  public synchronized void record(
      BigInteger agreementId, TokenAmount agreementTotal, TokenAmount newPromised)
      throws IOException {
    if (newPromised.compareTo(promised) < 0) {
      throw new IllegalArgumentException(
          "promised total would go down from " + promised + " to " + newPromised);
    }
    if (agreementTotal.compareTo(agreementTotal(agreementId)) < 0) {
      throw new IllegalArgumentException("agreement total would go down");
    }
    TokenAmount oldPromised = promised;
    TokenAmount oldAgreement = agreements.get(agreementId);
    promised = newPromised;
    agreements.put(agreementId, agreementTotal);
    try {
      save();
    } catch (IOException e) {
      promised = oldPromised;
      if (oldAgreement == null) {
        agreements.remove(agreementId);
      } else {
        agreements.put(agreementId, oldAgreement);
      }
      throw e;
    }
  }

  private void save() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("promised", promised.toBigInteger());
    ObjectNode map = root.putObject("agreements");
    agreements.forEach((id, total) -> map.put(id.toString(), total.toBigInteger()));
    AtomicFile.write(file, root.toString().getBytes(StandardCharsets.UTF_8));
  }
}
