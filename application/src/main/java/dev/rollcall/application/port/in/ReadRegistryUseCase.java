package dev.rollcall.application.port.in;

import dev.rollcall.domain.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** What readers (people, dashboards, peers) may ask of the registry. */
public interface ReadRegistryUseCase {

  List<WorkspaceView> list();

  Optional<WorkspaceView> get(WorkspaceId id);

  /** The registry's identity, made once per database. */
  String registryId();

  /** True when the store answers. */
  boolean ready();
}
