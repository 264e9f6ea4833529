package network.hermes.hub.api;

/**
 * POST request_promise: a consumer's exchange message in, the hub's promise to the provider out.
 */
final class RequestPromiseHandler extends PromiseEndpoint {
  RequestPromiseHandler(ApiContext api) {
    super(api, "request_promise", false);
  }
}
