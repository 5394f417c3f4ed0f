package dev.rollcall.domain;

/** Which inbound path a command came through. The rules differ only where section 3 says so. */
public enum Source {
  REGISTER,
  HEARTBEAT,
  CARD_UPDATE
}
