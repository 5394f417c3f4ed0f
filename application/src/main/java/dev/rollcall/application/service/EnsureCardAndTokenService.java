package dev.rollcall.application.service;

import dev.rollcall.application.port.in.CardClaim;
import dev.rollcall.application.port.in.EnsureCardAndTokenUseCase;
import dev.rollcall.application.port.in.EnsureCommand;
import dev.rollcall.application.port.in.EnsureOutcome;
import dev.rollcall.application.port.out.Contact;
import dev.rollcall.application.port.out.LivenessRecorder;
import dev.rollcall.application.port.out.RegistrationEvent;
import dev.rollcall.application.port.out.RegistrationEvents;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.port.out.TimeSource;
import dev.rollcall.application.port.out.TokenGenerator;
import dev.rollcall.domain.AccessDecision;
import dev.rollcall.domain.AccessDecision.Granted;
import dev.rollcall.domain.AccessDecision.Refused;
import dev.rollcall.domain.AccessPolicy;
import dev.rollcall.domain.AgentCard;
import dev.rollcall.domain.CardCheck;
import dev.rollcall.domain.CardRejection;
import dev.rollcall.domain.Conflict;
import dev.rollcall.domain.LiveToken;
import dev.rollcall.domain.RegistrationState;
import dev.rollcall.domain.Source;
import dev.rollcall.domain.StoredCard;
import dev.rollcall.domain.TokenOrigin;
import dev.rollcall.domain.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * EnsureCardAndToken: decides access by the credential rules, mints or re-issues the token when
 * they allow it, stores or refuses the card, writes only when something changed, and announces what
 * changed. Thread-safe; holds no state of its own between calls.
 *
 * <p>A steady heartbeat (valid token, same card) reads once and writes no hard state: its only
 * write is the coalesced contact.
 */
public final class EnsureCardAndTokenService implements EnsureCardAndTokenUseCase {
  private final RegistrationStore store;
  private final TokenGenerator tokens;
  private final TimeSource time;
  private final RegistrationEvents events;
  private final LivenessRecorder liveness;
  private final RegistryPolicy policy;
  private final AccessPolicy access;

  public EnsureCardAndTokenService(
      RegistrationStore store,
      TokenGenerator tokens,
      TimeSource time,
      RegistrationEvents events,
      LivenessRecorder liveness,
      RegistryPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.time = Objects.requireNonNull(time, "time");
    this.events = Objects.requireNonNull(events, "events");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.access = policy.accessPolicy();
  }

  @Override
  public EnsureOutcome ensure(EnsureCommand command) {
    Decided decided = OptimisticWrites.retrying(() -> decideAndStore(command));
    decided.events.forEach(events::publish);
    if (decided.outcome instanceof EnsureOutcome.Accepted) {
      liveness.record(
          new Contact(command.workspaceId(), decided.at, command.credentials().bootId()));
    }
    return decided.outcome;
  }

  private record Decided(EnsureOutcome outcome, List<RegistrationEvent> events, Instant at) {}

  private Decided decideAndStore(EnsureCommand command) {
    Optional<Workspace> onFile = store.find(command.workspaceId());
    AccessDecision decision = access.decide(onFile, command.credentials(), command.source());
    Instant now = time.now();
    if (decision instanceof Refused refused) {
      return refuse(onFile, refused, now);
    }
    Granted granted = (Granted) decision;
    Workspace before = onFile.orElse(null);
    Workspace workspace = onFile.orElseGet(() -> Workspace.create(command.workspaceId(), now));
    Optional<String> minted = Optional.empty();
    switch (granted.action()) {
      case MINT, REISSUE -> {
        String plain = tokens.newSecret();
        LiveToken token =
            LiveToken.issue(plain, command.credentials().bootId(), TokenOrigin.CALLER, now);
        workspace = workspace.issueToken(token, now);
        minted = Optional.of(plain);
      }
      case USE_PRESENTED -> workspace = workspace.useToken(command.credentials().bootId(), now);
      case ACCEPT_WITHOUT_TOKEN -> {
        // The legacy trust-on-first-use window: nothing to do with the token.
      }
    }

    CardResult carded = applyCard(workspace, command.card(), now);
    workspace = carded.workspace();

    OptimisticWrites.store(store, before, workspace);

    boolean deliverable =
        command.source() == Source.REGISTER || command.credentials().bootId().isPresent();
    Optional<StoredCard> card = workspace.storedCard();
    EnsureOutcome outcome =
        new EnsureOutcome.Accepted(
            workspace.state(),
            minted.filter(t -> deliverable),
            carded.cardNeeded(),
            card.map(StoredCard::digest),
            card.map(StoredCard::generation).orElse(0L),
            carded.rejected(),
            policy.heartbeatInterval(),
            store.registryId());
    return new Decided(
        outcome,
        changes(before, workspace, minted.isPresent() ? granted.reason() : null, now),
        now);
  }

  /** What the command's card did: the workspace after it, whether the registry wants the card. */
  private record CardResult(
      Workspace workspace, boolean cardNeeded, Optional<CardRejection> rejected) {}

  private static CardResult applyCard(Workspace workspace, CardClaim claim, Instant now) {
    if (claim instanceof CardClaim.Full full) {
      CardCheck check = AgentCard.check(full.jsonTree());
      if (check instanceof CardCheck.Accepted accepted) {
        return new CardResult(workspace.acceptCard(accepted.card(), now), false, Optional.empty());
      }
      CardCheck.Rejected refused = (CardCheck.Rejected) check;
      CardRejection rejection = new CardRejection(refused.digest(), refused.violations(), now);
      return new CardResult(workspace.rejectCard(rejection, now), false, Optional.of(rejection));
    }
    if (claim instanceof CardClaim.DigestOnly digestOnly) {
      return new CardResult(workspace, !workspace.knowsCard(digestOnly.digest()), Optional.empty());
    }
    // No card information (older runtimes): ask for it while there is none and none was refused.
    boolean needed =
        workspace.state() != RegistrationState.COMPLETE
            && workspace.registration().rejection().isEmpty();
    return new CardResult(workspace, needed, Optional.empty());
  }

  private Decided refuse(Optional<Workspace> onFile, Refused refused, Instant now) {
    List<RegistrationEvent> announced = new ArrayList<>();
    if (refused.conflict().isPresent() && onFile.isPresent()) {
      Workspace before = onFile.get();
      Workspace flagged =
          before.flagConflict(
              new Conflict(
                  refused.conflict().get().holder(), refused.conflict().get().contender(), now));
      OptimisticWrites.store(store, before, flagged);
      announced.addAll(changes(before, flagged, null, now));
    }
    return new Decided(
        new EnsureOutcome.Refused(refused.refusal(), refused.detail()), announced, now);
  }

  /** The events that describe going from {@code before} (null: new) to {@code after}. */
  static List<RegistrationEvent> changes(
      Workspace before, Workspace after, String tokenReason, Instant now) {
    List<RegistrationEvent> out = new ArrayList<>();
    if (after.equals(before)) {
      return out;
    }
    RegistrationState from = before == null ? RegistrationState.UNREGISTERED : before.state();
    if (tokenReason != null) {
      after
          .liveToken()
          .ifPresent(
              t ->
                  out.add(
                      new RegistrationEvent.TokenIssued(after.id(), t.prefix(), tokenReason, now)));
    }
    Optional<StoredCard> oldCard = before == null ? Optional.empty() : before.storedCard();
    after
        .storedCard()
        .filter(c -> !oldCard.map(o -> o.generation() == c.generation()).orElse(false))
        .ifPresent(
            c ->
                out.add(
                    new RegistrationEvent.CardStored(after.id(), c.digest(), c.generation(), now)));
    Optional<CardRejection> oldRejection =
        before == null ? Optional.empty() : before.registration().rejection();
    after
        .registration()
        .rejection()
        .filter(r -> !oldRejection.equals(Optional.of(r)))
        .ifPresent(r -> out.add(new RegistrationEvent.CardRejected(after.id(), r, now)));
    Optional<Conflict> oldConflict = before == null ? Optional.empty() : before.conflict();
    after
        .conflict()
        .filter(c -> !oldConflict.equals(Optional.of(c)))
        .ifPresent(c -> out.add(new RegistrationEvent.ConflictFlagged(after.id(), c, now)));
    if (from != after.state()) {
      out.add(new RegistrationEvent.StateChanged(after.id(), from, after.state(), now));
    }
    if (after.isRemoved() && (before == null || !before.isRemoved())) {
      out.add(new RegistrationEvent.Removed(after.id(), now));
    }
    return out;
  }
}
