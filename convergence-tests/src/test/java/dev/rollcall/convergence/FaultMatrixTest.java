package dev.rollcall.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollcall.adapters.persistence.PostgresTestServer;
import dev.rollcall.client.AgentSettings;
import dev.rollcall.client.RegistrationAgent;
import dev.rollcall.client.http.HttpRegistryTransport;
import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.WorkspaceId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault matrix of the design (section 6), end to end: the real registry as a process, real
 * agents (processes, or the client library over real sockets), faults injected for real. Each row
 * asserts its required end within one heartbeat interval plus one backoff cap (plus a fixed slack
 * for process start-up on a 2-core machine) and records the time it took in the report.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class FaultMatrixTest {
  /** interval + cap of the design, as configured for the suite. */
  static final Duration GUARANTEE =
      Duration.ofSeconds(
          RegistryProcess.HEARTBEAT_SECONDS + Long.parseLong(AgentProcess.BACKOFF_CAP_SECONDS));

  /** What the assertions allow on top: JVM and process start-up, scheduling on 2 cores. */
  static final Duration SLACK = Duration.ofSeconds(8);

  static final Duration BOUND = GUARANTEE.plus(SLACK);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @AfterAll
  static void writeReport() {
    ConvergenceReport.write();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    cleanup.add(resource);
    return resource;
  }

  // --- helpers ---------------------------------------------------------------------------------

  static Map<String, Object> card(String workspace, String description) {
    return new java.util.LinkedHashMap<>(
        Map.of(
            "name",
            "Agent " + workspace,
            "description",
            description,
            "version",
            "1.0.0",
            "url",
            "http://" + workspace + ":8000",
            "skills",
            List.of(Map.of("id", "work", "name", "work", "tags", List.of())),
            "capabilities",
            Map.of("streaming", true)));
  }

  /** Writes the card file for an agent in {@code agentDir}; returns its digest. */
  static String writeCard(Path agentDir, Map<String, Object> card) throws IOException {
    Files.createDirectories(agentDir);
    Path temp = agentDir.resolve(".card.json.tmp");
    Files.writeString(temp, JSON.writeValueAsString(card));
    Files.move(
        temp,
        agentDir.resolve("card.json"),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return CardDigest.of(JSON.readValue(JSON.writeValueAsString(card), Object.class)).value();
  }

  /** Waits for {@code end}, fails after {@code bound}, returns how long it took. */
  static Duration measure(String what, Duration bound, BooleanSupplier end) {
    Instant start = Instant.now();
    await(what).atMost(bound).pollInterval(Duration.ofMillis(50)).until(end::getAsBoolean);
    return Duration.between(start, Instant.now());
  }

  private RegistryProcess registry(String... args) {
    return closing(new RegistryProcess(dir.resolve("registry.db"), args));
  }

  private AgentProcess agent(String workspace, String server, String... args) {
    return closing(new AgentProcess(dir.resolve(workspace), workspace, server, args));
  }

  private RegistrationAgent libraryAgent(String workspace, String server, Optional<String> key) {
    return libraryAgent(workspace, dir.resolve(workspace), server, key);
  }

  /** The client library in this JVM, over real sockets, with its card and state in {@code home}. */
  private RegistrationAgent libraryAgent(
      String workspace, Path home, String server, Optional<String> key) {
    AgentSettings settings =
        AgentSettings.defaults(
                new WorkspaceId(workspace), home.resolve("card.json"), home.resolve("state"))
            .withEnrollmentKey(key)
            .withBackoff(
                Duration.ofMillis(500),
                Duration.ofSeconds(Long.parseLong(AgentProcess.BACKOFF_CAP_SECONDS)))
            .withCardPoll(Duration.ofMillis(500));
    return closing(
        RegistrationAgent.start(
            settings,
            new HttpRegistryTransport(List.of(URI.create(server)), Duration.ofSeconds(5))));
  }

  @SuppressWarnings("unchecked")
  private static String tokenPrefix(RegistryClient client, String workspace) {
    return client
        .workspace(workspace)
        .map(w -> (Map<String, Object>) w.get("token"))
        .map(t -> String.valueOf(t.get("prefix")))
        .orElse("");
  }

  // --- the rows --------------------------------------------------------------------------------

  @Test
  void f01_registryDownWhenTheRuntimeStarts_completeSoonAfterItComesUp() throws Exception {
    RegistryProcess registry = registry();
    String digest = writeCard(dir.resolve("ws-f01"), card("ws-f01", "v1"));
    AgentProcess agent = agent("ws-f01", registry.url()).start();
    // The registry stays away while the agent's backoff grows to its cap (the design says 2
    // minutes;
    // the suite compresses that to the moment the agent has been refused several times).
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> agent.count("registry unreachable, retrying") >= 5);

    registry.start();

    RegistryClient client = new RegistryClient(registry.url());
    Duration took =
        measure(
            "F1",
            BOUND,
            () -> client.completeWith("ws-f01", digest) && agent.state().equals("COMPLETE"));
    ConvergenceReport.row(
        "F1", "registry down when the runtime starts", took, BOUND, "COMPLETE, token claimed");
  }

  /** How the answer to a register that the registry committed fails to reach the runtime. */
  enum LostAnswer {
    /** The connection is cut after the registry answered. */
    CUT("register response lost after the registry committed (connection cut)"),
    /** A garbled 200 arrives instead of the answer. */
    CORRUPTED("register response corrupted after the registry committed"),
    /** The answer arrives after the runtime's request timeout. */
    TOO_LATE("register response delayed past the runtime's timeout after the registry committed");

    final String fault;

    LostAnswer(String fault) {
      this.fault = fault;
    }

    String slug() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    void inject(FaultProxy proxy) {
      switch (this) {
        case CUT -> proxy.loseResponses("/registry/register", 1);
        case CORRUPTED -> proxy.corruptResponses("/registry/register", 1);
        case TOO_LATE ->
            proxy.holdResponses(
                "/registry/register",
                1,
                Duration.ofSeconds(Long.parseLong(AgentProcess.TIMEOUT_SECONDS) + 3));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LostAnswer.class)
  void f02_registerResponseLostAfterCommit_theSameBootGetsItsTokenWithoutAnOperator(LostAnswer how)
      throws Exception {
    String ws = "ws-f02-" + how.slug();
    RegistryProcess registry = registry().start();
    FaultProxy proxy = closing(new FaultProxy(registry.port()));
    how.inject(proxy);
    String digest = writeCard(dir.resolve(ws), card(ws, "v1"));
    RegistryClient client = new RegistryClient(registry.url());

    AgentProcess agent = agent(ws, proxy.url()).start();
    await().atMost(Duration.ofSeconds(30)).until(() -> proxy.forwarded("/registry/register") >= 1);
    // The registry minted a token in that first register; the runtime never got it.
    assertThat(tokenPrefix(client, ws)).isNotEmpty();
    // A held answer heals only when the runtime stops waiting for it.
    Duration bound =
        how == LostAnswer.TOO_LATE
            ? BOUND.plusSeconds(Long.parseLong(AgentProcess.TIMEOUT_SECONDS))
            : BOUND;
    Duration took =
        measure(
            "F2 " + how.slug(),
            bound,
            () -> client.completeWith(ws, digest) && agent.state().equals("COMPLETE"));

    assertThat(proxy.forwarded("/registry/register")).isGreaterThanOrEqualTo(2);
    assertThat(tokenPrefix(client, ws)).isEqualTo(agent.token().substring(0, 8));
    ConvergenceReport.row(
        "F2 " + how.slug(),
        how.fault,
        took,
        bound,
        "COMPLETE; the runtime's token is the live one (re-issued to its boot)");
  }

  @Test
  void f03_cardRejectedOnEveryTry_reasonVisible_thenCompleteOnceFixed() throws Exception {
    RegistryProcess registry = registry().start();
    Map<String, Object> bad = card("ws-f03", "bad");
    bad.put("url", "http://169.254.169.254/latest/meta-data");
    writeCard(dir.resolve("ws-f03"), bad);
    RegistryClient client = new RegistryClient(registry.url());
    AgentProcess agent = agent("ws-f03", registry.url()).start();

    await()
        .atMost(BOUND)
        .until(
            () ->
                client
                    .workspace("ws-f03")
                    .map(
                        w ->
                            "REGISTERED_NO_CARD".equals(w.get("state"))
                                && String.valueOf(w.get("card_rejection")).contains("$.url"))
                    .orElse(false));
    await()
        .atMost(BOUND)
        .until(() -> String.valueOf(agent.status().get("card_rejection")).contains("metadata"));
    await()
        .atMost(BOUND)
        .until(
            () ->
                client
                    .workspace("ws-f03")
                    .map(w -> "ONLINE".equals(w.get("liveness")))
                    .orElse(false));

    String fixed = writeCard(dir.resolve("ws-f03"), card("ws-f03", "fixed"));
    Duration took = measure("F3", BOUND, () -> client.completeWith("ws-f03", fixed));
    ConvergenceReport.row(
        "F3",
        "card rejected on every try, heartbeats get through",
        took,
        BOUND,
        "REGISTERED_NO_CARD with the reason in the read API and the agent status; COMPLETE after the fix");
  }

  @Test
  void f04_cardChangedWhileTheRegistryIsDown_theNewestIsStoredWhenItReturns() throws Exception {
    RegistryProcess registry = registry().start();
    String first = writeCard(dir.resolve("ws-f04"), card("ws-f04", "v1"));
    RegistryClient client = new RegistryClient(registry.url());
    AgentProcess agent = agent("ws-f04", registry.url()).start();
    await().atMost(BOUND).until(() -> client.completeWith("ws-f04", first));

    registry.kill();
    writeCard(dir.resolve("ws-f04"), card("ws-f04", "v2"));
    String newest = writeCard(dir.resolve("ws-f04"), card("ws-f04", "v3"));
    await().atMost(BOUND).until(() -> agent.status().get("last_error") != null);
    registry.start();

    Duration took = measure("F4", BOUND, () -> client.completeWith("ws-f04", newest));
    ConvergenceReport.row(
        "F4",
        "card file changed while the registry is down",
        took,
        BOUND,
        "the newest card stored");
  }

  @Test
  void f05_watcherStartsBeforeTheRegistryIsReachable_theInitialCardArrives() throws Exception {
    RegistryProcess registry = registry().start();
    FaultProxy proxy = closing(new FaultProxy(registry.port()));
    proxy.refuseConnections();
    String digest = writeCard(dir.resolve("ws-f05"), card("ws-f05", "v1"));
    Path cardFile = dir.resolve("ws-f05/card.json");
    FileTime written = Files.getLastModifiedTime(cardFile);
    RegistrationAgent agent = libraryAgent("ws-f05", proxy.url(), Optional.empty());
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.status().lastError().isPresent());

    proxy.acceptConnections();

    RegistryClient client = new RegistryClient(registry.url());
    Duration took = measure("F5", BOUND, () -> client.completeWith("ws-f05", digest));
    assertThat(Files.getLastModifiedTime(cardFile))
        .as("nothing waited for a file change")
        .isEqualTo(written);
    ConvergenceReport.row(
        "F5",
        "the watcher starts before the registry is reachable",
        took,
        BOUND,
        "the initial card stored without any file change");
  }

  @Test
  void f06_databaseWipedAndRegistryRestarted_everyRunningWorkspaceCompleteAgain() throws Exception {
    RegistryProcess registry = registry().start();
    RegistryClient client = new RegistryClient(registry.url());
    String a = writeCard(dir.resolve("ws-f06a"), card("ws-f06a", "v1"));
    String b = writeCard(dir.resolve("ws-f06b"), card("ws-f06b", "v1"));
    agent("ws-f06a", registry.url()).start();
    agent("ws-f06b", registry.url()).start();
    await()
        .atMost(BOUND)
        .until(() -> client.completeWith("ws-f06a", a) && client.completeWith("ws-f06b", b));
    String before = client.registryId();

    registry.kill();
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(registry.db() + suffix));
    }
    registry.start();

    Duration took =
        measure(
            "F6",
            BOUND,
            () -> client.completeWith("ws-f06a", a) && client.completeWith("ws-f06b", b));
    assertThat(client.registryId()).isNotEqualTo(before);
    ConvergenceReport.row(
        "F6",
        "registry database wiped, registry restarted",
        took,
        BOUND,
        "both running workspaces COMPLETE again under the new registry id");
  }

  @Test
  void f07_registryKilledMidHeartbeatStorm_noLostCardNoDuplicateNoTokenChurn() throws Exception {
    RegistryProcess registry = registry().start();
    RegistryClient client = new RegistryClient(registry.url());
    Map<String, String> digests = new java.util.TreeMap<>();
    for (int i = 0; i < 2; i++) {
      String ws = "ws-f07-proc-" + i;
      digests.put(ws, writeCard(dir.resolve(ws), card(ws, "v1")));
      agent(ws, registry.url()).start();
    }
    for (int i = 0; i < 30; i++) {
      String ws = "ws-f07-lib-" + i;
      digests.put(ws, writeCard(dir.resolve(ws), card(ws, "v1")));
      libraryAgent(ws, registry.url(), Optional.empty());
    }
    await()
        .atMost(BOUND.plusSeconds(10))
        .until(
            () ->
                digests.entrySet().stream()
                    .allMatch(e -> client.completeWith(e.getKey(), e.getValue())));
    Map<String, String> tokensBefore = new java.util.TreeMap<>();
    digests.keySet().forEach(ws -> tokensBefore.put(ws, tokenPrefix(client, ws)));

    registry.kill(); // mid-storm: 32 runtimes beat every second
    Instant killedAt = Instant.now();
    registry.start();

    Duration took =
        measure(
            "F7",
            BOUND,
            () ->
                digests.entrySet().stream()
                    .allMatch(
                        e ->
                            client.completeWith(e.getKey(), e.getValue())
                                && client
                                    .workspace(e.getKey())
                                    .map(
                                        w ->
                                            Instant.parse(String.valueOf(w.get("last_contact")))
                                                .isAfter(killedAt))
                                    .orElse(false)));
    List<Map<String, Object>> all = client.workspaces();
    assertThat(all).hasSize(digests.size());
    assertThat(new HashSet<>(all.stream().map(w -> w.get("id")).toList())).hasSize(digests.size());
    digests
        .keySet()
        .forEach(
            ws ->
                assertThat(tokenPrefix(client, ws))
                    .as("token of %s", ws)
                    .isEqualTo(tokensBefore.get(ws)));
    ConvergenceReport.row(
        "F7",
        "registry killed (-9) and restarted mid heartbeat storm (32 runtimes)",
        took,
        BOUND,
        "all COMPLETE and beating; no lost card, no duplicate, no token re-issued");
  }

  @Test
  void f08_databaseUnreachable_503WithRetryAfterNeverFailOpen_thenFullRecovery() throws Exception {
    PostgresTestServer.assumeAvailable();
    String schema = PostgresTestServer.createSchema();
    closing(() -> PostgresTestServer.dropSchema(schema));
    TcpProxy database = closing(new TcpProxy(5432));
    RegistryProcess registry =
        registry()
            .withDatabase(
                "jdbc:postgresql://127.0.0.1:"
                    + database.port()
                    + "/test?currentSchema="
                    + schema
                    + "&connectTimeout=2&socketTimeout=5",
                PostgresTestServer.USER);
    registry.start();
    RegistryClient client = new RegistryClient(registry.url());
    String digest = writeCard(dir.resolve("ws-f08"), card("ws-f08", "v1"));
    AgentProcess agent = agent("ws-f08", registry.url()).start();
    await().atMost(BOUND).until(() -> client.completeWith("ws-f08", digest));

    database.cut();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> client.send("GET", "/readyz", null, null).status() == 503);
    RegistryClient.Answer register =
        client.send(
            "POST",
            "/registry/register",
            Map.of("id", "ws-f08-new", "agent_card", card("ws-f08-new", "v1")),
            null);
    RegistryClient.Answer stranger =
        client.send(
            "POST", "/registry/heartbeat", Map.of("workspace_id", "ws-f08"), "not-the-token");
    assertThat(register.status()).as("register during the outage").isEqualTo(503);
    assertThat(register.retryAfter()).isPresent();
    assertThat(stranger.status())
        .as("a stranger during the outage is never let through")
        .isEqualTo(503);
    await().atMost(BOUND).until(() -> agent.status().get("last_error") != null);

    database.heal();
    Instant healed = Instant.now();

    Duration took =
        measure(
            "F8",
            BOUND,
            () ->
                client.completeWith("ws-f08", digest)
                    && client
                        .workspace("ws-f08")
                        .map(
                            w ->
                                Instant.parse(String.valueOf(w.get("last_contact")))
                                    .isAfter(healed))
                        .orElse(false)
                    && client.send("GET", "/readyz", null, null).status() == 200);
    ConvergenceReport.row(
        "F8",
        "PostgreSQL unreachable (TCP proxy cut)",
        took,
        BOUND,
        "503 + Retry-After meanwhile, strangers refused; heartbeats accepted again after");
  }

  @Test
  void f09_twoRuntimesClaimOneWorkspace_conflictFlaggedNoPingPong() throws Exception {
    RegistryProcess registry = registry("--enrollment", "enrolled").start();
    RegistryClient client = new RegistryClient(registry.url());
    String key =
        String.valueOf(
            client.admin("PUT", "/admin/workspaces/ws-f09").json().get("enrollment_key"));
    writeCard(dir.resolve("ws-f09"), card("ws-f09", "v1"));
    Files.createDirectories(dir.resolve("ws-f09-twin"));
    Files.copy(dir.resolve("ws-f09/card.json"), dir.resolve("ws-f09-twin/card.json"));

    RegistrationAgent first = libraryAgent("ws-f09", registry.url(), Optional.of(key));
    await().atMost(BOUND).until(() -> "COMPLETE".equals(first.status().state()));
    RegistrationAgent twin =
        libraryAgent("ws-f09", dir.resolve("ws-f09-twin"), registry.url(), Optional.of(key));

    Duration took =
        measure(
            "F9",
            BOUND,
            () -> client.workspace("ws-f09").map(w -> w.get("conflict") != null).orElse(false));
    String holder = tokenPrefix(client, "ws-f09");
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> tokenPrefix(client, "ws-f09").equals(holder));
    assertThat(first.status().lastError().orElse("") + twin.status().lastError().orElse(""))
        .contains("workspace-conflict");
    ConvergenceReport.note(
        "F9: conflict flagged "
            + took.toMillis()
            + " ms after the twin started; the live token then stayed the same for 4 s (no ping-pong).");
    ConvergenceReport.row(
        "F9",
        "two runtimes claim one workspace (same enrollment key)",
        took,
        BOUND,
        "conflict in the read API, 409 workspace-conflict to the loser, token stable");
  }

  @Test
  void f10_tokenRevokedByAnOperator_recoversWithTheKey_orSaysExactlyWhy() throws Exception {
    RegistryProcess registry = registry().start();
    RegistryClient client = new RegistryClient(registry.url());
    String key =
        String.valueOf(
            client.admin("PUT", "/admin/workspaces/ws-f10").json().get("enrollment_key"));
    String digest = writeCard(dir.resolve("ws-f10"), card("ws-f10", "v1"));
    AgentProcess withKey = agent("ws-f10", registry.url(), "--enrollment-key", key).start();
    writeCard(dir.resolve("ws-f10-nokey"), card("ws-f10-nokey", "v1"));
    RegistrationAgent withoutKey = libraryAgent("ws-f10-nokey", registry.url(), Optional.empty());
    await()
        .atMost(BOUND)
        .until(
            () ->
                client.completeWith("ws-f10", digest)
                    && "COMPLETE".equals(withoutKey.status().state())
                    && client
                        .workspace("ws-f10-nokey")
                        .map(w -> String.valueOf(w.get("token")).contains("claimed=true"))
                        .orElse(false));
    String before = tokenPrefix(client, "ws-f10");

    assertThat(client.admin("POST", "/admin/workspaces/ws-f10/rotate-token").status())
        .isEqualTo(200);
    assertThat(client.admin("POST", "/admin/workspaces/ws-f10-nokey/rotate-token").status())
        .isEqualTo(200);

    Duration took =
        measure(
            "F10",
            BOUND,
            () ->
                client.completeWith("ws-f10", digest)
                    && !tokenPrefix(client, "ws-f10").equals(before));
    assertThat(withKey.token().substring(0, 8)).isEqualTo(tokenPrefix(client, "ws-f10"));
    await()
        .atMost(BOUND)
        .until(
            () ->
                withoutKey
                    .status()
                    .lastError()
                    .map(e -> e.contains("token-reissue-refused"))
                    .orElse(false));
    ConvergenceReport.row(
        "F10",
        "token revoked (rotated) by an operator",
        took,
        BOUND,
        "with its enrollment key: a new working token; without: `token-reissue-refused` in its status");
  }

  @Test
  void f12_removedWorkspacesRuntimeKeepsCalling_nothingRevivesIt_runtimeStops() throws Exception {
    RegistryProcess registry = registry().start();
    RegistryClient client = new RegistryClient(registry.url());
    String digest = writeCard(dir.resolve("ws-f12"), card("ws-f12", "v1"));
    AgentProcess agent = agent("ws-f12", registry.url()).start();
    await().atMost(BOUND).until(() -> client.completeWith("ws-f12", digest));

    assertThat(client.admin("DELETE", "/admin/workspaces/ws-f12").status()).isEqualTo(200);

    Duration took = measure("F12", BOUND, () -> !agent.alive());
    assertThat(agent.exitValue()).isEqualTo(RegistrationAgent.EXIT_REMOVED);
    assertThat(agent.output()).contains("removed by an operator");
    RegistryClient.Answer legacy =
        client.send(
            "POST",
            "/registry/register",
            Map.of("id", "ws-f12", "agent_card", card("ws-f12", "v1")),
            null);
    assertThat(legacy.status()).isEqualTo(410);
    assertThat(client.workspace("ws-f12").orElseThrow()).containsEntry("lifecycle", "REMOVED");
    assertThat(client.workspaces()).hasSize(1);
    ConvergenceReport.row(
        "F12",
        "a removed workspace's runtime keeps calling",
        took,
        BOUND,
        "410 to every call; the agent exits with code 3 and says why; nothing revives it");
  }
}
