package dev.rollcall.client;

import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.RegistrationState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What the registry answered, sorted into what the runtime must do about it. */
public sealed interface RegistryReply {

  /** 2xx: the registry accepted the call. */
  record Accepted(
      RegistrationState state,
      Optional<String> token,
      boolean cardNeeded,
      Optional<CardDigest> cardDigest,
      Optional<String> registryId,
      Optional<Duration> heartbeatInterval,
      Optional<String> cardError)
      implements RegistryReply {
    public Accepted {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(cardDigest, "cardDigest");
      Objects.requireNonNull(registryId, "registryId");
      Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
      Objects.requireNonNull(cardError, "cardError");
    }
  }

  /**
   * A definite 4xx answer with its problem type. {@code token} is set when the registry minted one
   * even though it refused the card (422).
   */
  record Refused(int status, String type, String detail, Optional<String> token)
      implements RegistryReply {
    public Refused {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(token, "token");
    }
  }

  /** No usable answer: no connection, a timeout, a 5xx or a 429. Try again later. */
  record Unreachable(String reason, Optional<Duration> retryAfter) implements RegistryReply {
    public Unreachable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
