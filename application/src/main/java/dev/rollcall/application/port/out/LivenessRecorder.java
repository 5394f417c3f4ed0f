package dev.rollcall.application.port.out;

/** Takes note that a runtime was heard from. Must be cheap: it is on every heartbeat. */
public interface LivenessRecorder {
  void record(Contact contact);
}
