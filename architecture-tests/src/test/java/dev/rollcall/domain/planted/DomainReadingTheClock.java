package dev.rollcall.domain.planted;

import java.time.Instant;

/** Planted violation: a domain class with a clock of its own. */
public class DomainReadingTheClock {
  Instant now() {
    return Instant.now();
  }
}
