package network.hermes.hub.relay;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import network.hermes.hub.chain.ChainWatch;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.wire.RelayRequest;

/**
 * The relay's front: fee quotes, checked submissions, job status. Non-blocking (event loops): the
 * gas price comes from a cache, chain facts from the in-memory view, the rest from PostgreSQL.
 */
public final class RelayService {
  private final ChainId chainId;
  private final FeeQuoter quoter;
  private final Supplier<Optional<BigInteger>> gasPrice;
  private final RelayChecks checks;
  private final RelayStore store;
  private final ChainWatch watch;
  private final Clock clock;
  private final Runnable wakeWorker;

  public RelayService(
      ChainId chainId,
      FeeQuoter quoter,
      Supplier<Optional<BigInteger>> gasPrice,
      RelayChecks checks,
      RelayStore store,
      ChainWatch watch,
      Clock clock,
      Runnable wakeWorker) {
    this.chainId = chainId;
    this.quoter = quoter;
    this.gasPrice = gasPrice;
    this.checks = checks;
    this.store = store;
    this.watch = watch;
    this.clock = clock;
    this.wakeWorker = wakeWorker;
  }

  public ChainId chainId() {
    return chainId;
  }

  /** A fee quote, recorded so that any hub instance honours it until it expires. */
  public Future<Decision<FeeQuoter.Quote>> quote(ChainId chain, FeeKind kind) {
    if (!chain.equals(chainId)) {
      return Future.succeededFuture(
          Decision.reject(Rejection.RESOURCE_NOT_FOUND, "this relay serves chain " + chainId));
    }
    Optional<BigInteger> price = gasPrice.get();
    if (price.isEmpty()) {
      return Future.succeededFuture(
          Decision.reject(Rejection.UNAVAILABLE, "the gas price is not known yet, retry shortly"));
    }
    FeeQuoter.Quote q = quoter.quote(kind, price.get(), clock.instant());
    return store.saveQuote(chainId, q).map(v -> Decision.accept(q));
  }

  /** Checks a payload and queues it; the accepted value is the job id. */
  public Future<Decision<String>> submit(RelayRequest p) {
    Decision.Reject<Void> refused = checks.check(p);
    if (refused != null) {
      return Future.succeededFuture(Decision.reject(refused.reason(), refused.message()));
    }
    JobKind job = JobKind.of(p);
    FeeKind kind = job.fee();
    return store
        .lowestValidQuote(chainId, kind, clock.instant())
        .compose(
            quote -> {
              if (quote.isEmpty()) {
                return Future.succeededFuture(
                    Decision.<String>reject(
                        Rejection.FEE_BELOW_QUOTE,
                        "no valid "
                            + kind.path()
                            + " quote: get one from fee/"
                            + chainId
                            + "/"
                            + kind.path()));
              }
              if (p.fee().toBigInteger().compareTo(quote.get()) < 0) {
                return Future.succeededFuture(
                    Decision.<String>reject(
                        Rejection.FEE_BELOW_QUOTE,
                        "the fee " + p.fee() + " is below the quoted " + quote.get()));
              }
              if (job == JobKind.REGISTER) {
                // the registration waits for the channel's balance: follow its top-ups
                watch.watch(chainId, p.identity());
              }
              return store
                  .enqueue(p, clock.instant())
                  .map(
                      id -> {
                        wakeWorker.run();
                        return Decision.accept(id);
                      });
            });
  }

  public Future<Optional<RelayJob>> job(String id) {
    return store.job(id);
  }
}
