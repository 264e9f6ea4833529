package network.hermes.hub.core;

/**
 * Every reason the hub refuses a request, with the HTTP status and the exact wire {@code cause}.
 *
 * <p>This enum is the single table: handlers never choose a status or a cause themselves. Several
 * reasons may share one upstream cause string; they differ in status or message.
 */
public enum Rejection {
  MALFORMED_JSON(400, "malformed json"),
  INVALID_SIGNATURE(400, "invalid signature"),
  WRONG_HERMES(400, "invalid signature"),
  WRONG_CHAIN(400, "invalid signature"),
  CHANNEL_MISMATCH(400, "invalid signature"),
  NOT_SELF_PAYMENT(400, "invalid signature"),
  MISSING_AUTHORIZATION(401, "invalid signature"),
  CONSUMER_UNREGISTERED(402, "consumer unregistered"),
  R_RECOVERY_REQUIRED(409, "r recovery required"),
  PREVIOUS_R_NOT_REVEALED(409, "previous R not revealed"),
  PAYMENT_VALUE_TOO_LOW(409, "payment value too low"),
  PROMISE_VALUE_TOO_LOW(409, "promise value too low"),
  OVERSPENDING(402, "consumer does not have enough balance and is overspending"),
  WITHDRAWAL_EXCEEDS_AVAILABLE(402, "consumer does not have enough balance and is overspending"),
  PROVIDER_BALANCE_EXHAUSTED(402, "provider balance exhausted, please rebalance your channel"),
  HUB_FUNDS_EXHAUSTED(402, "provider balance exhausted, please rebalance your channel"),
  CONSUMER_EXITING(402, "consumer does not have enough balance and is overspending"),
  INVALID_PREVIOUS_LATEST_PROMISE(
      409, "invalid previuos latest promise, impossible to issue new one"),
  TRANSACTOR_FEE_TOO_HIGH(400, "transactor fee too high"),
  HASHLOCK_REUSED(409, "hashlock already used"),
  NOT_LATEST_PROMISE(409, "promise is not the latest"),
  SYNC_AMOUNT_TOO_LOW(409, "promise value too low"),
  EXPECTED_PROVIDER_CHANNEL(400, "expected provider channel, got consumer"),
  PAY_AND_SETTLE_DISABLED(403, "pay and settle disabled"),
  NO_PREVIOUS_PROMISE(404, "no previous promise found"),
  HASHLOCK_MISMATCH(409, "hashlock missmatch"),
  RESOURCE_NOT_FOUND(404, "resource not found"),
  FEE_BELOW_QUOTE(409, "fee below quote"),
  NOT_SETTLEABLE(409, "transaction would fail"),
  ALREADY_REGISTERED(409, "identity already registered"),
  METHOD_NOT_ALLOWED(405, "method not allowed"),
  MALFORMED_REQUEST(400, "malformed request"),
  URI_TOO_LONG(414, "request uri too long"),
  HEADERS_TOO_LARGE(431, "request headers too large"),
  EXPECTATION_FAILED(417, "expectation failed"),
  PAYLOAD_TOO_LARGE(413, "request body too large"),
  TOO_MANY_SIMULTANEOUS_REQUESTS(429, "too many simultaneous requests"),
  INTERNAL_ERROR(500, "internal error"),
  UNAVAILABLE(503, "service unavailable");

  private final int httpStatus;
  private final String cause;

  Rejection(int httpStatus, String cause) {
    this.httpStatus = httpStatus;
    this.cause = cause;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The exact {@code cause} string of the JSON error body. */
  public String cause() {
    return cause;
  }
}
