package network.hermes.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.relay.JobKind;
import network.hermes.hub.relay.RelayPayload;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * POST identity/register, identity/settle_and_rebalance, identity/settle_with_beneficiary,
 * identity/settle/into_stake, identity/pay_and_settle, stake/decrease: a signed payload for the
 * relay; the answer is the queue id.
 */
final class RelaySubmitHandler extends Endpoint {
  private final JobKind kind;

  RelaySubmitHandler(ApiContext api, JobKind kind, String name) {
    super(api, name);
    this.kind = kind;
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    if (api.relay() == null) {
      return Future.succeededFuture(Reply.reject(Rejection.UNAVAILABLE, "the relay is off"));
    }
    JsonNode body = Bodies.object(body(ctx));
    RelayPayload payload =
        switch (kind) {
          case REGISTER -> registration(body);
          case DECREASE_STAKE -> stakeDecrease(body);
          case SETTLE_WITH_BENEFICIARY -> withBeneficiary(body);
          default -> settlement(kind, body, body);
        };
    return api.relay()
        .submit(payload)
        .map(
            d -> {
              if (d instanceof Decision.Reject<String> r) {
                return Reply.of(r);
              }
              ObjectNode n = Reply.object();
              n.put("id", ((Decision.Accept<String>) d).value());
              return Reply.ok(n);
            });
  }

  private static RelayPayload registration(JsonNode b) {
    return new RelayPayload.Registration(
        chainId(b, "chainID"),
        address(b, "registryAddress"),
        address(b, "hermesID"),
        uint(b, "stake"),
        uint(b, "fee"),
        address(b, "beneficiary"),
        signature(b, "signature"),
        address(b, "identity"));
  }

  private static RelayPayload stakeDecrease(JsonNode b) {
    return new RelayPayload.StakeDecrease(
        chainId(b, "chainID"),
        address(b, "hermesID"),
        address(b, "providerID"),
        uint(b, "amount"),
        uint(b, "transactorFee"),
        uint(b, "nonce"),
        signature(b, "signature"));
  }

  /** {"promise": {settlement fields}, "beneficiary", "nonce", "signature", ...} */
  private static RelayPayload withBeneficiary(JsonNode b) {
    JsonNode p = b.has("promise") ? b.get("promise") : b.get("Promise");
    if (p == null || !p.isObject()) {
      throw new MalformedRequest("missing field promise");
    }
    return settlement(JobKind.SETTLE_WITH_BENEFICIARY, p, b);
  }

  /**
   * The transactor's PromiseSettlementRequest: {hermesID, channelID, amount, fee, preimage,
   * signature, providerID, chainID}, plus the beneficiary fields of the variants from {@code
   * outer}.
   */
  private static RelayPayload settlement(JobKind kind, JsonNode p, JsonNode outer) {
    String beneficiary = null;
    String beneficiarySignature = null;
    BigInteger nonce = null;
    if (kind == JobKind.SETTLE_WITH_BENEFICIARY) {
      beneficiary = address(outer, "beneficiary");
      beneficiarySignature = signature(outer, "signature");
      nonce = uint(outer, "nonce");
    } else if (kind == JobKind.PAY_AND_SETTLE) {
      beneficiary = address(outer, "beneficiary");
      beneficiarySignature = signature(outer, "beneficiarySignature");
    }
    String provider =
        outer.has("providerID") ? address(outer, "providerID") : address(p, "providerID");
    return new RelayPayload.Settlement(
        kind,
        chainId(p, "chainID"),
        address(p, "hermesID"),
        Bytes32.of(hex(p, "channelID", Bytes32.SIZE)).toHex(),
        uint(p, "amount"),
        uint(p, "fee"),
        Bytes32.of(hex(p, "preimage", Bytes32.SIZE)).toHex(),
        signature(p, "signature"),
        provider,
        beneficiary,
        beneficiarySignature,
        nonce);
  }

  // the relay's bodies have no promise-lib type: field access here, every value decoded by
  // promise-lib, faults in the words of MalformedRequest

  private static String signature(JsonNode o, String name) {
    return Signature.of(hex(o, name, Signature.SIZE)).toHex();
  }

  private static String address(JsonNode o, String name) {
    return Address.of(hex(o, name, Address.SIZE)).toHex();
  }

  private static JsonNode field(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      throw new MalformedRequest("missing field " + name);
    }
    return v;
  }

  private static byte[] hex(JsonNode o, String name, int length) {
    JsonNode v = field(o, name);
    if (!v.isTextual()) {
      throw new MalformedRequest(name + " must be a string");
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(v.textValue());
    } catch (IllegalArgumentException e) {
      throw new MalformedRequest(name + " is not hex");
    }
    if (bytes.length != length) {
      throw new MalformedRequest(name + " must have " + length + " bytes");
    }
    return bytes;
  }

  /** A non-negative integer below 2^256 given as a JSON number. */
  private static BigInteger uint(JsonNode o, String name) {
    JsonNode v = field(o, name);
    if (!v.isIntegralNumber()) {
      throw new MalformedRequest(name + " must be an integer number");
    }
    try {
      return TokenAmount.of(v.bigIntegerValue()).toBigInteger();
    } catch (IllegalArgumentException e) {
      throw new MalformedRequest(name + " is out of range");
    }
  }

  private static long chainId(JsonNode o, String name) {
    BigInteger b = uint(o, name);
    try {
      return ChainId.of(b.longValueExact()).value();
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new MalformedRequest(name + " is not a valid chain id");
    }
  }
}
