package dev.rollcall.application.port.out;

import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where workspaces live. Hard state (tokens, cards, lifecycle) is durable once a write returns;
 * contacts are soft state, written in batches. Every method throws {@link
 * StoreUnavailableException} when the store cannot be reached. Implementations are thread-safe.
 */
public interface RegistrationStore {

  Optional<Workspace> find(WorkspaceId id);

  List<Workspace> findAll();

  /** Stores a new workspace at version 1; {@link ConcurrentUpdateException} if the id exists. */
  void insert(Workspace workspace);

  /**
   * Replaces the workspace read at {@code workspace.version()}, bumping the version; {@link
   * ConcurrentUpdateException} when the stored version is another.
   */
  void update(Workspace workspace);

  /** Records the newest contact of each workspace; an older contact never replaces a newer one. */
  void saveContacts(Collection<Contact> contacts);

  Map<WorkspaceId, Contact> contacts();

  /** The newest stored contact of one workspace. */
  Optional<Contact> contact(WorkspaceId id);

  /** The registry's identity, made the first time this store (this database) was opened. */
  String registryId();

  /** Throws {@link StoreUnavailableException} unless the store answers now. */
  void ping();
}
