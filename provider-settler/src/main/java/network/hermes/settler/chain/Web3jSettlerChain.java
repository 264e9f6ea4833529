package network.hermes.settler.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.PendingTx;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.TxRequest;
import network.hermes.contracts.chain.TxResult;
import network.hermes.contracts.chain.TxStatus;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.contracts.chain.events.ChainEvent.ProviderPromiseSettled;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.settler.SettleKind;
import network.hermes.settler.settle.SettlerChain;

/**
 * The settler's chain port over the project's {@link ChainClient}: every chain call of the module
 * goes through here. Settlements are sent from one sending key (which pays the gas and receives the
 * promise's transactor fee); without one the adapter only reads.
 */
public final class Web3jSettlerChain implements SettlerChain {
  private final ChainClient client;
  private final Deployment deployment;
  private final PrivateKey sender;

  /**
   * Creates the adapter.
   *
   * @param client the chain client of the deployment
   * @param deployment the deployment the client serves
   * @param sender the key that sends direct settlements, or null for a read-only adapter
   */
  public Web3jSettlerChain(ChainClient client, Deployment deployment, PrivateKey sender) {
    this.client = Objects.requireNonNull(client, "client");
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.sender = sender;
  }

  @Override
  public ChainId chainId() {
    return deployment.chainId();
  }

  @Override
  public Address hermesId() {
    return deployment.hermesId();
  }

  @Override
  public Address registry() {
    return deployment.registry();
  }

  @Override
  public HermesState hermes() {
    return client.hermes();
  }

  @Override
  public ProviderChannelState channel(Bytes32 channelId) {
    return client.providerChannel(channelId);
  }

  @Override
  public Address beneficiary(Address identity) {
    return client.beneficiary(identity);
  }

  @Override
  public Address consumerChannel(Address identity) {
    return ChannelIds.consumerChannelAddress(
        deployment.registry(), identity, deployment.hermesId(), deployment.channelImplementation());
  }

  @Override
  public BigInteger nextBeneficiaryNonce(Address identity) {
    return BigInteger.valueOf(client.nextBeneficiaryNonce(identity));
  }

  @Override
  public Mined send(
      SettleKind kind,
      Address identity,
      Promise promise,
      Address beneficiary,
      Signature beneficiarySignature,
      Consumer<String> onBroadcast) {
    if (sender == null) {
      throw new IllegalStateException("no sending key configured for direct settlements");
    }
    TxRequest request =
        switch (kind) {
          case PLAIN -> new TxRequest.SettleProviderPromise(identity, promise, promise.r());
          case WITH_BENEFICIARY ->
              new TxRequest.SettleWithBeneficiary(
                  identity, promise, promise.r(), beneficiary, beneficiarySignature);
          case INTO_STAKE -> new TxRequest.SettleIntoStake(identity, promise, promise.r());
          case PAY_AND_SETTLE ->
              new TxRequest.PayAndSettle(
                  identity, promise, promise.r(), beneficiary, beneficiarySignature);
        };
    PendingTx pending = client.writer(sender).send(request);
    onBroadcast.accept(pending.hash().toHex());
    TxResult result = pending.awaitReceipt(replacement -> onBroadcast.accept(replacement.toHex()));
    return new Mined(
        result.txHash().toHex(),
        settledEvent(result.events(), promise.channelId(), promise.r())
            .orElseThrow(
                () ->
                    new ChainException(
                        "transaction "
                            + result.txHash()
                            + " was mined without a PromiseSettled event for the channel")));
  }

  @Override
  public Lookup lookup(String txHash, Bytes32 channelId, Bytes32 lock) {
    TxStatus status = client.transactionStatus(Bytes32.fromHex(txHash));
    return switch (status.state()) {
      case UNKNOWN -> new Lookup(Lookup.State.UNKNOWN, null, null);
      case PENDING -> new Lookup(Lookup.State.PENDING, null, null);
      case REVERTED ->
          new Lookup(Lookup.State.REVERTED, null, "transaction " + txHash + " reverted");
      case SUCCEEDED ->
          settledEvent(status.result().events(), channelId, lock)
              .map(e -> new Lookup(Lookup.State.SETTLED, e, null))
              .orElseGet(
                  () ->
                      new Lookup(
                          Lookup.State.NO_EVENT,
                          null,
                          "transaction "
                              + txHash
                              + " was mined without settling the channel (no PromiseSettled"
                              + " event)"));
    };
  }

  private Optional<ProviderPromiseSettled> settledEvent(
      List<ChainEvent> events, Bytes32 channelId, Bytes32 lock) {
    for (ChainEvent e : events) {
      if (e instanceof ProviderPromiseSettled s
          && s.position().emitter().equals(deployment.hermesId())
          && s.channelId().equals(channelId)
          && s.lock().equals(lock)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
