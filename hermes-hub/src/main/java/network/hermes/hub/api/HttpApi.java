package network.hermes.hub.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import network.hermes.hub.config.HubSettings;
import network.hermes.hub.service.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: one server per event loop, all on one port. Stopping refuses new connections at
 * once and lets requests in flight finish within the shutdown grace.
 */
public final class HttpApi implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private final Vertx vertx;
  private final ApiContext api;
  private final HubSettings.Http settings;
  private final Duration grace;
  private final Supplier<Future<Void>> ready;
  private final Supplier<String> scrape;
  private final Consumer<Router> more;
  private final AtomicInteger port = new AtomicInteger();
  private String deploymentId;

  /**
   * @param ready answers /readyz
   * @param scrape the Prometheus text for /metrics
   * @param more adds routes of other features (the dashboard)
   */
  public HttpApi(
      Vertx vertx,
      ApiContext api,
      HubSettings.Http settings,
      Duration grace,
      Supplier<Future<Void>> ready,
      Supplier<String> scrape,
      Consumer<Router> more) {
    this.vertx = vertx;
    this.api = api;
    this.settings = settings;
    this.grace = grace;
    this.ready = ready;
    this.scrape = scrape;
    this.more = more;
  }

  @Override
  public String name() {
    return "HTTP API";
  }

  @Override
  public void start() throws Exception {
    // port -1: the servers of all event loops share one free port, which the first one picks
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.host())
            .setPort(settings.port() == 0 ? -1 : settings.port());
    deploymentId =
        vertx
            .deployVerticle(
                () ->
                    new HttpVerticle(
                        api,
                        options,
                        settings.maxBodyBytes(),
                        ready,
                        scrape,
                        grace,
                        port::set,
                        more),
                new DeploymentOptions().setInstances(settings.instances()))
            .await(60, TimeUnit.SECONDS);
    LOG.info("Hermes hub API at {}", baseUrl());
  }

  /** The port the servers listen on. */
  public int port() {
    return port.get();
  }

  /** The API base URL, e.g. {@code http://127.0.0.1:8765/api/v2}. */
  public String baseUrl() {
    return "http://" + settings.host() + ":" + port() + HubRouter.BASE;
  }

  @Override
  public void stop() throws Exception {
    if (deploymentId != null) {
      // HttpVerticle.stop shuts its server down gracefully: no new connections, requests in
      // flight finish within the grace period
      vertx.undeploy(deploymentId).await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }
  }
}
