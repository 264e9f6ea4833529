package network.hermes.promise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.verify.ChequeVerifier;
import network.hermes.promise.verify.Expectations;
import network.hermes.promise.verify.Verification;
import network.hermes.promise.wire.MalformedWireException;
import network.hermes.promise.wire.WireJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hermes verify [--expect-signer ADDRESS] [--chain-id N] FILE}: checks a promise or an
 * exchange message given as wire JSON and prints one JSON object describing it.
 *
 * <p>Exit codes: 0 valid (and matching the expectations), 1 a signature does not verify or the
 * signer or chain differs, 2 the input is malformed or unreadable (a one-line reason on standard
 * error, nothing on standard output).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    version = "hermes verify 0.1.0",
    description = {
      "Verifies a promise or an exchange message given as wire JSON and prints one JSON object.",
      "Exit codes: 0 valid, 1 signature invalid or signer/chain differs, 2 malformed input."
    })
public final class VerifyCommand implements Callable<Integer> {
  /** Exit code of a valid cheque. */
  public static final int VALID = 0;

  /** Exit code of a cheque that does not verify or does not match the expectations. */
  public static final int INVALID = 1;

  /** Exit code of malformed or unreadable input. */
  public static final int MALFORMED = 2;

  private static final ObjectMapper OUTPUT = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Option(
      names = "--expect-signer",
      paramLabel = "ADDRESS",
      description =
          "fail (exit 1) unless this address signed (the exchange message, or the promise)")
  private String expectSigner;

  @Option(
      names = "--chain-id",
      paramLabel = "N",
      description = "fail (exit 1) unless the chain id is N")
  private String chainId;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "the JSON file, or - for standard input")
  private String file;

  private final InputStream stdin;
  private final Secp256k1 secp256k1;

  /** Creates the command reading standard input and using the default secp256k1. */
  public VerifyCommand() {
    this(System.in, null);
  }

  /**
   * Creates the command with its collaborators, for embedding and tests.
   *
   * @param stdin what {@code -} reads
   * @param secp256k1 the implementation to use, or null for {@link Secp256k1s#getDefault()}
   */
  public VerifyCommand(InputStream stdin, Secp256k1 secp256k1) {
    this.stdin = stdin;
    this.secp256k1 = secp256k1;
  }

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new VerifyCommand()).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Expectations expect;
    JsonNode tree;
    try {
      expect = expectations();
      tree = WireJson.parse(read());
    } catch (InputException | MalformedWireException e) {
      return malformed(err, e.getMessage());
    }
    ExchangeMessage message = null;
    Promise promise = null;
    try {
      if (!tree.isObject()) {
        return malformed(err, "(root): expected a JSON object");
      } else if (tree.has("Promise")) {
        message = WireJson.readExchangeMessage(tree, "");
      } else if (tree.has("ChannelID") || tree.has("Signature")) {
        promise = WireJson.readPromise(tree, "");
      } else {
        return malformed(
            err,
            "(root): neither a promise (ChannelID, ...) nor an exchange message (Promise, ...)");
      }
    } catch (MalformedWireException e) {
      return malformed(err, e.getMessage());
    }
    // the crypto backend loads only for well-formed input
    ChequeVerifier verifier;
    try {
      verifier = new ChequeVerifier(secp256k1 != null ? secp256k1 : Secp256k1s.getDefault());
    } catch (IllegalStateException e) {
      // a -Dhermes.secp256k1 value that cannot be honoured: a usage error, like a bad option
      return malformed(err, e.getMessage());
    }
    Verification verification;
    ObjectNode report;
    if (message != null) {
      verification = verifier.verify(message, expect);
      report = report(verification, message.promise());
      report.put("agreementId", message.agreementId().toString());
      report.put("agreementTotal", message.agreementTotal().toString());
      report.put("provider", message.provider().toHex());
      report.put("hermesId", message.hermesId() == null ? null : message.hermesId().toHex());
      report.put("chainId", message.chainId().value());
      report.put("promiseChainId", message.promise().chainId().value());
      putAddress(report, "promiseSigner", verification.promiseSigner());
    } else {
      verification = verifier.verify(promise, expect);
      report = report(verification, promise);
    }
    ChainId chain = message != null ? message.chainId() : promise.chainId();
    if (chain.isZero() || (message != null && message.promise().chainId().isZero())) {
      String warning = "ChainID 0 names no real chain; the signature was judged as on any other";
      report.put("warning", warning);
      err.println("warning: " + warning);
      err.flush();
    }
    out.println(write(report));
    out.flush();
    return verification.valid() ? VALID : INVALID;
  }

  private static ObjectNode report(Verification verification, Promise promise) {
    ObjectNode node = OUTPUT.createObjectNode();
    node.put("kind", verification.kind().label());
    node.put("valid", verification.valid());
    if (!verification.valid()) {
      node.put("reason", verification.reason());
    }
    putAddress(node, "signer", verification.signer());
    node.put("chainId", promise.chainId().value());
    node.put("channelId", promise.channelId().toHex());
    node.put("amount", promise.amount().toString());
    node.put("fee", promise.fee().toString());
    node.put("hashlock", promise.hashlock().toHex());
    return node;
  }

  private static String write(ObjectNode report) {
    try {
      return OUTPUT.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putAddress(ObjectNode node, String key, Address address) {
    if (address == null) {
      node.putNull(key);
    } else {
      node.put(key, address.toHex());
    }
  }

  private Expectations expectations() {
    Address signer = null;
    ChainId chain = null;
    if (expectSigner != null) {
      try {
        signer = Address.fromHex(expectSigner);
      } catch (IllegalArgumentException e) {
        throw new InputException("--expect-signer: " + e.getMessage());
      }
    }
    if (chainId != null) {
      try {
        chain = ChainId.of(Long.parseLong(chainId.trim()));
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "--chain-id: expected a non-negative integer, got '" + chainId + "'");
      }
    }
    return new Expectations(signer, chain);
  }

  private byte[] read() {
    try {
      if ("-".equals(file)) {
        return stdin.readAllBytes();
      }
      return Files.readAllBytes(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new InputException(
          "cannot read " + ("-".equals(file) ? "standard input" : file) + ": " + describe(e));
    }
  }

  private static String describe(Exception e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "no such file"
        : String.valueOf(e.getMessage());
  }

  private static int malformed(PrintWriter err, String reason) {
    err.println("hermes verify: " + reason.replace('\n', ' '));
    err.flush();
    return MALFORMED;
  }

  /** Input the command cannot use; reported as exit code 2. */
  private static final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
      super(message);
    }
  }
}
