package network.hermes.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * {@code pg_stat_statements} of the hub's PostgreSQL over the measured window ({@code --pg-stats}):
 * reset at its start, the statements that took the most execution time printed at its end.
 */
final class PgStats {
  /** The hub setting that loads the extension into its embedded PostgreSQL. */
  static final String HUB_SETTING =
      "db.embedded-settings=shared_preload_libraries=pg_stat_statements";

  private final String url;

  PgStats(int dbPort) {
    this.url = "jdbc:postgresql://localhost:" + dbPort + "/postgres?user=postgres";
  }

  void reset() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /**
   * Prints the statements of the window by total execution time, each per call and per transaction.
   *
   * @param transactions the group-commit transactions of the window
   */
  void print(double transactions) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT calls, total_exec_time, rows, shared_blks_hit + shared_blks_read AS blocks,"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q FROM"
                    + " pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY"
                    + " total_exec_time DESC LIMIT 14")) {
      System.out.println("  pg_stat_statements over the window (execution time only):");
      System.out.println(
          "  | statement | calls | ms per call | ms per transaction | rows per call | blocks per"
              + " call |");
      System.out.println("  |---|---:|---:|---:|---:|---:|");
      double total = 0;
      while (r.next()) {
        long calls = r.getLong(1);
        double ms = r.getDouble(2);
        total += ms;
        System.out.printf(
            Locale.ROOT,
            "  | `%s` | %d | %.3f | %.3f | %.1f | %.1f |%n",
            r.getString(5).replace("|", "\\|"),
            calls,
            ms / calls,
            transactions == 0 ? 0 : ms / transactions,
            (double) r.getLong(3) / calls,
            (double) r.getLong(4) / calls);
      }
      System.out.printf(
          Locale.ROOT,
          "  these statements: %.2f ms of execution per transaction%n",
          transactions == 0 ? 0 : total / transactions);
    }
  }
}
