package dev.rollcall.domain;

import java.util.Objects;
import java.util.Optional;

/** What a caller showed: a bearer token, an enrollment key, a boot id — each may be absent. */
public record PresentedCredentials(
    Optional<String> token, Optional<String> enrollmentKey, Optional<BootId> bootId) {

  public PresentedCredentials {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(enrollmentKey, "enrollmentKey");
    Objects.requireNonNull(bootId, "bootId");
  }

  public static PresentedCredentials none() {
    return new PresentedCredentials(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
