package dev.rollcall.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry knows of a workspace's one live token: its hash, a short prefix for humans, the
 * boot it is bound to, and whether any client has presented it yet (claimed). Immutable.
 *
 * @param boundBoot the boot the token was issued to, then the boot that last used it
 */
public record LiveToken(
    SecretHash hash,
    String prefix,
    Optional<BootId> boundBoot,
    TokenOrigin origin,
    boolean claimed,
    Instant issuedAt) {

  public static final int PREFIX_LENGTH = 8;

  public LiveToken {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(boundBoot, "boundBoot");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (prefix.length() != PREFIX_LENGTH) {
      throw new IllegalArgumentException("prefix must be " + PREFIX_LENGTH + " characters");
    }
  }

  /** A freshly minted, unclaimed token for {@code plainToken}. */
  public static LiveToken issue(
      String plainToken, Optional<BootId> boot, TokenOrigin origin, Instant now) {
    if (plainToken == null || plainToken.length() < PREFIX_LENGTH) {
      throw new IllegalArgumentException("plain token too short");
    }
    return new LiveToken(
        SecretHash.of(plainToken),
        plainToken.substring(0, PREFIX_LENGTH),
        boot,
        origin,
        false,
        now);
  }

  public boolean accepts(String presented) {
    return hash.matches(presented);
  }

  LiveToken claimedBy(Optional<BootId> boot) {
    return new LiveToken(hash, prefix, boot.or(() -> boundBoot), origin, true, issuedAt);
  }

  LiveToken reboundTo(BootId boot) {
    return new LiveToken(hash, prefix, Optional.of(boot), origin, claimed, issuedAt);
  }
}
