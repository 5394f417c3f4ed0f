package dev.rollcall.adapters.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the registry keeps its data: a JDBC URL (SQLite or PostgreSQL) and, for PostgreSQL, the
 * credentials. Immutable; validated on construction.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database must be a file path, a jdbc:sqlite: URL or a jdbc:postgresql: URL; got "
              + jdbcUrl);
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1");
    }
  }

  /** A path is an SQLite file; anything starting with {@code jdbc:} is taken as a URL. */
  public static DatabaseSettings fromOption(String pathOrUrl, String user, String password) {
    String url =
        pathOrUrl.startsWith("jdbc:")
            ? pathOrUrl
            : "jdbc:sqlite:" + Path.of(pathOrUrl).toAbsolutePath();
    return new DatabaseSettings(url, user, password, 10);
  }

  public boolean isSqlite() {
    return jdbcUrl.startsWith("jdbc:sqlite:");
  }
}
