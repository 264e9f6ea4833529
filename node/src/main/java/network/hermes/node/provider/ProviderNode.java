package network.hermes.node.provider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Function;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.node.policy.ExitConnector;
import network.hermes.node.store.Earnings;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Address;

/** Starts a provider: earnings opened and reconciled with the hub, then the exit service. */
public final class ProviderNode {
  private ProviderNode() {}

  /**
   * Starts a provider.
   *
   * @param settlement makes the settlement trigger over the provider's earnings
   * @throws HubException when the hub cannot be reached or refuses the reconciliation
   * @throws IOException when the earnings cannot be read or the port cannot be bound
   */
  public static ProviderService start(
      InetSocketAddress address,
      Signer signer,
      PrivateKey key,
      ProviderSettings settings,
      ExitConnector exit,
      HubClient hub,
      Path dataDir,
      Function<Address, String> admission,
      Function<Earnings, SettlementTrigger> settlement,
      Clock clock,
      Secp256k1 secp256k1)
      throws HubException, IOException {
    Earnings earnings =
        Earnings.open(dataDir, signer.address(), settings.hermesId(), settings.chainId());
    HubPayments payments =
        new HubPayments(
            hub,
            signer,
            key,
            settings.operator(),
            settings.hermesId(),
            settings.chainId(),
            earnings,
            secp256k1,
            new SecureRandom());
    payments.reconcile();
    return ProviderService.start(
        address,
        signer,
        settings,
        exit,
        payments,
        admission,
        settlement.apply(earnings),
        clock,
        secp256k1);
  }
}
