package network.hermes.hub.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import network.hermes.hub.core.Amounts;
import network.hermes.hub.core.HubPromise;
import network.hermes.hub.crypto.Hex;
import network.hermes.promise.value.TokenAmount;

/**
 * The wire shapes of the Hermes API: strict readers (numbers are bound as BigInteger, never double)
 * and writers of the promise JSON (PascalCase keys, base64 bytes).
 */
final class WireJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private WireJson() {}

  static ObjectNode object(byte[] body) {
    if (body == null || body.length == 0) {
      throw new MalformedRequest("empty body");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedRequest("body is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new MalformedRequest("body is not JSON");
    }
    if (!(n instanceof ObjectNode o)) {
      throw new MalformedRequest("body must be a JSON object");
    }
    return o;
  }

  static JsonNode field(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      throw new MalformedRequest("missing field " + name);
    }
    return v;
  }

  static ObjectNode objectField(JsonNode o, String name) {
    if (!(field(o, name) instanceof ObjectNode obj)) {
      throw new MalformedRequest(name + " must be an object");
    }
    return obj;
  }

  /** A non-negative integer below 2^256 given as a JSON number. */
  static BigInteger uint(JsonNode o, String name) {
    JsonNode v = field(o, name);
    if (!v.isIntegralNumber()) {
      throw new MalformedRequest(name + " must be an integer number");
    }
    BigInteger b = v.bigIntegerValue();
    if (b.signum() < 0 || b.compareTo(Amounts.MAX_UINT256) > 0) {
      throw new MalformedRequest(name + " is out of range");
    }
    return b;
  }

  /** A wei amount: a non-negative integer below 2^256 given as a JSON number. */
  static TokenAmount amount(JsonNode o, String name) {
    return TokenAmount.of(uint(o, name));
  }

  static BigInteger optionalUint(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v == null || v.isNull() ? null : uint(o, name);
  }

  static long chainId(JsonNode o, String name) {
    BigInteger b = uint(o, name);
    if (b.signum() == 0 || b.bitLength() > 63) {
      throw new MalformedRequest(name + " is not a valid chain id");
    }
    return b.longValue();
  }

  static String text(JsonNode o, String name) {
    JsonNode v = field(o, name);
    if (!v.isTextual()) {
      throw new MalformedRequest(name + " must be a string");
    }
    return v.textValue();
  }

  static String optionalText(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new MalformedRequest(name + " must be a string");
    }
    return v.textValue();
  }

  /** A 0x-prefixed 20-byte address, returned lowercase. */
  static String address(JsonNode o, String name) {
    return address(text(o, name), name);
  }

  static String address(String s, String name) {
    if (s.length() != 42 || !(s.startsWith("0x") || s.startsWith("0X"))) {
      throw new MalformedRequest(name + " must be a 0x-prefixed 20-byte address");
    }
    hexBytes(s, 20, name);
    return "0x" + s.substring(2).toLowerCase(Locale.ROOT);
  }

  /** Hex with or without 0x of exactly {@code len} bytes. */
  static byte[] hexBytes(String s, int len, String name) {
    byte[] b;
    try {
      b = Hex.decode(s);
    } catch (IllegalArgumentException e) {
      throw new MalformedRequest(name + " is not hex");
    }
    if (b.length != len) {
      throw new MalformedRequest(name + " must have " + len + " bytes");
    }
    return b;
  }

  static byte[] hexField(JsonNode o, String name, int len) {
    return hexBytes(text(o, name), len, name);
  }

  /** Standard base64 (padding optional) of exactly {@code len} bytes. */
  static byte[] base64(JsonNode o, String name, int len) {
    byte[] b;
    try {
      b = Base64.getDecoder().decode(text(o, name));
    } catch (IllegalArgumentException e) {
      throw new MalformedRequest(name + " is not base64");
    }
    if (b.length != len) {
      throw new MalformedRequest(name + " must have " + len + " bytes");
    }
    return b;
  }

  static byte[] base64Any(JsonNode o, String name) {
    try {
      return Base64.getDecoder().decode(text(o, name));
    } catch (IllegalArgumentException e) {
      throw new MalformedRequest(name + " is not base64");
    }
  }

  /** Optional hex blob (r_recovery_data); kept as lowercase hex without 0x. */
  static String optionalHexBlob(JsonNode o, String name) {
    String s = optionalText(o, name);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Hex.encode(Hex.decode(s));
    } catch (IllegalArgumentException e) {
      throw new MalformedRequest(name + " is not hex");
    }
  }

  /** The promise JSON of request_promise and friends: PascalCase, base64 bytes, R null. */
  static ObjectNode promiseJson(HubPromise p, byte[] signature) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ChannelID", Base64.getEncoder().encodeToString(Hex.decode(p.channelId())));
    n.put("ChainID", p.chainId());
    n.put("Amount", p.amount().toBigInteger());
    n.put("Fee", p.fee().toBigInteger());
    n.put("Hashlock", Base64.getEncoder().encodeToString(Hex.decode(p.hashlock())));
    n.putNull("R");
    n.put("Signature", Base64.getEncoder().encodeToString(signature));
    return n;
  }

  /** The promise shape of the data endpoints: hex strings with 0x. */
  static ObjectNode dataPromiseJson(
      long chainId,
      String channelId,
      TokenAmount amount,
      TokenAmount fee,
      String hashlock,
      String sig) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ChainID", chainId);
    n.put("ChannelID", channelId);
    n.put("Amount", amount.toBigInteger());
    n.put("Fee", fee.toBigInteger());
    n.put("Hashlock", hashlock);
    n.put("Signature", sig);
    return n;
  }

  static byte[] write(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
