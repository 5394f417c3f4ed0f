package dev.rollcall.application.port.in;

import dev.rollcall.domain.Workspace;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A workspace as readers see it: what is on file plus its liveness. */
public record WorkspaceView(Workspace workspace, Optional<Instant> lastContact, Liveness liveness) {
  public WorkspaceView {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(lastContact, "lastContact");
    Objects.requireNonNull(liveness, "liveness");
  }
}
