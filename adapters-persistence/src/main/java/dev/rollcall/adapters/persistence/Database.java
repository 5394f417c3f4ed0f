package dev.rollcall.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * One connection pool, one {@link DSLContext} and the schema migrations for the configured
 * database. SQLite gets WAL, a busy timeout and one writer at a time; PostgreSQL needs nothing
 * special. Thread-safe; close it once at shutdown.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final SQLDialect dialect;
  private final Optional<SqliteWriter> sqliteWriter;

  private Database(HikariDataSource dataSource, SQLDialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.dsl = DSL.using(dataSource, dialect);
    // SQLite allows one writer; taking turns here avoids SQLITE_BUSY under load, and lets
    // concurrent writes share one commit.
    this.sqliteWriter =
        dialect == SQLDialect.SQLITE ? Optional.of(new SqliteWriter(dsl)) : Optional.empty();
  }

  /** Opens the pool and brings the schema up to date. Fails fast with a message that says why. */
  public static Database open(DatabaseSettings settings) {
    return open(settings, Optional.empty());
  }

  /** As {@link #open(DatabaseSettings)}, publishing the pool's figures ({@code hikaricp_*}). */
  public static Database open(DatabaseSettings settings, MeterRegistry metrics) {
    return open(settings, Optional.of(metrics));
  }

  private static Database open(DatabaseSettings settings, Optional<MeterRegistry> metrics) {
    SQLDialect dialect = JDBCUtils.dialect(settings.jdbcUrl());
    if (dialect.family() != SQLDialect.SQLITE && dialect.family() != SQLDialect.POSTGRES) {
      throw new IllegalArgumentException(
          "unsupported database " + dialect + "; use SQLite or PostgreSQL");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setPoolName("rollcall");
    config.setConnectionTimeout(2_000); // a store outage answers 503 quickly instead of hanging
    config.setValidationTimeout(1_000);
    config.setInitializationFailTimeout(10_000);
    if (dialect.family() == SQLDialect.SQLITE) {
      config.setMaximumPoolSize(Math.min(settings.maxPoolSize(), 4));
      // sqlite-jdbc reads pragmas from the connection properties (it would run only the first
      // statement of a multi-statement init SQL).
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("busy_timeout", "5000");
      config.addDataSourceProperty("foreign_keys", "true");
      // FULL: a commit survives a power loss too, not only a killed process. NORMAL could lose
      // the last token minted after its response went out, which the runtime cannot repair
      // without an operator (its token would be unknown, the older one claimed). See ADR 4.
      config.addDataSourceProperty("synchronous", "FULL");
    } else {
      config.setMaximumPoolSize(settings.maxPoolSize());
      if (settings.user() != null) {
        config.setUsername(settings.user());
      }
      if (settings.password() != null) {
        config.setPassword(settings.password());
      }
    }
    metrics.ifPresent(config::setMetricRegistry);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      String vendor = dialect.family() == SQLDialect.SQLITE ? "sqlite" : "postgresql";
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
          .load()
          .migrate();
      return new Database(dataSource, dialect.family());
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  public DSLContext dsl() {
    return dsl;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  /** On SQLite, the one writer every write goes through; PostgreSQL needs none. */
  Optional<SqliteWriter> sqliteWriter() {
    return sqliteWriter;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
