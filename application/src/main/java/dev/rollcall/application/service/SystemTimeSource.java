package dev.rollcall.application.service;

import dev.rollcall.application.port.out.TimeSource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The system clock, truncated to milliseconds as the stores keep time. Thread-safe. */
public final class SystemTimeSource implements TimeSource {
  private final Clock clock = Clock.systemUTC();

  @Override
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
