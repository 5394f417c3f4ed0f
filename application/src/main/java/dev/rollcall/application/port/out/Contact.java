package dev.rollcall.application.port.out;

import dev.rollcall.domain.BootId;
import dev.rollcall.domain.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One moment a workspace's runtime was heard from: soft state, written in batches. */
public record Contact(WorkspaceId workspaceId, Instant at, Optional<BootId> bootId) {
  public Contact {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(bootId, "bootId");
  }
}
