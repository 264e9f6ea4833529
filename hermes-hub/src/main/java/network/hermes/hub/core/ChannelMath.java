package network.hermes.hub.core;

/**
 * Deterministic channel derivations for this hub (CREATE2 consumer channel, provider and withdrawal
 * channel ids). Pure functions, injected so that the core stays free of crypto libraries.
 */
public interface ChannelMath {
  /** 0x-prefixed 20-byte consumer channel address for (identity, this hermes, registry, impl). */
  String consumerChannel(String identity);

  /** 0x-prefixed 32-byte keccak(identity ‖ hermes). */
  String providerChannelId(String identity);

  /** 0x-prefixed 32-byte keccak(identity ‖ hermes ‖ "withdrawal"). */
  String withdrawalChannelId(String identity);

  default String channelId(String identity, ChannelKind kind) {
    return kind == ChannelKind.EARNINGS
        ? providerChannelId(identity)
        : withdrawalChannelId(identity);
  }
}
