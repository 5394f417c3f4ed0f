package dev.rollcall.application.port.out;

/** Where changes are announced (the log today; a live watch later). Must not throw. */
public interface RegistrationEvents {
  void publish(RegistrationEvent event);
}
