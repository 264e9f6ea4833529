package network.hermes.contracts.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.hermes.promise.crypto.PrivateKey;

/**
 * A local EVM chain: the anvil binary from the project's npm packages, started as this process's
 * own child on a free loopback port, stopped by {@link #close()} (or when the JVM exits). Its
 * accounts are anvil's well-known development keys; never use them elsewhere.
 */
public final class Devnet implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int OUTPUT_LINES_KEPT = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String rpcUrl;
  private final long chainId;
  private final List<PrivateKey> devKeys;
  private final Thread shutdownHook;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong rpcIds = new AtomicLong();

  private Devnet(Process process, String rpcUrl, long chainId, List<PrivateKey> devKeys) {
    this.process = process;
    this.rpcUrl = rpcUrl;
    this.chainId = chainId;
    this.devKeys = List.copyOf(devKeys);
    this.shutdownHook = new Thread(process::destroyForcibly, "devnet-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts anvil with chain id 31337 and ten funded development accounts. */
  public static Devnet start() throws IOException {
    return start(31337, 10);
  }

  /**
   * Starts anvil on a free loopback port.
   *
   * @throws IOException when anvil cannot be found or does not start in time
   */
  public static Devnet start(long chainId, int accounts) throws IOException {
    Path anvil = AnvilLocator.find();
    Path configOut = Files.createTempFile("hermes-anvil-", ".json");
    List<String> command =
        List.of(
            anvil.toString(),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--chain-id",
            Long.toString(chainId),
            "--accounts",
            Integer.toString(accounts),
            "--balance",
            "1000000",
            "--config-out",
            configOut.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> listening = new CompletableFuture<>();
    Deque<String> recentOutput = new ArrayDeque<>();
    Thread reader = new Thread(() -> drain(process, listening, recentOutput), "devnet-output");
    reader.setDaemon(true);
    reader.start();
    try {
      String endpoint = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<PrivateKey> keys = readKeys(configOut);
      return new Devnet(process, "http://" + endpoint, chainId, keys);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting anvil", e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      process.destroyForcibly();
      String output;
      synchronized (recentOutput) {
        output = String.join("\n", recentOutput);
      }
      throw new IOException("anvil did not start: " + e.getMessage() + "\n" + output, e);
    } finally {
      Files.deleteIfExists(configOut);
    }
  }

  private static void drain(
      Process process, CompletableFuture<String> listening, Deque<String> recentOutput) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        synchronized (recentOutput) {
          recentOutput.addLast(line);
          if (recentOutput.size() > OUTPUT_LINES_KEPT) {
            recentOutput.removeFirst();
          }
        }
        Matcher m = LISTENING.matcher(line);
        if (!listening.isDone() && m.find()) {
          listening.complete(m.group(1) + ":" + m.group(2));
        }
      }
      listening.completeExceptionally(
          new IOException("anvil exited with status " + process.waitFor()));
    } catch (IOException | InterruptedException e) {
      listening.completeExceptionally(e);
    }
  }

  private static List<PrivateKey> readKeys(Path configOut) throws IOException {
    JsonNode config = JSON.readTree(configOut.toFile());
    List<PrivateKey> keys = new ArrayList<>();
    for (JsonNode key : config.path("private_keys")) {
      keys.add(PrivateKey.fromHex(key.asText()));
    }
    if (keys.isEmpty()) {
      throw new IOException("anvil reported no development keys");
    }
    return keys;
  }

  /** The JSON-RPC endpoint, e.g. {@code http://127.0.0.1:45987}. */
  public String rpcUrl() {
    return rpcUrl;
  }

  public long chainId() {
    return chainId;
  }

  /** The funded development keys, in anvil's order; key 0 is the usual deployer. */
  public List<PrivateKey> devKeys() {
    return devKeys;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Calls a JSON-RPC method of the devnet, including anvil's own ({@code evm_snapshot}, {@code
   * evm_mine}, {@code anvil_setCode}, ...): how tests move the chain's clock or shape its blocks.
   *
   * @return the result (JSON null for methods without one)
   * @throws IllegalStateException when the node answers an error or cannot be reached
   */
  public JsonNode rpc(String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", rpcIds.incrementAndGet());
    request.put("method", method);
    request.set("params", JSON.valueToTree(params));
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(rpcUrl))
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      JsonNode answer = JSON.readTree(response.body());
      if (answer.hasNonNull("error")) {
        throw new IllegalStateException(method + ": " + answer.get("error").path("message"));
      }
      return answer.path("result");
    } catch (IOException e) {
      throw new IllegalStateException(method + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + ": interrupted", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway
    }
  }
}
