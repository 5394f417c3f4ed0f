package dev.rollcall.client;

import dev.rollcall.domain.BootId;
import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.WorkspaceId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call the runtime makes to the registry: register, heartbeat or card update, with what it
 * carries. Transports turn it into the wire protocol (or, in tests, into the use case directly).
 */
public record RegistryCall(
    Kind kind,
    WorkspaceId workspaceId,
    Optional<String> token,
    BootId bootId,
    Optional<String> enrollmentKey,
    Optional<Map<String, Object>> card,
    Optional<CardDigest> cardDigest,
    Optional<String> workspaceUrl) {

  /** The three calls of the wire protocol. */
  public enum Kind {
    REGISTER,
    HEARTBEAT,
    UPDATE_CARD
  }

  public RegistryCall {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(bootId, "bootId");
    Objects.requireNonNull(enrollmentKey, "enrollmentKey");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(cardDigest, "cardDigest");
    Objects.requireNonNull(workspaceUrl, "workspaceUrl");
  }
}
