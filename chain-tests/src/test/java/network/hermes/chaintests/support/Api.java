package network.hermes.chaintests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The hub's HTTP API with bodies a client library would never send: any bytes, well-formed HTTP
 * (the fuzzer's {@code RawHttp} goes below that).
 */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param apiUrl the hub's {@code .../api/v2} URL
   */
  public Api(String apiUrl) {
    this.root = apiUrl.replaceFirst("/api/v2/?$", "");
  }

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param contentType its content type, or empty
   * @param body the body as text
   */
  public record Answer(int status, String contentType, String body) {
    /** The body as JSON, or null when it is not JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    /** The error's cause, or null. */
    public String cause() {
      JsonNode j = json();
      return j == null || !j.path("cause").isTextual() ? null : j.get("cause").asText();
    }

    /** Whether it is an error in the API's shape: JSON with a string cause and message. */
    public boolean isErrorShape() {
      JsonNode j = json();
      return j != null
          && j.isObject()
          && j.path("cause").isTextual()
          && j.path("message").isTextual()
          && contentType.startsWith("application/json");
    }
  }

  /** POSTs a body to a path under the hub's root, e.g. {@code /api/v2/request_promise}. */
  public Answer post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs bytes. */
  public Answer post(String path, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(root + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** GETs a path. */
  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(root + path)).GET());
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    } catch (IOException e) {
      throw new IllegalStateException("the hub did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
