package dev.rollcall.application.port.in;

import dev.rollcall.domain.WorkspaceId;

/** What an operator does to workspaces through the admin API. */
public interface AdministerWorkspacesUseCase {

  /**
   * Creates the workspace (or re-provisions an active one) with a new enrollment key and an initial
   * token, for runtimes that can only read a token from a file.
   */
  AdminOutcome provision(WorkspaceId id);

  /** Replaces the live token with a new one; the runtime recovers with its enrollment key. */
  AdminOutcome rotateToken(WorkspaceId id);

  /** Removes the workspace for good: every later call about it answers "removed". */
  AdminOutcome remove(WorkspaceId id);
}
