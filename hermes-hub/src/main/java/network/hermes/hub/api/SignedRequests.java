package network.hermes.hub.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.crypto.Keccak;
import network.hermes.hub.crypto.Secp;

/**
 * {@code Authorization: Signature <base64>}: a 65-byte signature (v 0/1 or 27/28) over keccak256 of
 * the raw body bytes.
 */
final class SignedRequests {
  private SignedRequests() {}

  /** The recovered signer, or a reply explaining why there is none. */
  sealed interface Result permits Signer, Refused {}

  record Signer(String address) implements Result {}

  record Refused(Reply reply) implements Result {}

  static Result signer(RoutingContext ctx, byte[] body, Secp secp) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Signature ")) {
      return new Refused(
          Reply.reject(
              Rejection.MISSING_AUTHORIZATION, "an Authorization: Signature header is required"));
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(header.substring("Signature ".length()).trim());
    } catch (IllegalArgumentException e) {
      return new Refused(
          Reply.reject(
              Rejection.MISSING_AUTHORIZATION, "the Authorization signature is not base64"));
    }
    if (sig.length != 65) {
      return new Refused(
          Reply.reject(
              Rejection.INVALID_SIGNATURE, "the Authorization signature must have 65 bytes"));
    }
    byte[] signer = secp.recoverAddress(Keccak.hash(body), sig);
    if (signer == null) {
      return new Refused(
          Reply.reject(
              Rejection.INVALID_SIGNATURE, "the Authorization signature does not recover"));
    }
    return new Signer(Hex.prefixed(signer));
  }
}
