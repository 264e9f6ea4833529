package network.hermes.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.relay.JobKind;
import network.hermes.hub.relay.RelayPayload;

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
    ObjectNode body = WireJson.object(body(ctx));
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
              ObjectNode n = WireJson.MAPPER.createObjectNode();
              n.put("id", ((Decision.Accept<String>) d).value());
              return Reply.ok(n);
            });
  }

  private static RelayPayload registration(ObjectNode b) {
    return new RelayPayload.Registration(
        WireJson.chainId(b, "chainID"),
        WireJson.address(b, "registryAddress"),
        WireJson.address(b, "hermesID"),
        WireJson.uint(b, "stake"),
        WireJson.uint(b, "fee"),
        WireJson.address(b, "beneficiary"),
        signature(b, "signature"),
        WireJson.address(b, "identity"));
  }

  private static RelayPayload stakeDecrease(ObjectNode b) {
    return new RelayPayload.StakeDecrease(
        WireJson.chainId(b, "chainID"),
        WireJson.address(b, "hermesID"),
        WireJson.address(b, "providerID"),
        WireJson.uint(b, "amount"),
        WireJson.uint(b, "transactorFee"),
        WireJson.uint(b, "nonce"),
        signature(b, "signature"));
  }

  /** {"promise": {settlement fields}, "beneficiary", "nonce", "signature", ...} */
  private static RelayPayload withBeneficiary(ObjectNode b) {
    JsonNode p = b.has("promise") ? b.get("promise") : b.get("Promise");
    if (!(p instanceof ObjectNode promise)) {
      throw new MalformedRequest("missing field promise");
    }
    return settlement(JobKind.SETTLE_WITH_BENEFICIARY, promise, b);
  }

  /**
   * The transactor's PromiseSettlementRequest: {hermesID, channelID, amount, fee, preimage,
   * signature, providerID, chainID}, plus the beneficiary fields of the variants from {@code
   * outer}.
   */
  private static RelayPayload settlement(JobKind kind, ObjectNode p, ObjectNode outer) {
    String beneficiary = null;
    String beneficiarySignature = null;
    BigInteger nonce = null;
    if (kind == JobKind.SETTLE_WITH_BENEFICIARY) {
      beneficiary = WireJson.address(outer, "beneficiary");
      beneficiarySignature = signature(outer, "signature");
      nonce = WireJson.uint(outer, "nonce");
    } else if (kind == JobKind.PAY_AND_SETTLE) {
      beneficiary = WireJson.address(outer, "beneficiary");
      beneficiarySignature = signature(outer, "beneficiarySignature");
    }
    String provider =
        outer.has("providerID")
            ? WireJson.address(outer, "providerID")
            : WireJson.address(p, "providerID");
    return new RelayPayload.Settlement(
        kind,
        WireJson.chainId(p, "chainID"),
        WireJson.address(p, "hermesID"),
        Hex.prefixed(WireJson.hexField(p, "channelID", 32)),
        WireJson.uint(p, "amount"),
        WireJson.uint(p, "fee"),
        Hex.prefixed(WireJson.hexField(p, "preimage", 32)),
        signature(p, "signature"),
        provider,
        beneficiary,
        beneficiarySignature,
        nonce);
  }

  private static String signature(JsonNode o, String name) {
    return Hex.prefixed(WireJson.hexField(o, name, 65));
  }
}
