package network.hermes.hub.store;

import io.vertx.pgclient.PgException;
import network.hermes.hub.core.Rejection;

/** SQLSTATE codes mapped to domain outcomes. */
final class SqlStates {
  private SqlStates() {}

  static StoreException map(Throwable t) {
    if (t instanceof StoreException se) {
      return se;
    }
    if (t instanceof PgException pg) {
      String state = pg.getSqlState();
      switch (state == null ? "" : state) {
        case "55P03", "40P01", "40001", "57014", "53300" -> {
          // lock_not_available, deadlock_detected, serialization_failure, query_canceled
          // (statement/lock timeout), too_many_connections: contention, the client may retry
          return new StoreException(
              Rejection.TOO_MANY_SIMULTANEOUS_REQUESTS, "database contention (" + state + ")", t);
        }
        default -> {
          return new StoreException(Rejection.INTERNAL_ERROR, "database error " + state, t);
        }
      }
    }
    return new StoreException(Rejection.INTERNAL_ERROR, "store failure", t);
  }

  static boolean isUniqueViolation(Throwable t) {
    return t instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  static boolean isContention(StoreException e) {
    return e.rejection() == Rejection.TOO_MANY_SIMULTANEOUS_REQUESTS;
  }
}
