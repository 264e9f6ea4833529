package network.hermes.promise.wire;

import static network.hermes.promise.wire.JsonReader.address;
import static network.hermes.promise.wire.JsonReader.amount;
import static network.hermes.promise.wire.JsonReader.chainId;
import static network.hermes.promise.wire.JsonReader.hexBytes32;
import static network.hermes.promise.wire.JsonReader.hexSignature;
import static network.hermes.promise.wire.JsonReader.object;
import static network.hermes.promise.wire.JsonReader.optional;
import static network.hermes.promise.wire.JsonReader.text;
import static network.hermes.promise.wire.JsonReader.uint256;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Signature;

/**
 * Reads and writes the bodies of the hub's relay (transactor) API, {@code /api/v1/transactor}, as
 * upstream's transactor names them: camelCase keys, amounts as JSON numbers, addresses {@code 0x}
 * hex, a settlement's channel id, preimage and signature hex without {@code 0x} (either is read).
 * The same strictness as {@link WireJson}: every read method throws {@link MalformedWireException},
 * whose message names the field.
 */
public final class RelayJson {
  private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

  private RelayJson() {}

  /**
   * Reads the body posted to {@code path}.
   *
   * @param path the endpoint path below {@code /api/v1/transactor/}, e.g. {@code identity/register}
   * @param json the JSON bytes
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   * @throws IllegalArgumentException if {@code path} is not a relay submission endpoint
   */
  public static RelayRequest readRequest(String path, byte[] json) {
    if (RelayRegistration.PATH.equals(path)) {
      return readRegistration(json);
    }
    if (RelayStakeDecrease.PATH.equals(path)) {
      return readStakeDecrease(json);
    }
    for (RelaySettlement.Kind kind : RelaySettlement.Kind.values()) {
      if (kind.path().equals(path)) {
        return readSettlement(kind, json);
      }
    }
    throw new IllegalArgumentException("not a relay submission path: " + path);
  }

  /**
   * Reads an {@code identity/register} body.
   *
   * @param json the JSON bytes
   * @return the registration
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RelayRegistration readRegistration(byte[] json) {
    JsonNode b = object(WireJson.parse(json), "");
    return new RelayRegistration(
        chainId(b, "chainID", ""),
        address(b, "registryAddress", ""),
        address(b, "hermesID", ""),
        amount(b, "stake", ""),
        amount(b, "fee", ""),
        address(b, "beneficiary", ""),
        hexSignature(b, "signature", ""),
        address(b, "identity", ""));
  }

  /**
   * Reads a {@code stake/decrease} body.
   *
   * @param json the JSON bytes
   * @return the stake decrease
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RelayStakeDecrease readStakeDecrease(byte[] json) {
    JsonNode b = object(WireJson.parse(json), "");
    return new RelayStakeDecrease(
        chainId(b, "chainID", ""),
        address(b, "hermesID", ""),
        address(b, "providerID", ""),
        amount(b, "amount", ""),
        amount(b, "transactorFee", ""),
        uint256(b, "nonce", ""),
        hexSignature(b, "signature", ""));
  }

  /**
   * Reads the body of a settlement endpoint. For {@code settle_with_beneficiary} the promise fields
   * sit under {@code Promise} (or {@code promise}); {@code providerID} may be given at either
   * level.
   *
   * @param kind the endpoint's settlement variant
   * @param json the JSON bytes
   * @return the settlement
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RelaySettlement readSettlement(RelaySettlement.Kind kind, byte[] json) {
    JsonNode outer = object(WireJson.parse(json), "");
    JsonNode p = outer;
    String at = "";
    if (kind == RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY) {
      at = outer.has("promise") ? "promise" : "Promise";
      p = object(optional(outer, at), at);
    }
    Address identity =
        optional(outer, "providerID") != null
            ? address(outer, "providerID", "")
            : address(p, "providerID", at);
    Address beneficiary = null;
    Signature beneficiarySignature = null;
    BigInteger nonce = null;
    Address registry = null;
    switch (kind) {
      case SETTLE_WITH_BENEFICIARY -> {
        beneficiary = address(outer, "beneficiary", "");
        beneficiarySignature = hexSignature(outer, "signature", "");
        nonce = uint256(outer, "nonce", "");
        registry = optional(outer, "registry") == null ? null : address(outer, "registry", "");
      }
      case PAY_AND_SETTLE -> {
        beneficiary = address(outer, "beneficiary", "");
        beneficiarySignature = hexSignature(outer, "beneficiarySignature", "");
      }
      default -> {}
    }
    return new RelaySettlement(
        kind,
        chainId(p, "chainID", at),
        address(p, "hermesID", at),
        hexBytes32(p, "channelID", at),
        amount(p, "amount", at),
        amount(p, "fee", at),
        hexBytes32(p, "preimage", at),
        hexSignature(p, "signature", at),
        identity,
        beneficiary,
        beneficiarySignature,
        nonce,
        registry);
  }

  /**
   * Writes a relay request body.
   *
   * @param request the request
   * @return compact JSON text
   */
  public static String write(RelayRequest request) {
    return WireJson.write(
        switch (request) {
          case RelayRegistration r -> registrationNode(r);
          case RelayStakeDecrease d -> stakeDecreaseNode(d);
          case RelaySettlement s -> settlementNode(s);
        });
  }

  private static ObjectNode registrationNode(RelayRegistration r) {
    ObjectNode n = NODES.objectNode();
    n.put("registryAddress", r.registry().toHex());
    n.put("hermesID", r.hermesId().toHex());
    n.put("stake", r.stake().toBigInteger());
    n.put("fee", r.fee().toBigInteger());
    n.put("beneficiary", r.beneficiary().toHex());
    n.put("signature", r.signature().toHex());
    n.put("identity", r.identity().toHex());
    n.put("chainID", r.chainId().value());
    return n;
  }

  private static ObjectNode stakeDecreaseNode(RelayStakeDecrease d) {
    ObjectNode n = NODES.objectNode();
    n.put("providerID", d.identity().toHex());
    n.put("hermesID", d.hermesId().toHex());
    n.put("chainID", d.chainId().value());
    n.put("amount", d.amount().toBigInteger());
    n.put("transactorFee", d.fee().toBigInteger());
    n.put("nonce", d.nonce());
    n.put("signature", d.signature().toHex());
    return n;
  }

  private static ObjectNode settlementNode(RelaySettlement s) {
    ObjectNode p = NODES.objectNode();
    p.put("hermesID", s.hermesId().toHex());
    p.put("channelID", s.channelId().toHexNoPrefix());
    p.put("amount", s.amount().toBigInteger());
    p.put("fee", s.fee().toBigInteger());
    p.put("preimage", s.r().toHexNoPrefix());
    p.put("signature", s.signature().toHexNoPrefix());
    p.put("providerID", s.identity().toHex());
    p.put("chainID", s.chainId().value());
    switch (s.kind()) {
      case SETTLE_WITH_BENEFICIARY -> {
        ObjectNode outer = NODES.objectNode();
        outer.set("Promise", p);
        outer.put("beneficiary", s.beneficiary().toHex());
        outer.put("nonce", s.nonce());
        outer.put("signature", s.beneficiarySignature().toHex());
        outer.put("providerID", s.identity().toHex());
        outer.put("chainID", s.chainId().value());
        if (s.registry() != null) {
          outer.put("registry", s.registry().toHex());
        }
        return outer;
      }
      case PAY_AND_SETTLE -> {
        p.put("beneficiary", s.beneficiary().toHex());
        p.put("beneficiarySignature", s.beneficiarySignature().toHex());
        return p;
      }
      default -> {
        return p;
      }
    }
  }

  // ---- answers ----

  /**
   * Reads a submission's answer {@code {"id":"<queue id>"}}.
   *
   * @param json the JSON bytes
   * @return the queue id
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static String readJobId(byte[] json) {
    return text(object(WireJson.parse(json), ""), "id", "");
  }

  /**
   * Writes a submission's answer.
   *
   * @param id the queue id
   * @return compact JSON text
   */
  public static String writeJobId(String id) {
    ObjectNode n = NODES.objectNode();
    n.put("id", id);
    return WireJson.write(n);
  }

  /**
   * Reads a fee quote {@code {"fee":N,"valid_until":"RFC 3339"}}.
   *
   * @param json the JSON bytes
   * @return the quote
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RelayFeeQuote readFeeQuote(byte[] json) {
    JsonNode b = object(WireJson.parse(json), "");
    return new RelayFeeQuote(amount(b, "fee", ""), time(b, "valid_until"));
  }

  /**
   * Writes a fee quote.
   *
   * @param quote the quote
   * @return compact JSON text
   */
  public static String writeFeeQuote(RelayFeeQuote quote) {
    ObjectNode n = NODES.objectNode();
    n.put("fee", quote.fee().toBigInteger());
    n.put("valid_until", DateTimeFormatter.ISO_INSTANT.format(quote.validUntil()));
    return WireJson.write(n);
  }

  /**
   * Reads a queue entry {@code {"id","tx_hash","state","error"}}; a missing {@code tx_hash} or
   * {@code error} reads as empty.
   *
   * @param json the JSON bytes
   * @return the job
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RelayJob readJob(byte[] json) {
    JsonNode b = object(WireJson.parse(json), "");
    String state = text(b, "state", "");
    RelayJob.State parsed;
    try {
      parsed = RelayJob.State.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MalformedWireException("state", "unknown state " + state);
    }
    return new RelayJob(
        text(b, "id", ""), optionalText(b, "tx_hash"), parsed, optionalText(b, "error"));
  }

  /**
   * Writes a queue entry.
   *
   * @param job the job
   * @return compact JSON text
   */
  public static String writeJob(RelayJob job) {
    ObjectNode n = NODES.objectNode();
    n.put("id", job.id());
    n.put("tx_hash", job.txHash());
    n.put("state", job.state().wireName());
    n.put("error", job.error());
    return WireJson.write(n);
  }

  private static String optionalText(JsonNode b, String key) {
    return optional(b, key) == null ? "" : text(b, key, "");
  }

  private static Instant time(JsonNode b, String key) {
    String text = text(b, key, "");
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedWireException(key, "expected an RFC 3339 time");
    }
  }
}
