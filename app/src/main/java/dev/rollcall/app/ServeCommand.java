package dev.rollcall.app;

import dev.rollcall.adapters.persistence.DatabaseSettings;
import dev.rollcall.domain.EnrollmentMode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `rollcall serve`: runs the registry until SIGTERM. Every option has an environment variable. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the registry (SQLite in the working folder and open enrollment unless told otherwise).")
final class ServeCommand implements Callable<Integer> {
  private static volatile boolean serving;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "${env:ROLLCALL_HOST}",
      description =
          "Address to listen on (ROLLCALL_HOST; default 127.0.0.1 with open enrollment, 0.0.0.0"
              + " with enrolled; give 0.0.0.0 to let other machines reach an open registry).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:ROLLCALL_PORT:-8080}",
      description = "Port; 0 picks a free one (ROLLCALL_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--db",
      defaultValue = "${env:ROLLCALL_DB:-rollcall.db}",
      description =
          "SQLite file path or JDBC URL, e.g. jdbc:postgresql://host/db (ROLLCALL_DB; default ${DEFAULT-VALUE}).")
  String db;

  @Option(
      names = "--db-user",
      defaultValue = "${env:ROLLCALL_DB_USER}",
      description = "Database user, for PostgreSQL (ROLLCALL_DB_USER).")
  String dbUser;

  @Option(
      names = "--db-password",
      defaultValue = "${env:ROLLCALL_DB_PASSWORD}",
      description = "Database password, for PostgreSQL (ROLLCALL_DB_PASSWORD).")
  String dbPassword;

  @Option(
      names = "--enrollment",
      defaultValue = "${env:ROLLCALL_ENROLLMENT:-open}",
      description = "open or enrolled (ROLLCALL_ENROLLMENT; default ${DEFAULT-VALUE}).")
  EnrollmentMode enrollment;

  @Option(
      names = "--admin-token",
      defaultValue = "${env:ROLLCALL_ADMIN_TOKEN}",
      description =
          "Token that guards the admin API; without it the admin API is off (ROLLCALL_ADMIN_TOKEN).")
  String adminToken;

  @Option(
      names = "--fleet-key",
      defaultValue = "${env:ROLLCALL_FLEET_KEY}",
      description = "Fleet-wide enrollment key (ROLLCALL_FLEET_KEY).")
  String fleetKey;

  @Option(
      names = "--heartbeat-interval",
      defaultValue = "${env:ROLLCALL_HEARTBEAT_INTERVAL:-10}",
      description =
          "Seconds between heartbeats that runtimes are told to use (ROLLCALL_HEARTBEAT_INTERVAL; default ${DEFAULT-VALUE}).")
  long heartbeatSeconds;

  @Option(
      names = "--liveness-ttl",
      defaultValue = "${env:ROLLCALL_LIVENESS_TTL}",
      description =
          "Seconds of silence after which a workspace is OFFLINE (ROLLCALL_LIVENESS_TTL; default 3 heartbeat intervals).")
  Long livenessSeconds;

  @Option(
      names = "--contact-flush-ms",
      defaultValue = "${env:ROLLCALL_CONTACT_FLUSH_MS:-1000}",
      description = "How often contacts are written, in milliseconds (default ${DEFAULT-VALUE}).")
  long flushMillis;

  static boolean serving() {
    return serving;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config;
    try {
      config =
          new ServerConfig(
              Optional.ofNullable(blankToNull(host)).orElse(ServerConfig.defaultHost(enrollment)),
              port,
              DatabaseSettings.fromOption(db, blankToNull(dbUser), blankToNull(dbPassword)),
              enrollment,
              Optional.ofNullable(blankToNull(adminToken)),
              Optional.ofNullable(blankToNull(fleetKey)),
              Duration.ofSeconds(heartbeatSeconds),
              Duration.ofSeconds(livenessSeconds == null ? 3 * heartbeatSeconds : livenessSeconds),
              Duration.ofMillis(Math.max(50, flushMillis)));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("rollcall serve: " + e.getMessage());
      return 2;
    }
    RegistryServer server;
    try {
      server = RegistryServer.start(config);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("rollcall serve: cannot start: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "rollcall-shutdown"));
    String shown =
        config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
    spec.commandLine().getOut().println("listening on http://" + shown + ":" + server.port());
    spec.commandLine().getOut().flush();
    serving = true;
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
