package dev.rollcall.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.domain.EnrollmentMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays, unchanged, the requests captured from the platform's existing Python runtime (four runs:
 * first boot, restart with a saved token, two older versions) and checks each gets the answer that
 * runtime needs. {@code tok123} in the capture stands for the token; the replay puts the real one.
 */
class PlatformFixtureReplayTest {
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "host", "expect", "upgrade");

  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fixture() throws IOException {
    try (InputStream in =
        PlatformFixtureReplayTest.class.getResourceAsStream(
            "/fixtures/platform-runtime-requests.json")) {
      return Http.JSON.readValue(in, Map.class);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> requests(String label) throws IOException {
    for (Map<String, Object> run : (List<Map<String, Object>>) fixture().get("runs")) {
      if (label.equals(run.get("label"))) {
        return (List<Map<String, Object>>) run.get("requests");
      }
    }
    throw new IllegalArgumentException("no run " + label);
  }

  /** Sends one captured request as it was, but with the real token in place of the placeholder. */
  @SuppressWarnings("unchecked")
  private static Http.Answer replay(Http http, Map<String, Object> request, String token)
      throws IOException {
    List<String> headers = new ArrayList<>();
    for (List<String> header : (List<List<String>>) request.get("headers")) {
      if (RESTRICTED.contains(header.get(0).toLowerCase())) {
        continue;
      }
      headers.add(header.get(0));
      headers.add(header.get(1).replace("tok123", token == null ? "tok123" : token));
    }
    Object body = request.get("body");
    return http.send(
        (String) request.get("method"),
        (String) request.get("path"),
        body == null ? null : Http.JSON.writeValueAsString(body),
        headers.toArray(new String[0]));
  }

  @Test
  void givenTheCheckedInCopy_thenItIsTheSharedFixtureUnchanged() throws IOException {
    Path shared = Path.of("").toAbsolutePath();
    while (shared != null
        && !Files.exists(shared.resolve("shared/fixtures/platform-runtime-requests.json"))) {
      shared = shared.getParent();
    }
    if (shared != null) {
      try (InputStream copy =
          getClass().getResourceAsStream("/fixtures/platform-runtime-requests.json")) {
        assertThat(copy.readAllBytes())
            .isEqualTo(
                Files.readAllBytes(
                    shared.resolve("shared/fixtures/platform-runtime-requests.json")));
      }
    }
  }

  @Test
  void
      givenTheNewestRuntime_whenFirstBootThenRestartWithItsSavedToken_thenEveryCallIsAnsweredAsItNeeds()
          throws IOException {
    try (TestRegistry registry = TestRegistry.sqlite(dir, EnrollmentMode.OPEN)) {
      String token = null;
      for (Map<String, Object> request : requests("enteros")) {
        Http.Answer a = replay(registry.http, request, token);
        String path = (String) request.get("path");
        if (path.equals("/registry/register")) {
          assertThat(a.status()).isEqualTo(200);
          token = a.text("auth_token"); // that runtime reads its token from the register reply
          assertThat(token).isNotNull();
          assertThat(a.text("state")).isEqualTo("COMPLETE");
        } else if (path.startsWith("/workspaces/")) {
          assertThat(a.status()).as("side call %s", path).isEqualTo(404);
        } else {
          assertThat(a.status()).as("%s", path).isEqualTo(200);
        }
      }
      Map<String, Object> ws = registry.http.get("/registry/workspaces/ws-compat-0001").json();
      assertThat(ws).containsEntry("state", "COMPLETE");
      assertThat(RegistryApiContract.sub(ws, "card"))
          .containsEntry("generation", 2); // the update-card landed
      assertThat(RegistryApiContract.sub(ws, "token")).containsEntry("claimed", true);

      // Restart: it reads the token from its file and registers with it.
      for (Map<String, Object> request : requests("enteros-restart-org")) {
        Http.Answer a = replay(registry.http, request, token);
        String path = (String) request.get("path");
        assertThat(a.status())
            .as("%s after restart", path)
            .isEqualTo(path.startsWith("/workspaces/") ? 404 : 200);
        assertThat(a.text("auth_token")).as("no token churn on restart").isNull();
      }
      assertThat(registry.http.get("/registry/workspaces/ws-compat-0001").json())
          .containsEntry("state", "COMPLETE");
    }
  }

  @Test
  void
      givenOlderRuntimes_whenReplayed_thenRegisterAndHeartbeatWork_andTheUnauthenticatedCardUpdateIsRefused()
          throws IOException {
    for (String label : List.of("molecule-ai-runtime", "molecule-core")) {
      Path own = dir.resolve(label);
      Files.createDirectories(own);
      try (TestRegistry registry = TestRegistry.sqlite(own, EnrollmentMode.OPEN)) {
        String token = null;
        for (Map<String, Object> request : requests(label)) {
          Http.Answer a = replay(registry.http, request, token);
          String path = (String) request.get("path");
          switch (path) {
            case "/registry/register" -> {
              assertThat(a.status()).isEqualTo(200);
              token = a.text("auth_token");
            }
            case "/registry/heartbeat" ->
                assertThat(a.status()).as("%s heartbeat", label).isEqualTo(200);
            case "/registry/update-card" -> {
              // These versions send update-card without the token they already used: once the token
              // is claimed, that is a stranger's call. Refused with 401 (never a silent write); the
              // card reaches the registry with the runtime's next register.
              assertThat(a.status()).isEqualTo(401);
              assertThat(a.type()).isEqualTo("token-missing");
            }
            default -> assertThat(a.status()).isEqualTo(404);
          }
        }
        assertThat(registry.http.get("/registry/workspaces/ws-compat-0001").json())
            .containsEntry("state", "COMPLETE");
      }
    }
  }
}
