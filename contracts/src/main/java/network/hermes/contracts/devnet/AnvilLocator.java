package network.hermes.contracts.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the anvil binary installed by the project's npm packages. */
final class AnvilLocator {
  static final String OVERRIDE_ENV = "HERMES_ANVIL";

  private AnvilLocator() {}

  /**
   * The anvil named by {@code HERMES_ANVIL}, else {@code node_modules/.bin/anvil} in the working
   * directory or the nearest parent that has one.
   */
  static Path find() throws IOException {
    String override = System.getenv(OVERRIDE_ENV);
    if (override != null && !override.isBlank()) {
      Path path = Path.of(override);
      if (!Files.isExecutable(path)) {
        throw new IOException(OVERRIDE_ENV + " points at " + path + ", which is not executable");
      }
      return path;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("node_modules/.bin/anvil");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IOException(
        "anvil not found: run `npm install` in the repository root (./hermes does it) or set "
            + OVERRIDE_ENV);
  }
}
