package dev.rollcall.app;

import static dev.rollcall.app.RegistryApiContract.body;
import static dev.rollcall.app.RegistryApiContract.card;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.domain.EnrollmentMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Design section 7: every bad input answers a 4xx problem document with a stable type, changes no
 * row, and leaves the registry serving others.
 */
class BadInputTest {
  @TempDir static Path dir;
  static TestRegistry registry;
  static Http http;
  static String token;
  static String otherToken;

  @BeforeAll
  static void start() {
    registry = TestRegistry.sqlite(dir, EnrollmentMode.OPEN);
    http = registry.http;
    token =
        http.post(
                "/registry/register",
                body("id", "ws-good", "boot_id", "boot-good-0001", "agent_card", card("v1")))
            .text("auth_token");
    otherToken =
        http.post(
                "/registry/register",
                body("id", "ws-other", "boot_id", "boot-othr-0001", "agent_card", card("v1")))
            .text("auth_token");
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static String json(Object o) {
    try {
      return Http.JSON.writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> cardWith(String field, Object value) {
    Map<String, Object> card = card("v1");
    card.put(field, value);
    return card;
  }

  static Stream<Arguments> badRequests() {
    String ct = "application/json";
    return Stream.of(
        Arguments.of(
            "malformed JSON",
            "/registry/register",
            "{\"id\": \"ws-good\",",
            ct,
            null,
            400,
            "malformed-json"),
        Arguments.of(
            "duplicate keys",
            "/registry/register",
            "{\"id\":\"ws-good\",\"id\":\"ws-evil\"}",
            ct,
            null,
            400,
            "malformed-json"),
        Arguments.of(
            "a JSON array", "/registry/register", "[1,2]", ct, null, 400, "invalid-request"),
        Arguments.of(
            "text/plain",
            "/registry/register",
            json(body("id", "ws-good")),
            "text/plain",
            null,
            415,
            "unsupported-media-type"),
        Arguments.of(
            "form content type",
            "/registry/heartbeat",
            "workspace_id=ws-good",
            "application/x-www-form-urlencoded",
            token,
            415,
            "unsupported-media-type"),
        Arguments.of(
            "missing id",
            "/registry/register",
            json(body("url", "http://x")),
            ct,
            null,
            400,
            "invalid-request"),
        Arguments.of(
            "id of the wrong type",
            "/registry/register",
            json(body("id", 42)),
            ct,
            null,
            400,
            "invalid-request"),
        Arguments.of(
            "boot id of the wrong shape",
            "/registry/heartbeat",
            json(body("workspace_id", "ws-good", "boot_id", "x")),
            ct,
            token,
            400,
            "invalid-request"),
        Arguments.of(
            "digest of the wrong shape",
            "/registry/heartbeat",
            json(body("workspace_id", "ws-good", "card_digest", "md5:abc")),
            ct,
            token,
            400,
            "invalid-request"),
        Arguments.of(
            "update-card without a card",
            "/registry/update-card",
            json(body("workspace_id", "ws-good")),
            ct,
            token,
            400,
            "invalid-request"),
        Arguments.of(
            "path traversal id",
            "/registry/register",
            json(body("id", "../../etc/passwd")),
            ct,
            null,
            400,
            "invalid-request"),
        Arguments.of(
            "SQL metacharacters id",
            "/registry/register",
            json(body("id", "ws-good'; drop table workspace;--")),
            ct,
            null,
            400,
            "invalid-request"),
        Arguments.of(
            "10 KB id",
            "/registry/register",
            json(body("id", "w".repeat(10_000))),
            ct,
            null,
            400,
            "invalid-request"),
        Arguments.of(
            "control characters id",
            "/registry/register",
            json(body("id", "ws-good\u0000\u0007")),
            ct,
            null,
            400,
            "invalid-request"),
        Arguments.of(
            "upper-case id",
            "/registry/heartbeat",
            json(body("workspace_id", "WS-GOOD")),
            ct,
            token,
            400,
            "invalid-request"),
        Arguments.of(
            "card URL at the metadata address",
            "/registry/update-card",
            json(
                body(
                    "workspace_id",
                    "ws-good",
                    "agent_card",
                    cardWith("url", "http://169.254.169.254/latest"))),
            ct,
            token,
            422,
            "card-invalid"),
        Arguments.of(
            "card URL link-local",
            "/registry/update-card",
            json(
                body(
                    "workspace_id", "ws-good", "agent_card", cardWith("url", "http://[fe80::1]/"))),
            ct,
            token,
            422,
            "card-invalid"),
        Arguments.of(
            "card URL with a file scheme",
            "/registry/update-card",
            json(
                body(
                    "workspace_id",
                    "ws-good",
                    "agent_card",
                    cardWith("url", "file:///etc/passwd"))),
            ct,
            token,
            422,
            "card-invalid"),
        Arguments.of(
            "card without a name",
            "/registry/update-card",
            json(body("workspace_id", "ws-good", "agent_card", cardWith("name", null))),
            ct,
            token,
            422,
            "card-invalid"),
        Arguments.of(
            "card over 64 KiB",
            "/registry/update-card",
            json(
                body(
                    "workspace_id",
                    "ws-good",
                    "agent_card",
                    cardWith("description", "d".repeat(70_000)))),
            ct,
            token,
            422,
            "card-invalid"),
        Arguments.of(
            "request over 128 KiB",
            "/registry/update-card",
            json(
                body(
                    "workspace_id",
                    "ws-good",
                    "agent_card",
                    cardWith("description", "d".repeat(140_000)))),
            ct,
            token,
            413,
            "payload-too-large"),
        Arguments.of(
            "truncated token",
            "/registry/heartbeat",
            json(body("workspace_id", "ws-good", "agent_card", card("hijack"))),
            ct,
            "TRUNC",
            401,
            "token-invalid"),
        Arguments.of(
            "token of another workspace",
            "/registry/update-card",
            json(body("workspace_id", "ws-good", "agent_card", card("hijack"))),
            ct,
            "OTHER",
            401,
            "token-invalid"),
        Arguments.of(
            "no token, claimed workspace",
            "/registry/update-card",
            json(body("workspace_id", "ws-good", "agent_card", card("hijack"))),
            ct,
            null,
            401,
            "token-missing"),
        Arguments.of(
            "basic auth instead of bearer",
            "/registry/update-card",
            json(body("workspace_id", "ws-good", "agent_card", card("hijack"))),
            ct,
            "BASIC",
            401,
            "token-invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void givenBadInput_thenA4xxProblemAndNothingChanges(
      String what,
      String path,
      String rawBody,
      String contentType,
      String auth,
      int status,
      String type) {
    // Claim both tokens first so that the legacy trust-on-first-use window is closed.
    http.post(
        "/registry/heartbeat",
        body("workspace_id", "ws-good", "boot_id", "boot-good-0001"),
        "Authorization",
        "Bearer " + token);
    Object before = http.get("/registry/workspaces").json().get("workspaces");
    String authorization =
        auth == null
            ? null
            : auth.equals("TRUNC")
                ? "Bearer " + token.substring(0, 20)
                : auth.equals("OTHER")
                    ? "Bearer " + otherToken
                    : auth.equals("BASIC") ? "Basic dXNlcjpwYXNz" : "Bearer " + auth;
    String[] headers =
        authorization == null
            ? new String[] {"Content-Type", contentType}
            : new String[] {"Content-Type", contentType, "Authorization", authorization};

    Http.Answer a = http.send("POST", path, rawBody, headers);

    assertThat(a.status()).as(what).isEqualTo(status);
    assertThat(a.type()).as(what).isEqualTo(type);
    assertThat(a.header("Content-Type")).startsWith("application/problem+json");
    assertThat(a.json()).containsKeys("title", "status", "detail", "instance");
    assertThat(stripContact(http.get("/registry/workspaces").json().get("workspaces")))
        .as("no row changed by " + what)
        .isEqualTo(stripContact(before));
    Http.Answer stillServing =
        http.post(
            "/registry/heartbeat",
            body("workspace_id", "ws-other", "boot_id", "boot-othr-0001"),
            "Authorization",
            "Bearer " + otherToken);
    assertThat(stillServing.status()).isEqualTo(200);
  }

  @Test
  void givenCardRejected_thenTheProblemNamesTheOffendingPaths() {
    Http.Answer a =
        http.post(
            "/registry/update-card",
            body("workspace_id", "ws-other", "agent_card", cardWith("url", "ftp://x/")),
            "Authorization",
            "Bearer " + otherToken);

    assertThat(a.status()).isEqualTo(422);
    assertThat(a.json().get("errors").toString()).contains("$.url");
  }

  @Test
  void givenOddIdsInThePath_thenAProblemAndNoCrash() {
    assertThat(http.get("/registry/workspaces/..%2F..%2Fetc%2Fpasswd").status()).isIn(400, 404);
    assertThat(http.get("/registry/workspaces/ws%27%3B%20drop").type())
        .isEqualTo("invalid-request");
    assertThat(http.get("/registry/workspaces/" + "w".repeat(5000)).status()).isIn(400, 414, 431);
  }

  /**
   * Contacts are soft state the refused calls never touch; the comparison drops them to be exact
   * about hard state.
   */
  @SuppressWarnings("unchecked")
  private static Object stripContact(Object workspaces) {
    return ((java.util.List<Map<String, Object>>) workspaces)
        .stream()
            .map(
                w -> {
                  Map<String, Object> copy = new java.util.LinkedHashMap<>(w);
                  copy.remove("last_contact");
                  copy.remove("liveness");
                  return copy;
                })
            .toList();
  }
}
