package network.hermes.node.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins a TCP socket and a stream both ways, one virtual thread per direction. An end of input on
 * one side becomes a half close on the other; an error resets the stream and closes the socket.
 */
public final class Splice {
  private static final int BUFFER = Frame.MAX_DATA * 4;

  private Splice() {}

  /** Starts copying; returns at once. The socket is closed when both directions are done. */
  public static void start(Socket socket, MuxStream stream) {
    AtomicInteger open = new AtomicInteger(2);
    Runnable done =
        () -> {
          if (open.decrementAndGet() == 0) {
            close(socket);
          }
        };
    Thread.ofVirtual()
        .name("splice-up-" + stream.id())
        .start(
            () -> {
              try {
                copy(socket.getInputStream(), stream.output());
                stream.output().close();
              } catch (IOException e) {
                stream.reset("socket: " + e.getMessage());
                close(socket);
              } finally {
                done.run();
              }
            });
    Thread.ofVirtual()
        .name("splice-down-" + stream.id())
        .start(
            () -> {
              try {
                copy(stream.input(), socket.getOutputStream());
                socket.shutdownOutput();
              } catch (IOException e) {
                stream.reset("socket: " + e.getMessage());
                close(socket);
              } finally {
                done.run();
              }
            });
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      out.flush();
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
