package dev.rollcall.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollcall.client.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's status as a small JSON file, rewritten atomically, for people and scripts. */
final class StatusFile {
  private final Path path;
  private final ObjectMapper json = new ObjectMapper();

  StatusFile(Path path) {
    this.path = path;
  }

  void write(AgentStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workspace_id", status.workspaceId());
    body.put("state", status.state());
    body.put("registry_id", status.registryId().orElse(null));
    body.put(
        "acknowledged_card_digest",
        status.acknowledgedCardDigest().map(Object::toString).orElse(null));
    body.put("token_prefix", status.tokenPrefix().orElse(null));
    body.put("card_rejection", status.cardRejection().orElse(null));
    body.put("last_success", status.lastSuccess().map(Object::toString).orElse(null));
    body.put("last_error", status.lastError().orElse(null));
    body.put("server", status.server());
    try {
      AtomicFiles.write(
          path, json.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n", false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write status file " + path, e);
    }
  }
}
