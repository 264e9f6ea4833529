package network.hermes.hub.chain;

import static network.hermes.hub.store.DbCodec.hex;
import static network.hermes.hub.store.DbCodec.id;
import static network.hermes.hub.store.DbCodec.num;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.math.BigInteger;
import network.hermes.hub.core.ChainFacts;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/** Writes chain facts into the {@code chain_*} tables (refresher, operator seeding, tests). */
public final class ChainFactsWriter {
  private final Pool pool;

  public ChainFactsWriter(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> consumer(ChainId chainId, Address identity, ChainFacts.Consumer f) {
    return pool.preparedQuery(
            "INSERT INTO chain_consumer (chain_id, identity, registered, channel_balance, settled)"
                + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (chain_id, identity) DO UPDATE SET"
                + " registered = EXCLUDED.registered, channel_balance = EXCLUDED.channel_balance,"
                + " settled = EXCLUDED.settled, read_at = now(), revision ="
                + " nextval('chain_fact_revision')")
        .execute(
            Tuple.of(
                id(chainId),
                hex(identity),
                f.registered(),
                num(f.channelBalance()),
                num(f.settled())))
        .mapEmpty();
  }

  public Future<Void> channel(ChainId chainId, Bytes32 channelId, ChainFacts.ProviderChannel f) {
    return pool.preparedQuery(
            "INSERT INTO chain_provider_channel (chain_id, channel_id, settled, stake) VALUES ($1,"
                + " $2, $3, $4) ON CONFLICT (chain_id, channel_id) DO UPDATE SET settled ="
                + " EXCLUDED.settled, stake = EXCLUDED.stake, read_at = now(), revision ="
                + " nextval('chain_fact_revision')")
        .execute(Tuple.of(id(chainId), hex(channelId), num(f.settled()), num(f.stake())))
        .mapEmpty();
  }

  public Future<Void> hermes(ChainId chainId, Address hermesId, ChainFacts.Hermes f) {
    return pool.preparedQuery(
            "INSERT INTO chain_hermes (chain_id, hermes_id, status, fee_bps, min_stake, max_stake,"
                + " available_balance) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (chain_id,"
                + " hermes_id) DO UPDATE SET status = EXCLUDED.status, fee_bps = EXCLUDED.fee_bps,"
                + " min_stake = EXCLUDED.min_stake, max_stake = EXCLUDED.max_stake,"
                + " available_balance = EXCLUDED.available_balance, read_at = now(), revision ="
                + " nextval('chain_fact_revision')")
        .execute(
            Tuple.tuple()
                .addLong(id(chainId))
                .addString(hex(hermesId))
                .addInteger(f.status())
                .addInteger(f.feeBps())
                .addValue(num(f.minStake()))
                .addValue(num(f.maxStake()))
                .addValue(num(f.availableBalance())))
        .mapEmpty();
  }

  /**
   * The facts of the offline development deployment's hub contract: active, 20 % fee, stakes up to
   * 100 MYST, 1,000 MYST available.
   */
  public Future<Void> developmentHermes(ChainId chainId, Address hermesId) {
    BigInteger myst = BigInteger.TEN.pow(18);
    return hermes(
        chainId,
        hermesId,
        new ChainFacts.Hermes(
            0,
            2000,
            TokenAmount.ZERO,
            TokenAmount.of(myst.multiply(BigInteger.valueOf(100))),
            TokenAmount.of(myst.multiply(BigInteger.valueOf(1000)))));
  }
}
