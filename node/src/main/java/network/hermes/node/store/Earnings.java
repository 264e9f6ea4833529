package network.hermes.node.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.wire.WireJson;

/**
 * The provider's durable earnings with one hub on one chain: the latest hub promise with its R (all
 * that settling needs), whether R was revealed, and the R of every payment sent to the hub and not
 * yet answered (so a crash between the hub's answer and its storage loses nothing: the hub's latest
 * promise carries one of these hashlocks). Written before R is revealed. Thread-safe.
 */
public final class Earnings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private Promise latest;
  private boolean revealed;
  private BigInteger latestAgreement;
  private final Map<Bytes32, Pending> pending = new LinkedHashMap<>();

  /** An R whose hub promise is awaited. */
  public record Pending(Bytes32 r, BigInteger agreementId) {}

  private Earnings(Path file) {
    this.file = file;
  }

  /** The file of one provider, hub and chain in {@code dir}. */
  public static Path fileFor(Path dir, Address provider, Address hermesId, ChainId chain) {
    return dir.resolve(
        "earnings-" + provider.toHex() + "-" + hermesId.toHex() + "-" + chain.value() + ".json");
  }

  /** Opens (or starts) the earnings of a provider with a hub in {@code dir}. */
  public static Earnings open(Path dir, Address provider, Address hermesId, ChainId chain)
      throws IOException {
    return open(fileFor(dir, provider, hermesId, chain));
  }

  /** Opens (or starts) the earnings in {@code file}. */
  public static Earnings open(Path file) throws IOException {
    Earnings earnings = new Earnings(file);
    byte[] content = AtomicFile.read(file);
    if (content != null) {
      JsonNode root = WireJson.parse(content);
      if (root.hasNonNull("latest")) {
        earnings.latest = WireJson.readPromise(root.get("latest"), "latest");
        earnings.revealed = root.path("revealed").asBoolean();
        earnings.latestAgreement = root.path("agreement_id").bigIntegerValue();
      }
      for (JsonNode p : root.path("pending")) {
        Bytes32 r = Bytes32.fromHex(p.path("r").asText());
        earnings.pending.put(
            network.hermes.promise.message.HashlockSecret.of(r).hashlock(),
            new Pending(r, p.path("agreement_id").bigIntegerValue()));
      }
    }
    return earnings;
  }

  /** The latest hub promise, with R, if any. */
  public synchronized Optional<Promise> latest() {
    return Optional.ofNullable(latest);
  }

  /** The agreement of the latest promise (zero for a refreshed one). */
  public synchronized BigInteger latestAgreement() {
    return latestAgreement;
  }

  /** True when the latest promise's R was revealed to the hub. */
  public synchronized boolean revealed() {
    return revealed;
  }

  /** The R awaiting a hub promise with this hashlock, if any. */
  public synchronized Optional<Pending> pending(Bytes32 hashlock) {
    return Optional.ofNullable(pending.get(hashlock));
  }

  /** Records an R before its payment goes to the hub. */
  public synchronized void expect(Bytes32 hashlock, Bytes32 r, BigInteger agreementId)
      throws IOException {
    pending.put(hashlock, new Pending(r, agreementId));
    save();
  }

  /**
   * Stores a hub promise (with R attached) as the latest, unrevealed, unless a higher one is
   * stored; drops the pending R it answers.
   *
   * @return true when it became the latest
   */
  public synchronized boolean store(Promise promiseWithR, BigInteger agreementId)
      throws IOException {
    if (promiseWithR.r() == null || !promiseWithR.rMatchesHashlock()) {
      throw new IllegalArgumentException("a stored hub promise needs its R");
    }
    pending.remove(promiseWithR.hashlock());
    boolean newer = latest == null || promiseWithR.amount().compareTo(latest.amount()) >= 0;
    if (newer) {
      latest = promiseWithR;
      revealed = false;
      latestAgreement = agreementId;
    }
    save();
    return newer;
  }

  /** Marks the latest promise's R revealed. */
  public synchronized void markRevealed(Bytes32 hashlock) throws IOException {
    if (latest != null && latest.hashlock().equals(hashlock) && !revealed) {
      revealed = true;
      save();
    }
  }

  /** Forgets an R whose payment the hub refused for good. */
  public synchronized void drop(Bytes32 hashlock) throws IOException {
    if (pending.remove(hashlock) != null) {
      save();
    }
  }

  private void save() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    if (latest != null) {
      root.set("latest", WireJson.parse(WireJson.writePromise(latest)));
      root.put("revealed", revealed);
      root.put("agreement_id", latestAgreement);
    }
    var list = root.putArray("pending");
    pending
        .values()
        .forEach(
            p ->
                list.addObject()
                    .put("r", p.r().toHexNoPrefix())
                    .put("agreement_id", p.agreementId()));
    AtomicFile.write(file, root.toString().getBytes(StandardCharsets.UTF_8));
  }
}
