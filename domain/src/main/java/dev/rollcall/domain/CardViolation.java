package dev.rollcall.domain;

import java.util.Objects;

/** One reason a card was refused, at a JSON path such as {@code $.skills[1].id}. */
public record CardViolation(String path, String message) {
  public CardViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
