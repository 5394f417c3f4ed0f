package dev.rollcall.domain;

import dev.rollcall.domain.Registration.Registered;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One workspace as the registry holds it: lifecycle, registration state, the card generation
 * counter, its enrollment key, and what the registry has seen of the boots that used its token.
 * Immutable: every transition returns a new value, or this same value when nothing changed (so
 * callers can tell by {@code equals} whether there is anything to store).
 *
 * @param version the stored version this value was read at (0 when never stored)
 * @param cardGeneration the generation of the newest card ever stored; never goes down
 * @param displacedBoot the boot the token was bound to before the current one
 */
public record Workspace(
    WorkspaceId id,
    long version,
    Lifecycle lifecycle,
    Registration registration,
    long cardGeneration,
    Optional<SecretHash> enrollmentKey,
    Optional<BootId> displacedBoot,
    Optional<Conflict> conflict,
    Instant createdAt,
    Instant updatedAt) {

  public Workspace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(enrollmentKey, "enrollmentKey");
    Objects.requireNonNull(displacedBoot, "displacedBoot");
    Objects.requireNonNull(conflict, "conflict");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (version < 0 || cardGeneration < 0) {
      throw new IllegalArgumentException("version and cardGeneration cannot be negative");
    }
    if (registration.storedCard().map(c -> c.generation() > cardGeneration).orElse(false)) {
      throw new IllegalArgumentException("stored card generation is above the workspace's counter");
    }
  }

  /** A new, active, unregistered workspace that has never been stored. */
  public static Workspace create(WorkspaceId id, Instant now) {
    return new Workspace(
        id,
        0,
        Lifecycle.ACTIVE,
        new Registration.Unregistered(),
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now,
        now);
  }

  /** This value as stored at {@code storedVersion}: how a store hands back what it read. */
  public Workspace atVersion(long storedVersion) {
    return new Workspace(
        id,
        storedVersion,
        lifecycle,
        registration,
        cardGeneration,
        enrollmentKey,
        displacedBoot,
        conflict,
        createdAt,
        updatedAt);
  }

  public RegistrationState state() {
    return registration.state();
  }

  public boolean isRemoved() {
    return lifecycle == Lifecycle.REMOVED;
  }

  public Optional<LiveToken> liveToken() {
    return registration.liveToken();
  }

  public Optional<StoredCard> storedCard() {
    return registration.storedCard();
  }

  /** Puts a freshly minted token in place; the boot it replaces, if another, becomes displaced. */
  public Workspace issueToken(LiveToken token, Instant now) {
    Optional<BootId> previousBoot = liveToken().flatMap(LiveToken::boundBoot);
    Optional<BootId> displaced =
        previousBoot.isPresent() && !previousBoot.equals(token.boundBoot())
            ? previousBoot
            : displacedBoot;
    return copy(
        lifecycle,
        registration.withToken(token),
        cardGeneration,
        enrollmentKey,
        displaced,
        conflict,
        now);
  }

  /**
   * Records a use of the valid live token by {@code boot}: claims an unclaimed token, follows a
   * runtime that restarted with its saved token, and flags a conflict when a displaced boot comes
   * back with the same token (two runtimes sharing one token).
   */
  public Workspace useToken(Optional<BootId> boot, Instant now) {
    Registered registered = registered();
    LiveToken token = registered.token();
    if (!token.claimed()) {
      return withRegistration(registered.withLiveToken(token.claimedBy(boot)), displacedBoot, now);
    }
    if (boot.isEmpty() || token.boundBoot().equals(boot)) {
      return this;
    }
    if (token.boundBoot().isEmpty()) {
      return withRegistration(
          registered.withLiveToken(token.reboundTo(boot.get())), displacedBoot, now);
    }
    BootId holder = token.boundBoot().get();
    if (boot.equals(displacedBoot)) {
      return flagConflict(new Conflict(holder, boot.get(), now));
    }
    // A new boot with the saved token: the runtime restarted. The old boot is now displaced.
    return withRegistration(
        registered.withLiveToken(token.reboundTo(boot.get())), Optional.of(holder), now);
  }

  /** Stores {@code card} as current, with the next generation; unchanged when it is already. */
  public Workspace acceptCard(AgentCard card, Instant now) {
    Registered registered = registered();
    if (registered.storedCard().map(s -> s.digest().equals(card.digest())).orElse(false)) {
      return this;
    }
    long next = cardGeneration + 1;
    return copy(
        lifecycle,
        registered.attach(new StoredCard(card, next, now)),
        next,
        enrollmentKey,
        displacedBoot,
        conflict,
        now);
  }

  /**
   * Records a refused card on a workspace that has no current card, so the reason is visible. A
   * workspace that holds a valid card keeps it and is unchanged: a bad edit on the runtime's side
   * does not erase a working card (design section 7: a bad input changes no row).
   */
  public Workspace rejectCard(CardRejection rejection, Instant now) {
    Registered registered = registered();
    if (!(registered instanceof Registration.RegisteredNoCard noCard)
        || noCard.rejection().map(r -> r.digest().equals(rejection.digest())).orElse(false)) {
      return this;
    }
    return withRegistration(noCard.reject(rejection), displacedBoot, now);
  }

  /** True when the registry already holds, or has already refused, the card with this digest. */
  public boolean knowsCard(CardDigest digest) {
    return storedCard().map(c -> c.digest().equals(digest)).orElse(false)
        || registration.rejection().map(r -> r.digest().equals(digest)).orElse(false);
  }

  public Workspace flagConflict(Conflict found) {
    boolean same =
        conflict
            .map(c -> c.holder().equals(found.holder()) && c.contender().equals(found.contender()))
            .orElse(false);
    if (same) {
      return this;
    }
    return copy(
        lifecycle,
        registration,
        cardGeneration,
        enrollmentKey,
        displacedBoot,
        Optional.of(found),
        found.detectedAt());
  }

  /** The operator's provisioning: a new enrollment key and a new operator-issued token. */
  public Workspace provision(SecretHash key, LiveToken operatorToken, Instant now) {
    return copy(
            lifecycle,
            registration,
            cardGeneration,
            Optional.of(key),
            displacedBoot,
            Optional.empty(),
            now)
        .issueToken(operatorToken, now);
  }

  /** The operator's rotation: a new operator-issued token; clears a flagged conflict. */
  public Workspace rotateToken(LiveToken operatorToken, Instant now) {
    Workspace rotated = issueToken(operatorToken, now);
    return rotated.copy(
        lifecycle,
        rotated.registration,
        cardGeneration,
        enrollmentKey,
        rotated.displacedBoot,
        Optional.empty(),
        now);
  }

  /** The operator's removal. Final: nothing a runtime sends revives the workspace. */
  public Workspace remove(Instant now) {
    if (isRemoved()) {
      return this;
    }
    return copy(
        Lifecycle.REMOVED,
        registration,
        cardGeneration,
        enrollmentKey,
        displacedBoot,
        conflict,
        now);
  }

  private Registered registered() {
    if (registration instanceof Registered registered) {
      return registered;
    }
    throw new IllegalStateException("workspace " + id + " has no live token");
  }

  private Workspace withRegistration(Registration next, Optional<BootId> displaced, Instant now) {
    return copy(lifecycle, next, cardGeneration, enrollmentKey, displaced, conflict, now);
  }

  /**
   * The one place a transition builds its result: identity, version and creation time carry over.
   */
  private Workspace copy(
      Lifecycle nextLifecycle,
      Registration nextRegistration,
      long nextCardGeneration,
      Optional<SecretHash> nextEnrollmentKey,
      Optional<BootId> nextDisplacedBoot,
      Optional<Conflict> nextConflict,
      Instant now) {
    return new Workspace(
        id,
        version,
        nextLifecycle,
        nextRegistration,
        nextCardGeneration,
        nextEnrollmentKey,
        nextDisplacedBoot,
        nextConflict,
        createdAt,
        now);
  }
}
