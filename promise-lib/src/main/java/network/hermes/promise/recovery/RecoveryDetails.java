package network.hermes.promise.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Hex;

/**
 * The plaintext of {@code r_recovery_data}: {@code {"r":"<hex R>","agreement_id":<number>}}.
 *
 * @param r R as hex digits, as written by the provider (lowercase, no {@code 0x}, normally 64
 *     digits)
 * @param agreementId the agreement the R belongs to; zero for a refreshed promise
 */
public record RecoveryDetails(String r, BigInteger agreementId) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code r} is not hex or the agreement id is null or
   *     negative
   */
  public RecoveryDetails {
    if (r == null || !Hex.isHex(r)) {
      throw new IllegalArgumentException("r recovery details: r must be hex digits");
    }
    if (agreementId == null || agreementId.signum() < 0) {
      throw new IllegalArgumentException(
          "r recovery details: agreement_id must be a non-negative integer");
    }
  }

  /**
   * Details for a real 32-byte R.
   *
   * @param r the secret
   * @param agreementId the agreement it belongs to
   * @return the details with R as 64 lowercase hex digits
   */
  public static RecoveryDetails of(Bytes32 r, BigInteger agreementId) {
    return new RecoveryDetails(r.toHexNoPrefix(), agreementId);
  }

  /**
   * R as a 32-byte value.
   *
   * @return the secret
   * @throws IllegalArgumentException if the hex is not 32 bytes
   */
  public Bytes32 rValue() {
    return Bytes32.fromHex(r);
  }

  /**
   * The JSON plaintext, keys in upstream order.
   *
   * @return UTF-8 bytes of {@code {"r":"...","agreement_id":N}}
   */
  public byte[] toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("r", r);
    node.put("agreement_id", agreementId);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses the JSON plaintext.
   *
   * @param json UTF-8 JSON bytes
   * @return the details
   * @throws IllegalArgumentException if the bytes are not such a JSON object
   */
  public static RecoveryDetails fromJson(byte[] json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("r recovery details: not JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("r recovery details: expected a JSON object");
    }
    JsonNode r = node.get("r");
    JsonNode id = node.get("agreement_id");
    if (r == null || !r.isTextual()) {
      throw new IllegalArgumentException("r recovery details: r: expected a hex string");
    }
    if (id == null || !id.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "r recovery details: agreement_id: expected a non-negative integer");
    }
    return new RecoveryDetails(r.asText(), id.bigIntegerValue());
  }

  @Override
  public String toString() {
    return "RecoveryDetails[agreementId=" + agreementId + "]";
  }
}
