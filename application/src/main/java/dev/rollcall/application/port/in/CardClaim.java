package dev.rollcall.application.port.in;

import dev.rollcall.domain.CardDigest;
import java.util.Objects;

/** What a command carries of the runtime's card: the whole card, only its digest, or nothing. */
public sealed interface CardClaim {

  /** The full card as a JSON tree (maps, lists, strings, numbers, booleans, nulls). */
  record Full(Object jsonTree) implements CardClaim {}

  /** Only the digest: the registry answers whether it needs the full card. */
  record DigestOnly(CardDigest digest) implements CardClaim {
    public DigestOnly {
      Objects.requireNonNull(digest, "digest");
    }
  }

  /** No card information at all (the platform's older runtimes heartbeat like this). */
  record None() implements CardClaim {}
}
