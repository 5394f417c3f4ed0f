package dev.rollcall.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.application.port.out.ConcurrentUpdateException;
import dev.rollcall.application.service.AdministerWorkspacesService;
import dev.rollcall.application.service.CoalescingLivenessRecorder;
import dev.rollcall.application.service.EnsureCardAndTokenService;
import dev.rollcall.application.service.ReadRegistryService;
import dev.rollcall.application.service.RegistryPolicy;
import dev.rollcall.application.testing.FakeTime;
import dev.rollcall.application.testing.InMemoryRegistrationStore;
import dev.rollcall.application.testing.RecordingEvents;
import dev.rollcall.application.testing.SequenceTokens;
import dev.rollcall.domain.EnrollmentMode;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP adapter on a real socket over an in-memory store that can be switched off: a store
 * outage answers 503 with Retry-After on every path (never a 4xx, which the platform's runtime
 * would take as final), and never lets a request through.
 */
class StoreOutageHttpTest {
  private static final String CARD = "{\"name\":\"A\",\"url\":\"http://ws-1:8000\"}";
  private volatile boolean losesEveryRace;
  private final InMemoryRegistrationStore store =
      new InMemoryRegistrationStore() {
        @Override
        public void insert(Workspace workspace) {
          if (losesEveryRace) {
            throw new ConcurrentUpdateException("another node wrote " + workspace.id() + " first");
          }
          super.insert(workspace);
        }
      };
  private final HttpClient client = HttpClient.newHttpClient();
  private RegistryHttpServer server;

  @BeforeEach
  void start() {
    FakeTime time = new FakeTime();
    SequenceTokens tokens = new SequenceTokens();
    RecordingEvents events = new RecordingEvents();
    RegistryPolicy policy =
        new RegistryPolicy(
            EnrollmentMode.OPEN, Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(30));
    CoalescingLivenessRecorder liveness = new CoalescingLivenessRecorder(store);
    server =
        new RegistryHttpServer(
                new EnsureCardAndTokenService(store, tokens, time, events, liveness, policy),
                new ReadRegistryService(store, liveness, time, policy),
                new AdministerWorkspacesService(store, tokens, time, events),
                Optional.empty(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void givenStoreDown_whenRegisterHeartbeatOrUpdate_then503WithRetryAfterAndNoToken()
      throws Exception {
    store.setDown(true);

    for (String path :
        new String[] {"/registry/register", "/registry/heartbeat", "/registry/update-card"}) {
      String idField = path.endsWith("register") ? "id" : "workspace_id";
      HttpResponse<String> r =
          post(
              path,
              "{\""
                  + idField
                  + "\":\"ws-1\",\"boot_id\":\"boot-0000-0001\",\"agent_card\":"
                  + CARD
                  + "}",
              null);
      assertThat(r.statusCode()).as(path).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).as(path).contains("2");
      assertThat(r.body()).contains("\"type\":\"store-unavailable\"").doesNotContain("auth_token");
    }
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void givenAWriteThatLosesEveryRace_whenRegister_then503WithRetryAfterNot500() throws Exception {
    losesEveryRace = true;

    HttpResponse<String> r =
        post("/registry/register", "{\"id\":\"ws-1\",\"agent_card\":" + CARD + "}", null);

    // A passing problem: the platform's runtime must be told to come back, not that it failed.
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.body()).contains("\"type\":\"store-unavailable\"").doesNotContain("auth_token");
    assertThat(store.find(new WorkspaceId("ws-1"))).isEmpty();
  }

  @Test
  void givenStoreDownThenBack_whenRegisterAgain_thenItSucceeds() throws Exception {
    store.setDown(true);
    assertThat(
            post("/registry/register", "{\"id\":\"ws-1\",\"agent_card\":" + CARD + "}", null)
                .statusCode())
        .isEqualTo(503);

    store.setDown(false);

    HttpResponse<String> r =
        post("/registry/register", "{\"id\":\"ws-1\",\"agent_card\":" + CARD + "}", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"state\":\"COMPLETE\"");
  }

  @Test
  void givenTheAdminApiIsOff_whenCalled_then403ItSaysHowToTurnItOn() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/admin/workspaces/ws-1"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("admin-disabled").contains("--admin-token");
  }
}
