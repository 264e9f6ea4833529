package network.hermes.hub.dashboard;

/** Why the dashboard API refuses a request, with the HTTP status and the {@code cause} string. */
enum DashboardError {
  MALFORMED_REQUEST(400, "malformed request"),
  LOGIN_REQUIRED(401, "login required"),
  INVALID_SIGNATURE(401, "invalid signature"),
  CHALLENGE_REFUSED(401, "challenge expired or used"),
  OPERATOR_ONLY(403, "operator login required"),
  NOT_FOUND(404, "resource not found"),
  NOT_RETRYABLE(409, "not retryable"),
  INTERNAL_ERROR(500, "internal error");

  private final int status;
  private final String cause;

  DashboardError(int status, String cause) {
    this.status = status;
    this.cause = cause;
  }

  int status() {
    return status;
  }

  String cause() {
    return cause;
  }
}
