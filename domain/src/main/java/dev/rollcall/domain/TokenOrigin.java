package dev.rollcall.domain;

/**
 * Who asked for a token to be minted: a runtime's own call, or an operator through the admin API.
 */
public enum TokenOrigin {
  CALLER,
  OPERATOR
}
