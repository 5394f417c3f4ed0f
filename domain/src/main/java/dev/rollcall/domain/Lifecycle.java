package dev.rollcall.domain;

/** Whether an operator has removed a workspace. Kept apart from the registration state. */
public enum Lifecycle {
  ACTIVE,
  /** Removed by an operator; nothing a runtime sends revives it. */
  REMOVED
}
