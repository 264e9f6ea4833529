package network.hermes.hub.core;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * Deterministic channel derivations for this hub (CREATE2 consumer channel, provider and withdrawal
 * channel ids). Pure functions, injected so that the core stays free of crypto libraries.
 */
public interface ChannelMath {
  /** The consumer channel address for (identity, this hermes, registry, implementation). */
  Address consumerChannel(Address identity);

  /** keccak(identity ‖ hermes). */
  Bytes32 providerChannelId(Address identity);

  /** keccak(identity ‖ hermes ‖ "withdrawal"). */
  Bytes32 withdrawalChannelId(Address identity);

  /** Which of the identity's two channels {@code channelId} is; null when neither. */
  default ChannelKind kindOf(Address identity, Bytes32 channelId) {
    if (providerChannelId(identity).equals(channelId)) {
      return ChannelKind.EARNINGS;
    }
    return withdrawalChannelId(identity).equals(channelId) ? ChannelKind.WITHDRAWAL : null;
  }

  default Bytes32 channelId(Address identity, ChannelKind kind) {
    return kind == ChannelKind.EARNINGS
        ? providerChannelId(identity)
        : withdrawalChannelId(identity);
  }
}
