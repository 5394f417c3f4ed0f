package dev.rollcall.application.planted;

import dev.rollcall.adapters.persistence.JooqRegistrationStore;

/** Planted violation: a use case that knows the jOOQ adapter. */
public class UseCaseReachingIntoAnAdapter {
  JooqRegistrationStore store;
}
