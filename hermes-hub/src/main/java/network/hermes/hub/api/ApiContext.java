package network.hermes.hub.api;

import network.hermes.hub.chain.ChainView;
import network.hermes.hub.chain.ChainWatch;
import network.hermes.hub.core.ChannelMath;
import network.hermes.hub.core.Decisions;
import network.hermes.hub.core.HubPolicy;
import network.hermes.hub.crypto.OperatorKey;
import network.hermes.hub.crypto.Verifier;
import network.hermes.hub.metrics.HubMetrics;
import network.hermes.hub.relay.RelayService;
import network.hermes.hub.settlement.SettlementWake;
import network.hermes.hub.store.PgStateStore;
import network.hermes.hub.store.TxBatcher;

/**
 * What the endpoint handlers share.
 *
 * @param settle asks the consumer settler to collect now (the solvency guard refused a promise)
 * @param relay the relay (transactor) service, or null when the relay is off
 */
public record ApiContext(
    Decisions decisions,
    ChannelMath channels,
    ChainView chain,
    PgStateStore store,
    TxBatcher batcher,
    OperatorKey operator,
    Verifier verifier,
    HubMetrics metrics,
    ChainWatch watch,
    SettlementWake.Trigger settle,
    RelayService relay) {

  public HubPolicy policy() {
    return decisions.policy();
  }
}
