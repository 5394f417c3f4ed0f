package dev.rollcall.application.service;

import dev.rollcall.domain.AccessPolicy;
import dev.rollcall.domain.EnrollmentMode;
import dev.rollcall.domain.SecretHash;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's rules as configured: enrollment mode, fleet-wide key, the heartbeat interval it
 * tells runtimes to use and how long a silent runtime still counts as online. Immutable.
 */
public record RegistryPolicy(
    EnrollmentMode mode,
    Optional<SecretHash> fleetKey,
    Duration heartbeatInterval,
    Duration livenessTtl) {
  public RegistryPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fleetKey, "fleetKey");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(livenessTtl, "livenessTtl");
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeatInterval must be positive");
    }
    if (livenessTtl.compareTo(heartbeatInterval) < 0) {
      throw new IllegalArgumentException("livenessTtl must be at least the heartbeat interval");
    }
  }

  public AccessPolicy accessPolicy() {
    return new AccessPolicy(mode, fleetKey);
  }
}
