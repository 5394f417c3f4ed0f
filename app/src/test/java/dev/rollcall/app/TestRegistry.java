package dev.rollcall.app;

import dev.rollcall.adapters.persistence.DatabaseSettings;
import dev.rollcall.adapters.persistence.PostgresTestServer;
import dev.rollcall.domain.EnrollmentMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real registry (the composition root) on a free port, on SQLite or on PostgreSQL. */
final class TestRegistry implements AutoCloseable {
  static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";

  private final RegistryServer server;
  private final String pgSchema;
  final Http http;

  private TestRegistry(RegistryServer server, String pgSchema) {
    this.server = server;
    this.pgSchema = pgSchema;
    this.http = new Http("http://127.0.0.1:" + server.port());
  }

  static TestRegistry sqlite(Path dir, EnrollmentMode mode) {
    return start(
        DatabaseSettings.fromOption(dir.resolve("registry.db").toString(), null, null), mode, null);
  }

  static TestRegistry postgres(EnrollmentMode mode) {
    PostgresTestServer.assumeAvailable();
    String schema = PostgresTestServer.createSchema();
    return start(PostgresTestServer.settings(schema), mode, schema);
  }

  private static TestRegistry start(DatabaseSettings db, EnrollmentMode mode, String schema) {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            db,
            mode,
            Optional.of(ADMIN_TOKEN),
            Optional.of("fleet-key-for-tests"),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMillis(100));
    return new TestRegistry(RegistryServer.start(config), schema);
  }

  int port() {
    return server.port();
  }

  List<String> routes() {
    return server.routes();
  }

  String registryId() {
    return server.registryId();
  }

  @Override
  public void close() {
    server.close();
    if (pgSchema != null) {
      PostgresTestServer.dropSchema(pgSchema);
    }
  }
}
