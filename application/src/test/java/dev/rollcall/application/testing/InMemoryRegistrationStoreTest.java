package dev.rollcall.application.testing;

import dev.rollcall.application.port.out.RegistrationStore;

class InMemoryRegistrationStoreTest extends RegistrationStoreContract {
  @Override
  protected RegistrationStore newStore() {
    return new InMemoryRegistrationStore();
  }
}
