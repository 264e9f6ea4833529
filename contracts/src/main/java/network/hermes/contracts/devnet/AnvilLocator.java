package network.hermes.contracts.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Finds the anvil binary installed by the project's npm packages. It is the binary itself, from the
 * per-platform package npm installed ({@code @foundry-rs/anvil-linux-amd64} and its siblings),
 * never {@code node_modules/.bin/anvil}: that is a node script that starts the binary as its own
 * child, so stopping the script would leave anvil running.
 */
final class AnvilLocator {
  static final String OVERRIDE_ENV = "HERMES_ANVIL";

  private AnvilLocator() {}

  /**
   * The anvil named by {@code HERMES_ANVIL}, else the platform's binary in {@code node_modules} of
   * the working directory or the nearest parent that has one.
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
    String relative = platformBinary(System.getProperty("os.name"), System.getProperty("os.arch"));
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("node_modules").resolve(relative);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IOException(
        "anvil not found: no node_modules/"
            + relative
            + " here or above; run `npm ci` in the repository root (./hermes does it) or set "
            + OVERRIDE_ENV);
  }

  /**
   * Where npm puts the anvil binary of a platform, below {@code node_modules}: {@code
   * @foundry-rs/anvil-<linux|darwin|win32>-<amd64|arm64>/bin/anvil[.exe]}.
   *
   * @throws IOException when the project's npm packages have no anvil for the platform
   */
  static String platformBinary(String osName, String osArch) throws IOException {
    String os = osName.toLowerCase(Locale.ROOT);
    String platform =
        os.startsWith("linux")
            ? "linux"
            : os.startsWith("mac") || os.startsWith("darwin")
                ? "darwin"
                : os.startsWith("windows") ? "win32" : null;
    String arch =
        switch (osArch.toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> null;
        };
    if (platform == null || arch == null || (platform.equals("win32") && arch.equals("arm64"))) {
      throw new IOException(
          "no anvil package for " + osName + " " + osArch + "; set " + OVERRIDE_ENV);
    }
    String binary = platform.equals("win32") ? "anvil.exe" : "anvil";
    return "@foundry-rs/anvil-" + platform + "-" + arch + "/bin/" + binary;
  }
}
