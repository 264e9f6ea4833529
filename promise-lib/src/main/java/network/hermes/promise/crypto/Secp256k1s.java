package network.hermes.promise.crypto;

import java.util.Locale;

/**
 * Chooses the secp256k1 implementation: native libsecp256k1 when it loads, pure Java otherwise. The
 * system property {@value #PROPERTY} forces one ({@code native} or {@code java}).
 */
public final class Secp256k1s {
  /** The system property that forces an implementation: {@code native} or {@code java}. */
  public static final String PROPERTY = "hermes.secp256k1";

  private static volatile Secp256k1 defaultInstance;

  private Secp256k1s() {}

  /**
   * The process-wide default implementation, chosen once on first use.
   *
   * @return the native implementation if it loads (or is forced), else the pure-Java one
   * @throws IllegalStateException if the property forces {@code native} and it cannot load, or the
   *     property has an unknown value
   */
  public static Secp256k1 getDefault() {
    Secp256k1 chosen = defaultInstance;
    if (chosen == null) {
      synchronized (Secp256k1s.class) {
        chosen = defaultInstance;
        if (chosen == null) {
          chosen = choose(System.getProperty(PROPERTY));
          defaultInstance = chosen;
        }
      }
    }
    return chosen;
  }

  /**
   * Chooses an implementation for a property value, without caching.
   *
   * @param choice {@code "native"}, {@code "java"}, or null/empty for automatic choice
   * @return the implementation
   * @throws IllegalStateException if {@code native} is forced and cannot load, or the value is
   *     unknown
   */
  public static Secp256k1 choose(String choice) {
    String value = choice == null ? "" : choice.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "native":
        try {
          return new NativeSecp256k1();
        } catch (UnsupportedOperationException e) {
          throw new IllegalStateException(
              PROPERTY + "=native but the native library does not load: " + e.getMessage(), e);
        }
      case "java":
        return new PureJavaSecp256k1();
      case "":
        try {
          return new NativeSecp256k1();
        } catch (UnsupportedOperationException e) {
          return new PureJavaSecp256k1();
        }
      default:
        throw new IllegalStateException(
            PROPERTY + " must be 'native' or 'java', got '" + choice + "'");
    }
  }
}
