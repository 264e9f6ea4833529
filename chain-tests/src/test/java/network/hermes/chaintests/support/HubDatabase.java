package network.hermes.chaintests.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.hermes.promise.value.Address;
import network.hermes.testkit.PgServer;

/**
 * Reads the hub's database the way an auditor would: which promises it holds, and every row about
 * some identities (to show that a refused request changed none). The one class of the chain-tests
 * that knows the hub's tables.
 */
public final class HubDatabase {
  /**
   * The hub's rows about identities, table by table. Chain facts, the watcher's bookkeeping and
   * relay fee quotes are left out: the watcher and quote requests write them, not the requests
   * under test.
   */
  private static final Map<String, String> ROWS_ABOUT =
      Map.of(
          "consumer_state", "consumer = ANY(?)",
          "provider_state", "provider = ANY(?)",
          "agreement_state", "consumer = ANY(?) OR provider = ANY(?)",
          "issued_promise", "consumer = ANY(?) OR provider = ANY(?)",
          "revealed_r",
              "channel_id IN (SELECT channel_id FROM provider_state WHERE provider = ANY(?))",
          "consumer_settleable", "consumer = ANY(?)",
          "settlement_attempt", "consumer = ANY(?)",
          "relay_job", "identity = ANY(?)");

  private final PgServer server;

  HubDatabase(PgServer server) {
    this.server = server;
  }

  /** The acknowledged promises the database does not hold with their acknowledged amount. */
  public List<Ack> missing(Collection<Ack> acks) {
    List<Ack> missing = new ArrayList<>();
    try (Connection c = server.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT amount FROM issued_promise WHERE channel_id = ? AND hashlock = ?")) {
      for (Ack a : acks) {
        s.setString(1, a.channelId().toHex());
        s.setString(2, a.hashlock().toHex());
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()
              || !rs.getBigDecimal(1).toBigIntegerExact().equals(a.amount().toBigInteger())) {
            missing.add(a);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the hub's database: " + e.getMessage(), e);
    }
    return missing;
  }

  /** Every row about the identities, as text, table by table in a fixed order. */
  public Map<String, List<String>> rowsAbout(Collection<Address> identities) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    String[] ids = identities.stream().map(Address::toHex).sorted().toArray(String[]::new);
    try (Connection c = server.connect()) {
      Array array = c.createArrayOf("text", ids);
      for (String table : ROWS_ABOUT.keySet().stream().sorted().toList()) {
        String where = ROWS_ABOUT.get(table);
        try (PreparedStatement s =
            c.prepareStatement("SELECT * FROM " + table + " WHERE " + where)) {
          int params = (int) where.chars().filter(ch -> ch == '?').count();
          for (int i = 1; i <= params; i++) {
            s.setArray(i, array);
          }
          rows.put(table, render(s.executeQuery()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the hub's database: " + e.getMessage(), e);
    }
    return rows;
  }

  /** A single number from a query, e.g. a count. */
  public long number(String sql) {
    try (Connection c = server.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the hub's database: " + e.getMessage(), e);
    }
  }

  /** The first column of every row of a query, as text. */
  public Set<String> strings(String sql) {
    Set<String> out = new HashSet<>();
    try (Connection c = server.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the hub's database: " + e.getMessage(), e);
    }
    return out;
  }

  private static List<String> render(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
      }
      out.add(row.toString());
    }
    out.sort(String::compareTo);
    rs.close();
    return out;
  }
}
