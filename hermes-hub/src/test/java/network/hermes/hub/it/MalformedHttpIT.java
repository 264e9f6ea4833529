package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import network.hermes.hub.HubApplication;
import network.hermes.hub.config.HubConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Requests that are not well-formed HTTP, sent as raw bytes the way a broken or hostile client
 * would: each gets the hub's {@code {cause, message}} JSON with a 4xx status, and none is logged as
 * an error of the hub.
 */
class MalformedHttpIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static TestDatabase db;
  static HubApplication hub;
  static URI base;
  static ListAppender<ILoggingEvent> logs;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.start();
    hub =
        HubApplication.start(
            HubConfig.defaults()
                .with(
                    Map.of(
                        "db.url", db.url(),
                        "chain.mode", "offline",
                        "http.port", "0",
                        "http.instances", "1",
                        "db.pool-size", "2",
                        "shutdown.grace-seconds", "1")),
            Clock.systemUTC());
    base = URI.create(hub.baseUrl());
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    if (hub != null) {
      hub.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static Stream<Arguments> malformed() {
    String reveal = "POST /api/v2/reveal_r HTTP/1.1\r\nHost: hub\r\n";
    return Stream.of(
        Arguments.of("a broken request line", "GARBAGE\r\n\r\n", 400, "malformed request"),
        Arguments.of(
            "an unknown HTTP version",
            "GET /healthz HTTP/9.9\r\nHost: hub\r\n\r\n",
            400,
            "malformed request"),
        Arguments.of(
            "a Content-Length that is no number",
            reveal + "Content-Length: ten\r\n\r\n",
            400,
            "malformed request"),
        Arguments.of(
            "two different Content-Lengths",
            reveal + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            400,
            "malformed request"),
        Arguments.of(
            "Content-Length with Transfer-Encoding",
            reveal + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            400,
            "malformed request"),
        Arguments.of(
            "lines ended by a bare LF",
            "GET /healthz HTTP/1.1\nHost: hub\n\n",
            400,
            "malformed request"),
        Arguments.of(
            "a URI too long",
            "GET /api/v2/data/consumer/" + "0".repeat(10_000) + " HTTP/1.1\r\nHost: hub\r\n\r\n",
            414,
            "request uri too long"),
        Arguments.of(
            "headers too large",
            "GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n",
            431,
            "request headers too large"),
        Arguments.of(
            "a path that is not valid percent-encoding",
            "GET /api/v2/%zz HTTP/1.1\r\nHost: hub\r\n\r\n",
            400,
            "malformed request"),
        Arguments.of(
            "an identity that is not valid percent-encoding",
            "GET /api/v2/data/consumer/%zz HTTP/1.1\r\nHost: hub\r\n\r\n",
            400,
            "malformed request"),
        Arguments.of(
            "an expectation the hub cannot meet",
            reveal + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}",
            417,
            "expectation failed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isAnsweredWithTheHubsJsonErrorAndA4xx(String name, String request, int status, String cause)
      throws Exception {
    int errorsBefore = errors();
    Answer a = exchange(request);
    assertThat(a.status()).as("status of %s: %s", name, a.raw()).isEqualTo(status);
    assertThat(a.head().toLowerCase()).contains("content-type: application/json");
    JsonNode body = JSON.readTree(a.body());
    assertThat(body.path("cause").asText()).isEqualTo(cause);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(errors()).as("errors logged for %s", name).isEqualTo(errorsBefore);
  }

  @Test
  void clientsThatBreakOffOrSendBadChunksAreNotLoggedAsHubErrors() throws Exception {
    int errorsBefore = errors();
    // a body cut off by the client
    try (Socket s = socket()) {
      s.getOutputStream()
          .write(
              ("POST /api/v2/reveal_r HTTP/1.1\r\nHost: hub\r\nContent-Length: 100\r\n\r\n{\"R\":")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
    }
    // a chunk size that is no number
    Answer bad =
        exchange(
            "POST /api/v2/reveal_r HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n");
    assertThat(bad.status() == -1 || (bad.status() >= 400 && bad.status() < 500))
        .as("answer %s", bad.raw())
        .isTrue();
    // the hub still serves, and logged nothing as an error of its own
    assertThat(exchange("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n").status()).isEqualTo(200);
    assertThat(errors()).as("errors logged").isEqualTo(errorsBefore);
  }

  static int errors() {
    return (int) logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).count();
  }

  record Answer(int status, String head, String body, String raw) {}

  static Socket socket() throws IOException {
    Socket s = new Socket(base.getHost(), base.getPort());
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends raw bytes and reads one response (status -1 when the connection closed without). */
  static Answer exchange(String request) throws IOException {
    try (Socket s = socket()) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String raw = readResponse(s.getInputStream());
      if (raw.isEmpty()) {
        return new Answer(-1, "", "", raw);
      }
      int split = raw.indexOf("\r\n\r\n");
      String head = split < 0 ? raw : raw.substring(0, split);
      String body = split < 0 ? "" : raw.substring(split + 4);
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      return new Answer(status, head, body, raw);
    }
  }

  /** One response: the head, then Content-Length bytes of body (or until the server closes). */
  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int contentLength = -1;
    int headEnd = -1;
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (IOException e) {
        break;
      }
      if (b < 0) {
        break;
      }
      buf.write(b);
      String sofar = buf.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0 && sofar.endsWith("\r\n\r\n")) {
        headEnd = sofar.length();
        for (String line : sofar.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            contentLength = Integer.parseInt(line.substring(15).trim());
          }
        }
        if (contentLength == 0) {
          break;
        }
      }
      if (headEnd >= 0 && contentLength >= 0 && sofar.length() - headEnd >= contentLength) {
        break;
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
