package dev.rollcall.domain;

import java.time.Instant;
import java.util.Objects;

/** The card on file for a workspace, with the generation its storing gave it. */
public record StoredCard(AgentCard card, long generation, Instant storedAt) {
  public StoredCard {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(storedAt, "storedAt");
    if (generation < 1) {
      throw new IllegalArgumentException("card generation starts at 1");
    }
  }

  public CardDigest digest() {
    return card.digest();
  }
}
