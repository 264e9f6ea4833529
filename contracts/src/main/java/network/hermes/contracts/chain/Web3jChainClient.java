package network.hermes.contracts.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.generated.ChannelImplementation;
import network.hermes.contracts.generated.HermesImplementation;
import network.hermes.contracts.generated.MystToken;
import network.hermes.contracts.generated.Registry;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** {@link ChainClient} over JSON-RPC with the generated web3j wrappers. */
public final class Web3jChainClient implements ChainClient {
  private final Web3j web3j;
  private final org.web3j.protocol.Web3jService service;
  private final Deployment deployment;
  private final FeePolicy fees;
  private final Secp256k1 secp256k1 = Secp256k1s.getDefault();
  private final Map<Address, TransactionSender> senders = new ConcurrentHashMap<>();
  private final MystToken token;
  private final Registry registry;
  private final HermesImplementation hermes;
  private final ReadonlyTransactionManager reader;
  private final Reads latest;

  /**
   * Connects to a JSON-RPC endpoint.
   *
   * @throws ChainException when the endpoint's chain id differs from the deployment's
   */
  public static Web3jChainClient connect(String rpcUrl, Deployment deployment) {
    HttpService service = new HttpService(rpcUrl);
    Web3j web3j = Web3j.build(service);
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
    return new Web3jChainClient(
        web3j, service, deployment, FeePolicy.forChain(deployment.chainId().value()));
  }

  public Web3jChainClient(
      Web3j web3j, org.web3j.protocol.Web3jService service, Deployment deployment, FeePolicy fees) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.service = Objects.requireNonNull(service, "service");
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.fees = Objects.requireNonNull(fees, "fees");
    this.reader = new ReadonlyTransactionManager(web3j, Address.ZERO.toHex());
    DefaultGasProvider gas = new DefaultGasProvider();
    this.token = MystToken.load(deployment.token().toHex(), web3j, reader, gas);
    this.registry = Registry.load(deployment.registry().toHex(), web3j, reader, gas);
    this.hermes = HermesImplementation.load(deployment.hermesId().toHex(), web3j, reader, gas);
    this.latest = new Reads(DefaultBlockParameterName.LATEST);
  }

  /** The underlying web3j connection, for event filters and raw calls. */
  public Web3j web3j() {
    return web3j;
  }

  /** The transport, for node-specific calls (e.g. anvil's evm_snapshot in tests). */
  public org.web3j.protocol.Web3jService web3jService() {
    return service;
  }

  public Deployment deployment() {
    return deployment;
  }

  /** The sender for a key, created on first use; it tracks that account's nonce. */
  public TransactionSender sender(PrivateKey key) {
    Address address = secp256k1.addressOf(key);
    return senders.computeIfAbsent(
        address, a -> new TransactionSender(web3j, deployment.chainId(), key, fees));
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
  public TxStatus transactionStatus(String txHash) {
    try {
      var receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
      if (receipt.isPresent()) {
        return receipt.get().isStatusOK()
            ? new TxStatus(TxStatus.State.SUCCEEDED, TxResult.of(receipt.get()))
            : TxStatus.of(TxStatus.State.REVERTED);
      }
      return web3j.ethGetTransactionByHash(txHash).send().getTransaction().isPresent()
          ? TxStatus.of(TxStatus.State.PENDING)
          : TxStatus.of(TxStatus.State.UNKNOWN);
    } catch (IOException e) {
      throw new ChainException("cannot look up transaction " + txHash + ": " + e.getMessage(), e);
    }
  }

  @Override
  public TokenAmount hermesFee(TokenAmount amount) {
    return TokenAmount.of(
        read("calculate the hub fee", hermes.calculateHermesFee(amount.toBigInteger())));
  }

  @Override
  public TxResult transferToken(PrivateKey from, Address to, TokenAmount amount) {
    return sender(from)
        .send(
            deployment.token(),
            token.transfer(to.toHex(), amount.toBigInteger()).encodeFunctionCall());
  }

  @Override
  public TxResult transferNative(PrivateKey from, Address to, TokenAmount amount) {
    return sender(from).send(to, "0x", amount.toBigInteger());
  }

  @Override
  public TxResult approveToken(PrivateKey owner, Address spender, TokenAmount amount) {
    return sender(owner)
        .send(
            deployment.token(),
            token.approve(spender.toHex(), amount.toBigInteger()).encodeFunctionCall());
  }

  @Override
  public TxResult registerIdentity(
      PrivateKey sender,
      TokenAmount stake,
      TokenAmount transactorFee,
      Address beneficiary,
      Signature registrationSignature) {
    return sender(sender)
        .send(
            deployment.registry(),
            registry
                .registerIdentity(
                    deployment.hermesId().toHex(),
                    stake.toBigInteger(),
                    transactorFee.toBigInteger(),
                    beneficiary.toHex(),
                    registrationSignature.toBytes())
                .encodeFunctionCall());
  }

  @Override
  public TxResult settleConsumerPromise(
      PrivateKey sender, Address channel, Promise promise, Bytes32 r) {
    return sender(sender)
        .send(
            channel,
            channel(channel)
                .settlePromise(
                    promise.amount().toBigInteger(),
                    promise.fee().toBigInteger(),
                    r.toBytes(),
                    promise.signature().toBytes())
                .encodeFunctionCall());
  }

  @Override
  public TxResult settleConsumerPromises(PrivateKey sender, List<ChannelSettlement> settlements) {
    List<String> channels = new ArrayList<>();
    List<BigInteger> amounts = new ArrayList<>();
    List<BigInteger> fees = new ArrayList<>();
    List<byte[]> locks = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (ChannelSettlement s : settlements) {
      channels.add(s.channel().toHex());
      amounts.add(s.promise().amount().toBigInteger());
      fees.add(s.promise().fee().toBigInteger());
      locks.add(s.r().toBytes());
      signatures.add(s.promise().signature().toBytes());
    }
    return toHub(sender, hermes.settleChannelPromises(channels, amounts, fees, locks, signatures));
  }

  @Override
  public TxResult settleProviderPromise(
      PrivateKey sender, Address identity, Promise promise, Bytes32 r) {
    return toHub(
        sender,
        hermes.settlePromise(
            identity.toHex(),
            promise.amount().toBigInteger(),
            promise.fee().toBigInteger(),
            r.toBytes(),
            promise.signature().toBytes()));
  }

  @Override
  public TxResult settleWithBeneficiary(
      PrivateKey sender,
      Address identity,
      Promise promise,
      Bytes32 r,
      Address newBeneficiary,
      Signature beneficiarySignature) {
    return toHub(
        sender,
        hermes.settleWithBeneficiary(
            identity.toHex(),
            promise.amount().toBigInteger(),
            promise.fee().toBigInteger(),
            r.toBytes(),
            promise.signature().toBytes(),
            newBeneficiary.toHex(),
            beneficiarySignature.toBytes()));
  }

  @Override
  public TxResult settleIntoStake(PrivateKey sender, Address identity, Promise promise, Bytes32 r) {
    return toHub(
        sender,
        hermes.settleIntoStake(
            identity.toHex(),
            promise.amount().toBigInteger(),
            promise.fee().toBigInteger(),
            r.toBytes(),
            promise.signature().toBytes()));
  }

  @Override
  public TxResult payAndSettle(
      PrivateKey sender,
      Address identity,
      Promise promise,
      Bytes32 r,
      Address beneficiary,
      Signature beneficiarySignature) {
    return toHub(
        sender,
        hermes.payAndSettle(
            identity.toHex(),
            promise.amount().toBigInteger(),
            promise.fee().toBigInteger(),
            r.toBytes(),
            promise.signature().toBytes(),
            beneficiary.toHex(),
            beneficiarySignature.toBytes()));
  }

  @Override
  public TxResult decreaseStake(
      PrivateKey sender,
      Address identity,
      TokenAmount amount,
      TokenAmount transactorFee,
      Signature signature) {
    return toHub(
        sender,
        hermes.decreaseStake(
            identity.toHex(),
            amount.toBigInteger(),
            transactorFee.toBigInteger(),
            signature.toBytes()));
  }

  @Override
  public TxResult requestExit(
      PrivateKey sender,
      Address channel,
      Address beneficiary,
      long validUntil,
      Signature signature) {
    return sender(sender)
        .send(
            channel,
            channel(channel)
                .requestExit(
                    beneficiary.toHex(), BigInteger.valueOf(validUntil), signature.toBytes())
                .encodeFunctionCall());
  }

  @Override
  public TxResult finalizeExit(PrivateKey sender, Address channel) {
    return sender(sender).send(channel, channel(channel).finalizeExit().encodeFunctionCall());
  }

  /** The provider channel id of an identity at this deployment's hub. */
  public Bytes32 providerChannelId(Address identity) {
    return ChannelIds.providerChannelId(identity, deployment.hermesId());
  }

  private TxResult toHub(PrivateKey sender, RemoteFunctionCall<?> call) {
    return sender(sender).send(deployment.hermesId(), call.encodeFunctionCall());
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
