package dev.rollcall.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `rollcall` jar as users run it: help, bad command lines, clean stops. */
class CommandLineTest {
  @TempDir Path dir;

  private ManagedProcess run(String... args) {
    ManagedProcess process = new ManagedProcess("cli");
    process.launch(RollcallJar.command(args));
    assertThat(process.waitFor(Duration.ofSeconds(60))).as("finished").isTrue();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !process.output().isEmpty());
    return process;
  }

  @Test
  void givenHelp_thenBothCommandsAreListed() {
    ManagedProcess help = run("--help");

    assertThat(help.exitValue()).isZero();
    assertThat(help.output()).contains("serve").contains("agent");
  }

  @Test
  void givenABadCommandLine_thenExitCode2WithTheReason() {
    ManagedProcess badServer =
        run("agent", "--server", "ftp://registry", "--workspace", "ws-1", "--card", "card.json");
    ManagedProcess badWorkspace =
        run(
            "agent",
            "--server",
            "http://127.0.0.1:1",
            "--workspace",
            "WS 1",
            "--card",
            "card.json");
    ManagedProcess badPort =
        run("serve", "--port", "70000", "--db", dir.resolve("x.db").toString());
    ManagedProcess badDb = run("serve", "--port", "0", "--db", "jdbc:mysql://127.0.0.1/x");

    assertThat(badServer.exitValue()).isEqualTo(2);
    assertThat(badServer.output()).contains("--server must be an http(s) URL");
    assertThat(badWorkspace.exitValue()).isEqualTo(2);
    assertThat(badPort.exitValue()).isEqualTo(2);
    assertThat(badPort.output()).contains("--port must be 0 to 65535");
    assertThat(badDb.exitValue()).isEqualTo(2);
    assertThat(badDb.output()).contains("jdbc:postgresql:");
  }

  @Test
  void givenAnUnreachableDatabaseAtStart_thenItSaysSoAndExits() {
    ManagedProcess serve =
        run(
            "serve",
            "--port",
            "0",
            "--db",
            "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/none");

    assertThat(serve.exitValue()).isEqualTo(1);
    assertThat(serve.output()).contains("rollcall serve: cannot start");
  }

  @Test
  void givenSigterm_thenTheRegistryStopsCleanly() {
    RegistryProcess registry = new RegistryProcess(dir.resolve("registry.db")).start();
    assertThat(registry.printed("ENROLLMENT IS OPEN")).as("open mode says so loudly").isTrue();

    registry.stop();

    assertThat(registry.alive()).isFalse();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> registry.printed("registry stopped"));
  }
}
