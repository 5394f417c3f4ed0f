package dev.rollcall.client.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The workspace token on disk: mode 0600, written atomically, read at start so a restarted runtime
 * keeps its token. Thread-safe (writes are whole-file renames).
 */
public final class TokenFile {
  private final Path path;

  public TokenFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  public Optional<String> read() {
    try {
      String token = Files.readString(path, StandardCharsets.UTF_8).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read token file " + path, e);
    }
  }

  public void write(String token) {
    try {
      AtomicFiles.write(path, token + "\n", true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write token file " + path, e);
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete token file " + path, e);
    }
  }
}
