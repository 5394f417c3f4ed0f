package dev.rollcall.application.port.in;

import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.CardRejection;
import dev.rollcall.domain.Refusal;
import dev.rollcall.domain.RegistrationState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What EnsureCardAndToken decided: accepted (with what the runtime must know) or refused. */
public sealed interface EnsureOutcome {

  /**
   * The command was accepted.
   *
   * @param issuedToken a token minted or re-issued by this command, in plain text for the only
   *     time, when the caller can receive it
   * @param cardNeeded the registry wants the runtime's full card
   * @param cardRejected set when this command's card was refused; the state then stays or becomes
   *     REGISTERED_NO_CARD
   */
  record Accepted(
      RegistrationState state,
      Optional<String> issuedToken,
      boolean cardNeeded,
      Optional<CardDigest> cardDigest,
      long cardGeneration,
      Optional<CardRejection> cardRejected,
      Duration heartbeatInterval,
      String registryId)
      implements EnsureOutcome {
    public Accepted {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(issuedToken, "issuedToken");
      Objects.requireNonNull(cardDigest, "cardDigest");
      Objects.requireNonNull(cardRejected, "cardRejected");
      Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
      Objects.requireNonNull(registryId, "registryId");
    }
  }

  /** The command was refused and changed nothing (beyond, possibly, flagging a conflict). */
  record Refused(Refusal refusal, String detail) implements EnsureOutcome {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
