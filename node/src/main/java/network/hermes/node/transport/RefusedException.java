package network.hermes.node.transport;

import java.io.IOException;

/** A connection or session was refused, by this side or by the peer, for a stated reason. */
public final class RefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean byPeer;

  /** Creates the exception; {@code byPeer} tells who refused. */
  public RefusedException(String reason, boolean byPeer) {
    super(reason);
    this.byPeer = byPeer;
  }

  /** True when the peer refused us, false when this side refused the peer. */
  public boolean byPeer() {
    return byPeer;
  }
}
