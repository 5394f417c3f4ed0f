package dev.rollcall.client;

import dev.rollcall.domain.CardDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * What the agent knows right now, for people and scripts. Immutable snapshot.
 *
 * @param state UNREGISTERED, REGISTERED_NO_CARD, COMPLETE, or STOPPED (after 410)
 * @param acknowledgedCardDigest the card digest the registry last confirmed holding
 */
public record AgentStatus(
    String workspaceId,
    String state,
    Optional<String> registryId,
    Optional<CardDigest> acknowledgedCardDigest,
    Optional<String> tokenPrefix,
    Optional<String> cardRejection,
    Optional<Instant> lastSuccess,
    Optional<String> lastError,
    String server) {}
