package network.hermes.settler.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Writes that survive a crash or {@code kill -9}: a file is replaced by writing a sibling, forcing
 * it to disk, renaming it over the original and forcing the folder; a log line is appended and
 * forced before the call returns. Files are readable by their owner only where the file system
 * supports POSIX permissions.
 */
public final class DurableFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private DurableFiles() {}

  /**
   * Replaces {@code file} with {@code content} atomically: a reader sees the old or the new bytes,
   * never a mix, and the new bytes are on disk when the method returns.
   *
   * @param file the file to write
   * @param content its new content
   * @throws IOException when a write, flush or rename fails (the old content is then intact)
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    createDirectories(dir);
    Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ownerOnly(temp);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Appends one line to a log file and forces it to disk.
   *
   * @param file the log file, created when missing
   * @param line the line, without its newline
   * @throws IOException when the write or the flush fails
   */
  public static void appendLine(Path file, String line) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    createDirectories(dir);
    boolean created = !Files.exists(file);
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      if (created) {
        ownerOnly(file);
      }
      ByteBuffer buffer =
          ByteBuffer.wrap((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    if (created) {
      forceDirectory(dir);
    }
  }

  /**
   * Creates a folder and its missing parents, forcing each new entry to disk.
   *
   * @param dir the folder
   * @throws IOException when a folder cannot be created
   */
  public static void createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    createDirectories(absolute.getParent());
    try {
      Files.createDirectory(absolute);
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(absolute)) {
        throw raced;
      }
    }
    forceDirectory(absolute.getParent());
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // some platforms cannot open a folder for reading; the rename itself is then all we have
      if (Files.isDirectory(dir) && isWindows()) {
        return;
      }
      throw notSupported;
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
  }
}
