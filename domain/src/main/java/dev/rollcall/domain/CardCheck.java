package dev.rollcall.domain;

import java.util.List;
import java.util.Objects;

/** The result of checking an incoming card: accepted as a value, or rejected with the reasons. */
public sealed interface CardCheck {

  /** The card is valid. */
  record Accepted(AgentCard card) implements CardCheck {
    public Accepted {
      Objects.requireNonNull(card, "card");
    }
  }

  /**
   * The card is not valid; {@code digest} identifies what was sent, so it is not asked for again.
   */
  record Rejected(CardDigest digest, List<CardViolation> violations) implements CardCheck {
    public Rejected {
      Objects.requireNonNull(digest, "digest");
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }
  }
}
