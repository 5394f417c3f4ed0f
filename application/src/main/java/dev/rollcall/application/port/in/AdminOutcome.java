package dev.rollcall.application.port.in;

import dev.rollcall.domain.Refusal;
import java.util.Objects;
import java.util.Optional;

/** The result of an operator's action on one workspace. */
public sealed interface AdminOutcome {

  /** Done; secrets minted by the action appear here in plain text, once. */
  record Done(Optional<String> enrollmentKey, Optional<String> token) implements AdminOutcome {
    public Done {
      Objects.requireNonNull(enrollmentKey, "enrollmentKey");
      Objects.requireNonNull(token, "token");
    }
  }

  record Refused(Refusal refusal, String detail) implements AdminOutcome {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
