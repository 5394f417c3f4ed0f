package dev.rollcall.application.testing;

import dev.rollcall.application.port.out.ConcurrentUpdateException;
import dev.rollcall.application.port.out.Contact;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.port.out.StoreUnavailableException;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store port in memory: passes the same contract test as the real stores. It can be made
 * unreachable, and counts hard-state writes so tests can show which paths write. Thread-safe.
 */
public class InMemoryRegistrationStore implements RegistrationStore {
  private final Map<WorkspaceId, Workspace> workspaces = new ConcurrentHashMap<>();
  private final Map<WorkspaceId, Contact> contacts = new ConcurrentHashMap<>();
  private final String registryId = UUID.randomUUID().toString();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger writes = new AtomicInteger();

  public void setDown(boolean isDown) {
    down.set(isDown);
  }

  /** How many inserts and updates of hard state have succeeded. */
  public int hardWrites() {
    return writes.get();
  }

  private void check() {
    if (down.get()) {
      throw new StoreUnavailableException("store is down (test)", null);
    }
  }

  @Override
  public Optional<Workspace> find(WorkspaceId id) {
    check();
    return Optional.ofNullable(workspaces.get(id));
  }

  @Override
  public List<Workspace> findAll() {
    check();
    return new ArrayList<>(workspaces.values());
  }

  @Override
  public void insert(Workspace workspace) {
    check();
    if (workspaces.putIfAbsent(workspace.id(), workspace.atVersion(1)) != null) {
      throw new ConcurrentUpdateException("workspace " + workspace.id() + " exists");
    }
    writes.incrementAndGet();
  }

  @Override
  public void update(Workspace workspace) {
    check();
    AtomicBoolean won = new AtomicBoolean();
    workspaces.computeIfPresent(
        workspace.id(),
        (id, current) -> {
          if (current.version() != workspace.version()) {
            return current;
          }
          won.set(true);
          return workspace.atVersion(current.version() + 1);
        });
    if (!won.get()) {
      throw new ConcurrentUpdateException(
          "workspace " + workspace.id() + " changed since it was read");
    }
    writes.incrementAndGet();
  }

  @Override
  public void saveContacts(Collection<Contact> batch) {
    check();
    for (Contact c : batch) {
      contacts.merge(c.workspaceId(), c, (old, neu) -> neu.at().isBefore(old.at()) ? old : neu);
    }
  }

  @Override
  public Map<WorkspaceId, Contact> contacts() {
    check();
    return Map.copyOf(contacts);
  }

  @Override
  public Optional<Contact> contact(WorkspaceId id) {
    check();
    return Optional.ofNullable(contacts.get(id));
  }

  @Override
  public String registryId() {
    return registryId;
  }

  @Override
  public void ping() {
    check();
  }
}
