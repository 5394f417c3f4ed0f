package dev.rollcall.convergence;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry as its own process (`rollcall serve`) on a fixed port, so it can be killed and
 * restarted.
 */
final class RegistryProcess extends ManagedProcess {
  static final String ADMIN_TOKEN = "admin-token-convergence-0123456789";
  static final int HEARTBEAT_SECONDS = 1;

  private final int port = Ports.free();
  private final List<String> args;
  private final Path db;

  /**
   * @param db an SQLite file path, or a JDBC URL
   */
  RegistryProcess(Path db, String... extra) {
    this(db, HEARTBEAT_SECONDS, extra);
  }

  RegistryProcess(Path db, int heartbeatSeconds, String... extra) {
    super("registry");
    this.db = db;
    this.args =
        new ArrayList<>(
            List.of(
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--heartbeat-interval",
                String.valueOf(heartbeatSeconds),
                "--liveness-ttl",
                String.valueOf(Math.max(5, 3 * heartbeatSeconds)),
                "--contact-flush-ms",
                "200",
                "--admin-token",
                ADMIN_TOKEN));
    this.args.addAll(List.of(extra));
  }

  RegistryProcess withDatabase(String jdbcUrl, String user) {
    args.addAll(List.of("--db", jdbcUrl, "--db-user", user));
    return this;
  }

  Path db() {
    return db;
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts it and waits for "listening on". */
  RegistryProcess start() {
    List<String> all = new ArrayList<>(args);
    if (!all.contains("--db")) {
      all.addAll(List.of("--db", db.toString()));
    }
    int before = (int) count("listening on http://");
    launch(RollcallJar.command(all.toArray(new String[0])));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count("listening on http://") > before || !alive());
    if (!alive()) {
      throw new IllegalStateException("registry did not start:\n" + output());
    }
    return this;
  }
}
