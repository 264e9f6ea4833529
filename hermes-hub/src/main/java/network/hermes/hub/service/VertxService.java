package network.hermes.hub.service;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.TimeUnit;
import network.hermes.hub.metrics.HubMetrics;

/** The event loops every other service runs on, with the database pool's metrics. */
public final class VertxService implements Service {
  private final HubMetrics metrics;
  private Vertx vertx;

  public VertxService(HubMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return "vert.x";
  }

  @Override
  public void start() {
    vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(
                        // the database pool only: requests are counted by HubMetrics, once
                        new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
                            .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
                            .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
                            .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
                            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                            .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
                            .addDisabledMetricsCategory(MetricsDomain.VERTICLES)))
            .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
            .build();
  }

  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
