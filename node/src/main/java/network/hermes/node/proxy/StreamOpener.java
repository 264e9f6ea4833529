package network.hermes.node.proxy;

import java.io.IOException;
import network.hermes.node.transport.MuxStream;

/** Opens a tunnel stream to a destination (the consumer's session). */
@FunctionalInterface
public interface StreamOpener {
  /**
   * Opens a stream.
   *
   * @throws network.hermes.node.transport.StreamOpenException when the provider refused it
   * @throws IOException when there is no session or the connection failed
   */
  MuxStream open(Destination destination) throws IOException;
}
