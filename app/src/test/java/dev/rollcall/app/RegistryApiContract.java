package dev.rollcall.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.domain.EnrollmentMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the registry over real HTTP, against the real composition root. Subclasses run
 * it on SQLite and on PostgreSQL.
 */
abstract class RegistryApiContract {
  protected TestRegistry registry;
  protected Http http;

  protected abstract TestRegistry start(EnrollmentMode mode);

  @BeforeEach
  void startRegistry() {
    registry = start(EnrollmentMode.OPEN);
    http = registry.http;
  }

  @AfterEach
  void stopRegistry() {
    if (registry != null) { // null when the start was skipped (no PostgreSQL on this machine)
      registry.close();
    }
  }

  static Map<String, Object> card(String description) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("name", "SEO");
    card.put("description", description);
    card.put("version", "1.0.0");
    card.put("url", "http://ws-7f3a:8000");
    card.put(
        "skills",
        List.of(Map.of("id", "seo", "name", "seo", "description", "audits", "tags", List.of())));
    card.put("capabilities", Map.of("streaming", true, "pushNotifications", true));
    return card;
  }

  static Map<String, Object> body(Object... kv) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      body.put((String) kv[i], kv[i + 1]);
    }
    return body;
  }

  /** Registers ws-7f3a with a boot id and a card; returns the token. */
  protected String register() {
    Http.Answer a =
        http.post(
            "/registry/register",
            body(
                "id",
                "ws-7f3a",
                "url",
                "http://ws-7f3a:8000",
                "boot_id",
                "boot-0000-0001",
                "agent_card",
                card("v1")));
    assertThat(a.status()).isEqualTo(200);
    return a.text("auth_token");
  }

  protected Map<String, Object> workspace() {
    return http.get("/registry/workspaces/ws-7f3a").json();
  }

  @SuppressWarnings("unchecked")
  protected static Map<String, Object> sub(Map<String, Object> json, String field) {
    return (Map<String, Object>) json.get(field);
  }

  @Test
  void givenNewWorkspace_whenRegistered_thenCompleteWithTokenDigestAndRegistryId() {
    Http.Answer a =
        http.post(
            "/registry/register",
            body("id", "ws-7f3a", "boot_id", "boot-0000-0001", "agent_card", card("v1")));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json())
        .containsEntry("status", "registered")
        .containsEntry("state", "COMPLETE")
        .containsEntry("card_generation", 1)
        .containsEntry("heartbeat_interval_seconds", 10)
        .containsEntry("registry_id", registry.registryId());
    assertThat(a.text("auth_token")).hasSize(43);
    assertThat(a.text("card_digest")).startsWith("sha256:");
  }

  @Test
  void
      givenUnclaimedToken_whenAStrangerReadsTheRegistry_thenItLearnsNothingThatReobtainsTheToken() {
    register(); // its response "lost": the token stays unclaimed, re-issuable to boot-0000-0001

    String everything = http.get("/registry/workspaces").raw().body() + workspace().toString();
    assertThat(sub(workspace(), "token")).containsEntry("boot_prefix", "boot-000");
    assertThat(everything).doesNotContain("boot-0000-0001");
  }

  @Test
  void givenRegistered_whenListedAndRead_thenStateLivenessTokenAndCardSummaryShow() {
    register();

    Map<String, Object> list = http.get("/registry/workspaces").json();
    Map<String, Object> ws = workspace();

    assertThat(list).containsEntry("registry_id", registry.registryId());
    assertThat((List<?>) list.get("workspaces")).hasSize(1);
    assertThat(ws)
        .containsEntry("id", "ws-7f3a")
        .containsEntry("state", "COMPLETE")
        .containsEntry("lifecycle", "ACTIVE")
        .containsEntry("liveness", "ONLINE");
    assertThat(ws.get("last_contact")).isNotNull();
    assertThat(sub(ws, "token")).containsEntry("claimed", false);
    assertThat(sub(ws, "card"))
        .containsEntry("name", "SEO")
        .containsEntry("generation", 1)
        .containsEntry("skills", List.of("seo"));
  }

  @Test
  void givenStoredCard_whenFetched_thenTheCardWithAnEtagAnd304WhenUnchanged() {
    register();

    Http.Answer card = http.get("/registry/workspaces/ws-7f3a/agent-card");
    Http.Answer again =
        http.get("/registry/workspaces/ws-7f3a/agent-card", "If-None-Match", card.header("ETag"));

    assertThat(card.status()).isEqualTo(200);
    assertThat(card.json()).containsEntry("description", "v1").containsEntry("name", "SEO");
    assertThat(card.header("ETag")).isEqualTo("\"" + sub(workspace(), "card").get("digest") + "\"");
    assertThat(again.status()).isEqualTo(304);
  }

  @Test
  void givenRegistrationWithoutCard_whenHeartbeatCarriesTheCard_thenTheNullCardIsBackfilled() {
    Http.Answer reg =
        http.post("/registry/register", body("id", "ws-7f3a", "boot_id", "boot-0000-0001"));
    assertThat(reg.text("state")).isEqualTo("REGISTERED_NO_CARD");
    assertThat(http.get("/registry/workspaces/ws-7f3a/agent-card").type())
        .isEqualTo("card-missing");

    Http.Answer beat =
        http.post(
            "/registry/heartbeat",
            body("workspace_id", "ws-7f3a", "agent_card", card("v1")),
            "Authorization",
            "Bearer " + reg.text("auth_token"));

    assertThat(beat.status()).isEqualTo(200);
    assertThat(beat.json()).containsEntry("status", "ok").containsEntry("state", "COMPLETE");
    assertThat(workspace().get("state")).isEqualTo("COMPLETE");
  }

  @Test
  void givenComplete_whenDigestOnlyHeartbeatDiffers_thenCardNeeded_andWhenSame_thenNot() {
    String token = register();
    String stored = (String) sub(workspace(), "card").get("digest");

    Http.Answer same =
        http.post(
            "/registry/heartbeat",
            body("workspace_id", "ws-7f3a", "card_digest", stored),
            "Authorization",
            "Bearer " + token);
    Http.Answer other =
        http.post(
            "/registry/heartbeat",
            body("workspace_id", "ws-7f3a", "card_digest", "sha256:" + "0".repeat(64)),
            "Authorization",
            "Bearer " + token);

    assertThat(same.json()).containsEntry("card_needed", false);
    assertThat(other.json()).containsEntry("card_needed", true);
  }

  @Test
  void
      givenComplete_whenTheSameCardIsUpdated_thenNoGenerationBumpAndNothingChanges_andANewCardBumps() {
    String token = register();
    http.post(
        "/registry/heartbeat",
        body("workspace_id", "ws-7f3a"),
        "Authorization",
        "Bearer " + token); // claims the token
    Map<String, Object> before = workspace();

    Http.Answer same =
        http.post(
            "/registry/update-card",
            body("workspace_id", "ws-7f3a", "agent_card", card("v1")),
            "Authorization",
            "Bearer " + token);

    assertThat(same.json()).containsEntry("status", "updated").containsEntry("card_generation", 1);
    assertThat(workspace().get("updated_at")).isEqualTo(before.get("updated_at"));
    Http.Answer changed =
        http.post(
            "/registry/update-card",
            body("workspace_id", "ws-7f3a", "agent_card", card("v2")),
            "Authorization",
            "Bearer " + token);
    assertThat(changed.json()).containsEntry("card_generation", 2);
  }

  @Test
  void givenAStranger_whenHeartbeatWithAWrongToken_then401AndNothingChanged() {
    register();
    Map<String, Object> before = workspace();

    Http.Answer a =
        http.post(
            "/registry/heartbeat",
            body("workspace_id", "ws-7f3a", "agent_card", card("hijacked")),
            "Authorization",
            "Bearer not-the-token");

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.type()).isEqualTo("token-invalid");
    assertThat(a.header("Content-Type")).startsWith("application/problem+json");
    assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(workspace()).isEqualTo(before);
  }

  @Test
  void givenAdminToken_whenProvisionRotateRemove_thenKeysTokensAnd410() {
    String admin = "Bearer " + TestRegistry.ADMIN_TOKEN;

    Http.Answer provisioned =
        http.send("PUT", "/admin/workspaces/ws-prov", null, "Authorization", admin);
    assertThat(provisioned.status()).isEqualTo(201);
    String key = provisioned.text("enrollment_key");
    String initial = provisioned.text("auth_token");
    assertThat(key).hasSize(43);

    Http.Answer beat =
        http.post(
            "/registry/heartbeat",
            body("workspace_id", "ws-prov", "agent_card", card("v1")),
            "Authorization",
            "Bearer " + initial);
    assertThat(beat.json()).containsEntry("state", "COMPLETE");

    Http.Answer rotated =
        http.send("POST", "/admin/workspaces/ws-prov/rotate-token", null, "Authorization", admin);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(
            http.post(
                    "/registry/heartbeat",
                    body("workspace_id", "ws-prov"),
                    "Authorization",
                    "Bearer " + initial)
                .status())
        .isEqualTo(401);
    Http.Answer rekeyed =
        http.post(
            "/registry/register",
            body(
                "id",
                "ws-prov",
                "boot_id",
                "boot-0000-0009",
                "enrollment_key",
                key,
                "agent_card",
                card("v1")));
    assertThat(rekeyed.status()).isEqualTo(200);
    assertThat(rekeyed.text("auth_token")).isNotNull();

    assertThat(
            http.send("DELETE", "/admin/workspaces/ws-prov", null, "Authorization", admin).status())
        .isEqualTo(200);
    Http.Answer gone =
        http.post(
            "/registry/register",
            body("id", "ws-prov", "enrollment_key", key, "agent_card", card("v1")),
            "Authorization",
            "Bearer " + rekeyed.text("auth_token"));
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.type()).isEqualTo("workspace-removed");
    assertThat(http.get("/registry/workspaces/ws-prov").json())
        .containsEntry("lifecycle", "REMOVED");
  }

  @Test
  void givenNoOrWrongAdminToken_whenAdminApi_then401AndNothingCreated() {
    Http.Answer none = http.send("PUT", "/admin/workspaces/ws-x", null);
    Http.Answer wrong =
        http.send(
            "PUT",
            "/admin/workspaces/ws-x",
            null,
            "Authorization",
            "Bearer " + TestRegistry.ADMIN_TOKEN + "x");

    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.type()).isEqualTo("admin-unauthorized");
    assertThat(http.get("/registry/workspaces/ws-x").status()).isEqualTo(404);
  }

  @Test
  void givenARunningRegistry_thenHealthReadinessAndMetricsAnswer() {
    register();

    assertThat(http.get("/healthz").status()).isEqualTo(200);
    assertThat(http.get("/readyz").json()).containsEntry("status", "ready");
    Http.Answer metrics = http.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw().body())
        .contains("rollcall_http_server_requests_seconds_count{route=\"register\"")
        .contains("rollcall_registration_events_total{event=\"CardStored\"}")
        .contains("rollcall_liveness_pending_contacts ")
        .contains("hikaricp_connections_active{pool=\"rollcall\"}")
        .contains("jvm_memory_used_bytes{")
        .contains("process_uptime_seconds ");
  }

  @Test
  void givenThePlatformsSideCalls_thenA404ProblemTheyTolerate() {
    Http.Answer delegations = http.get("/workspaces/ws-7f3a/delegations");

    assertThat(delegations.status()).isEqualTo(404);
    assertThat(delegations.type()).isEqualTo("not-found");
  }
}
