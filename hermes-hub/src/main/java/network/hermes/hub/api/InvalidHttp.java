package network.hermes.hub.api;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import network.hermes.hub.core.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the HTTP decoder could not read (a broken request line or header, an unknown version,
 * conflicting lengths, a line or header beyond the limits): answered in the API's error shape with
 * a 4xx status, and the connection closed. The client's fault, so logged at debug only.
 */
final class InvalidHttp {
  private static final Logger LOG = LoggerFactory.getLogger(InvalidHttp.class);
  private static final int MAX_DETAIL = 200;

  private InvalidHttp() {}

  /** The handler, behind a check of the request's HTTP version (unknown ones are refused). */
  static Handler<HttpServerRequest> versionChecked(Handler<HttpServerRequest> handler) {
    return request -> {
      if (request.version() == null) {
        reply(request, Rejection.MALFORMED_REQUEST, "the request is not HTTP/1.0 or HTTP/1.1");
      } else {
        handler.handle(request);
      }
    };
  }

  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Rejection r;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      r = Rejection.URI_TOO_LONG;
      message = "the request line is longer than the hub reads";
    } else if (cause instanceof TooLongHttpHeaderException) {
      r = Rejection.HEADERS_TOO_LARGE;
      message = "the request headers are larger than the hub reads";
    } else if (cause instanceof TooLongFrameException) {
      r = Rejection.HEADERS_TOO_LARGE;
      message = "a part of the request is larger than the hub reads";
    } else {
      r = Rejection.MALFORMED_REQUEST;
      message = "the request is not valid HTTP/1.1" + detail(cause);
    }
    LOG.debug("invalid HTTP request from {}: {}", request.remoteAddress(), String.valueOf(cause));
    reply(request, r, message);
  }

  private static void reply(HttpServerRequest request, Rejection r, String message) {
    Reply reply = Reply.reject(r, message);
    request
        .response()
        .setStatusCode(reply.status())
        .putHeader("content-type", "application/json")
        .putHeader("connection", "close")
        .end(Buffer.buffer(reply.body()))
        .onComplete(ar -> request.connection().close());
  }

  private static String detail(Throwable cause) {
    if (cause == null || cause.getMessage() == null || cause.getMessage().isBlank()) {
      return "";
    }
    String m = cause.getMessage();
    return ": " + (m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) + "..." : m);
  }
}
