package network.hermes.hub.core;

import java.util.Objects;

/** The outcome of a pure decision: accept with a value (next states), or reject with a reason. */
public sealed interface Decision<T> {

  static <T> Decision<T> accept(T value) {
    return new Accept<>(value);
  }

  static <T> Decision<T> reject(Rejection reason, String message) {
    return new Reject<>(reason, message, null);
  }

  static <T> Decision<T> reject(Rejection reason, String message, String data) {
    return new Reject<>(reason, message, data);
  }

  record Accept<T>(T value) implements Decision<T> {
    public Accept {
      Objects.requireNonNull(value);
    }
  }

  record Reject<T>(Rejection reason, String message, String data) implements Decision<T> {
    public Reject {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(message);
    }

    @SuppressWarnings("unchecked")
    public <U> Reject<U> cast() {
      return (Reject<U>) this;
    }
  }
}
