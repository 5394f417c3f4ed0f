package dev.rollcall.application.testing;

import dev.rollcall.application.port.out.RegistrationEvent;
import dev.rollcall.application.port.out.RegistrationEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published event for assertions. Thread-safe. */
public final class RecordingEvents implements RegistrationEvents {
  private final List<RegistrationEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void publish(RegistrationEvent event) {
    events.add(event);
  }

  public List<RegistrationEvent> all() {
    return List.copyOf(events);
  }

  public <T extends RegistrationEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    events.clear();
  }
}
