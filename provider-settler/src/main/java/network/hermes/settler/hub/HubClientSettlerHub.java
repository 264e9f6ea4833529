package network.hermes.settler.hub;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.hubclient.RelayFeeKind;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayFeeQuote;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.SyncPromiseRequest;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.settle.HubCallException;
import network.hermes.settler.settle.SettlerHub;

/** The settler's hub port over the project's {@link HubClient}: the hub over HTTP only. */
public final class HubClientSettlerHub implements SettlerHub {
  private final HubClient client;
  private final Clock clock;
  private final Duration pollEvery;

  /**
   * Creates the adapter.
   *
   * @param client a client of the hub
   * @param clock the clock relay waits are measured on
   * @param pollEvery the pause between two looks at a relay job
   */
  public HubClientSettlerHub(HubClient client, Clock clock, Duration pollEvery) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
  }

  /** A call to the hub that may be refused. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws HubException;
  }

  private static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (HubException e) {
      throw translate(e);
    }
  }

  /**
   * The settler's view of a hub-client failure.
   *
   * @param e what the client threw
   * @return the settler's exception, unreachable for no or an unreadable answer
   */
  public static HubCallException translate(HubException e) {
    if (e.kind() == HubCause.UNREACHABLE || e.kind() == HubCause.BAD_RESPONSE) {
      return HubCallException.unreachable(e.getMessage(), e);
    }
    return HubCallException.refused(e.cause(), e.hubMessage(), e.data().orElse(null));
  }

  @Override
  public RelayFeeQuote settleFee(ChainId chainId) {
    return call(() -> client.relayFee(chainId, RelayFeeKind.SETTLE));
  }

  @Override
  public Promise changePromiseFee(Promise latest, TokenAmount newFee) {
    return call(() -> client.changePromiseFee(new ChangePromiseFeeRequest(latest, newFee)));
  }

  @Override
  public String submitSettlement(RelaySettlement settlement) {
    return call(() -> client.submit(settlement));
  }

  @Override
  public RelayJob awaitJob(String jobId, Duration timeout, Consumer<RelayJob> progress) {
    if (timeout.isZero()) {
      return call(() -> client.relayJob(jobId));
    }
    try {
      return client.awaitRelayJob(jobId, timeout, pollEvery, clock, progress);
    } catch (HubException e) {
      throw translate(e);
    } catch (TimeoutException e) {
      return call(() -> client.relayJob(jobId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HubCallException.unreachable("interrupted while waiting for relay job " + jobId, e);
    }
  }

  @Override
  public Optional<Promise> latestPromise(Address identity, ChainId chainId, ChannelKind kind) {
    Map<ChainId, ChannelData> data;
    try {
      data =
          kind == ChannelKind.EARNINGS
              ? client.providerData(identity)
              : client.withdrawalData(identity);
    } catch (HubException e) {
      if (e.kind() == HubCause.RESOURCE_NOT_FOUND) {
        return Optional.empty();
      }
      throw translate(e);
    }
    ChannelData entry = data.get(chainId);
    if (entry == null || entry.latestPromise() == null || entry.latestPromise().amount().isZero()) {
      return Optional.empty();
    }
    return Optional.of(entry.latestPromise());
  }

  @Override
  public void syncPromise(Signer identity, Promise promise) {
    call(
        () -> {
          client.syncPromise(SyncPromiseRequest.of(promise), identity);
          return null;
        });
  }

  @Override
  public Promise refreshPromise(Signer identity, RefreshPromiseRequest request) {
    return call(() -> client.refreshPromise(request, identity));
  }

  @Override
  public void revealR(RevealRequest request) {
    call(
        () -> {
          client.revealR(request);
          return null;
        });
  }
}
