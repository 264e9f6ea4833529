package network.hermes.node.transport;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import network.hermes.node.transport.ChannelBindingProof.Role;
import network.hermes.promise.value.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated node connection carrying many streams and the session's control messages. One
 * virtual thread reads frames and hands them on without blocking (stream data goes into the
 * stream's window-bounded buffer, control messages into an ordered queue served by one thread);
 * writers serialise on a fair lock, one whole frame at a time.
 */
public final class MuxConnection implements Closeable {
  /** Receive window of each stream, in bytes; the same on both sides. */
  public static final int STREAM_WINDOW = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(MuxConnection.class);
  private static final byte[] END_OF_CONTROL = new byte[0];

  /** What the owner of a connection is told. */
  public interface Listener {
    /** A control message, in arrival order, on the connection's control thread. */
    void onControl(byte[] json);

    /**
     * Provider side: the consumer opened a stream; called on a new virtual thread, which should
     * {@link MuxStream#accept()} or {@link MuxStream#refuse} it.
     */
    default void onOpen(MuxStream stream) {
      stream.refuse(OpenFailure.FAILED, "this side opens no streams");
    }

    /** The connection ended; called once. */
    void onClosed(String reason, boolean byPeer);
  }

  private final FramedSocket framed;
  private final Role role;
  private final Address peer;
  private final Listener listener;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final Map<Integer, MuxStream> streams = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<byte[]> controls = new LinkedBlockingQueue<>();
  private final AtomicInteger nextStream = new AtomicInteger(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong dataIn = new AtomicLong();
  private final AtomicLong dataOut = new AtomicLong();
  private final AtomicLong controlIn = new AtomicLong();
  private final AtomicLong controlOut = new AtomicLong();
  private volatile String closeReason;

  /**
   * Wraps a connection whose handshake and {@link PeerHandshake} are done; {@link #start()} begins
   * reading.
   */
  public MuxConnection(FramedSocket framed, Role role, Address peer, Listener listener) {
    this.framed = framed;
    this.role = role;
    this.peer = peer;
    this.listener = listener;
  }

  /** Starts the reader and the control thread. */
  public MuxConnection start() {
    Thread.ofVirtual().name("mux-read-" + peer).start(this::readLoop);
    Thread.ofVirtual().name("mux-control-" + peer).start(this::controlLoop);
    return this;
  }

  /** The peer's proven identity. */
  public Address peer() {
    return peer;
  }

  /** Stream payload bytes received. */
  public long dataBytesIn() {
    return dataIn.get();
  }

  /** Stream payload bytes sent. */
  public long dataBytesOut() {
    return dataOut.get();
  }

  /** Bytes of control frames received, headers included. */
  public long controlBytesIn() {
    return controlIn.get();
  }

  /** Bytes of control frames sent, headers included. */
  public long controlBytesOut() {
    return controlOut.get();
  }

  /** Streams open now. */
  public int openStreams() {
    return streams.size();
  }

  /** True once closed by either side. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Why the connection closed, or null while open. */
  public String closeReason() {
    return closeReason;
  }

  /** Sends a control message. */
  public void sendControl(byte[] json) throws IOException {
    send(FrameType.CONTROL, 0, json);
    controlOut.addAndGet(Frame.HEADER_LENGTH + json.length);
  }

  /**
   * Consumer side: opens a stream to {@code destination} ({@code host:port}) and waits for the
   * provider to connect it.
   *
   * @throws StreamOpenException when the provider refused, with its reason
   * @throws IOException when the connection failed or the provider did not answer in time
   */
  public MuxStream open(String destination, Duration timeout) throws IOException {
    if (role != Role.CLIENT) {
      throw new IllegalStateException("only the consumer opens streams");
    }
    int id = nextStream.getAndAdd(2);
    MuxStream stream = new MuxStream(this, id, destination, STREAM_WINDOW);
    streams.put(id, stream);
    send(FrameType.OPEN, id, destination.getBytes(StandardCharsets.UTF_8));
    try {
      stream.opened().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return stream;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (TimeoutException e) {
      stream.reset("no answer to OPEN");
      throw new StreamOpenException(
          OpenFailure.TIMED_OUT, "provider did not connect " + destination + " in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stream.reset("interrupted");
      throw new IOException("interrupted opening a stream", e);
    }
  }

  /** Ends the connection, telling the peer why (a REFUSE frame), and resets every stream. */
  public void close(String reason) {
    shutdown(reason, false, true);
  }

  @Override
  public void close() {
    close("closed");
  }

  void send(FrameType type, int stream, byte[] payload) throws IOException {
    write(FrameCodec.encode(type, stream, payload, 0, payload.length));
  }

  void sendData(int stream, byte[] source, int offset, int length) throws IOException {
    write(FrameCodec.encode(FrameType.DATA, stream, source, offset, length));
    dataOut.addAndGet(length);
  }

  void retire(MuxStream stream) {
    streams.remove(stream.id(), stream);
  }

  private void write(byte[] frame) throws IOException {
    if (closed.get()) {
      throw new IOException("connection closed: " + closeReason);
    }
    writeLock.lock();
    try {
      framed.writeRaw(frame);
    } catch (IOException e) {
      shutdown("write failed: " + e.getMessage(), false, false);
      throw e;
    } finally {
      writeLock.unlock();
    }
  }

  private void readLoop() {
    try {
      while (!closed.get()) {
        Frame frame = framed.read();
        if (frame == null) {
          shutdown("peer closed the connection", true, false);
          return;
        }
        dispatch(frame);
      }
    } catch (RefusedException e) {
      shutdown(e.getMessage(), true, false);
    } catch (ProtocolException e) {
      shutdown("protocol violation: " + e.getMessage(), false, true);
    } catch (EOFException e) {
      shutdown("peer closed the connection", true, false);
    } catch (IOException e) {
      shutdown(closed.get() ? closeReason : "connection lost: " + e.getMessage(), true, false);
    } catch (RuntimeException e) {
      LOG.error("reader failed", e);
      shutdown("internal error: " + e, false, true);
    }
  }

  private void dispatch(Frame frame) throws IOException {
    MuxStream stream = frame.stream() == 0 ? null : streams.get(frame.stream());
    switch (frame.type()) {
      case CONTROL -> {
        controlIn.addAndGet(frame.wireLength());
        controls.add(frame.payload());
      }
      case REFUSE ->
          throw new RefusedException(new String(frame.payload(), StandardCharsets.UTF_8), true);
      case HELLO -> throw new ProtocolException("second HELLO");
      case OPEN -> acceptOpen(frame);
      case OPEN_OK -> {
        if (stream != null) {
          stream.onOpenResult(null, null);
        }
      }
      case OPEN_FAIL -> {
        if (stream != null) {
          byte[] p = frame.payload();
          OpenFailure failure = p.length == 0 ? OpenFailure.FAILED : OpenFailure.of(p[0] & 0xff);
          String reason =
              p.length <= 1
                  ? failure.name()
                  : new String(p, 1, p.length - 1, StandardCharsets.UTF_8);
          stream.onOpenResult(failure, reason);
        }
      }
      case DATA -> {
        dataIn.addAndGet(frame.payload().length);
        if (stream != null) {
          stream.onData(frame.payload());
        }
      }
      case WINDOW -> {
        if (frame.payload().length != 4) {
          throw new ProtocolException("WINDOW payload of " + frame.payload().length + " bytes");
        }
        if (stream != null) {
          stream.onWindow(FrameCodec.getInt(frame.payload(), 0));
        }
      }
      case FIN -> {
        if (stream != null) {
          stream.onFin();
        }
      }
      case RESET -> {
        if (stream != null) {
          stream.onReset(new String(frame.payload(), StandardCharsets.UTF_8));
        }
      }
    }
  }

  private void acceptOpen(Frame frame) throws ProtocolException {
    int id = frame.stream();
    if (role != Role.SERVER || id <= 0 || (id & 1) == 0) {
      throw new ProtocolException("OPEN of stream " + id + " from the wrong side");
    }
    if (streams.containsKey(id)) {
      throw new ProtocolException("OPEN of stream " + id + " twice");
    }
    MuxStream stream =
        new MuxStream(this, id, new String(frame.payload(), StandardCharsets.UTF_8), STREAM_WINDOW);
    streams.put(id, stream);
    Thread.ofVirtual().name("mux-open-" + id).start(() -> listener.onOpen(stream));
  }

  private void controlLoop() {
    try {
      while (true) {
        byte[] message = controls.take();
        if (message == END_OF_CONTROL) {
          return;
        }
        try {
          listener.onControl(message);
        } catch (RuntimeException e) {
          LOG.error("control message handler failed", e);
          close("internal error handling a control message: " + e.getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdown(String reason, boolean byPeer, boolean notifyPeer) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeReason = reason;
    if (notifyPeer) {
      writeLock.lock();
      try {
        framed.writeRaw(
            FrameCodec.encode(
                FrameType.REFUSE,
                0,
                reason.getBytes(StandardCharsets.UTF_8),
                0,
                reason.getBytes(StandardCharsets.UTF_8).length));
      } catch (IOException gone) {
        // the peer is gone already
      } finally {
        writeLock.unlock();
      }
    }
    framed.close();
    for (MuxStream stream : Arrays.asList(streams.values().toArray(new MuxStream[0]))) {
      stream.markReset("connection ended: " + reason);
    }
    controls.add(END_OF_CONTROL);
    try {
      listener.onClosed(reason, byPeer);
    } catch (RuntimeException e) {
      LOG.error("close handler failed", e);
    }
  }
}
