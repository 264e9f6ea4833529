package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** One HTTP server instance (one per event loop, all on the same port). */
public final class HttpVerticle extends VerticleBase {
  private final ApiContext api;
  private final HttpServerOptions options;
  private final long maxBody;
  private final Supplier<Future<Void>> ready;
  private final Supplier<String> scrape;
  private final Duration shutdownGrace;
  private final IntConsumer listening;
  private final Consumer<Router> more;
  private HttpServer server;

  /**
   * @param shutdownGrace how long requests in flight may take to finish when the verticle stops
   * @param listening told the port the server listens on
   * @param more adds routes of other features (the dashboard)
   */
  public HttpVerticle(
      ApiContext api,
      HttpServerOptions options,
      long maxBody,
      Supplier<Future<Void>> ready,
      Supplier<String> scrape,
      Duration shutdownGrace,
      IntConsumer listening,
      Consumer<Router> more) {
    this.api = api;
    this.options = options;
    this.maxBody = maxBody;
    this.ready = ready;
    this.scrape = scrape;
    this.shutdownGrace = shutdownGrace;
    this.listening = listening;
    this.more = more;
  }

  @Override
  public Future<?> start() {
    server =
        vertx
            .createHttpServer(new HttpServerOptions(options))
            .invalidRequestHandler(InvalidHttp::answer)
            // the hub has no WebSocket endpoint; with this handler set, requests of an HTTP version
            // the server does not know reach InvalidHttp instead of a bare 501
            .webSocketHandshakeHandler(handshake -> handshake.reject(404))
            .requestHandler(
                InvalidHttp.versionChecked(
                    HubRouter.create(
                        vertx, api, maxBody, () -> ready.get().map(v -> "ok"), scrape, more)));
    return server.listen().onSuccess(s -> listening.accept(s.actualPort()));
  }

  /**
   * Graceful: the server stops listening at once (new connections are refused), requests in flight
   * get up to the grace period to finish, then the remaining connections are closed.
   */
  @Override
  public Future<?> stop() {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
  }
}
