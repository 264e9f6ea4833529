package network.hermes.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The on-chain addresses a hub needs: which Hermes it is, and how consumer channels are derived.
 * Read from the deployer's JSON (keys {@code chainId}, {@code hermesId}, {@code registry}, {@code
 * channelImplementation}, optional {@code operator}) or given one by one in the config.
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

  public static HubDeployment read(Path file) throws IOException {
    JsonNode n = new ObjectMapper().readTree(file.toFile());
    return new HubDeployment(
        n.path("chainId").asLong(),
        addr(n, "hermesId"),
        addr(n, "registry"),
        addr(n, "channelImplementation"),
        n.hasNonNull("operator") ? addr(n, "operator") : null);
  }

  private static String addr(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("deployment JSON lacks " + key);
    }
    return v.textValue().toLowerCase(Locale.ROOT);
  }
}
