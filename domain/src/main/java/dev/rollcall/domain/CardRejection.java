package dev.rollcall.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The last card a workspace sent that was refused, kept so that the reason is visible. */
public record CardRejection(CardDigest digest, List<CardViolation> violations, Instant at) {
  public CardRejection {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(at, "at");
    violations = List.copyOf(violations);
  }

  public String summary() {
    return violations.stream().map(CardViolation::toString).collect(Collectors.joining("; "));
  }
}
