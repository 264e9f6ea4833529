package network.hermes.bench.crypto;

import java.util.concurrent.TimeUnit;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.value.Bytes32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Keccak-256 of a 160-byte promise preimage. One implementation (BouncyCastle) serves both
 * secp256k1 backends, so it has no backend parameter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeccakBenchmark {
  private byte[] preimage;

  /** A 160-byte preimage with varied content. */
  @Setup
  public void setUp() {
    preimage = new byte[160];
    for (int i = 0; i < preimage.length; i++) {
      preimage[i] = (byte) (i * 31 + 7);
    }
  }

  /** Hashes the preimage. */
  @Benchmark
  public Bytes32 keccak160() {
    return Keccak.hash(preimage);
  }
}
