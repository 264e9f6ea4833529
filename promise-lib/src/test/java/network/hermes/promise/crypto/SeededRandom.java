package network.hermes.promise.crypto;

import java.security.SecureRandom;
import java.util.Random;

/** A SecureRandom facade over a seeded java.util.Random, so that a test is reproducible. */
final class SeededRandom {
  private SeededRandom() {}

  static SecureRandom of(long seed) {
    Random random = new Random(seed);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
      }
    };
  }
}
