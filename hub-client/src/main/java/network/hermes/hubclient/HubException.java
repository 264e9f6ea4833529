package network.hermes.hubclient;

import java.util.Optional;

/**
 * The hub refused a request (an error body {@code {cause, message, data}} with its HTTP status),
 * could not be reached, or answered something unreadable. A refused request changed nothing at the
 * hub.
 */
public class HubException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final HubCause kind;
  private final String cause;
  private final String hubMessage;
  private final String data;

  /**
   * A refusal as the hub sent it.
   *
   * @param status the HTTP status
   * @param cause the cause string
   * @param hubMessage the hub's message
   * @param data the optional data ({@code r recovery required}), or null
   */
  public HubException(int status, String cause, String hubMessage, String data) {
    this(status, HubCause.fromWire(cause), cause, hubMessage, data, null);
  }

  HubException(
      int status, HubCause kind, String cause, String hubMessage, String data, Throwable reason) {
    super(describe(status, kind, cause, hubMessage), reason);
    this.status = status;
    this.kind = kind;
    this.cause = cause;
    this.hubMessage = hubMessage;
    this.data = data;
  }

  private static String describe(int status, HubCause kind, String cause, String message) {
    return switch (kind) {
      case UNREACHABLE -> "hub unreachable: " + message;
      case BAD_RESPONSE -> "unreadable hub answer (HTTP " + status + "): " + message;
      default -> cause + " (HTTP " + status + "): " + message;
    };
  }

  /**
   * The HTTP status; 0 when there was no answer.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The cause as a kind to branch on.
   *
   * @return the kind
   */
  public HubCause kind() {
    return kind;
  }

  /**
   * The cause string exactly as the hub sent it; empty for the client-side kinds.
   *
   * @return the string
   */
  public String cause() {
    return cause;
  }

  /**
   * The hub's human-readable message (or what went wrong reaching it).
   *
   * @return the message
   */
  public String hubMessage() {
    return hubMessage;
  }

  /**
   * The error's data, e.g. the encrypted R recovery data of {@code r recovery required}.
   *
   * @return the data, if any
   */
  public Optional<String> data() {
    return Optional.ofNullable(data);
  }
}
