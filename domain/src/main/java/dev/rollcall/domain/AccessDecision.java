package dev.rollcall.domain;

import java.util.Objects;
import java.util.Optional;

/** What the credential rules allow for one command. */
public sealed interface AccessDecision {

  /** What happens to the token when a command is allowed. */
  enum TokenAction {
    /** The caller presented the valid live token. */
    USE_PRESENTED,
    /** No live token is on file: mint the first one. */
    MINT,
    /** A live token is on file but the caller may have a new one (the old one is revoked). */
    REISSUE,
    /** The legacy trust-on-first-use window: accepted without a token, nothing minted. */
    ACCEPT_WITHOUT_TOKEN
  }

  /** Allowed. {@code reason} says why, in words for the log. */
  record Granted(TokenAction action, String reason) implements AccessDecision {
    public Granted {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Refused; {@code conflict} is set when the refusal found two runtimes claiming one workspace.
   */
  record Refused(Refusal refusal, String detail, Optional<Conflict> conflict)
      implements AccessDecision {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(conflict, "conflict");
    }

    Refused(Refusal refusal, String detail) {
      this(refusal, detail, Optional.empty());
    }
  }
}
