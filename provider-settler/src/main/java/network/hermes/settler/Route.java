package network.hermes.settler;

/** Who sends a settlement transaction. */
public enum Route {
  /** A key of the user's pays the gas in native coin; the promise carries no transactor fee. */
  DIRECT,
  /** The hub's relay sends it and is paid in MYST through the promise's transactor fee. */
  RELAY
}
