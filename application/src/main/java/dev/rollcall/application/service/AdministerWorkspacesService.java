package dev.rollcall.application.service;

import dev.rollcall.application.port.in.AdminOutcome;
import dev.rollcall.application.port.in.AdministerWorkspacesUseCase;
import dev.rollcall.application.port.out.RegistrationEvent;
import dev.rollcall.application.port.out.RegistrationEvents;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.port.out.TimeSource;
import dev.rollcall.application.port.out.TokenGenerator;
import dev.rollcall.domain.LiveToken;
import dev.rollcall.domain.Refusal;
import dev.rollcall.domain.SecretHash;
import dev.rollcall.domain.TokenOrigin;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The operator's actions: provision, rotate a token, remove. Thread-safe; stateless. */
public final class AdministerWorkspacesService implements AdministerWorkspacesUseCase {
  private final RegistrationStore store;
  private final TokenGenerator tokens;
  private final TimeSource time;
  private final RegistrationEvents events;

  public AdministerWorkspacesService(
      RegistrationStore store, TokenGenerator tokens, TimeSource time, RegistrationEvents events) {
    this.store = Objects.requireNonNull(store, "store");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.time = Objects.requireNonNull(time, "time");
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public AdminOutcome provision(WorkspaceId id) {
    return change(
        id,
        true,
        (workspace, now) -> {
          String key = tokens.newSecret();
          String token = tokens.newSecret();
          Workspace next =
              workspace.provision(
                  SecretHash.of(key),
                  LiveToken.issue(token, Optional.empty(), TokenOrigin.OPERATOR, now),
                  now);
          return new Change(
              next,
              new AdminOutcome.Done(Optional.of(key), Optional.of(token)),
              "provisioned by an operator");
        });
  }

  @Override
  public AdminOutcome rotateToken(WorkspaceId id) {
    return change(
        id,
        false,
        (workspace, now) -> {
          String token = tokens.newSecret();
          Workspace next =
              workspace.rotateToken(
                  LiveToken.issue(token, Optional.empty(), TokenOrigin.OPERATOR, now), now);
          return new Change(
              next,
              new AdminOutcome.Done(Optional.empty(), Optional.of(token)),
              "rotated by an operator");
        });
  }

  @Override
  public AdminOutcome remove(WorkspaceId id) {
    return change(
        id,
        false,
        (workspace, now) ->
            new Change(
                workspace.remove(now),
                new AdminOutcome.Done(Optional.empty(), Optional.empty()),
                null));
  }

  private record Change(Workspace next, AdminOutcome outcome, String tokenReason) {}

  private interface Action {
    Change apply(Workspace workspace, Instant now);
  }

  private AdminOutcome change(WorkspaceId id, boolean createIfMissing, Action action) {
    record Result(AdminOutcome outcome, List<RegistrationEvent> events) {}
    Result result =
        OptimisticWrites.retrying(
            () -> {
              Instant now = time.now();
              Optional<Workspace> onFile = store.find(id);
              if (onFile.isEmpty() && !createIfMissing) {
                return new Result(
                    new AdminOutcome.Refused(Refusal.WORKSPACE_UNKNOWN, "no workspace " + id),
                    List.of());
              }
              if (onFile.isPresent() && onFile.get().isRemoved()) {
                return new Result(
                    new AdminOutcome.Refused(
                        Refusal.WORKSPACE_REMOVED, "workspace " + id + " was removed"),
                    List.of());
              }
              Workspace before = onFile.orElse(null);
              Change change = action.apply(onFile.orElseGet(() -> Workspace.create(id, now)), now);
              OptimisticWrites.store(store, before, change.next());
              return new Result(
                  change.outcome(),
                  EnsureCardAndTokenService.changes(
                      before, change.next(), change.tokenReason(), now));
            });
    result.events().forEach(events::publish);
    return result.outcome();
  }
}
