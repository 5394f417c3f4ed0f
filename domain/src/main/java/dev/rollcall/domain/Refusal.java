package dev.rollcall.domain;

/** Why a command was refused. Each maps to one stable problem type on the wire. */
public enum Refusal {
  TOKEN_MISSING("token-missing"),
  TOKEN_INVALID("token-invalid"),
  TOKEN_REISSUE_REFUSED("token-reissue-refused"),
  WORKSPACE_REMOVED("workspace-removed"),
  WORKSPACE_UNKNOWN("workspace-unknown"),
  WORKSPACE_CONFLICT("workspace-conflict");

  private final String type;

  Refusal(String type) {
    this.type = type;
  }

  /** The stable problem type, e.g. {@code token-invalid}. */
  public String type() {
    return type;
  }
}
