package dev.rollcall.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.testing.RegistrationStoreContract;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a real SQLite file. */
class SqliteRegistrationStoreTest extends RegistrationStoreContract {
  @TempDir Path dir;
  private final List<Database> opened = new ArrayList<>();

  @Override
  protected RegistrationStore newStore() {
    return new JooqRegistrationStore(open(dir.resolve("registry-" + opened.size() + ".db")));
  }

  private Database open(Path file) {
    Database db = Database.open(DatabaseSettings.fromOption(file.toString(), null, null));
    opened.add(db);
    return db;
  }

  @AfterEach
  void close() {
    opened.forEach(Database::close);
  }

  @Test
  void givenAFile_whenReopened_thenDataAndRegistryIdSurvive() {
    Path file = dir.resolve("durable.db");
    JooqRegistrationStore first = new JooqRegistrationStore(open(file));
    first.insert(
        Workspace.create(new WorkspaceId("ws-durable"), Instant.parse("2026-01-01T00:00:00Z")));

    JooqRegistrationStore reopened = new JooqRegistrationStore(open(file));

    assertThat(reopened.registryId()).isEqualTo(first.registryId());
    assertThat(reopened.find(new WorkspaceId("ws-durable"))).isPresent();
  }

  @Test
  void givenTheFileWasDeleted_whenANewOneIsOpened_thenTheRegistryIdChanges() throws Exception {
    Path file = dir.resolve("wiped.db");
    Database db = open(file);
    String before = new JooqRegistrationStore(db).registryId();
    db.close();
    Files.delete(file);

    assertThat(new JooqRegistrationStore(open(file)).registryId()).isNotEqualTo(before);
  }
}
