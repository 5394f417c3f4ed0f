package dev.rollcall.application.port.in;

import dev.rollcall.domain.PresentedCredentials;
import dev.rollcall.domain.Source;
import dev.rollcall.domain.WorkspaceId;
import java.util.Objects;

/** One register, heartbeat or card update, as the single use case sees it. */
public record EnsureCommand(
    WorkspaceId workspaceId, PresentedCredentials credentials, CardClaim card, Source source) {
  public EnsureCommand {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(source, "source");
  }
}
