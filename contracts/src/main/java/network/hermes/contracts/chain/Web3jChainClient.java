package network.hermes.contracts.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.contracts.chain.events.EventReader;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.generated.ChannelImplementation;
import network.hermes.contracts.generated.HermesImplementation;
import network.hermes.contracts.generated.MystToken;
import network.hermes.contracts.generated.Registry;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** {@link ChainClient} over JSON-RPC with the generated web3j wrappers. */
public final class Web3jChainClient implements ChainClient {
  private final Web3j web3j;
  private final Deployment deployment;
  private final FeePolicy fees;
  private final Secp256k1 secp256k1 = Secp256k1s.getDefault();
  private final Map<Address, Writer> writers = new ConcurrentHashMap<>();
  private final MystToken token;
  private final Registry registry;
  private final HermesImplementation hermes;
  private final ReadonlyTransactionManager reader;
  private final EventReader events;
  private final Reads latest;

  /**
   * Connects to a JSON-RPC endpoint with the fee policy that suits the deployment's chain.
   *
   * @throws ChainException when the endpoint cannot be reached or serves another chain than the
   *     deployment's
   */
  public static Web3jChainClient connect(String rpcUrl, Deployment deployment) {
    return connect(rpcUrl, deployment, FeePolicy.forChain(deployment.chainId().value()));
  }

  /**
   * Connects to a JSON-RPC endpoint; transactions are priced under {@code fees}.
   *
   * @throws ChainException when the endpoint cannot be reached or serves another chain than the
   *     deployment's
   */
  public static Web3jChainClient connect(String rpcUrl, Deployment deployment, FeePolicy fees) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try {
      long actual = web3j.ethChainId().send().getChainId().longValueExact();
      if (actual != deployment.chainId().value()) {
        web3j.shutdown();
        throw new ChainException(
            rpcUrl
                + " serves chain "
                + actual
                + ", the deployment is for chain "
                + deployment.chainId().value());
      }
    } catch (IOException e) {
      web3j.shutdown();
      throw new ChainException("cannot reach " + rpcUrl + ": " + e.getMessage(), e);
    }
    return new Web3jChainClient(web3j, deployment, fees);
  }

  private Web3jChainClient(Web3j web3j, Deployment deployment, FeePolicy fees) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.fees = Objects.requireNonNull(fees, "fees");
    this.reader = new ReadonlyTransactionManager(web3j, Address.ZERO.toHex());
    DefaultGasProvider gas = new DefaultGasProvider();
    this.token = MystToken.load(deployment.token().toHex(), web3j, reader, gas);
    this.registry = Registry.load(deployment.registry().toHex(), web3j, reader, gas);
    this.hermes = HermesImplementation.load(deployment.hermesId().toHex(), web3j, reader, gas);
    this.events = new EventReader(web3j, deployment);
    this.latest = new Reads(DefaultBlockParameterName.LATEST);
  }

  public Deployment deployment() {
    return deployment;
  }

  @Override
  public ChainWriter writer(PrivateKey sender) {
    Address address = secp256k1.addressOf(sender);
    return writers.computeIfAbsent(
        address, a -> new Writer(new TransactionSender(web3j, deployment.chainId(), sender, fees)));
  }

  @Override
  public ChainId chainId() {
    return deployment.chainId();
  }

  @Override
  public long blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new ChainException("cannot read the block number: " + e.getMessage(), e);
    }
  }

  @Override
  public long latestBlockTime() {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new ChainException("cannot read the latest block: " + e.getMessage(), e);
    }
  }

  @Override
  public long blockTime(long number) {
    try {
      var block =
          web3j
              .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
              .send()
              .getBlock();
      if (block == null) {
        throw new ChainException("the chain has no block " + number);
      }
      return block.getTimestamp().longValueExact();
    } catch (IOException e) {
      throw new ChainException("cannot read block " + number + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    return events.blockHash(number);
  }

  @Override
  public List<ChainEvent> events(long from, long to) {
    return events.read(from, to);
  }

  @Override
  public ChainReads at(long blockNumber) {
    if (blockNumber < 0) {
      throw new IllegalArgumentException("block number must not be negative");
    }
    return new Reads(DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber)));
  }

  @Override
  public TokenAmount tokenBalance(Address holder) {
    return latest.tokenBalance(holder);
  }

  @Override
  public TokenAmount nativeBalance(Address holder) {
    return latest.nativeBalance(holder);
  }

  @Override
  public boolean isRegistered(Address identity) {
    return latest.isRegistered(identity);
  }

  @Override
  public Address beneficiary(Address identity) {
    return latest.beneficiary(identity);
  }

  @Override
  public long nextBeneficiaryNonce(Address identity) {
    return read("read a beneficiary nonce", registry.getBeneficiaryNonce(identity.toHex()))
            .longValueExact()
        + 1;
  }

  @Override
  public String hermesUrl() {
    return new String(
        read("read the hub's URL", registry.getHermesURL(deployment.hermesId().toHex())),
        StandardCharsets.UTF_8);
  }

  @Override
  public long nextHermesUrlNonce() {
    return read(
            "read the hub's URL nonce", registry.getHermesUrlNonce(deployment.hermesId().toHex()))
        .longValueExact();
  }

  @Override
  public Address consumerChannelAddress(Address identity) {
    return Address.fromHex(
        read(
            "read a channel address",
            registry.getChannelAddress(identity.toHex(), deployment.hermesId().toHex())));
  }

  @Override
  public ConsumerChannelState consumerChannel(Address channel) {
    return latest.consumerChannel(channel);
  }

  @Override
  public long consumerChannelNonce(Address channel) {
    return latest.consumerChannelNonce(channel);
  }

  @Override
  public ProviderChannelState providerChannel(Bytes32 channelId) {
    return latest.providerChannel(channelId);
  }

  @Override
  public HermesState hermes() {
    return latest.hermes();
  }

  @Override
  public GasPrice gasPrice() {
    TransactionSender.Fees f = TransactionSender.currentFees(web3j, fees);
    return new GasPrice(f.baseFee(), f.priorityFee(), f.maxFee());
  }

  @Override
  public TxStatus transactionStatus(Bytes32 txHash) {
    String hash = txHash.toHex();
    try {
      var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (receipt.isPresent()) {
        return receipt.get().isStatusOK()
            ? new TxStatus(TxStatus.State.SUCCEEDED, result(receipt.get()))
            : TxStatus.of(TxStatus.State.REVERTED);
      }
      return web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent()
          ? TxStatus.of(TxStatus.State.PENDING)
          : TxStatus.of(TxStatus.State.UNKNOWN);
    } catch (IOException e) {
      throw new ChainException("cannot look up transaction " + hash + ": " + e.getMessage(), e);
    }
  }

  private TxResult result(TransactionReceipt receipt) {
    return new TxResult(
        Bytes32.fromHex(receipt.getTransactionHash()),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed(),
        events.decode(receipt));
  }

  @Override
  public TokenAmount hermesFee(TokenAmount amount) {
    return TokenAmount.of(
        read("calculate the hub fee", hermes.calculateHermesFee(amount.toBigInteger())));
  }

  /** Sends from one account: encodes each request for its contract, then broadcasts it. */
  private final class Writer implements ChainWriter {
    private final TransactionSender sender;

    Writer(TransactionSender sender) {
      this.sender = sender;
    }

    @Override
    public Address address() {
      return sender.address();
    }

    @Override
    public PendingTx send(TxRequest request) {
      Call call = encode(request);
      TransactionSender.Broadcast broadcast;
      try {
        broadcast = sender.broadcast(call.to(), call.data(), call.value());
      } catch (ChainException e) {
        throw new ChainException(
            "cannot " + request.what() + ": " + e.getMessage(), e.revertReason(), e);
      }
      return new PendingTx() {
        @Override
        public Bytes32 hash() {
          return broadcast.hash();
        }

        @Override
        public TxResult awaitReceipt(Consumer<Bytes32> replaced) {
          return result(broadcast.awaitReceipt(replaced));
        }
      };
    }

    @Override
    public String toString() {
      return "ChainWriter[" + sender.address() + "]";
    }
  }

  /** A contract call as a transaction: target, ABI-encoded data, native value. */
  private record Call(Address to, String data, BigInteger value) {
    Call(Address to, RemoteFunctionCall<?> call) {
      this(to, call.encodeFunctionCall(), BigInteger.ZERO);
    }
  }

  private Call encode(TxRequest request) {
    return switch (request) {
      case TxRequest.TransferToken t ->
          new Call(deployment.token(), token.transfer(t.to().toHex(), t.amount().toBigInteger()));
      case TxRequest.TransferNative t -> new Call(t.to(), "0x", t.amount().toBigInteger());
      case TxRequest.ApproveToken a ->
          new Call(
              deployment.token(), token.approve(a.spender().toHex(), a.amount().toBigInteger()));
      case TxRequest.MintToken m ->
          new Call(deployment.token(), token.mint(m.to().toHex(), m.amount().toBigInteger()));
      case TxRequest.RegisterIdentity r ->
          new Call(
              deployment.registry(),
              registry.registerIdentity(
                  deployment.hermesId().toHex(),
                  r.stake().toBigInteger(),
                  r.transactorFee().toBigInteger(),
                  r.beneficiary().toHex(),
                  r.registrationSignature().toBytes()));
      case TxRequest.SettleConsumerPromise c ->
          new Call(
              c.channel(),
              channel(c.channel())
                  .settlePromise(
                      c.promise().amount().toBigInteger(),
                      c.promise().fee().toBigInteger(),
                      c.r().toBytes(),
                      c.promise().signature().toBytes()));
      case TxRequest.SettleConsumerPromises b -> settleChannelPromises(b.settlements());
      case TxRequest.SettleProviderPromise p ->
          toHub(
              hermes.settlePromise(
                  p.identity().toHex(),
                  p.promise().amount().toBigInteger(),
                  p.promise().fee().toBigInteger(),
                  p.r().toBytes(),
                  p.promise().signature().toBytes()));
      case TxRequest.SettleWithBeneficiary w ->
          toHub(
              hermes.settleWithBeneficiary(
                  w.identity().toHex(),
                  w.promise().amount().toBigInteger(),
                  w.promise().fee().toBigInteger(),
                  w.r().toBytes(),
                  w.promise().signature().toBytes(),
                  w.newBeneficiary().toHex(),
                  w.beneficiarySignature().toBytes()));
      case TxRequest.SettleIntoStake i ->
          toHub(
              hermes.settleIntoStake(
                  i.identity().toHex(),
                  i.promise().amount().toBigInteger(),
                  i.promise().fee().toBigInteger(),
                  i.r().toBytes(),
                  i.promise().signature().toBytes()));
      case TxRequest.PayAndSettle p ->
          toHub(
              hermes.payAndSettle(
                  p.identity().toHex(),
                  p.promise().amount().toBigInteger(),
                  p.promise().fee().toBigInteger(),
                  p.r().toBytes(),
                  p.promise().signature().toBytes(),
                  p.beneficiary().toHex(),
                  p.beneficiarySignature().toBytes()));
      case TxRequest.DecreaseStake d ->
          toHub(
              hermes.decreaseStake(
                  d.identity().toHex(),
                  d.amount().toBigInteger(),
                  d.transactorFee().toBigInteger(),
                  d.signature().toBytes()));
      case TxRequest.RequestExit x ->
          new Call(
              x.channel(),
              channel(x.channel())
                  .requestExit(
                      x.beneficiary().toHex(),
                      BigInteger.valueOf(x.validUntil()),
                      x.signature().toBytes()));
      case TxRequest.FinalizeExit f -> new Call(f.channel(), channel(f.channel()).finalizeExit());
      case TxRequest.UpdateHermesUrl u ->
          new Call(
              deployment.registry(),
              registry.updateHermesURL(
                  deployment.hermesId().toHex(),
                  u.url().getBytes(StandardCharsets.UTF_8),
                  u.signature().toBytes()));
    };
  }

  private Call settleChannelPromises(List<ChannelSettlement> settlements) {
    List<String> channels = new ArrayList<>();
    List<BigInteger> amounts = new ArrayList<>();
    List<BigInteger> promiseFees = new ArrayList<>();
    List<byte[]> locks = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (ChannelSettlement s : settlements) {
      channels.add(s.channel().toHex());
      amounts.add(s.promise().amount().toBigInteger());
      promiseFees.add(s.promise().fee().toBigInteger());
      locks.add(s.r().toBytes());
      signatures.add(s.promise().signature().toBytes());
    }
    return toHub(hermes.settleChannelPromises(channels, amounts, promiseFees, locks, signatures));
  }

  private Call toHub(RemoteFunctionCall<?> call) {
    return new Call(deployment.hermesId(), call);
  }

  private ChannelImplementation channel(Address channel) {
    return ChannelImplementation.load(channel.toHex(), web3j, reader, new DefaultGasProvider());
  }

  private static <T> T read(String what, RemoteFunctionCall<T> call) {
    try {
      return call.send();
    } catch (Exception e) {
      throw new ChainException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Reads at one block parameter, with wrappers of their own (a wrapper's block is mutable). */
  private final class Reads implements ChainReads {
    private final DefaultBlockParameter block;
    private final MystToken token;
    private final Registry registry;
    private final HermesImplementation hermes;

    Reads(DefaultBlockParameter block) {
      this.block = block;
      DefaultGasProvider gas = new DefaultGasProvider();
      this.token = MystToken.load(deployment.token().toHex(), web3j, reader, gas);
      this.registry = Registry.load(deployment.registry().toHex(), web3j, reader, gas);
      this.hermes = HermesImplementation.load(deployment.hermesId().toHex(), web3j, reader, gas);
      token.setDefaultBlockParameter(block);
      registry.setDefaultBlockParameter(block);
      hermes.setDefaultBlockParameter(block);
    }

    @Override
    public TokenAmount tokenBalance(Address holder) {
      return TokenAmount.of(read("read a MYST balance", token.balanceOf(holder.toHex())));
    }

    @Override
    public TokenAmount nativeBalance(Address holder) {
      try {
        return TokenAmount.of(web3j.ethGetBalance(holder.toHex(), block).send().getBalance());
      } catch (IOException e) {
        throw new ChainException("cannot read a native balance: " + e.getMessage(), e);
      }
    }

    @Override
    public boolean isRegistered(Address identity) {
      return read("read a registration", registry.isRegistered(identity.toHex()));
    }

    @Override
    public Address beneficiary(Address identity) {
      return Address.fromHex(read("read a beneficiary", registry.getBeneficiary(identity.toHex())));
    }

    @Override
    public ConsumerChannelState consumerChannel(Address channel) {
      TokenAmount balance = tokenBalance(channel);
      boolean deployed = hasCode(channel);
      if (!deployed) {
        return new ConsumerChannelState(
            channel, false, Address.ZERO, Address.ZERO, balance, TokenAmount.ZERO, Address.ZERO, 0);
      }
      ChannelImplementation contract = channel(channel);
      contract.setDefaultBlockParameter(block);
      String identity = read("read a channel's identity", contract.operator());
      var hub = read("read a channel's hub", contract.hermes());
      Tuple2<String, BigInteger> exit = read("read a channel's exit", contract.getExitRequest());
      return new ConsumerChannelState(
          channel,
          true,
          Address.fromHex(identity),
          Address.fromHex(hub.component2()),
          balance,
          TokenAmount.of(hub.component3()),
          Address.fromHex(exit.component1()),
          exit.component2().longValueExact());
    }

    @Override
    public long consumerChannelNonce(Address channel) {
      if (!hasCode(channel)) {
        return 0;
      }
      ChannelImplementation contract = channel(channel);
      contract.setDefaultBlockParameter(block);
      return read("read a channel's nonce", contract.lastNonce()).longValueExact();
    }

    @Override
    public ProviderChannelState providerChannel(Bytes32 channelId) {
      Tuple4<BigInteger, BigInteger, BigInteger, BigInteger> c =
          read("read a provider channel", hermes.channels(channelId.toBytes()));
      return new ProviderChannelState(
          channelId,
          TokenAmount.of(c.component1()),
          TokenAmount.of(c.component2()),
          c.component3().longValueExact());
    }

    @Override
    public HermesState hermes() {
      Tuple2<BigInteger, BigInteger> bounds =
          read("read the hub's stake bounds", hermes.getStakeThresholds());
      return new HermesState(
          deployment.hermesId(),
          Address.fromHex(read("read the hub operator", hermes.getOperator())),
          HermesStatus.fromOrdinal(read("read the hub status", hermes.getStatus()).intValueExact()),
          read("read the hub fee", hermes.getActiveFee()).intValueExact(),
          TokenAmount.of(bounds.component1()),
          TokenAmount.of(bounds.component2()),
          TokenAmount.of(read("read the hub stake", hermes.getHermesStake())),
          TokenAmount.of(read("read the total stake", hermes.getTotalStake())),
          tokenBalance(deployment.hermesId()),
          TokenAmount.of(read("read the available balance", hermes.availableBalance())));
    }

    private boolean hasCode(Address account) {
      try {
        String code = web3j.ethGetCode(account.toHex(), block).send().getCode();
        return code != null && code.length() > 2;
      } catch (IOException e) {
        throw new ChainException("cannot read code: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
