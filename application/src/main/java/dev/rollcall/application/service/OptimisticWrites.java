package dev.rollcall.application.service;

import dev.rollcall.application.port.out.ConcurrentUpdateException;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.domain.Workspace;
import java.util.function.Supplier;

/**
 * Read-decide-write with optimistic concurrency: a decision made on a stale read is made again.
 * This is what lets several registry nodes share one database without locks held across calls.
 */
final class OptimisticWrites {
  static final int MAX_ATTEMPTS = 8;

  private OptimisticWrites() {}

  /** Stores {@code after} if it differs from {@code before} (null: never stored). */
  static void store(RegistrationStore store, Workspace before, Workspace after) {
    if (after.equals(before)) {
      return;
    }
    if (before == null) {
      store.insert(after);
    } else {
      store.update(after);
    }
  }

  /** Runs {@code attempt} until it completes without losing a race, a bounded number of times. */
  static <T> T retrying(Supplier<T> attempt) {
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (ConcurrentUpdateException e) {
        if (i >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
