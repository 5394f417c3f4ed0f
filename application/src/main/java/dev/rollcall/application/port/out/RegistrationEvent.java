package dev.rollcall.application.port.out;

import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.CardRejection;
import dev.rollcall.domain.Conflict;
import dev.rollcall.domain.RegistrationState;
import dev.rollcall.domain.WorkspaceId;
import java.time.Instant;

/** Something that changed in the registry, published after it was stored. */
public sealed interface RegistrationEvent {
  WorkspaceId workspaceId();

  Instant at();

  record StateChanged(
      WorkspaceId workspaceId, RegistrationState from, RegistrationState to, Instant at)
      implements RegistrationEvent {}

  record TokenIssued(WorkspaceId workspaceId, String tokenPrefix, String reason, Instant at)
      implements RegistrationEvent {}

  record CardStored(WorkspaceId workspaceId, CardDigest digest, long generation, Instant at)
      implements RegistrationEvent {}

  record CardRejected(WorkspaceId workspaceId, CardRejection rejection, Instant at)
      implements RegistrationEvent {}

  record ConflictFlagged(WorkspaceId workspaceId, Conflict conflict, Instant at)
      implements RegistrationEvent {}

  record Removed(WorkspaceId workspaceId, Instant at) implements RegistrationEvent {}
}
