package network.hermes.chaintests.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import network.hermes.contracts.chain.ChainException;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Hex;

/**
 * The two token reads the chain port has no method for, as plain {@code eth_call}s: the total
 * supply, and balances at a block where the token may not exist yet (before the deployment).
 */
final class JsonRpc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOTAL_SUPPLY = "0x18160ddd";
  private static final String BALANCE_OF = "0x70a08231";

  private final URI endpoint;
  private final HttpClient http;
  private final Duration timeout;

  JsonRpc(String url, Duration timeout) {
    this.endpoint = URI.create(url);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The token's total supply at a block; empty when the token had no code there. */
  Optional<BigInteger> totalSupply(Address token, long block) {
    return uintCall(token, TOTAL_SUPPLY, block);
  }

  /** A holder's token balance at a block; empty when the token had no code there. */
  Optional<BigInteger> balanceOf(Address token, Address holder, long block) {
    return uintCall(
        token, BALANCE_OF + "000000000000000000000000" + holder.toHex().substring(2), block);
  }

  private Optional<BigInteger> uintCall(Address to, String data, long block) {
    ObjectNode call = JSON.createObjectNode();
    call.put("to", to.toHex());
    call.put("data", data);
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", 1);
    request.put("method", "eth_call");
    request.putArray("params").add(call).add("0x" + Long.toHexString(block));
    JsonNode answer;
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(timeout)
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ChainException("cannot reach " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("interrupted while calling " + endpoint, e);
    }
    if (answer.hasNonNull("error")) {
      throw new ChainException(
          "eth_call at block "
              + block
              + " failed: "
              + answer.get("error").path("message").asText());
    }
    String result = answer.path("result").asText("");
    if (result.equals("0x") || result.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BigInteger(1, Hex.decode(result)));
  }
}
