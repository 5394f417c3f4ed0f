package dev.rollcall.app;

import dev.rollcall.domain.EnrollmentMode;

class PostgresRegistryApiTest extends RegistryApiContract {
  @Override
  protected TestRegistry start(EnrollmentMode mode) {
    return TestRegistry.postgres(mode);
  }
}
