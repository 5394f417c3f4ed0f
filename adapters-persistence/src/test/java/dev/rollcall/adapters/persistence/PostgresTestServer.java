package dev.rollcall.adapters.persistence;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests run against: {@code ROLLCALL_TEST_PG_URL}, by default
 * 127.0.0.1:5432/test as user postgres. Under CI ({@code CI=true}) a missing server is an error,
 * not a skip.
 */
public final class PostgresTestServer {
  public static final String URL =
      System.getenv().getOrDefault("ROLLCALL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER =
      System.getenv().getOrDefault("ROLLCALL_TEST_PG_USER", "postgres");

  private static final AtomicBoolean SAID = new AtomicBoolean();

  private PostgresTestServer() {}

  public static void assumeAvailable() {
    try (Connection c = DriverManager.getConnection(URL, USER, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String why =
          "PostgreSQL tests need a server at " + URL + " (user " + USER + "): " + e.getMessage();
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why + " — in CI this is a failure, not a skip", e);
      }
      sayOnceOnTheConsole(
          "SKIPPED: " + why + " (set ROLLCALL_TEST_PG_URL, or run under CI=true to fail)");
      Assumptions.abort(why + " — skipped on this machine");
    }
  }

  /**
   * Says it on the build's console, once per test JVM: a skipped class is easy to miss in a green
   * build, and Surefire sends {@code System.err} to the report files. The process's own standard
   * error still reaches the console.
   */
  private static void sayOnceOnTheConsole(String message) {
    if (SAID.compareAndSet(false, true)) {
      PrintStream console =
          new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
      console.println(message);
    }
  }

  public static String createSchema() {
    String schema = "rollcall_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create schema " + schema);
    return schema;
  }

  public static void dropSchema(String schema) {
    execute("drop schema if exists " + schema + " cascade");
  }

  public static DatabaseSettings settings(String schema) {
    return new DatabaseSettings(URL + "?currentSchema=" + schema, USER, "", 4);
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
