package network.hermes.hub.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Optional;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.crypto.Verifier;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Signature;

/**
 * {@code Authorization: Signature <base64>}: a 65-byte signature (v 0/1 or 27/28) over keccak256 of
 * the raw body bytes.
 */
final class SignedRequests {
  private SignedRequests() {}

  /** The recovered signer, or a reply explaining why there is none. */
  sealed interface Result permits Signer, Refused {}

  record Signer(Address address) implements Result {}

  record Refused(Reply reply) implements Result {}

  static Result signer(RoutingContext ctx, byte[] body, Verifier verifier) {
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
    if (sig.length != Signature.SIZE) {
      return new Refused(
          Reply.reject(
              Rejection.INVALID_SIGNATURE, "the Authorization signature must have 65 bytes"));
    }
    Optional<Address> signer = verifier.signer(Keccak.hash(body), Signature.of(sig));
    if (signer.isEmpty()) {
      return new Refused(
          Reply.reject(
              Rejection.INVALID_SIGNATURE, "the Authorization signature does not recover"));
    }
    return new Signer(signer.get());
  }
}
