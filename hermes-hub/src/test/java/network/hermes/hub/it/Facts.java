package network.hermes.hub.it;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Seeds chain facts with plain SQL, as an operator (or the future chain watcher) would. */
final class Facts {
  private Facts() {}

  static void consumer(
      Connection c,
      long chain,
      String id,
      boolean registered,
      BigInteger balance,
      BigInteger settled)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO chain_consumer (chain_id, identity, registered, channel_balance, settled)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chain_id, identity) DO UPDATE SET registered"
                + " = EXCLUDED.registered, channel_balance = EXCLUDED.channel_balance, settled ="
                + " EXCLUDED.settled, revision = nextval('chain_fact_revision')")) {
      s.setLong(1, chain);
      s.setString(2, id);
      s.setBoolean(3, registered);
      s.setBigDecimal(4, new java.math.BigDecimal(balance));
      s.setBigDecimal(5, new java.math.BigDecimal(settled));
      s.executeUpdate();
    }
  }

  /**
   * A registered consumer that asked to exit its channel: the watcher stores the exit request's
   * timelock (when the exit may be finalised, unix seconds) in {@code exit_timelock}, 0 when none.
   */
  static void exitingConsumer(
      Connection c, long chain, String id, BigInteger balance, BigInteger settled, long timelock)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO chain_consumer (chain_id, identity, registered, channel_balance, settled,"
                + " exit_timelock) VALUES (?, ?, TRUE, ?, ?, ?) ON CONFLICT (chain_id, identity) DO"
                + " UPDATE SET registered = EXCLUDED.registered, channel_balance ="
                + " EXCLUDED.channel_balance, settled = EXCLUDED.settled, exit_timelock ="
                + " EXCLUDED.exit_timelock, revision = nextval('chain_fact_revision')")) {
      s.setLong(1, chain);
      s.setString(2, id);
      s.setBigDecimal(3, new java.math.BigDecimal(balance));
      s.setBigDecimal(4, new java.math.BigDecimal(settled));
      s.setLong(5, timelock);
      s.executeUpdate();
    }
  }

  /**
   * The Hermes contract's available balance (what it can pay providers from), as the watcher stores
   * it; changes an existing {@code chain_hermes} row only (the hub seeds it on start).
   */
  static void hermesAvailableBalance(Connection c, long chain, String hermesId, BigInteger balance)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE chain_hermes SET available_balance = ?, revision ="
                + " nextval('chain_fact_revision') WHERE chain_id = ? AND hermes_id = ?")) {
      s.setBigDecimal(1, new java.math.BigDecimal(balance));
      s.setLong(2, chain);
      s.setString(3, hermesId);
      s.executeUpdate();
    }
  }

  static void channel(
      Connection c, long chain, String channelId, BigInteger settled, BigInteger stake)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO chain_provider_channel (chain_id, channel_id, settled, stake) VALUES (?, ?,"
                + " ?, ?) ON CONFLICT (chain_id, channel_id) DO UPDATE SET settled ="
                + " EXCLUDED.settled, stake = EXCLUDED.stake, revision ="
                + " nextval('chain_fact_revision')")) {
      s.setLong(1, chain);
      s.setString(2, channelId);
      s.setBigDecimal(3, new java.math.BigDecimal(settled));
      s.setBigDecimal(4, new java.math.BigDecimal(stake));
      s.executeUpdate();
    }
  }

  static void hermes(Connection c, long chain, String hermesId, BigInteger maxStake)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO chain_hermes (chain_id, hermes_id, status, fee_bps, min_stake, max_stake,"
                + " available_balance) VALUES (?, ?, 0, 2000, 0, ?, ?) ON CONFLICT (chain_id,"
                + " hermes_id) DO UPDATE SET max_stake = EXCLUDED.max_stake, revision ="
                + " nextval('chain_fact_revision')")) {
      s.setLong(1, chain);
      s.setString(2, hermesId);
      s.setBigDecimal(3, new java.math.BigDecimal(maxStake));
      s.setBigDecimal(4, new java.math.BigDecimal(maxStake.multiply(BigInteger.TEN)));
      s.executeUpdate();
    }
  }
}
