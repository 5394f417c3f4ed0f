package dev.rollcall.app;

import dev.rollcall.adapters.persistence.DatabaseSettings;
import dev.rollcall.domain.EnrollmentMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything `rollcall serve` is told, read once at start and validated with messages that say what
 * to change. Immutable.
 */
public record ServerConfig(
    String host,
    int port,
    DatabaseSettings database,
    EnrollmentMode enrollment,
    Optional<String> adminToken,
    Optional<String> fleetKey,
    Duration heartbeatInterval,
    Duration livenessTtl,
    Duration contactFlushInterval) {

  /**
   * Where to listen when not told: loopback in open enrollment (anyone who can reach an open
   * registry can register, so by default only this machine can), every interface when enrolled.
   */
  public static String defaultHost(EnrollmentMode enrollment) {
    return enrollment == EnrollmentMode.OPEN ? "127.0.0.1" : "0.0.0.0";
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(enrollment, "enrollment");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(fleetKey, "fleetKey");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--port must be 0 to 65535 (0 picks a free port); got " + port);
    }
    if (heartbeatInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--heartbeat-interval must be at least 1 second");
    }
    if (livenessTtl.compareTo(heartbeatInterval) < 0) {
      throw new IllegalArgumentException(
          "--liveness-ttl must be at least --heartbeat-interval ("
              + heartbeatInterval.toSeconds()
              + " s); got "
              + livenessTtl.toSeconds()
              + " s");
    }
    if (adminToken.map(t -> t.length() < 16).orElse(false)) {
      throw new IllegalArgumentException("--admin-token must be at least 16 characters");
    }
    if (enrollment == EnrollmentMode.ENROLLED && adminToken.isEmpty() && fleetKey.isEmpty()) {
      throw new IllegalArgumentException(
          "--enrollment enrolled needs --admin-token (to provision workspaces) or --fleet-key");
    }
  }
}
