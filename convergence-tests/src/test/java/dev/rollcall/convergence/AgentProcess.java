package dev.rollcall.convergence;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `rollcall agent` as its own process, with its status file for the test to read. */
final class AgentProcess extends ManagedProcess {
  static final String BACKOFF_CAP_SECONDS = "2";
  static final String TIMEOUT_SECONDS = "5";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final List<String> args;

  AgentProcess(Path dir, String workspace, String server, String... extra) {
    super("agent-" + workspace);
    this.dir = dir;
    this.args =
        new ArrayList<>(
            List.of(
                "agent",
                "--server",
                server,
                "--workspace",
                workspace,
                "--card",
                dir.resolve("card.json").toString(),
                "--state-dir",
                dir.resolve("state").toString(),
                "--status-file",
                dir.resolve("status.json").toString(),
                "--backoff-cap",
                BACKOFF_CAP_SECONDS,
                "--card-poll-ms",
                "500",
                "--timeout",
                TIMEOUT_SECONDS));
    this.args.addAll(List.of(extra));
  }

  AgentProcess start() {
    launch(RollcallJar.command(args.toArray(new String[0])));
    return this;
  }

  /** The agent's status file, or an empty map before it wrote one. */
  @SuppressWarnings("unchecked")
  Map<String, Object> status() {
    try {
      return JSON.readValue(dir.resolve("status.json").toFile(), Map.class);
    } catch (IOException e) {
      return Map.of();
    }
  }

  String state() {
    return String.valueOf(status().get("state"));
  }

  String token() throws IOException {
    Path file =
        Files.list(dir.resolve("state"))
            .filter(p -> p.toString().endsWith(".token"))
            .findFirst()
            .orElseThrow();
    return Files.readString(file).trim();
  }
}
