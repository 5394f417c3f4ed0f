package dev.rollcall.app;

import dev.rollcall.application.port.out.RegistrationEvent;
import dev.rollcall.application.port.out.RegistrationEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line and one count per registry transition. Thread-safe. */
final class LoggingEvents implements RegistrationEvents {
  private static final Logger LOG = LoggerFactory.getLogger("dev.rollcall.transitions");

  private final MeterRegistry metrics;

  LoggingEvents(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public void publish(RegistrationEvent event) {
    metrics
        .counter("rollcall_registration_events", "event", event.getClass().getSimpleName())
        .increment();
    String id = event.workspaceId().value();
    if (event instanceof RegistrationEvent.StateChanged e) {
      LOG.info("{}: {} -> {}", id, e.from(), e.to());
    } else if (event instanceof RegistrationEvent.TokenIssued e) {
      LOG.info("{}: token {}… issued: {}", id, e.tokenPrefix(), e.reason());
    } else if (event instanceof RegistrationEvent.CardStored e) {
      LOG.info("{}: card stored, generation {} ({})", id, e.generation(), e.digest());
    } else if (event instanceof RegistrationEvent.CardRejected e) {
      LOG.warn("{}: card rejected: {}", id, e.rejection().summary());
    } else if (event instanceof RegistrationEvent.ConflictFlagged e) {
      LOG.warn(
          "{}: CONFLICT: boot {} holds the token, boot {} keeps claiming it",
          id,
          e.conflict().holder(),
          e.conflict().contender());
    } else if (event instanceof RegistrationEvent.Removed) {
      LOG.info("{}: removed by an operator", id);
    }
  }
}
