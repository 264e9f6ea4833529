package network.hermes.topup;

import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * An EIP-681 payment request for an ERC-20 transfer, which wallets turn into a ready-made MYST
 * transfer: {@code ethereum:<token>@<chain id>/transfer?address=<channel>[&uint256=<wei>]}.
 */
public final class PaymentUri {
  private PaymentUri() {}

  /**
   * The URI of a MYST transfer to a channel.
   *
   * @param token the MYST token contract
   * @param chainId the chain
   * @param to the receiver (the top-up address)
   * @param amount the amount in wei, or null to let the payer choose
   * @return the URI, addresses in checksum form
   */
  public static String transfer(Address token, ChainId chainId, Address to, TokenAmount amount) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(to, "to");
    String uri =
        "ethereum:"
            + token.toChecksumHex()
            + "@"
            + chainId.value()
            + "/transfer?address="
            + to.toChecksumHex();
    return amount == null ? uri : uri + "&uint256=" + amount.toBigInteger();
  }
}
