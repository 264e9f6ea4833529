package network.hermes.hub.api;

/**
 * POST pay_and_settle: a self-payment that yields a promise on the identity's withdrawal channel.
 */
final class PayAndSettleHandler extends PromiseEndpoint {
  PayAndSettleHandler(ApiContext api) {
    super(api, "pay_and_settle", true);
  }
}
