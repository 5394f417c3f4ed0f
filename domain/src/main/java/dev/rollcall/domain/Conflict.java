package dev.rollcall.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Two runtimes (two boots) acting as one workspace, seen by the registry and kept visible until an
 * operator rotates the token or removes the workspace.
 *
 * @param holder the boot that holds the live token
 * @param contender the boot that keeps coming back for it
 */
public record Conflict(BootId holder, BootId contender, Instant detectedAt) {
  public Conflict {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(contender, "contender");
    Objects.requireNonNull(detectedAt, "detectedAt");
  }
}
