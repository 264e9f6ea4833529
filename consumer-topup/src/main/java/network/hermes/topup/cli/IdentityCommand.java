package network.hermes.topup.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import network.hermes.contracts.keys.Keystore;
import network.hermes.contracts.keys.KeystoreException;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Address;
import network.hermes.tools.Console;
import network.hermes.tools.ExitCode;
import network.hermes.tools.Keys;
import network.hermes.tools.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code topup identity}: the identities' V3 keystores in the keystore folder. */
@Command(
    name = "identity",
    description =
        "Creates, lists, exports and imports identities (V3 keystores in the keystore folder).",
    subcommands = {
      IdentityCommand.New.class,
      IdentityCommand.ListIdentities.class,
      IdentityCommand.Export.class,
      IdentityCommand.Import.class
    })
final class IdentityCommand implements Callable<Integer> {
  @ParentCommand TopUpCommand parent;

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code();
  }

  /** A subcommand of {@code identity}. */
  abstract static class Sub extends TopUpSubcommand {
    @ParentCommand IdentityCommand identity;

    @Override
    TopUpCommand root() {
      return identity.parent;
    }

    static Path keystoreDir(TopUpSession s) {
      return Keys.keystoreDir(s.config);
    }

    static ObjectNode described(Address address, Path file) {
      ObjectNode n = Console.object();
      n.put("address", address.toChecksumHex());
      n.put("keystore", file.toString());
      return n;
    }
  }

  @Command(
      name = "new",
      description = {
        "Creates an identity: a new key in a V3 keystore <address>.json in the keystore folder.",
        "The password comes from --password-file or HERMES_IDENTITY_PASSWORD."
      })
  static final class New extends Sub {
    @Option(
        names = "--light",
        description = "light scrypt parameters: fast to open, for development and tests only")
    boolean light;

    @Override
    int work(TopUpSession s) throws IOException {
      Path dir = keystoreDir(s);
      PrivateKey key = PrivateKey.random(new SecureRandom());
      Address address = TopUpSession.SECP.addressOf(key);
      Path file = dir.resolve(address.toHex() + ".json");
      String password = Keys.password(s.config, "identity", file, root().env);
      Keystore.write(
          file, key, password, light ? Keystore.Strength.LIGHT : Keystore.Strength.STANDARD);
      s.console.result(
          described(address, file),
          "created identity " + address.toChecksumHex() + "\n  keystore " + file);
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the identities in the keystore folder.")
  static final class ListIdentities extends Sub {
    @Override
    int work(TopUpSession s) throws IOException {
      Path dir = keystoreDir(s);
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir, "*.json")) {
          in.forEach(files::add);
        }
      }
      files.sort(null);
      ObjectNode doc = Console.object();
      ArrayNode list = doc.putArray("identities");
      StringBuilder text = new StringBuilder();
      for (Path f : files) {
        try {
          Address a = Keystore.address(f);
          list.add(described(a, f));
          text.append(a.toChecksumHex()).append("  ").append(f).append('\n');
        } catch (KeystoreException notAKeystore) {
          s.console.progress("skipping " + f + ": " + notAKeystore.getMessage());
        }
      }
      if (files.isEmpty()) {
        text.append("no identities in ").append(dir).append('\n');
      }
      s.console.result(doc, text.toString());
      return 0;
    }
  }

  @Command(
      name = "export",
      description = {
        "Prints the identity's V3 keystore (still encrypted) for a wallet or another machine.",
        "With --out the keystore is written to that file instead."
      })
  static final class Export extends Sub {
    @Option(names = "--out", description = "write the keystore to this file (must not exist)")
    Path out;

    @Override
    int work(TopUpSession s) throws IOException {
      Path file = Keys.keystoreFile(s.config, "identity", "--identity ADDRESS or --keystore FILE");
      String json = Files.readString(file, StandardCharsets.UTF_8);
      if (out == null) {
        s.console.raw(json.endsWith("\n") ? json : json + "\n");
        return 0;
      }
      if (Files.exists(out)) {
        throw ToolException.usage(out + " exists already");
      }
      Files.writeString(out, json, StandardCharsets.UTF_8);
      s.console.result(described(s.identityAddress().address(), out), "exported to " + out);
      return 0;
    }
  }

  @Command(
      name = "import",
      description = {
        "Imports an identity into the keystore folder: a V3 keystore FILE (its password, from",
        "--password-file or HERMES_IDENTITY_PASSWORD, must open it), or with --private-key-file a",
        "file holding a hex private key, encrypted into a new keystore with that password."
      })
  static final class Import extends Sub {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "a V3 keystore file")
    Path keystore;

    @Option(names = "--private-key-file", description = "a file holding the key as 64 hex digits")
    Path privateKeyFile;

    @Option(names = "--light", description = "light scrypt parameters (development and tests only)")
    boolean light;

    @Override
    int work(TopUpSession s) throws IOException {
      if ((keystore == null) == (privateKeyFile == null)) {
        throw ToolException.usage("give either a keystore FILE or --private-key-file");
      }
      Path dir = keystoreDir(s);
      PrivateKey key;
      Path source = keystore != null ? keystore : privateKeyFile;
      String password = Keys.password(s.config, "identity", source, root().env);
      if (keystore != null) {
        try {
          key = Keystore.decrypt(keystore, password);
        } catch (KeystoreException e) {
          throw new ToolException(
              e.reason() == KeystoreException.Reason.WRONG_PASSWORD ? ExitCode.KEY : ExitCode.USAGE,
              e.getMessage(),
              e);
        }
      } else {
        try {
          key =
              PrivateKey.fromHex(Files.readString(privateKeyFile, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
          throw ToolException.usage(privateKeyFile + " does not exist");
        } catch (IllegalArgumentException e) {
          throw ToolException.usage(
              privateKeyFile + " does not hold a private key: " + e.getMessage());
        }
      }
      Address address = TopUpSession.SECP.addressOf(key);
      Path file = dir.resolve(address.toHex() + ".json");
      if (Files.exists(file)) {
        throw ToolException.refused(
            "identity " + address.toChecksumHex() + " is in " + dir + " already");
      }
      if (keystore != null) {
        Files.createDirectories(dir);
        Files.copy(keystore, file);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(
              file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
      } else {
        Keystore.write(
            file, key, password, light ? Keystore.Strength.LIGHT : Keystore.Strength.STANDARD);
      }
      s.console.result(
          described(address, file),
          "imported identity " + address.toChecksumHex() + "\n  keystore " + file);
      return 0;
    }
  }
}
