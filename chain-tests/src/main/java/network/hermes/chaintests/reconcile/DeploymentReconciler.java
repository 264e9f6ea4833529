package network.hermes.chaintests.reconcile;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.promise.value.Address;

/**
 * Reconciles a live deployment: reads the chain's history and state and the hub's books of the
 * identities, then holds them against each other ({@link Reconciler}). What {@code ./hermes
 * reconcile} runs; tests call it the same way.
 */
public final class DeploymentReconciler {
  private final ChainLedgerReader chain;
  private final HubBooksReader hub;

  /**
   * @param chain the chain port of the deployment
   * @param rpcUrl the same chain's JSON-RPC URL
   * @param deployment the deployment
   * @param hub a client of the deployment's hub
   */
  public DeploymentReconciler(
      ChainClient chain, String rpcUrl, Deployment deployment, HubClient hub) {
    this.chain = new ChainLedgerReader(chain, rpcUrl, deployment);
    this.hub = new HubBooksReader(hub, deployment.chainId(), deployment.hermesId());
  }

  /**
   * Reconciles once.
   *
   * @param identities identities to check (consumers, providers, either)
   * @param discover also every identity the chain history names
   * @param block the block to reconcile at; empty for the latest
   * @return the outcome
   * @throws HubException when the hub cannot be reached
   */
  public Reconciliation reconcile(
      Collection<Address> identities, boolean discover, OptionalLong block) throws HubException {
    long to = block.isPresent() ? block.getAsLong() : chain.head();
    ChainLedgerReader.History history = chain.history(to);
    Set<Address> checked = new LinkedHashSet<>(identities);
    if (discover) {
      checked.addAll(chain.identities(history));
    }
    HubBooks books = hub.read(checked);
    return Reconciler.reconcile(chain.read(history, checked), books);
  }
}
