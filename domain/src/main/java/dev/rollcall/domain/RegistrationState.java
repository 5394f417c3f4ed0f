package dev.rollcall.domain;

/** The name of a registration state, as the wire protocol and the read API spell it. */
public enum RegistrationState {
  UNREGISTERED,
  REGISTERED_NO_CARD,
  COMPLETE
}
