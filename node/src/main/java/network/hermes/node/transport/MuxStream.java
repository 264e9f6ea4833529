package network.hermes.node.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One multiplexed stream of a {@link MuxConnection}: an input stream of what the peer sends and an
 * output stream to it. Flow control is per stream: the sender may have at most the receiver's
 * window in flight, and the receiver grants more as its reader consumes, so a stream whose reader
 * is slow stops only itself.
 */
public final class MuxStream {
  private final MuxConnection connection;
  private final int id;
  private final String destination;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private final int window;
  private int headOffset;
  private long sendCredit;
  private long granted;
  private long unacknowledged;
  private boolean finReceived;
  private boolean finSent;
  private String resetReason;
  private final InputStream input = new Input();
  private final OutputStream output = new Output();

  MuxStream(MuxConnection connection, int id, String destination, int window) {
    this.connection = connection;
    this.id = id;
    this.destination = destination;
    this.window = window;
    this.sendCredit = window;
    this.granted = window;
  }

  /** The stream id (odd: opened by the consumer). */
  public int id() {
    return id;
  }

  /** The destination the consumer asked for, {@code host:port}. */
  public String destination() {
    return destination;
  }

  /** What the peer sends; -1 after its FIN; an IOException after a reset. */
  public InputStream input() {
    return input;
  }

  /** What goes to the peer; {@code close()} sends FIN. Writes block while the credit is used up. */
  public OutputStream output() {
    return output;
  }

  /** Provider side: the destination is connected. */
  public void accept() throws IOException {
    connection.send(FrameType.OPEN_OK, id, new byte[0]);
  }

  /** Provider side: the destination was not connected. */
  public void refuse(OpenFailure failure, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[1 + text.length];
    payload[0] = (byte) failure.code();
    System.arraycopy(text, 0, payload, 1, text.length);
    try {
      connection.send(FrameType.OPEN_FAIL, id, payload);
    } catch (IOException gone) {
      // the connection is closing; the consumer learns from that
    }
    markReset("refused: " + reason);
  }

  /** Aborts the stream both ways and tells the peer. */
  public void reset(String reason) {
    boolean first;
    lock.lock();
    try {
      first = resetReason == null;
    } finally {
      lock.unlock();
    }
    if (first) {
      try {
        connection.send(FrameType.RESET, id, reason.getBytes(StandardCharsets.UTF_8));
      } catch (IOException gone) {
        // the connection is closing
      }
      markReset(reason);
    }
  }

  /** True once reset, by either side or by the connection ending. */
  public boolean isReset() {
    lock.lock();
    try {
      return resetReason != null;
    } finally {
      lock.unlock();
    }
  }

  CompletableFuture<Void> opened() {
    return opened;
  }

  void onOpenResult(OpenFailure failure, String reason) {
    if (failure == null) {
      opened.complete(null);
    } else {
      opened.completeExceptionally(new StreamOpenException(failure, reason));
      markReset("refused: " + reason);
    }
  }

  /** A DATA frame arrived (reader thread: never blocks). */
  void onData(byte[] payload) throws ProtocolException {
    if (payload.length == 0) {
      return;
    }
    lock.lock();
    try {
      if (resetReason != null) {
        return; // in flight when we reset; dropped
      }
      if (finReceived) {
        throw new ProtocolException("DATA after FIN on stream " + id);
      }
      if (payload.length > granted) {
        throw new ProtocolException(
            "stream " + id + " sent " + payload.length + " bytes with " + granted + " credit");
      }
      granted -= payload.length;
      inbound.addLast(payload);
      readable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void onWindow(int increment) throws ProtocolException {
    if (increment <= 0) {
      throw new ProtocolException("WINDOW increment " + increment + " on stream " + id);
    }
    lock.lock();
    try {
      sendCredit += increment;
      if (sendCredit > window) {
        throw new ProtocolException("stream " + id + " credit beyond the window");
      }
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void onFin() {
    lock.lock();
    try {
      finReceived = true;
      readable.signalAll();
    } finally {
      lock.unlock();
    }
    retireIfDone();
  }

  void onReset(String reason) {
    markReset("reset by peer: " + reason);
  }

  void markReset(String reason) {
    lock.lock();
    try {
      if (resetReason == null) {
        resetReason = reason;
      }
      inbound.clear();
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
    opened.completeExceptionally(new IOException(reason));
    connection.retire(this);
  }

  private void retireIfDone() {
    boolean done;
    lock.lock();
    try {
      done = finReceived && finSent && inbound.isEmpty();
    } finally {
      lock.unlock();
    }
    if (done) {
      connection.retire(this);
    }
  }

  private int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int credit;
    int n;
    lock.lock();
    try {
      while (inbound.isEmpty() && !finReceived && resetReason == null) {
        readable.await();
      }
      if (resetReason != null) {
        throw new IOException("stream " + id + " " + resetReason);
      }
      if (inbound.isEmpty()) {
        n = -1;
        credit = 0;
      } else {
        n = drain(target, offset, length);
        unacknowledged += n;
        credit = 0;
        // grant in quarters of the window so that WINDOW frames stay few
        if (unacknowledged >= window / 4 && !finReceived) {
          credit = (int) unacknowledged;
          granted += credit;
          unacknowledged = 0;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted reading stream " + id);
    } finally {
      lock.unlock();
    }
    if (n < 0) {
      retireIfDone();
    } else if (credit > 0) {
      byte[] increment = new byte[4];
      FrameCodec.putInt(increment, 0, credit);
      connection.send(FrameType.WINDOW, id, increment);
    }
    return n;
  }

  private int drain(byte[] target, int offset, int length) {
    int n = 0;
    while (n < length && !inbound.isEmpty()) {
      byte[] head = inbound.peekFirst();
      int take = Math.min(length - n, head.length - headOffset);
      System.arraycopy(head, headOffset, target, offset + n, take);
      n += take;
      headOffset += take;
      if (headOffset == head.length) {
        inbound.removeFirst();
        headOffset = 0;
      }
    }
    return n;
  }

  private void write(byte[] source, int offset, int length) throws IOException {
    int position = offset;
    int end = offset + length;
    while (position < end) {
      int take;
      lock.lock();
      try {
        while (sendCredit == 0 && resetReason == null && !finSent) {
          writable.await();
        }
        if (resetReason != null) {
          throw new IOException("stream " + id + " " + resetReason);
        }
        if (finSent) {
          throw new IOException("stream " + id + " output closed");
        }
        take = (int) Math.min(Math.min(sendCredit, end - position), Frame.MAX_DATA);
        sendCredit -= take;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted writing stream " + id);
      } finally {
        lock.unlock();
      }
      connection.sendData(id, source, position, take);
      position += take;
    }
  }

  private void finish() throws IOException {
    lock.lock();
    try {
      if (finSent || resetReason != null) {
        return;
      }
      finSent = true;
      writable.signalAll();
    } finally {
      lock.unlock();
    }
    connection.send(FrameType.FIN, id, new byte[0]);
    retireIfDone();
  }

  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return MuxStream.this.read(b, off, len);
    }

    @Override
    public void close() {
      lock.lock();
      boolean early;
      try {
        early = !finReceived;
      } finally {
        lock.unlock();
      }
      if (early) {
        MuxStream.this.reset("reader closed");
      } else {
        retireIfDone();
      }
    }
  }

  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      MuxStream.this.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      MuxStream.this.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      finish();
    }
  }
}
