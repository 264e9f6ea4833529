package network.hermes.hubclient;

/** No answer from the hub: connection refused, timed out or broken. Safe to retry later. */
public final class HubUnreachableException extends HubException {
  private static final long serialVersionUID = 1L;

  HubUnreachableException(String what, Throwable reason) {
    super(0, HubCause.UNREACHABLE, "", what, null, reason);
  }
}
