package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Optional;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Signature;

/**
 * Base of the endpoints a provider signs: {@code Authorization: Signature <base64>}, a 65-byte
 * signature (v 0/1 or 27/28) over keccak256 of the raw body bytes. The signer is recovered before
 * the body is read; a request without one is refused.
 */
abstract class SignedEndpoint extends Endpoint {
  SignedEndpoint(ApiContext api, String name) {
    super(api, name);
  }

  /** The request's work, once its signer is known. */
  abstract Future<Reply> process(byte[] body, Address signer);

  @Override
  final Future<Reply> process(RoutingContext ctx) {
    byte[] body = body(ctx);
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Signature ")) {
      return refuse(
          Rejection.MISSING_AUTHORIZATION, "an Authorization: Signature header is required");
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(header.substring("Signature ".length()).trim());
    } catch (IllegalArgumentException e) {
      return refuse(Rejection.MISSING_AUTHORIZATION, "the Authorization signature is not base64");
    }
    if (sig.length != Signature.SIZE) {
      return refuse(Rejection.INVALID_SIGNATURE, "the Authorization signature must have 65 bytes");
    }
    Optional<Address> signer = api.verifier().signer(Keccak.hash(body), Signature.of(sig));
    if (signer.isEmpty()) {
      return refuse(Rejection.INVALID_SIGNATURE, "the Authorization signature does not recover");
    }
    return process(body, signer.get());
  }

  private static Future<Reply> refuse(Rejection r, String message) {
    return Future.succeededFuture(Reply.reject(r, message));
  }
}
