package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/** The money invariants, checked in SQL against the hub's tables. */
final class Invariants {
  private Invariants() {}

  static void check(Connection c) throws SQLException {
    // a consumer's accepted total never exceeds what its channel holds plus what was settled
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT s.consumer, s.grand_total, f.channel_balance + f.settled FROM consumer_state"
                    + " s JOIN chain_consumer f ON f.chain_id = s.chain_id AND f.identity ="
                    + " s.consumer WHERE s.grand_total > f.channel_balance + f.settled")) {
      assertThat(rs.next()).as("a consumer above its balance").isFalse();
    }
    // G is exactly the sum of the increments accepted for the consumer
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT s.consumer FROM consumer_state s LEFT JOIN (SELECT chain_id, consumer,"
                    + " sum(delta) AS d FROM issued_promise GROUP BY chain_id, consumer) i ON"
                    + " i.chain_id = s.chain_id AND i.consumer = s.consumer WHERE s.grand_total <>"
                    + " coalesce(i.d, 0)")) {
      assertThat(rs.next()).as("a consumer total that is not the sum of its increments").isFalse();
    }
    // a provider channel never holds more than consumers promised for it
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT p.channel_id FROM provider_state p LEFT JOIN (SELECT chain_id, channel_id,"
                    + " sum(delta) AS d FROM issued_promise GROUP BY chain_id, channel_id) i ON"
                    + " i.chain_id = p.chain_id AND i.channel_id = p.channel_id WHERE p.amount >"
                    + " coalesce(i.d, 0)")) {
      assertThat(rs.next()).as("a provider issued more than consumers promised").isFalse();
    }
    // every issued promise is below or at its channel's latest amount
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT i.channel_id FROM issued_promise i JOIN provider_state p ON p.chain_id ="
                    + " i.chain_id AND p.channel_id = i.channel_id WHERE i.amount > p.amount")) {
      assertThat(rs.next()).as("an issued promise above its channel's latest").isFalse();
    }
  }

  /** Every promise a client saw acknowledged is in the database with the same amount. */
  static void acknowledgedArePersisted(Connection c, Collection<LoadDriver.Ack> acks)
      throws SQLException {
    var s =
        c.prepareStatement(
            "SELECT amount FROM issued_promise WHERE channel_id = ? AND hashlock = ?");
    for (LoadDriver.Ack a : acks) {
      s.setString(1, a.channelId());
      s.setString(2, a.hashlock());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("acknowledged promise %s missing", a).isTrue();
        assertThat(rs.getBigDecimal(1).toBigIntegerExact())
            .as("amount of %s", a)
            .isEqualTo(a.amount());
      }
    }
  }

  static BigInteger scalar(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      var v = rs.getBigDecimal(1);
      return v == null ? BigInteger.ZERO : v.toBigIntegerExact();
    }
  }
}
