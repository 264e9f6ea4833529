package network.hermes.settler.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.ChannelKind;

/**
 * The durable record of an identity's latest hub promise and its R, one file per chain, hub and
 * channel ({@code <dir>/<chain id>/<hub>/<channel id>.json}). Every write replaces the file
 * atomically and is on disk before {@link #put} returns, so a promise stored survives a crash or
 * {@code kill -9}. A stored promise is never replaced by one of a lower amount; one of the same
 * amount may replace it (a new transactor fee, or a refreshed hashlock).
 *
 * <p>Safe for several threads and for several processes sharing the folder (writes take a file
 * lock); reads see a whole file, old or new.
 */
public final class EarningsStore {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private static final String LOCK_FILE = ".lock";

  // one JVM may open a folder more than once; its file lock is held per JVM, so writers in one
  // JVM queue on this lock first
  private static final ConcurrentHashMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

  private final Path dir;
  private final ReentrantLock writers;

  private EarningsStore(Path dir) {
    this.dir = dir;
    this.writers = WRITERS.computeIfAbsent(dir, d -> new ReentrantLock());
  }

  /** What {@link #put} did. */
  public enum Outcome {
    /** The promise is now the stored one. */
    STORED,
    /** The identical promise was stored already; nothing was written. */
    UNCHANGED,
    /** A promise of a higher amount is stored; it was kept and the given one ignored. */
    KEPT_HIGHER
  }

  /**
   * The result of a {@link #put}.
   *
   * @param outcome what happened
   * @param current the promise stored after the call
   */
  public record PutResult(Outcome outcome, EarnedPromise current) {}

  /**
   * Opens (and creates) a store.
   *
   * @param dir the store's folder
   * @return the store
   * @throws StoreException when the folder cannot be created
   */
  public static EarningsStore open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      DurableFiles.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create the earnings store " + dir + ": " + e, e);
    }
    try {
      return new EarningsStore(dir.toRealPath());
    } catch (IOException e) {
      throw new StoreException("cannot open the earnings store " + dir + ": " + e, e);
    }
  }

  /**
   * The store's folder.
   *
   * @return an absolute path
   */
  public Path dir() {
    return dir;
  }

  /**
   * Stores a promise unless a higher one is stored already. The promise is on disk when the method
   * returns.
   *
   * @param promise the promise with its R
   * @return what was done and what is stored now
   * @throws StoreException when the file cannot be read or written
   */
  @SuppressWarnings("try") // the file lock is held for the block, never read
  public PutResult put(EarnedPromise promise) {
    Objects.requireNonNull(promise, "promise");
    Path file = fileOf(promise.chainId(), promise.hermesId(), promise.channelId());
    writers.lock();
    try (FileChannel lockChannel =
            FileChannel.open(
                dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = lockChannel.lock()) {
      Optional<EarnedPromise> stored = read(file);
      if (stored.isPresent()) {
        EarnedPromise old = stored.get();
        int order = promise.promise().amount().compareTo(old.promise().amount());
        if (order < 0) {
          return new PutResult(Outcome.KEPT_HIGHER, old);
        }
        if (order == 0 && old.equals(promise)) {
          return new PutResult(Outcome.UNCHANGED, old);
        }
      }
      DurableFiles.replace(file, encode(promise));
      return new PutResult(Outcome.STORED, promise);
    } catch (IOException e) {
      throw new StoreException("cannot store the promise in " + file + ": " + e, e);
    } finally {
      writers.unlock();
    }
  }

  /**
   * The latest promise stored for a channel.
   *
   * @param chainId the chain
   * @param hermesId the hub contract
   * @param channelId the channel id
   * @return the promise, or empty when none is stored
   * @throws StoreException when the file exists but cannot be read
   */
  public Optional<EarnedPromise> latest(ChainId chainId, Address hermesId, Bytes32 channelId) {
    return read(fileOf(chainId, hermesId, channelId));
  }

  /**
   * The latest promise stored for one of an identity's channels.
   *
   * @param chainId the chain
   * @param hermesId the hub contract
   * @param identity the identity
   * @param kind which channel
   * @return the promise, or empty when none is stored
   * @throws StoreException when the file exists but cannot be read
   */
  public Optional<EarnedPromise> latest(
      ChainId chainId, Address hermesId, Address identity, ChannelKind kind) {
    return latest(chainId, hermesId, kind.channelId(identity, hermesId));
  }

  /**
   * Every stored promise, ordered by chain, hub and channel.
   *
   * @return the promises
   * @throws StoreException when a file cannot be read
   */
  public List<EarnedPromise> all() {
    List<EarnedPromise> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        read(f).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new StoreException("cannot list the earnings store " + dir + ": " + e, e);
    } catch (UncheckedIOException e) {
      throw new StoreException("cannot list the earnings store " + dir + ": " + e, e);
    }
    out.sort(
        Comparator.comparingLong((EarnedPromise p) -> p.chainId().value())
            .thenComparing(p -> p.hermesId().toHex())
            .thenComparing(p -> p.channelId().toHex()));
    return out;
  }

  private Path fileOf(ChainId chainId, Address hermesId, Bytes32 channelId) {
    return dir.resolve(Long.toString(chainId.value()))
        .resolve(hermesId.toHex())
        .resolve(channelId.toHex() + ".json");
  }

  private static Optional<EarnedPromise> read(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e, e);
    }
    try {
      return Optional.of(decode(JSON.readTree(raw)));
    } catch (IOException | RuntimeException e) {
      throw new StoreException("the stored promise " + file + " is unreadable: " + e, e);
    }
  }

  static byte[] encode(EarnedPromise p) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    Promise promise = p.promise();
    n.put("chainId", promise.chainId().value());
    n.put("hermesId", p.hermesId().toHex());
    n.put("identity", p.identity().toHex());
    n.put("channel", p.kind().name().toLowerCase(Locale.ROOT));
    n.put("channelId", promise.channelId().toHex());
    n.put("amount", promise.amount().toBigInteger());
    n.put("fee", promise.fee().toBigInteger());
    n.put("hashlock", promise.hashlock().toHex());
    n.put("r", promise.r().toHex());
    n.put("signature", promise.signature().toHex());
    return JSON.writeValueAsBytes(n);
  }

  static EarnedPromise decode(JsonNode n) {
    Promise promise =
        new Promise(
            ChainId.of(n.required("chainId").longValue()),
            Bytes32.fromHex(n.required("channelId").asText()),
            TokenAmount.of(n.required("amount").bigIntegerValue()),
            TokenAmount.of(n.required("fee").bigIntegerValue()),
            Bytes32.fromHex(n.required("hashlock").asText()),
            Bytes32.fromHex(n.required("r").asText()),
            Signature.fromHex(n.required("signature").asText()));
    return new EarnedPromise(
        Address.fromHex(n.required("hermesId").asText()),
        Address.fromHex(n.required("identity").asText()),
        ChannelKind.valueOf(n.required("channel").asText().toUpperCase(Locale.ROOT)),
        promise);
  }
}
