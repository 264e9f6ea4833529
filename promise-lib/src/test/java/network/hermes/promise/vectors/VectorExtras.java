package network.hermes.promise.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

/** Checks of the vectors that need the recovery and wire packages. */
final class VectorExtras {
  private VectorExtras() {}

  static void recoveryPlaintext(JsonNode in, JsonNode out) {
    Assumptions.abort("r-recovery plaintext lands with the recovery package");
  }

  static void recoveryEncryption(JsonNode in, JsonNode out) {
    Assumptions.abort("r-recovery encryption lands with the recovery package");
  }

  static void promiseJsonWire(JsonNode in, JsonNode out) {
    Assumptions.abort("wire JSON lands with the wire package");
  }
}
