package network.hermes.promise.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Base64;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/** Strict field readers that name the offending path in every error. */
final class JsonReader {
  static final String ROOT = "(root)";
  private static final BigInteger MAX_UINT256 = TokenAmount.MAX_VALUE;
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonReader() {}

  static String path(String parent, String key) {
    return parent.isEmpty() || ROOT.equals(parent) ? key : parent + "." + key;
  }

  static JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new MalformedWireException(path.isEmpty() ? ROOT : path, "expected a JSON object");
    }
    return node;
  }

  static JsonNode required(JsonNode parent, String key, String parentPath) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      throw new MalformedWireException(path(parentPath, key), "missing");
    }
    return value;
  }

  /** Present and not null, else null. */
  static JsonNode optional(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    return value == null || value.isNull() ? null : value;
  }

  static BigInteger uint256(JsonNode parent, String key, String parentPath) {
    return uint256(required(parent, key, parentPath), path(parentPath, key));
  }

  static BigInteger uint256(JsonNode value, String path) {
    if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
      throw new MalformedWireException(path, "expected a non-negative integer");
    }
    BigInteger n = value.bigIntegerValue();
    if (n.compareTo(MAX_UINT256) > 0) {
      throw new MalformedWireException(path, "integer exceeds 2^256-1");
    }
    return n;
  }

  static TokenAmount amount(JsonNode parent, String key, String parentPath) {
    return TokenAmount.of(uint256(parent, key, parentPath));
  }

  static ChainId chainId(JsonNode parent, String key, String parentPath) {
    JsonNode value = required(parent, key, parentPath);
    if (!value.isIntegralNumber()
        || value.bigIntegerValue().signum() < 0
        || value.bigIntegerValue().compareTo(MAX_LONG) > 0) {
      throw new MalformedWireException(
          path(parentPath, key), "expected a non-negative int64 chain id");
    }
    return ChainId.of(value.longValue());
  }

  static String text(JsonNode parent, String key, String parentPath) {
    JsonNode value = required(parent, key, parentPath);
    if (!value.isTextual()) {
      throw new MalformedWireException(path(parentPath, key), "expected a string");
    }
    return value.asText();
  }

  static byte[] base64(JsonNode parent, String key, String parentPath) {
    String text = text(parent, key, parentPath);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedWireException(path(parentPath, key), "expected standard base64");
    }
  }

  static Bytes32 base64Bytes32(JsonNode parent, String key, String parentPath) {
    byte[] bytes = base64(parent, key, parentPath);
    if (bytes.length != 32) {
      throw new MalformedWireException(
          path(parentPath, key), "expected 32 bytes, got " + bytes.length);
    }
    return Bytes32.of(bytes);
  }

  /** A channel id: 32 bytes, or a 20-byte consumer channel address that is left-padded. */
  static Bytes32 channelId(byte[] bytes, String path) {
    if (bytes.length == 20 || bytes.length == 32) {
      return Bytes32.leftPad(bytes);
    }
    throw new MalformedWireException(path, "expected 20 or 32 bytes, got " + bytes.length);
  }

  static byte[] hex(JsonNode parent, String key, String parentPath) {
    String text = text(parent, key, parentPath);
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedWireException(path(parentPath, key), "expected a hex string");
    }
  }

  static byte[] hexExact(JsonNode parent, String key, String parentPath, int length) {
    byte[] bytes = hex(parent, key, parentPath);
    if (bytes.length != length) {
      throw new MalformedWireException(
          path(parentPath, key),
          "expected " + length + " bytes (" + 2 * length + " hex digits), got " + bytes.length);
    }
    return bytes;
  }

  static Bytes32 hexBytes32(JsonNode parent, String key, String parentPath) {
    return Bytes32.of(hexExact(parent, key, parentPath, 32));
  }

  static Signature hexSignature(JsonNode parent, String key, String parentPath) {
    return Signature.of(hexExact(parent, key, parentPath, 65));
  }

  static Address address(JsonNode parent, String key, String parentPath) {
    return Address.of(hexExact(parent, key, parentPath, 20));
  }

  /** An address that may be absent, null or the empty string. */
  static Address optionalAddress(JsonNode parent, String key, String parentPath) {
    JsonNode value = optional(parent, key);
    if (value == null || (value.isTextual() && value.asText().isEmpty())) {
      return null;
    }
    return address(parent, key, parentPath);
  }

  /** Opaque hex: absent or null reads as empty. */
  static String opaqueHex(JsonNode parent, String key, String parentPath) {
    JsonNode value = optional(parent, key);
    if (value == null) {
      return "";
    }
    if (!value.isTextual() || !Hex.isHex(value.asText())) {
      throw new MalformedWireException(path(parentPath, key), "expected hex digits without 0x");
    }
    return value.asText();
  }
}
