package dev.rollcall.application.service;

import dev.rollcall.application.port.in.Liveness;
import dev.rollcall.application.port.in.ReadRegistryUseCase;
import dev.rollcall.application.port.in.WorkspaceView;
import dev.rollcall.application.port.out.Contact;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.port.out.StoreUnavailableException;
import dev.rollcall.application.port.out.TimeSource;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads workspaces with their liveness. Contacts still waiting in this node's batch are newer than
 * the store's and are taken first. Thread-safe.
 */
public final class ReadRegistryService implements ReadRegistryUseCase {
  private final RegistrationStore store;
  private final CoalescingLivenessRecorder pending;
  private final TimeSource time;
  private final RegistryPolicy policy;

  public ReadRegistryService(
      RegistrationStore store,
      CoalescingLivenessRecorder pending,
      TimeSource time,
      RegistryPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.pending = Objects.requireNonNull(pending, "pending");
    this.time = Objects.requireNonNull(time, "time");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public List<WorkspaceView> list() {
    Map<WorkspaceId, Contact> contacts = store.contacts();
    Instant now = time.now();
    return store.findAll().stream()
        .sorted(Comparator.comparing(w -> w.id().value()))
        .map(w -> view(w, Optional.ofNullable(contacts.get(w.id())), now))
        .toList();
  }

  @Override
  public Optional<WorkspaceView> get(WorkspaceId id) {
    Instant now = time.now();
    return store.find(id).map(w -> view(w, store.contact(id), now));
  }

  @Override
  public String registryId() {
    return store.registryId();
  }

  @Override
  public boolean ready() {
    try {
      store.ping();
      return true;
    } catch (StoreUnavailableException e) {
      return false;
    }
  }

  private WorkspaceView view(Workspace workspace, Optional<Contact> stored, Instant now) {
    Optional<Instant> last = stored.map(Contact::at);
    Optional<Instant> unflushed = pending.pendingFor(workspace.id()).map(Contact::at);
    if (unflushed.isPresent() && (last.isEmpty() || unflushed.get().isAfter(last.get()))) {
      last = unflushed;
    }
    boolean online =
        last.isPresent()
            && !workspace.isRemoved()
            && !last.get().plus(policy.livenessTtl()).isBefore(now);
    return new WorkspaceView(workspace, last, online ? Liveness.ONLINE : Liveness.OFFLINE);
  }
}
