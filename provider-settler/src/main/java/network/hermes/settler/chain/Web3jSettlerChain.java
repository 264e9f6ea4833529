package network.hermes.settler.chain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.TransactionSender;
import network.hermes.contracts.chain.TxResult;
import network.hermes.contracts.chain.TxStatus;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.contracts.chain.events.ChainEvent.ProviderPromiseSettled;
import network.hermes.contracts.chain.events.EventReader;
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
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The settler's chain port over the project's web3j chain client: every chain call of the module
 * goes through here. Settlements are sent from one sending key (which pays the gas and receives the
 * promise's transactor fee); without one the adapter only reads.
 */
public final class Web3jSettlerChain implements SettlerChain {
  private final Web3jChainClient client;
  private final Deployment deployment;
  private final EventReader events;
  private final PrivateKey sender;

  /**
   * Creates the adapter.
   *
   * @param client the chain client of the deployment
   * @param sender the key that sends direct settlements, or null for a read-only adapter
   */
  public Web3jSettlerChain(Web3jChainClient client, PrivateKey sender) {
    this.client = Objects.requireNonNull(client, "client");
    this.deployment = client.deployment();
    this.events = new EventReader(client.web3j(), deployment);
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
    TxResult result;
    try (TransactionSender.BroadcastScope ignored =
        TransactionSender.observeBroadcasts(onBroadcast)) {
      result =
          switch (kind) {
            case PLAIN -> client.settleProviderPromise(sender, identity, promise, promise.r());
            case WITH_BENEFICIARY ->
                client.settleWithBeneficiary(
                    sender, identity, promise, promise.r(), beneficiary, beneficiarySignature);
            case INTO_STAKE -> client.settleIntoStake(sender, identity, promise, promise.r());
            case PAY_AND_SETTLE ->
                client.payAndSettle(
                    sender, identity, promise, promise.r(), beneficiary, beneficiarySignature);
          };
    }
    return new Mined(
        result.txHash(),
        settledEvent(result.receipt(), promise.channelId(), promise.r())
            .orElseThrow(
                () ->
                    new ChainException(
                        "transaction "
                            + result.txHash()
                            + " was mined without a PromiseSettled event for the channel")));
  }

  @Override
  public Lookup lookup(String txHash, Bytes32 channelId, Bytes32 lock) {
    TxStatus status = client.transactionStatus(txHash);
    return switch (status.state()) {
      case UNKNOWN -> new Lookup(Lookup.State.UNKNOWN, null, null);
      case PENDING -> new Lookup(Lookup.State.PENDING, null, null);
      case REVERTED ->
          new Lookup(Lookup.State.REVERTED, null, "transaction " + txHash + " reverted");
      case SUCCEEDED ->
          settledEvent(status.result().receipt(), channelId, lock)
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
      TransactionReceipt receipt, Bytes32 channelId, Bytes32 lock) {
    for (ChainEvent e : events.decode(receipt)) {
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
