package dev.rollcall.application.port.out;

import java.time.Instant;

/** Where the registry reads the time; millisecond precision, as the stores keep it. */
public interface TimeSource {
  Instant now();
}
