package network.hermes.hub.store;

import java.net.URI;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Applies the versioned schema (classpath:db/migration) with Flyway over JDBC, at start-up. */
public final class Migrations {
  private Migrations() {}

  /** Migrates to the latest version; says which version the schema is at and what was applied. */
  public static Outcome apply(DbUrl url) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(url.jdbcUrl(), url.user(), url.password())
            .locations("classpath:db/migration")
            .connectRetries(5)
            .load();
    int applied = flyway.migrate().migrationsExecuted;
    MigrationInfo current = flyway.info().current();
    return new Outcome(current == null ? "none" : current.getVersion().getVersion(), applied);
  }

  /** The schema version after migrating, and how many migrations this start applied. */
  public record Outcome(String schemaVersion, int applied) {}

  /** A PostgreSQL URL split into what JDBC and the Vert.x client each need. */
  public record DbUrl(String host, int port, String database, String user, String password) {
    /** Parses {@code postgresql://user[:password]@host[:port]/database}. */
    public static DbUrl parse(String url, String passwordOverride) {
      String u = url.startsWith("jdbc:") ? url.substring(5) : url;
      if (u.startsWith("postgres://")) {
        u = "postgresql://" + u.substring("postgres://".length());
      }
      URI uri = URI.create(u);
      if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "database URL must look like postgresql://user@host:port/db");
      }
      String user = "postgres";
      String password = null;
      if (uri.getUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        user = parts[0];
        password = parts.length > 1 ? parts[1] : null;
      }
      if (passwordOverride != null) {
        password = passwordOverride;
      }
      String db =
          uri.getPath() == null || uri.getPath().length() <= 1
              ? "postgres"
              : uri.getPath().substring(1);
      return new DbUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password);
    }

    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** For logs: never contains the password. */
    @Override
    public String toString() {
      return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
  }
}
