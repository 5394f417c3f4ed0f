package dev.rollcall.application.service;

import dev.rollcall.application.port.out.Contact;
import dev.rollcall.application.port.out.LivenessRecorder;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.application.port.out.StoreUnavailableException;
import dev.rollcall.domain.WorkspaceId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps only the newest contact of each workspace in memory and writes them all in one batch when
 * {@link #flush()} is called (the composition root schedules it). A heartbeat costs one map put;
 * the store sees at most one write per workspace per flush. Contacts are soft state: a crash loses
 * at most one flush interval of them. Thread-safe.
 */
public final class CoalescingLivenessRecorder implements LivenessRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(CoalescingLivenessRecorder.class);

  private final RegistrationStore store;
  private final ConcurrentHashMap<WorkspaceId, Contact> pending = new ConcurrentHashMap<>();

  public CoalescingLivenessRecorder(RegistrationStore store) {
    this.store = store;
  }

  @Override
  public void record(Contact contact) {
    pending.merge(contact.workspaceId(), contact, CoalescingLivenessRecorder::newer);
  }

  /** How many workspaces have a contact not yet written. */
  public int pendingCount() {
    return pending.size();
  }

  Optional<Contact> pendingFor(WorkspaceId id) {
    return Optional.ofNullable(pending.get(id));
  }

  /** Writes what is pending; on a store failure keeps it for the next flush. */
  public int flush() {
    if (pending.isEmpty()) {
      return 0;
    }
    List<Contact> batch = List.copyOf(pending.values());
    try {
      store.saveContacts(batch);
    } catch (StoreUnavailableException e) {
      LOG.warn("could not write {} contacts, will retry: {}", batch.size(), e.getMessage());
      return 0;
    }
    // Remove only what was written; a newer contact that arrived meanwhile stays for the next
    // flush.
    for (Contact written : batch) {
      pending.remove(written.workspaceId(), written);
    }
    return batch.size();
  }

  private static Contact newer(Contact a, Contact b) {
    return b.at().isBefore(a.at()) ? a : b;
  }
}
