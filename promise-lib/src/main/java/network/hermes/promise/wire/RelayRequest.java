package network.hermes.promise.wire;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * A signed payload for the hub's relay (transactor): the relay sends the transaction and is paid
 * {@link #fee()} in MYST, so the signer needs no native coin. Read and written by {@link
 * RelayJson}.
 */
public sealed interface RelayRequest
    permits RelayRegistration, RelaySettlement, RelayStakeDecrease {
  /**
   * The chain the payload is for.
   *
   * @return the chain id
   */
  ChainId chainId();

  /**
   * The identity that signed the payload.
   *
   * @return the identity
   */
  Address identity();

  /**
   * What the relay is paid, in MYST wei.
   *
   * @return the fee
   */
  TokenAmount fee();

  /**
   * The path of the relay endpoint this payload is posted to, below {@code /api/v1/transactor/}.
   *
   * @return the path, e.g. {@code identity/register}
   */
  String path();
}
