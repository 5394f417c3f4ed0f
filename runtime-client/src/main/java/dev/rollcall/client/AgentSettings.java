package dev.rollcall.client;

import dev.rollcall.domain.WorkspaceId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one agent keeps one workspace registered. Immutable; validated on construction.
 *
 * @param cardFile the JSON file holding the workspace's agent card
 * @param stateDir where the token file lives (mode 0600)
 * @param backoffStart first retry delay; doubles up to {@code backoffCap}, with full jitter
 * @param cardPoll how often the card file is re-read as a safety net beside the file watch
 * @param debounce how long a burst of saves must be quiet before the card is read
 */
public record AgentSettings(
    WorkspaceId workspaceId,
    Path cardFile,
    Path stateDir,
    Optional<String> enrollmentKey,
    Optional<Path> statusFile,
    Duration backoffStart,
    Duration backoffCap,
    Duration cardPoll,
    Duration debounce) {

  public AgentSettings {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(cardFile, "cardFile");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(enrollmentKey, "enrollmentKey");
    Objects.requireNonNull(statusFile, "statusFile");
    if (backoffStart.isNegative()
        || backoffStart.isZero()
        || backoffCap.compareTo(backoffStart) < 0) {
      throw new IllegalArgumentException(
          "backoff must start above zero and cap at or above its start");
    }
    if (cardPoll.compareTo(Duration.ofMillis(100)) < 0 || debounce.isNegative()) {
      throw new IllegalArgumentException(
          "cardPoll must be at least 100 ms and debounce not negative");
    }
  }

  /** The defaults of the design: backoff 0.5 s to 30 s, poll every 5 s, 200 ms debounce. */
  public static AgentSettings defaults(WorkspaceId id, Path cardFile, Path stateDir) {
    return new AgentSettings(
        id,
        cardFile,
        stateDir,
        Optional.empty(),
        Optional.empty(),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofMillis(200));
  }

  public AgentSettings withEnrollmentKey(Optional<String> key) {
    return new AgentSettings(
        workspaceId,
        cardFile,
        stateDir,
        key,
        statusFile,
        backoffStart,
        backoffCap,
        cardPoll,
        debounce);
  }

  public AgentSettings withStatusFile(Optional<Path> file) {
    return new AgentSettings(
        workspaceId,
        cardFile,
        stateDir,
        enrollmentKey,
        file,
        backoffStart,
        backoffCap,
        cardPoll,
        debounce);
  }

  public AgentSettings withBackoff(Duration start, Duration cap) {
    return new AgentSettings(
        workspaceId, cardFile, stateDir, enrollmentKey, statusFile, start, cap, cardPoll, debounce);
  }

  public AgentSettings withCardPoll(Duration poll) {
    return new AgentSettings(
        workspaceId,
        cardFile,
        stateDir,
        enrollmentKey,
        statusFile,
        backoffStart,
        backoffCap,
        poll,
        debounce);
  }
}
