package network.hermes.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.Function;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.MalformedWireException;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayJson;
import network.hermes.promise.wire.RelayRequest;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.SyncPromiseRequest;
import network.hermes.promise.wire.WireJson;

/**
 * Request bodies read by promise-lib's codec, the one the nodes use; faults as MalformedRequest.
 */
final class Bodies {
  private Bodies() {}

  static RequestPromiseRequest requestPromise(byte[] body) {
    return read(body, WireJson::readRequestPromise);
  }

  static RevealRequest reveal(byte[] body) {
    return read(body, WireJson::readReveal);
  }

  static ChangePromiseFeeRequest changePromiseFee(byte[] body) {
    return read(body, WireJson::readChangePromiseFee);
  }

  static SyncPromiseRequest syncPromise(byte[] body) {
    return read(body, WireJson::readSyncPromise);
  }

  static RefreshPromiseRequest refreshPromise(byte[] body) {
    return read(body, WireJson::readRefreshPromise);
  }

  /** A relay (transactor) submission posted to {@code path}. */
  static RelayRequest relayRequest(String path, byte[] body) {
    return read(body, b -> RelayJson.readRequest(path, b));
  }

  /**
   * A JSON object parsed with the codec's strict settings (for bodies promise-lib has no type of).
   */
  static JsonNode object(byte[] body) {
    JsonNode node = read(body, WireJson::parse);
    if (!node.isObject()) {
      throw new MalformedRequest("body must be a JSON object");
    }
    return node;
  }

  /** Opaque r_recovery_data as the hub stores it: lowercase, null when absent or empty. */
  static String recoveryData(String hex) {
    return hex == null || hex.isEmpty() ? null : hex.toLowerCase(Locale.ROOT);
  }

  private static <T> T read(byte[] body, Function<byte[], T> reader) {
    try {
      return reader.apply(body);
    } catch (MalformedWireException e) {
      throw MalformedRequest.of(e, body);
    }
  }
}
