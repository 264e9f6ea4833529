package network.hermes.hub.watcher;

import java.util.List;
import java.util.Optional;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainReads;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.promise.value.Bytes32;

/** {@link BlockSource} over the contracts module's chain port (JSON-RPC). */
public final class RpcBlockSource implements BlockSource {
  private final ChainClient client;

  public RpcBlockSource(ChainClient client) {
    this.client = client;
  }

  @Override
  public long latestBlock() {
    return client.blockNumber();
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    return client.blockHash(number);
  }

  @Override
  public long blockTime(long number) {
    return client.blockTime(number);
  }

  @Override
  public List<ChainEvent> events(long from, long to) {
    return client.events(from, to);
  }

  @Override
  public ChainReads at(long number) {
    return client.at(number);
  }
}
