package dev.rollcall.app;

import dev.rollcall.client.AgentSettings;
import dev.rollcall.client.RegistrationAgent;
import dev.rollcall.client.http.HttpRegistryTransport;
import dev.rollcall.domain.WorkspaceId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `rollcall agent`: the sidecar for runtimes that are not Java. Keeps one workspace registered from
 * a card file; exits non-zero only when the workspace was removed (3) or the command line is wrong
 * (2).
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "Keep one workspace registered: watch its card file, register, heartbeat, never give up.")
final class AgentCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--server",
      required = true,
      split = ",",
      description =
          "Registry URL; repeat it (or separate with commas) for other registry nodes to move to"
              + " when one cannot serve (ROLLCALL_SERVER).",
      defaultValue = "${env:ROLLCALL_SERVER}")
  List<URI> servers;

  @Option(
      names = "--workspace",
      required = true,
      defaultValue = "${env:ROLLCALL_WORKSPACE}",
      description = "Workspace id (ROLLCALL_WORKSPACE).")
  String workspace;

  @Option(
      names = "--card",
      required = true,
      defaultValue = "${env:ROLLCALL_CARD}",
      description =
          "Path of the agent card file: JSON, or YAML if it ends in .yaml/.yml (ROLLCALL_CARD).")
  Path card;

  @Option(
      names = "--state-dir",
      defaultValue = "${env:ROLLCALL_STATE_DIR:-.rollcall}",
      description = "Where the token file is kept, mode 0600 (default ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--enrollment-key",
      defaultValue = "${env:ROLLCALL_ENROLLMENT_KEY}",
      description = "Enrollment key, to obtain or re-obtain a token (ROLLCALL_ENROLLMENT_KEY).")
  String enrollmentKey;

  @Option(
      names = "--status-file",
      defaultValue = "${env:ROLLCALL_STATUS_FILE}",
      description = "Write a JSON status here on every transition.")
  Path statusFile;

  @Option(
      names = "--backoff-cap",
      defaultValue = "${env:ROLLCALL_BACKOFF_CAP:-30}",
      description =
          "Longest wait between register attempts, in seconds (default ${DEFAULT-VALUE}).")
  double backoffCapSeconds;

  @Option(
      names = "--card-poll-ms",
      defaultValue = "${env:ROLLCALL_CARD_POLL_MS:-5000}",
      description =
          "Safety-net re-read of the card file, in milliseconds (default ${DEFAULT-VALUE}).")
  long cardPollMillis;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      description = "Seconds to wait for the registry's answer (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    AgentSettings settings;
    HttpRegistryTransport transport;
    try {
      if (!WorkspaceId.isValid(workspace)) {
        throw new IllegalArgumentException(
            "--workspace must match ^[a-z0-9][a-z0-9-]{0,127}$; got " + workspace);
      }
      Duration cap = Duration.ofMillis((long) (backoffCapSeconds * 1000));
      settings =
          AgentSettings.defaults(new WorkspaceId(workspace), card, stateDir)
              .withEnrollmentKey(Optional.ofNullable(enrollmentKey).filter(k -> !k.isBlank()))
              .withStatusFile(Optional.ofNullable(statusFile))
              .withBackoff(Duration.ofMillis(Math.min(500, cap.toMillis())), cap)
              .withCardPoll(Duration.ofMillis(cardPollMillis));
      transport = new HttpRegistryTransport(servers, Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("rollcall agent: " + e.getMessage());
      return 2;
    }
    RegistrationAgent agent = RegistrationAgent.start(settings, transport);
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "rollcall-agent-shutdown"));
    return agent.exitCode().get();
  }
}
