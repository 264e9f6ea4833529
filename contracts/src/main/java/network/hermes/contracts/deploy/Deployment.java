package network.hermes.contracts.deploy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/**
 * Where a Hermes system lives on a chain: what the hub, the clients and the tools need to find it.
 *
 * @param chainId the chain
 * @param token the MYST token
 * @param registry the Registry
 * @param channelImplementation the consumer channel implementation the hub's channels clone
 * @param hermesImplementation the hub contract implementation
 * @param hermesId the hub contract (a clone registered in the Registry)
 * @param hermesOperator the key that signs the hub's promises
 * @param dexRouter the Uniswap-V2-compatible router used for native-coin swaps
 * @param deploymentBlock the first block of the deployment; watchers start there
 */
public record Deployment(
    ChainId chainId,
    Address token,
    Address registry,
    Address channelImplementation,
    Address hermesImplementation,
    Address hermesId,
    Address hermesOperator,
    Address dexRouter,
    long deploymentBlock) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public Deployment {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(channelImplementation, "channelImplementation");
    Objects.requireNonNull(hermesImplementation, "hermesImplementation");
    Objects.requireNonNull(hermesId, "hermesId");
    Objects.requireNonNull(hermesOperator, "hermesOperator");
    Objects.requireNonNull(dexRouter, "dexRouter");
  }

  @JsonPropertyOrder({
    "chainId",
    "token",
    "registry",
    "channelImplementation",
    "hermesImplementation",
    "hermesId",
    "hermesOperator",
    "dexRouter",
    "deploymentBlock"
  })
  private record Json(
      long chainId,
      String token,
      String registry,
      String channelImplementation,
      String hermesImplementation,
      String hermesId,
      String hermesOperator,
      String dexRouter,
      long deploymentBlock) {}

  /** The deployment as a JSON document (addresses in checksum hex). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(
          new Json(
              chainId.value(),
              token.toChecksumHex(),
              registry.toChecksumHex(),
              channelImplementation.toChecksumHex(),
              hermesImplementation.toChecksumHex(),
              hermesId.toChecksumHex(),
              hermesOperator.toChecksumHex(),
              dexRouter.toChecksumHex(),
              deploymentBlock));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a deployment document.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static Deployment fromJson(String json) {
    Json j;
    try {
      j = JSON.readValue(json, Json.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a deployment document: " + e.getOriginalMessage(), e);
    }
    return new Deployment(
        ChainId.of(j.chainId()),
        address("token", j.token()),
        address("registry", j.registry()),
        address("channelImplementation", j.channelImplementation()),
        address("hermesImplementation", j.hermesImplementation()),
        address("hermesId", j.hermesId()),
        address("hermesOperator", j.hermesOperator()),
        address("dexRouter", j.dexRouter()),
        j.deploymentBlock());
  }

  private static Address address(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException("deployment document lacks " + field);
    }
    try {
      return Address.fromHex(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("deployment " + field + ": " + e.getMessage(), e);
    }
  }

  /** Writes the document, creating parent folders. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson() + "\n");
  }

  /** Reads a document written by {@link #write(Path)}. */
  public static Deployment read(Path file) throws IOException {
    return fromJson(Files.readString(file));
  }
}
