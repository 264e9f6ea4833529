package network.hermes.promise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import network.hermes.promise.crypto.NativeSecp256k1;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/examples holds exactly what {@link Examples} builds, and docs/promise-lib.md shows exactly
 * what the CLI prints for each file. Regenerate with {@code -Dhermes.examples.write=true}.
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "docs", "examples");
  static final Path DOC = Path.of("..", "docs", "promise-lib.md");
  static final Map<String, Integer> EXIT_CODES =
      Map.of(
          "consumer-promise.json", 0,
          "provider-promise.json", 0,
          "exchange-message.json", 0,
          "exchange-message-tampered.json", 1,
          "malformed-promise.json", 2);

  @Test
  void samplesAreCurrentAndDocumented() throws Exception {
    boolean write = Boolean.getBoolean("hermes.examples.write");
    String doc = Files.exists(DOC) ? Files.readString(DOC) : "";
    StringBuilder outputs = new StringBuilder();
    for (Map.Entry<String, String> file : Examples.files().entrySet()) {
      Path path = EXAMPLES.resolve(file.getKey());
      if (write) {
        Files.createDirectories(EXAMPLES);
        Files.writeString(path, file.getValue());
      }
      assertThat(path).as("run with -Dhermes.examples.write=true").exists();
      assertThat(Files.readString(path)).as(file.getKey()).isEqualTo(file.getValue());

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          new CommandLine(
                  new VerifyCommand(new ByteArrayInputStream(new byte[0]), new NativeSecp256k1()))
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err))
              .execute(path.toString());
      assertThat(code).as(file.getKey()).isEqualTo(EXIT_CODES.get(file.getKey()));
      String shown = code == 2 ? err.toString().replace(path.toString(), "FILE") : out.toString();
      outputs.append(file.getKey()).append(" -> exit ").append(code).append('\n').append(shown);
      if (!write) {
        assertThat(doc)
            .as("docs/promise-lib.md shows the output of " + file.getKey())
            .contains(shown.strip());
      }
    }
    if (write) {
      Files.writeString(
          Path.of("target", "example-outputs.txt"), outputs.toString(), StandardCharsets.UTF_8);
    }
  }
}
