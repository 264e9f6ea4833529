package network.hermes.contracts.chain;

import java.util.Objects;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * One consumer promise to settle in a batch.
 *
 * @param channel the consumer channel the promise draws on
 * @param promise the consumer's signed promise
 * @param r the revealed secret behind the promise's hashlock
 */
public record ChannelSettlement(Address channel, Promise promise, Bytes32 r) {
  public ChannelSettlement {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(promise, "promise");
    Objects.requireNonNull(r, "r");
  }
}
