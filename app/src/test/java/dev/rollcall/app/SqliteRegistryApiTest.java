package dev.rollcall.app;

import dev.rollcall.domain.EnrollmentMode;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRegistryApiTest extends RegistryApiContract {
  @TempDir Path dir;

  @Override
  protected TestRegistry start(EnrollmentMode mode) {
    return TestRegistry.sqlite(dir, mode);
  }
}
