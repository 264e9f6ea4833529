package network.hermes.settler.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.store.DurableFiles;
import network.hermes.settler.store.StoreException;

/**
 * Every settlement attempt, in an append-only log of JSON lines: each change of an attempt appends
 * its whole new state, forced to disk before {@link #record} returns, and the last line of an id
 * wins. A line torn by a crash at the very end of the file is ignored; any other unreadable line is
 * an error. Safe for several threads of one process.
 */
public final class SettlementHistory {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private final Path file;

  private SettlementHistory(Path file) {
    this.file = file;
  }

  /**
   * Opens a history log (created on the first record).
   *
   * @param file the log file
   * @return the history
   */
  public static SettlementHistory open(Path file) {
    return new SettlementHistory(Objects.requireNonNull(file, "file").toAbsolutePath());
  }

  /**
   * The log file.
   *
   * @return an absolute path
   */
  public Path file() {
    return file;
  }

  /**
   * Appends the current state of an attempt; it is on disk when the method returns.
   *
   * @param record the attempt
   * @throws StoreException when the log cannot be written
   */
  public synchronized void record(SettlementRecord record) {
    try {
      DurableFiles.appendLine(file, JSON.writeValueAsString(encode(record)));
    } catch (IOException e) {
      throw new StoreException("cannot write the settlement history " + file + ": " + e, e);
    }
  }

  /**
   * Every attempt in its latest state, in the order they were started.
   *
   * @return the attempts
   * @throws StoreException when the log cannot be read
   */
  public synchronized List<SettlementRecord> all() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new StoreException("cannot read the settlement history " + file + ": " + e, e);
    }
    Map<String, SettlementRecord> byId = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      SettlementRecord r;
      try {
        r = decode(JSON.readTree(line));
      } catch (JsonProcessingException | RuntimeException e) {
        boolean tornTail = i == lines.length - 1;
        if (tornTail) {
          break;
        }
        throw new StoreException(
            "the settlement history " + file + " has an unreadable line " + (i + 1) + ": " + e, e);
      }
      byId.put(r.id(), r);
    }
    return List.copyOf(byId.values());
  }

  /**
   * The attempts of one channel, oldest first.
   *
   * @param chainId the chain
   * @param hermesId the hub contract
   * @param channelId the channel
   * @return its attempts
   */
  public List<SettlementRecord> ofChannel(ChainId chainId, Address hermesId, Bytes32 channelId) {
    List<SettlementRecord> out = new ArrayList<>();
    for (SettlementRecord r : all()) {
      if (r.chainId().equals(chainId)
          && r.hermesId().equals(hermesId)
          && r.channelId().equals(channelId)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The attempts whose outcome is not known yet (in flight, or interrupted by a restart).
   *
   * @return the pending attempts, oldest first
   */
  public List<SettlementRecord> pending() {
    return all().stream().filter(r -> !r.outcome().isFinal()).toList();
  }

  static ObjectNode encode(SettlementRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id());
    n.put("startedAt", r.startedAt().toString());
    putNullable(n, "finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    n.put("chainId", r.chainId().value());
    n.put("hermesId", r.hermesId().toHex());
    n.put("identity", r.identity().toHex());
    n.put("channelId", r.channelId().toHex());
    n.put("kind", r.kind().name());
    n.put("route", r.route().name());
    n.put("promiseAmount", r.promiseAmount().toBigInteger());
    n.put("settledBefore", r.settledBefore().toBigInteger());
    n.put("toSettle", r.toSettle().toBigInteger());
    n.put("hubFee", r.hubFee().toBigInteger());
    n.put("transactorFee", r.transactorFee().toBigInteger());
    n.put("beneficiary", r.beneficiary().toHex());
    putNullable(n, "txHash", r.txHash());
    putNullable(n, "jobId", r.jobId());
    n.put("outcome", r.outcome().name());
    if (r.sentToBeneficiary() == null) {
      n.putNull("sentToBeneficiary");
    } else {
      n.put("sentToBeneficiary", r.sentToBeneficiary().toBigInteger());
    }
    if (r.fees() == null) {
      n.putNull("fees");
    } else {
      n.put("fees", r.fees().toBigInteger());
    }
    putNullable(n, "error", r.error());
    return n;
  }

  static SettlementRecord decode(JsonNode n) {
    return new SettlementRecord(
        n.required("id").asText(),
        Instant.parse(n.required("startedAt").asText()),
        n.path("finishedAt").isTextual() ? Instant.parse(n.get("finishedAt").asText()) : null,
        ChainId.of(n.required("chainId").longValue()),
        Address.fromHex(n.required("hermesId").asText()),
        Address.fromHex(n.required("identity").asText()),
        Bytes32.fromHex(n.required("channelId").asText()),
        SettleKind.valueOf(n.required("kind").asText()),
        Route.valueOf(n.required("route").asText()),
        amount(n.required("promiseAmount")),
        amount(n.required("settledBefore")),
        amount(n.required("toSettle")),
        amount(n.required("hubFee")),
        amount(n.required("transactorFee")),
        Address.fromHex(n.required("beneficiary").asText()),
        text(n, "txHash"),
        text(n, "jobId"),
        SettlementRecord.Outcome.valueOf(n.required("outcome").asText()),
        n.path("sentToBeneficiary").isNumber() ? amount(n.get("sentToBeneficiary")) : null,
        n.path("fees").isNumber() ? amount(n.get("fees")) : null,
        text(n, "error"));
  }

  private static TokenAmount amount(JsonNode n) {
    if (!n.isIntegralNumber()) {
      throw new IllegalArgumentException("expected an integer amount, got " + n);
    }
    return TokenAmount.of(n.bigIntegerValue());
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void putNullable(ObjectNode n, String key, String value) {
    if (value == null) {
      n.putNull(key);
    } else {
      n.put(key, value);
    }
  }
}
