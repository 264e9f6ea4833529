package network.hermes.hubclient;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code cause} strings the hub answers with, exactly as upstream spells them. Callers branch
 * on the cause, never on the message; a cause this client does not know is {@link #UNKNOWN} and the
 * raw string stays in {@link HubException#cause()}.
 */
public enum HubCause {
  MALFORMED_JSON("malformed json"),
  INVALID_SIGNATURE("invalid signature"),
  CONSUMER_UNREGISTERED("consumer unregistered"),
  R_RECOVERY_REQUIRED("r recovery required"),
  PREVIOUS_R_NOT_REVEALED("previous R not revealed"),
  PAYMENT_VALUE_TOO_LOW("payment value too low"),
  PROMISE_VALUE_TOO_LOW("promise value too low"),
  CONSUMER_OVERSPENDING("consumer does not have enough balance and is overspending"),
  PROVIDER_BALANCE_EXHAUSTED("provider balance exhausted, please rebalance your channel"),
  INVALID_PREVIOUS_PROMISE("invalid previuos latest promise, impossible to issue new one"),
  TRANSACTOR_FEE_TOO_HIGH("transactor fee too high"),
  HASHLOCK_ALREADY_USED("hashlock already used"),
  PROMISE_NOT_LATEST("promise is not the latest"),
  EXPECTED_PROVIDER_CHANNEL("expected provider channel, got consumer"),
  PAY_AND_SETTLE_DISABLED("pay and settle disabled"),
  FEE_BELOW_QUOTE("fee below quote"),
  TRANSACTION_WOULD_FAIL("transaction would fail"),
  IDENTITY_ALREADY_REGISTERED("identity already registered"),
  NO_PREVIOUS_PROMISE("no previous promise found"),
  HASHLOCK_MISMATCH("hashlock missmatch"),
  RESOURCE_NOT_FOUND("resource not found"),
  METHOD_NOT_ALLOWED("method not allowed"),
  REQUEST_TOO_LARGE("request body too large"),
  TOO_MANY_REQUESTS("too many simultaneous requests"),
  SERVICE_UNAVAILABLE("service unavailable"),
  INTERNAL_ERROR("internal error"),
  /** The hub could not be reached, or the connection broke before an answer. */
  UNREACHABLE(""),
  /** The hub answered something that is not the API's JSON. */
  BAD_RESPONSE(""),
  /** A cause string this client does not know. */
  UNKNOWN("");

  private static final Map<String, HubCause> BY_WIRE =
      Stream.of(values())
          .filter(c -> !c.wire.isEmpty())
          .collect(Collectors.toUnmodifiableMap(c -> c.wire, Function.identity()));

  private final String wire;

  HubCause(String wire) {
    this.wire = wire;
  }

  /**
   * The exact cause string on the wire.
   *
   * @return the string, empty for the client-side kinds
   */
  public String wire() {
    return wire;
  }

  /**
   * The kind of a cause string.
   *
   * @param cause the string the hub sent
   * @return its kind, {@link #UNKNOWN} when unknown
   */
  public static HubCause fromWire(String cause) {
    return BY_WIRE.getOrDefault(cause, UNKNOWN);
  }
}
