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
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.wire.WireJson;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;
import network.hermes.settler.store.StoreException;

/**
 * The provider's durable earnings with one hub on one chain. The latest hub promise with its R
 * (what settling needs) lives in provider-settler's {@link EarningsStore}, the store its settler
 * reads; beside it a small journal keeps what only the node knows: the R of every payment sent to
 * the hub and not answered yet (so a crash between the hub's answer and its storage loses nothing:
 * the hub's latest promise carries one of these hashlocks), the agreement of the latest promise,
 * and whether its R was revealed. Both are written before R is revealed. Thread-safe.
 */
public final class Earnings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EarningsStore store;
  private final Path journal;
  private final Address provider;
  private final Address hermesId;
  private final ChainId chainId;
  private final Bytes32 channelId;
  private Bytes32 revealedHashlock;
  private final Map<Bytes32, Pending> pending = new LinkedHashMap<>();
  private final Map<Bytes32, BigInteger> agreements = new LinkedHashMap<>();

  /** An R whose hub promise is awaited. */
  public record Pending(Bytes32 r, BigInteger agreementId) {}

  private Earnings(
      EarningsStore store, Path journal, Address provider, Address hermesId, ChainId chainId) {
    this.store = store;
    this.journal = journal;
    this.provider = provider;
    this.hermesId = hermesId;
    this.chainId = chainId;
    this.channelId = ChannelIds.providerChannelId(provider, hermesId);
  }

  /** The folder of provider-settler's store under a provider's data folder. */
  public static Path storeDir(Path dir) {
    return dir.resolve("earnings");
  }

  /**
   * Opens (or starts) the earnings of a provider with a hub in {@code dir}: the settler's store in
   * {@link #storeDir}, the journal beside it.
   */
  public static Earnings open(Path dir, Address provider, Address hermesId, ChainId chainId)
      throws IOException {
    EarningsStore store;
    try {
      store = EarningsStore.open(storeDir(dir));
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    Path journal =
        dir.resolve(
            "payments-"
                + provider.toHex()
                + "-"
                + hermesId.toHex()
                + "-"
                + chainId.value()
                + ".json");
    Earnings earnings = new Earnings(store, journal, provider, hermesId, chainId);
    byte[] content = AtomicFile.read(journal);
    if (content != null) {
      JsonNode root = WireJson.parse(content);
      if (root.hasNonNull("revealed")) {
        earnings.revealedHashlock = Bytes32.fromHex(root.get("revealed").asText());
      }
      for (JsonNode p : root.path("pending")) {
        Bytes32 r = Bytes32.fromHex(p.path("r").asText());
        earnings.pending.put(
            HashlockSecret.of(r).hashlock(),
            new Pending(r, p.path("agreement_id").bigIntegerValue()));
      }
      root.path("agreements")
          .fields()
          .forEachRemaining(
              e ->
                  earnings.agreements.put(
                      Bytes32.fromHex(e.getKey()), e.getValue().bigIntegerValue()));
    }
    return earnings;
  }

  /** The settler's store the latest promise is kept in. */
  public EarningsStore store() {
    return store;
  }

  /** The latest hub promise, with R, if any. */
  public synchronized Optional<Promise> latest() {
    try {
      return store.latest(chainId, hermesId, channelId).map(EarnedPromise::promise);
    } catch (StoreException e) {
      throw new IllegalStateException("earnings store unreadable: " + e.getMessage(), e);
    }
  }

  /** The agreement of the latest promise (zero for a refreshed or unknown one). */
  public synchronized BigInteger latestAgreement() {
    return latest()
        .map(p -> agreements.getOrDefault(p.hashlock(), BigInteger.ZERO))
        .orElse(BigInteger.ZERO);
  }

  /** True when the latest promise's R was revealed to the hub. */
  public synchronized boolean revealed() {
    Optional<Promise> latest = latest();
    return latest.isPresent() && latest.get().hashlock().equals(revealedHashlock);
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
   * Stores a hub promise (with R attached) as the latest, unless a higher one is stored; drops the
   * pending R it answers.
   *
   * @return true when it is the latest now
   * @throws IllegalArgumentException when R is missing or the promise is not on this channel
   */
  public synchronized boolean store(Promise promiseWithR, BigInteger agreementId)
      throws IOException {
    EarnedPromise earned =
        new EarnedPromise(hermesId, provider, ChannelKind.EARNINGS, promiseWithR);
    EarningsStore.PutResult result;
    try {
      result = store.put(earned);
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    pending.remove(promiseWithR.hashlock());
    if (result.outcome() != EarningsStore.Outcome.KEPT_HIGHER) {
      agreements.clear();
      agreements.put(promiseWithR.hashlock(), agreementId);
    }
    save();
    return result.outcome() != EarningsStore.Outcome.KEPT_HIGHER;
  }

  /** Marks the latest promise's R revealed. */
  public synchronized void markRevealed(Bytes32 hashlock) throws IOException {
    Optional<Promise> latest = latest();
    if (latest.isPresent()
        && latest.get().hashlock().equals(hashlock)
        && !hashlock.equals(revealedHashlock)) {
      revealedHashlock = hashlock;
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
    if (revealedHashlock != null) {
      root.put("revealed", revealedHashlock.toHexNoPrefix());
    }
    var list = root.putArray("pending");
    pending
        .values()
        .forEach(
            p ->
                list.addObject()
                    .put("r", p.r().toHexNoPrefix())
                    .put("agreement_id", p.agreementId()));
    ObjectNode map = root.putObject("agreements");
    agreements.forEach((h, id) -> map.put(h.toHexNoPrefix(), id));
    AtomicFile.write(journal, root.toString().getBytes(StandardCharsets.UTF_8));
  }
}
