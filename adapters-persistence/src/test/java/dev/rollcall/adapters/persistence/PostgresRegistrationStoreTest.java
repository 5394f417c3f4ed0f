package dev.rollcall.adapters.persistence;

import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.testing.RegistrationStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The store contract against a real PostgreSQL server (each test in its own schema). Skipped with a
 * message when no server answers, unless CI is set: then its absence fails the build.
 */
class PostgresRegistrationStoreTest extends RegistrationStoreContract {
  private final List<Database> opened = new ArrayList<>();
  private final List<String> schemas = new ArrayList<>();

  @Override
  protected RegistrationStore newStore() {
    PostgresTestServer.assumeAvailable(); // per test, so that each one shows as skipped
    String schema = PostgresTestServer.createSchema();
    schemas.add(schema);
    Database db = Database.open(PostgresTestServer.settings(schema));
    opened.add(db);
    return new JooqRegistrationStore(db);
  }

  @AfterEach
  void dropSchemas() {
    opened.forEach(Database::close);
    schemas.forEach(PostgresTestServer::dropSchema);
  }
}
