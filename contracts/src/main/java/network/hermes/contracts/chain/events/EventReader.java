package network.hermes.contracts.chain.events;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.RevertDecoder;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.generated.ChannelImplementation;
import network.hermes.contracts.generated.HermesImplementation;
import network.hermes.contracts.generated.MystToken;
import network.hermes.contracts.generated.Registry;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Reads and decodes the logs a hub follows, block range by block range, in chain order: the
 * deployment's Registry, hub contract and token, plus the consumer-channel events of every channel
 * (channels are clones at many addresses, so those are read by topic; callers keep the channels
 * they know).
 */
public final class EventReader {
  private final Web3j web3j;
  private final Deployment deployment;
  private final Map<String, Function<Log, ChainEvent>> deployedDecoders;
  private final Map<String, Function<Log, ChainEvent>> channelDecoders;

  public EventReader(Web3j web3j, Deployment deployment) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.deployedDecoders =
        Map.ofEntries(
            entry(MystToken.TRANSFER_EVENT, EventReader::transfer),
            entry(Registry.REGISTEREDIDENTITY_EVENT, EventReader::registered),
            entry(Registry.CONSUMERCHANNELCREATED_EVENT, EventReader::channelCreated),
            entry(Registry.BENEFICIARYCHANGED_EVENT, EventReader::beneficiaryChanged),
            entry(HermesImplementation.PROMISESETTLED_EVENT, EventReader::providerSettled),
            entry(HermesImplementation.NEWSTAKE_EVENT, EventReader::stakeChanged),
            entry(HermesImplementation.CHANNELSETTLEMENTFAILED_EVENT, EventReader::batchFailure),
            entry(HermesImplementation.HERMESPUNISHMENTACTIVATED_EVENT, EventReader::punished),
            hermesChange(HermesImplementation.HERMESPUNISHMENTDEACTIVATED_EVENT),
            hermesChange(HermesImplementation.HERMESFEEUPDATED_EVENT),
            hermesChange(HermesImplementation.MINSTAKEVALUEUPDATED_EVENT),
            hermesChange(HermesImplementation.MAXSTAKEVALUEUPDATED_EVENT),
            hermesChange(HermesImplementation.CHANNELOPENINGPAUSED_EVENT),
            hermesChange(HermesImplementation.CHANNELOPENINGACTIVATED_EVENT),
            hermesChange(HermesImplementation.HERMESCLOSED_EVENT),
            hermesChange(HermesImplementation.FUNDSWITHDRAWNED_EVENT),
            hermesChange(HermesImplementation.HERMESSTAKEINCREASED_EVENT),
            hermesChange(HermesImplementation.HERMESSTAKERETURNED_EVENT));
    this.channelDecoders =
        Map.ofEntries(
            entry(ChannelImplementation.PROMISESETTLED_EVENT, EventReader::consumerSettled),
            entry(ChannelImplementation.WITHDRAW_EVENT, EventReader::withdrawn),
            entry(ChannelImplementation.EXITREQUESTED_EVENT, EventReader::exitRequested));
  }

  private static Map.Entry<String, Function<Log, ChainEvent>> entry(
      Event event, Function<Log, ChainEvent> decoder) {
    return Map.entry(EventEncoder.encode(event), decoder);
  }

  private static Map.Entry<String, Function<Log, ChainEvent>> hermesChange(Event event) {
    return entry(event, log -> new ChainEvent.HermesStateChanged(position(log), event.getName()));
  }

  /**
   * The events of blocks {@code from..to} inclusive, in chain order.
   *
   * @throws ChainException when the node cannot answer
   */
  public List<ChainEvent> read(long from, long to) {
    if (to < from) {
      return List.of();
    }
    List<ChainEvent> events = new ArrayList<>();
    EthFilter deployed =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            List.of(
                deployment.token().toHex(),
                deployment.registry().toHex(),
                deployment.hermesId().toHex()));
    deployed.addOptionalTopics(deployedDecoders.keySet().toArray(String[]::new));
    decode(logs(deployed), deployedDecoders, events);
    EthFilter channels =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            List.of());
    channels.addOptionalTopics(channelDecoders.keySet().toArray(String[]::new));
    decode(logs(channels), channelDecoders, events);
    events.sort((a, b) -> LogPosition.CHAIN_ORDER.compare(a.position(), b.position()));
    return events;
  }

  /**
   * The events of one mined transaction (its receipt's logs), in log order: how a sender learns
   * what its transaction did, e.g. which elements of a batch settled and which failed.
   */
  public List<ChainEvent> decode(TransactionReceipt receipt) {
    List<Address> deployed =
        List.of(deployment.token(), deployment.registry(), deployment.hermesId());
    List<Log> ours = new ArrayList<>();
    List<Log> others = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (log.isRemoved()) {
        continue;
      }
      (deployed.contains(Address.fromHex(log.getAddress())) ? ours : others).add(log);
    }
    List<ChainEvent> events = new ArrayList<>();
    decode(ours, deployedDecoders, events);
    decode(others, channelDecoders, events);
    events.sort((a, b) -> LogPosition.CHAIN_ORDER.compare(a.position(), b.position()));
    return events;
  }

  /** The latest block number. */
  public long latestBlock() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new ChainException("cannot read the block number: " + e.getMessage(), e);
    }
  }

  /** The hash of block {@code number}, or empty when the chain is not that long. */
  public Optional<Bytes32> blockHash(long number) {
    try {
      EthBlock.Block block =
          web3j
              .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
              .send()
              .getBlock();
      return block == null ? Optional.empty() : Optional.of(Bytes32.fromHex(block.getHash()));
    } catch (IOException e) {
      throw new ChainException("cannot read block " + number + ": " + e.getMessage(), e);
    }
  }

  private List<Log> logs(EthFilter filter) {
    try {
      EthLog response = web3j.ethGetLogs(filter).send();
      if (response.hasError()) {
        throw new ChainException("cannot read logs: " + response.getError().getMessage());
      }
      List<Log> logs = new ArrayList<>();
      for (EthLog.LogResult<?> result : response.getLogs()) {
        if (result.get() instanceof Log log && !log.isRemoved()) {
          logs.add(log);
        }
      }
      return logs;
    } catch (IOException e) {
      throw new ChainException("cannot read logs: " + e.getMessage(), e);
    }
  }

  private static void decode(
      List<Log> logs, Map<String, Function<Log, ChainEvent>> decoders, List<ChainEvent> out) {
    for (Log log : logs) {
      if (log.getTopics().isEmpty()) {
        continue;
      }
      Function<Log, ChainEvent> decoder = decoders.get(log.getTopics().getFirst());
      if (decoder == null) {
        continue;
      }
      try {
        out.add(decoder.apply(log));
      } catch (RuntimeException notOurLayout) {
        // another contract's event with the same signature but other indexing: not ours
      }
    }
  }

  private static LogPosition position(Log log) {
    return new LogPosition(
        log.getBlockNumber().longValueExact(),
        Bytes32.fromHex(log.getBlockHash()),
        Bytes32.fromHex(log.getTransactionHash()),
        log.getLogIndex().longValueExact(),
        Address.fromHex(log.getAddress()));
  }

  private static TokenAmount amount(BigInteger value) {
    return TokenAmount.of(value);
  }

  private static ChainEvent transfer(Log log) {
    var e = MystToken.getTransferEventFromLog(log);
    return new ChainEvent.TokenTransferred(
        position(log), Address.fromHex(e.from), Address.fromHex(e.to), amount(e.value));
  }

  private static ChainEvent registered(Log log) {
    var e = Registry.getRegisteredIdentityEventFromLog(log);
    return new ChainEvent.IdentityRegistered(
        position(log), Address.fromHex(e.identity), Address.fromHex(e.beneficiary));
  }

  private static ChainEvent channelCreated(Log log) {
    var e = Registry.getConsumerChannelCreatedEventFromLog(log);
    return new ChainEvent.ConsumerChannelCreated(
        position(log),
        Address.fromHex(e.identity),
        Address.fromHex(e.hermesId),
        Address.fromHex(e.channelAddress));
  }

  private static ChainEvent beneficiaryChanged(Log log) {
    var e = Registry.getBeneficiaryChangedEventFromLog(log);
    return new ChainEvent.BeneficiaryChanged(
        position(log), Address.fromHex(e.identity), Address.fromHex(e.newBeneficiary));
  }

  private static ChainEvent providerSettled(Log log) {
    var e = HermesImplementation.getPromiseSettledEventFromLog(log);
    return new ChainEvent.ProviderPromiseSettled(
        position(log),
        Address.fromHex(e.identity),
        Bytes32.of(e.channelId),
        Address.fromHex(e.beneficiary),
        amount(e.amountSentToBeneficiary),
        amount(e.fees),
        Bytes32.of(e.lock));
  }

  private static ChainEvent stakeChanged(Log log) {
    var e = HermesImplementation.getNewStakeEventFromLog(log);
    return new ChainEvent.StakeChanged(
        position(log), Bytes32.of(e.channelId), amount(e.stakeAmount));
  }

  private static ChainEvent batchFailure(Log log) {
    var e = HermesImplementation.getChannelSettlementFailedEventFromLog(log);
    String reason = RevertDecoder.decode(Numeric.toHexString(e.reason));
    return new ChainEvent.ChannelSettlementFailed(
        position(log), Address.fromHex(e.channel), reason == null ? "no reason given" : reason);
  }

  private static ChainEvent punished(Log log) {
    var e = HermesImplementation.getHermesPunishmentActivatedEventFromLog(log);
    return new ChainEvent.HermesPunishmentActivated(
        position(log), e.activationBlockTime.longValueExact());
  }

  private static ChainEvent consumerSettled(Log log) {
    var e = ChannelImplementation.getPromiseSettledEventFromLog(log);
    return new ChainEvent.ConsumerPromiseSettled(
        position(log),
        Address.fromHex(e.beneficiary),
        amount(e.amount),
        amount(e.totalSettled),
        Bytes32.of(e.lock));
  }

  private static ChainEvent withdrawn(Log log) {
    var e = ChannelImplementation.getWithdrawEventFromLog(log);
    return new ChainEvent.ConsumerWithdrawn(
        position(log), Address.fromHex(e.beneficiary), amount(e.amount));
  }

  private static ChainEvent exitRequested(Log log) {
    var e = ChannelImplementation.getExitRequestedEventFromLog(log);
    return new ChainEvent.ConsumerExitRequested(position(log), e.timelock.longValueExact());
  }
}
