package network.hermes.bench.crypto;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.verify.ChequeVerifier;
import network.hermes.promise.verify.Expectations;
import network.hermes.promise.verify.Verification;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * secp256k1 operations on the hub's hot path, native libsecp256k1 against pure Java. Single thread,
 * so ops/s is per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBenchmark {
  @Param({"native", "java"})
  public String backend;

  private Secp256k1 secp;
  private PrivateKey key;
  private Signer prepared;
  private Address signer;
  private Bytes32 digest;
  private Signature signature;
  private ChequeVerifier verifier;
  private ExchangeMessage message;
  private Expectations expect;

  /** Builds a consumer promise and exchange message like those the hub receives. */
  @Setup(Level.Trial)
  public void setUp() {
    secp = Secp256k1s.choose(backend);
    key = PrivateKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    prepared = secp.signer(key);
    KeySigner consumer = new KeySigner(key, secp);
    signer = consumer.address();
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                ChainId.POLYGON,
                Address.fromHex("0x3881e5d24ce696b1153321736044e6eab8f01090"),
                TokenAmount.of(1_401_000_000_000_000L),
                TokenAmount.ZERO,
                Bytes32.fromHex("b569321de72d0af89c2fb48a484de3fc9343f31600ae1f3e13d633cb48cbf816"))
            .sign(consumer);
    digest = promise.hash();
    signature = promise.signature();
    message =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(BigInteger.TWO.pow(255).add(BigInteger.valueOf(12345)))
            .agreementTotal(TokenAmount.of(1_401_000_000_000_000L))
            .provider(Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"))
            .hermesId(Address.fromHex("0x80ed28d84792d8b153bf2f25f0c4b7a1381de4ab"))
            .sign(consumer);
    verifier = new ChequeVerifier(secp);
    expect = new Expectations(signer, ChainId.POLYGON);
    if (!verifier.verify(message, expect).valid()) {
      throw new IllegalStateException("benchmark fixture does not verify");
    }
  }

  /**
   * Signs a promise digest with a key given for the call ({@code Secp256k1.sign(digest, key)}):
   * includes deriving the public key and finding the recovery id.
   */
  @Benchmark
  public Signature sign() {
    return secp.sign(digest, key);
  }

  /**
   * Signs a promise digest through a prepared signer ({@code Secp256k1.signer(key)}, what {@code
   * KeySigner} does): the public key is kept, finding the recovery id takes one recovery.
   */
  @Benchmark
  public Signature signPrepared() {
    return prepared.sign(digest);
  }

  /** Recovers the signer address from a digest and signature. */
  @Benchmark
  public Address recover() {
    return secp.recover(digest, signature);
  }

  /** Recovers and compares with the expected signer. */
  @Benchmark
  public boolean verify() {
    return secp.verify(digest, signature, signer);
  }

  /**
   * What the hub does first with every request: hash both preimages, recover the exchange message
   * signer and the promise signer, compare them.
   */
  @Benchmark
  public Verification verifyExchangeMessage() {
    return verifier.verify(message, expect);
  }
}
