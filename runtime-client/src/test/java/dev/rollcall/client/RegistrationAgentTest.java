package dev.rollcall.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.EnrollmentMode;
import dev.rollcall.domain.RegistrationState;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against the real use case, in-process, with the faults switched on by the test. */
class RegistrationAgentTest {
  private static final String WS = "ws-agent";
  private static final Duration BOUND = Duration.ofSeconds(15);

  @TempDir Path dir;
  private InProcessTransport registry = new InProcessTransport(EnrollmentMode.OPEN);
  private RegistrationAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private static String card(String description) {
    return "{\"name\":\"SEO\",\"description\":\""
        + description
        + "\",\"url\":\"http://ws-agent:8000\",\"skills\":[{\"id\":\"seo\"}]}";
  }

  private static String invalidCard() {
    return "{\"name\":\"SEO\",\"url\":\"http://169.254.169.254/\"}";
  }

  private Path cardFile(String json) throws IOException {
    return Files.writeString(dir.resolve("card.json"), json);
  }

  private AgentSettings settings(Optional<String> key) {
    return AgentSettings.defaults(
            new WorkspaceId(WS), dir.resolve("card.json"), dir.resolve("state"))
        .withEnrollmentKey(key)
        .withStatusFile(Optional.of(dir.resolve("status.json")))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .withCardPoll(Duration.ofMillis(300));
  }

  private RegistrationAgent start(Optional<String> key) {
    agent = RegistrationAgent.start(settings(key), registry);
    return agent;
  }

  private Workspace onFile() {
    return registry.workspace(WS).orElseThrow();
  }

  private boolean completeWith(String description) {
    return registry
            .workspace(WS)
            .filter(w -> w.state() == RegistrationState.COMPLETE)
            .flatMap(Workspace::storedCard)
            .map(c -> description.equals(c.card().tree().get("description")))
            .orElse(false)
        && "COMPLETE".equals(agent.status().state());
  }

  @Test
  void givenAReachableRegistry_thenCompleteAndTheTokenIsSavedOwnerOnly() throws IOException {
    cardFile(card("v1"));

    start(Optional.empty());

    await().atMost(BOUND).until(() -> completeWith("v1"));
    Path tokenFile = dir.resolve("state/" + WS + ".token");
    assertThat(Files.getPosixFilePermissions(tokenFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(onFile().liveToken().orElseThrow().accepts(Files.readString(tokenFile).trim()))
        .isTrue();
    await()
        .atMost(BOUND)
        .until(() -> onFile().liveToken().orElseThrow().claimed()); // heartbeats use it
    assertThat(Files.readString(dir.resolve("status.json"))).contains("\"state\" : \"COMPLETE\"");
  }

  @Test
  void givenTheRegistryIsDownAtStart_whenItComesUp_thenComplete() throws IOException {
    cardFile(card("v1"));
    registry.down.set(true);
    start(Optional.empty());
    await().atMost(BOUND).until(() -> registry.calls.get() >= 4); // it keeps trying

    registry.down.set(false);

    await().atMost(BOUND).until(() -> completeWith("v1"));
  }

  @Test
  void givenTheRegistryAsksToRetryAfterAnHour_thenTheAgentStillRetriesWithinItsBackoffCap()
      throws IOException {
    cardFile(card("v1"));
    registry.downRetryAfter = Optional.of(Duration.ofHours(1));
    registry.down.set(true);
    start(Optional.empty());
    // The cap is 400 ms: several attempts within a few seconds, not one an hour.
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.calls.get() >= 4);

    registry.down.set(false);

    await().atMost(BOUND).until(() -> completeWith("v1"));
  }

  @Test
  void givenAnUnexpectedFailure_thenTheAgentCarriesOnAndCompletes() throws IOException {
    cardFile(card("v1"));
    registry.callsToBlowUp.set(3);

    start(Optional.empty());

    await().atMost(BOUND).until(() -> completeWith("v1"));
    assertThat(agent.exitCode()).isNotDone();
  }

  @Test
  void givenAStateFolderThatCannotBeWritten_thenCompleteAllTheSameWithTheTokenInMemory()
      throws IOException {
    cardFile(card("v1"));
    // A regular file where the state folder should be: neither read nor write can succeed.
    Path blocker = Files.writeString(dir.resolve("blocker"), "not a folder");
    AgentSettings unwritable =
        AgentSettings.defaults(new WorkspaceId(WS), dir.resolve("card.json"), blocker.resolve("x"))
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

    agent = RegistrationAgent.start(unwritable, registry);

    await().atMost(BOUND).until(() -> completeWith("v1"));
    // Its heartbeats carry the token it holds in memory: the registry sees the token claimed.
    await().atMost(BOUND).until(() -> onFile().liveToken().orElseThrow().claimed());
    assertThat(agent.exitCode()).isNotDone();
  }

  @Test
  void givenTheRegisterReplyIsLostAfterCommit_thenTheSameBootGetsTheTokenAgain()
      throws IOException {
    cardFile(card("v1"));
    registry.registerRepliesToLose.set(1);

    start(Optional.empty());

    await().atMost(BOUND).until(() -> completeWith("v1"));
    await().atMost(BOUND).until(() -> onFile().liveToken().orElseThrow().claimed());
  }

  @Test
  void givenACardChangedWhileTheRegistryIsDown_thenTheNewestCardIsStoredWhenItReturns()
      throws IOException {
    cardFile(card("v1"));
    start(Optional.empty());
    await().atMost(BOUND).until(() -> completeWith("v1"));
    registry.down.set(true);

    cardFile(card("v2"));
    cardFile(card("v3"));
    await().atMost(BOUND).until(() -> agent.status().lastError().isPresent());
    registry.down.set(false);

    await().atMost(BOUND).until(() -> completeWith("v3"));
  }

  @Test
  void givenAnInvalidCard_thenRegisteredNoCardWithTheReason_andCompleteOnceTheFileIsFixed()
      throws IOException {
    cardFile(invalidCard());
    start(Optional.empty());

    await()
        .atMost(BOUND)
        .until(
            () ->
                registry
                        .workspace(WS)
                        .map(w -> w.state() == RegistrationState.REGISTERED_NO_CARD)
                        .orElse(false)
                    && agent.status().cardRejection().isPresent());
    assertThat(agent.status().cardRejection().get()).contains("$.url");
    assertThat(onFile().registration().rejection()).isPresent();
    assertThat(agent.status().state()).isEqualTo("REGISTERED_NO_CARD");

    cardFile(card("fixed"));

    await().atMost(BOUND).until(() -> completeWith("fixed"));
    assertThat(agent.status().cardRejection()).isEmpty();
  }

  @Test
  void givenTheRegistryLostItsData_thenCompleteAgainWithTheNewRegistryId() throws IOException {
    cardFile(card("v1"));
    start(Optional.empty());
    await().atMost(BOUND).until(() -> completeWith("v1"));
    String before = agent.status().registryId().orElseThrow();

    registry.wipe();

    await()
        .atMost(BOUND)
        .until(
            () -> completeWith("v1") && !agent.status().registryId().orElseThrow().equals(before));
  }

  @Test
  void givenTheOperatorRotatedTheToken_thenTheAgentRecoversWithItsEnrollmentKey()
      throws IOException {
    cardFile(card("v1"));
    String key = registry.provisionKey(WS);
    start(Optional.of(key));
    await()
        .atMost(BOUND)
        .until(() -> completeWith("v1") && onFile().liveToken().orElseThrow().claimed());
    String first = agent.status().tokenPrefix().orElseThrow();

    registry.admin().rotateToken(new WorkspaceId(WS));

    await()
        .atMost(BOUND)
        .until(
            () ->
                agent.status().tokenPrefix().map(p -> !p.equals(first)).orElse(false)
                    && onFile().liveToken().orElseThrow().claimed()
                    && completeWith("v1"));
  }

  @Test
  void givenTheOperatorRotatedTheToken_andNoKey_thenTheAgentSaysExactlyWhy() throws IOException {
    cardFile(card("v1"));
    start(Optional.empty());
    await()
        .atMost(BOUND)
        .until(() -> completeWith("v1") && onFile().liveToken().orElseThrow().claimed());

    registry.admin().rotateToken(new WorkspaceId(WS));

    await()
        .atMost(BOUND)
        .until(() -> agent.status().lastError().map(e -> e.contains("token-")).orElse(false));
  }

  @Test
  void givenTheWorkspaceWasRemoved_thenTheAgentStopsWithExitCode3() throws Exception {
    cardFile(card("v1"));
    start(Optional.empty());
    await().atMost(BOUND).until(() -> completeWith("v1"));

    registry.admin().remove(new WorkspaceId(WS));

    assertThat(agent.exitCode().get(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(RegistrationAgent.EXIT_REMOVED);
    assertThat(agent.status().state()).isEqualTo("STOPPED");
    assertThat(agent.status().lastError().orElseThrow()).contains("removed");
  }

  @Test
  void givenASavedToken_whenTheRuntimeRestarts_thenNoNewTokenIsMinted() throws IOException {
    cardFile(card("v1"));
    start(Optional.empty());
    await()
        .atMost(BOUND)
        .until(() -> completeWith("v1") && onFile().liveToken().orElseThrow().claimed());
    String token = Files.readString(dir.resolve("state/" + WS + ".token")).trim();
    agent.close();

    start(Optional.empty()); // a new process: a new boot id, the token from the file

    await()
        .atMost(BOUND)
        .until(
            () ->
                completeWith("v1")
                    && onFile()
                        .liveToken()
                        .orElseThrow()
                        .boundBoot()
                        .equals(Optional.of(agent.bootId())));
    assertThat(onFile().liveToken().orElseThrow().accepts(token)).isTrue();
  }

  @Test
  void givenAFixedCardSource_thenItsCardIsRegistered() {
    Map<String, Object> tree = Map.of("name", "Sim", "url", "http://sim:1");
    agent =
        RegistrationAgent.start(
            settings(Optional.empty()),
            registry,
            dev.rollcall.client.watch.CardSource.fixed(
                dev.rollcall.client.watch.CardSnapshot.of(tree)));

    await()
        .atMost(BOUND)
        .until(
            () ->
                registry
                    .workspace(WS)
                    .flatMap(Workspace::storedCard)
                    .map(c -> c.digest().equals(CardDigest.of(tree)))
                    .orElse(false));
  }
}
