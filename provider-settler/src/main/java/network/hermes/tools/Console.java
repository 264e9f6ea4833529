package network.hermes.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * A tool's output: results on standard output (text, or one JSON document with {@code --json}),
 * progress and errors as single lines on standard error, prefixed with the tool's name.
 */
public final class Console {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String tool;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  /**
   * Creates the console.
   *
   * @param tool the prefix of progress and error lines
   * @param out standard output
   * @param err standard error
   * @param json whether results are JSON
   */
  public Console(String tool, PrintWriter out, PrintWriter err, boolean json) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.json = json;
  }

  /**
   * Whether results are JSON.
   *
   * @return true with {@code --json}
   */
  public boolean json() {
    return json;
  }

  /**
   * One line of progress on standard error.
   *
   * @param line what is happening
   */
  public void progress(String line) {
    err.println(tool + ": " + line);
    err.flush();
  }

  /**
   * A command's result: the JSON document, or the text.
   *
   * @param document the result as JSON
   * @param text the result for people (may span lines)
   */
  public void result(ObjectNode document, String text) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(document));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.print(text.endsWith("\n") ? text : text + "\n");
    }
    out.flush();
  }

  /**
   * Raw text on standard output (CSV, a keystore document).
   *
   * @param text the text
   */
  public void raw(String text) {
    out.print(text);
    out.flush();
  }

  /**
   * A new JSON object for a result.
   *
   * @return an empty object
   */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * The error line of a failed command.
   *
   * @param message the reason
   */
  public void error(String message) {
    err.println(tool + ": " + message.replace('\n', ' '));
    err.flush();
  }
}
