package network.hermes.hub.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import network.hermes.contracts.deploy.Deployment;

/**
 * The on-chain addresses a hub needs: which Hermes it is, and how consumer channels are derived.
 * Read from the deployer's JSON, or given one by one in the config.
 */
public record HubDeployment(
    long chainId, String hermesId, String registry, String channelImplementation, String operator) {

  /** Addresses of the offline development chain (no RPC, no contracts): placeholders only. */
  public static final HubDeployment OFFLINE_DEV =
      new HubDeployment(
          31337,
          "0x5e7c0d3d6c1a4b8b9c2f0a1d3e5f7a9b1c3d5e7f",
          "0x7a1c0e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c",
          "0x3c5e7a9c1e3a5c7e9a1c3e5a7c9e1a3c5e7a9c1e",
          null);

  /** Reads the deployer's JSON (the contracts module's {@code Deployment} format). */
  public static HubDeployment read(Path file) throws IOException {
    return of(Deployment.read(file));
  }

  public static HubDeployment of(Deployment d) {
    return new HubDeployment(
        d.chainId().value(),
        d.hermesId().toHex().toLowerCase(Locale.ROOT),
        d.registry().toHex().toLowerCase(Locale.ROOT),
        d.channelImplementation().toHex().toLowerCase(Locale.ROOT),
        d.hermesOperator().toHex().toLowerCase(Locale.ROOT));
  }
}
