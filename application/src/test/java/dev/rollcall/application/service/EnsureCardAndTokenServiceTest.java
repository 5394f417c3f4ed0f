package dev.rollcall.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.application.port.in.AdminOutcome;
import dev.rollcall.application.port.in.CardClaim;
import dev.rollcall.application.port.in.EnsureCommand;
import dev.rollcall.application.port.in.EnsureOutcome;
import dev.rollcall.application.port.in.EnsureOutcome.Accepted;
import dev.rollcall.application.port.in.EnsureOutcome.Refused;
import dev.rollcall.application.port.out.RegistrationEvent;
import dev.rollcall.application.port.out.StoreUnavailableException;
import dev.rollcall.application.testing.Cards;
import dev.rollcall.application.testing.FakeTime;
import dev.rollcall.application.testing.InMemoryRegistrationStore;
import dev.rollcall.application.testing.RecordingEvents;
import dev.rollcall.application.testing.SequenceTokens;
import dev.rollcall.domain.BootId;
import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.EnrollmentMode;
import dev.rollcall.domain.PresentedCredentials;
import dev.rollcall.domain.Refusal;
import dev.rollcall.domain.RegistrationState;
import dev.rollcall.domain.SecretHash;
import dev.rollcall.domain.Source;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnsureCardAndTokenServiceTest {
  private static final WorkspaceId WS = new WorkspaceId("ws-7f3a");
  private static final BootId BOOT = new BootId("b2c1d4e5-0001");
  private static final BootId OTHER_BOOT = new BootId("ffffeeee-0002");

  private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
  private final FakeTime time = new FakeTime();
  private final RecordingEvents events = new RecordingEvents();
  private final SequenceTokens tokens = new SequenceTokens();
  private final AdministerWorkspacesService admin =
      new AdministerWorkspacesService(store, tokens, time, events);
  private CoalescingLivenessRecorder liveness = new CoalescingLivenessRecorder(store);
  private EnsureCardAndTokenService service = service(EnrollmentMode.OPEN, Optional.empty());

  private EnsureCardAndTokenService service(EnrollmentMode mode, Optional<String> fleetKey) {
    RegistryPolicy policy =
        new RegistryPolicy(
            mode, fleetKey.map(SecretHash::of), Duration.ofSeconds(10), Duration.ofSeconds(30));
    return new EnsureCardAndTokenService(store, tokens, time, events, liveness, policy);
  }

  private static PresentedCredentials creds(String token, String key, BootId boot) {
    return new PresentedCredentials(
        Optional.ofNullable(token), Optional.ofNullable(key), Optional.ofNullable(boot));
  }

  private EnsureOutcome send(Source source, PresentedCredentials creds, CardClaim card) {
    return service.ensure(new EnsureCommand(WS, creds, card, source));
  }

  private Accepted accepted(EnsureOutcome outcome) {
    assertThat(outcome).isInstanceOf(Accepted.class);
    return (Accepted) outcome;
  }

  /** A call on the given path by the runtime holding {@code token}, from boot {@code BOOT}. */
  private Accepted withToken(Source source, String token, CardClaim card) {
    return accepted(send(source, creds(token, null, BOOT), card));
  }

  private Workspace onFile() {
    return store.find(WS).orElseThrow();
  }

  private static CardClaim full(Map<String, Object> card) {
    return new CardClaim.Full(card);
  }

  /** Registers with a boot id and the default card; returns the token it got. */
  private String registerComplete() {
    Accepted a = accepted(send(Source.REGISTER, creds(null, null, BOOT), full(Cards.card())));
    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
    return a.issuedToken().orElseThrow();
  }

  /** Registers, then heartbeats once with the token so that it is claimed. */
  private String registerAndClaim() {
    String token = registerComplete();
    withToken(Source.HEARTBEAT, token, new CardClaim.None());
    return token;
  }

  // --- the three paths are one use case ---------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Source.class)
  void givenUnknownWorkspace_whenAnyPathCarriesCardAndBootId_thenCompleteWithTokenDelivered(
      Source source) {
    Accepted a = accepted(send(source, creds(null, null, BOOT), full(Cards.card())));

    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(a.issuedToken()).contains(SequenceTokens.nth(1));
    assertThat(a.cardDigest()).contains(CardDigest.of(Cards.card()));
    assertThat(a.cardGeneration()).isEqualTo(1);
    assertThat(a.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(a.registryId()).isEqualTo(store.registryId());
    assertThat(onFile().state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(events.of(RegistrationEvent.StateChanged.class))
        .extracting(RegistrationEvent.StateChanged::to)
        .containsExactly(RegistrationState.COMPLETE);
  }

  @Test
  void
      givenUnregistered_whenHeartbeatWithCardButNoBootId_thenCompleteButTokenNotSentToALegacyHeartbeat() {
    Accepted a = accepted(send(Source.HEARTBEAT, creds(null, null, null), full(Cards.card())));

    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(a.issuedToken()).isEmpty();
    assertThat(onFile().liveToken()).isPresent();
  }

  @Test
  void givenRegisterWithoutCard_thenRegisteredNoCardAndCardNeeded() {
    Accepted a = accepted(send(Source.REGISTER, creds(null, null, BOOT), new CardClaim.None()));

    assertThat(a.state()).isEqualTo(RegistrationState.REGISTERED_NO_CARD);
    assertThat(a.cardNeeded()).isTrue();
    assertThat(a.issuedToken()).isPresent();
  }

  // --- card handling
  // -------------------------------------------------------------------------------

  @Test
  void givenRegisteredNoCard_whenHeartbeatCarriesCard_thenCardIsBackfilled() {
    String token =
        accepted(send(Source.REGISTER, creds(null, null, BOOT), new CardClaim.None()))
            .issuedToken()
            .orElseThrow();

    Accepted a = withToken(Source.HEARTBEAT, token, full(Cards.card()));

    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(onFile().storedCard()).isPresent();
  }

  @Test
  void givenComplete_whenHeartbeatCarriesOnlyTheSameDigest_thenNoCardNeeded() {
    String token = registerComplete();

    Accepted a =
        withToken(Source.HEARTBEAT, token, new CardClaim.DigestOnly(CardDigest.of(Cards.card())));

    assertThat(a.cardNeeded()).isFalse();
  }

  @Test
  void givenComplete_whenHeartbeatCarriesAnotherDigest_thenCardNeeded() {
    String token = registerComplete();

    Accepted a =
        withToken(
            Source.HEARTBEAT,
            token,
            new CardClaim.DigestOnly(CardDigest.of(Cards.card("SEO", "changed"))));

    assertThat(a.cardNeeded()).isTrue();
    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
  }

  @Test
  void givenRegisteredNoCard_whenHeartbeatCarriesADigest_thenCardNeeded() {
    String token =
        accepted(send(Source.REGISTER, creds(null, null, BOOT), new CardClaim.None()))
            .issuedToken()
            .orElseThrow();

    Accepted a =
        withToken(Source.HEARTBEAT, token, new CardClaim.DigestOnly(CardDigest.of(Cards.card())));

    assertThat(a.cardNeeded()).isTrue();
  }

  @Test
  void givenComplete_whenTheSameCardIsUpdatedAgain_thenNothingIsWrittenNorAnnounced() {
    String token = registerAndClaim();
    int writes = store.hardWrites();
    events.clear();

    Accepted a = withToken(Source.CARD_UPDATE, token, full(Cards.card()));

    assertThat(a.cardGeneration()).isEqualTo(1);
    assertThat(store.hardWrites()).isEqualTo(writes);
    assertThat(events.all()).isEmpty();
  }

  @Test
  void givenComplete_whenANewCardIsUpdated_thenGenerationBumpsAndOneEvent() {
    String token = registerComplete();
    events.clear();

    Accepted a = withToken(Source.CARD_UPDATE, token, full(Cards.card("SEO", "v2")));

    assertThat(a.cardGeneration()).isEqualTo(2);
    assertThat(a.cardDigest()).contains(CardDigest.of(Cards.card("SEO", "v2")));
    assertThat(events.of(RegistrationEvent.CardStored.class)).hasSize(1);
  }

  @Test
  void givenSteadyHeartbeats_thenNoHardStateIsWrittenAndContactsAreCoalesced() {
    String token = registerAndClaim();
    int writes = store.hardWrites();

    for (int i = 0; i < 50; i++) {
      time.advance(Duration.ofSeconds(1));
      withToken(Source.HEARTBEAT, token, new CardClaim.DigestOnly(CardDigest.of(Cards.card())));
    }

    assertThat(store.hardWrites()).isEqualTo(writes);
    assertThat(liveness.flush()).isEqualTo(1);
    assertThat(store.contacts().get(WS).at()).isEqualTo(time.now());
  }

  @Test
  void givenInvalidCard_whenRegistered_thenRegisteredNoCardWithReasonAndTokenStillIssued() {
    Accepted a =
        accepted(send(Source.REGISTER, creds(null, null, BOOT), full(Cards.invalidCard())));

    assertThat(a.state()).isEqualTo(RegistrationState.REGISTERED_NO_CARD);
    assertThat(a.cardRejected()).isPresent();
    assertThat(a.cardRejected().get().summary()).contains("$.url").contains("metadata");
    assertThat(a.issuedToken()).isPresent();
    assertThat(onFile().registration().rejection()).isPresent();
  }

  @Test
  void givenRejectedCard_whenHeartbeatSendsItsDigest_thenItIsNotAskedForAgain() {
    String token =
        accepted(send(Source.REGISTER, creds(null, null, BOOT), full(Cards.invalidCard())))
            .issuedToken()
            .orElseThrow();

    Accepted a =
        withToken(
            Source.HEARTBEAT, token, new CardClaim.DigestOnly(CardDigest.of(Cards.invalidCard())));

    assertThat(a.cardNeeded()).isFalse();
    assertThat(a.state()).isEqualTo(RegistrationState.REGISTERED_NO_CARD);
  }

  @Test
  void givenRejectedCard_whenTheFixedCardArrives_thenCompleteAndTheReasonIsGone() {
    String token =
        accepted(send(Source.REGISTER, creds(null, null, BOOT), full(Cards.invalidCard())))
            .issuedToken()
            .orElseThrow();

    Accepted a = withToken(Source.CARD_UPDATE, token, full(Cards.card()));

    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(onFile().registration().rejection()).isEmpty();
  }

  @Test
  void givenComplete_whenAnInvalidCardArrives_thenRefusedAndTheValidCardStays() {
    String token = registerAndClaim();
    int writes = store.hardWrites();

    Accepted a = withToken(Source.CARD_UPDATE, token, full(Cards.invalidCard()));

    assertThat(a.cardRejected()).isPresent();
    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(a.cardDigest()).contains(CardDigest.of(Cards.card()));
    assertThat(store.hardWrites()).isEqualTo(writes);
  }

  // --- credentials
  // ---------------------------------------------------------------------------------

  @Test
  void givenLiveTokenAndSameBootId_whenRegisterWithoutToken_thenTokenIsReissued() {
    String lost = registerComplete(); // the response carrying this token is lost

    Accepted a = accepted(send(Source.REGISTER, creds(null, null, BOOT), full(Cards.card())));

    assertThat(a.issuedToken()).contains(SequenceTokens.nth(2));
    assertThat(onFile().liveToken().orElseThrow().accepts(lost)).isFalse();
    assertThat(events.of(RegistrationEvent.TokenIssued.class))
        .last()
        .extracting(RegistrationEvent.TokenIssued::reason)
        .asString()
        .contains("response lost");
  }

  @Test
  void givenLostResponse_whenHeartbeatWithBootIdAndNoToken_thenTheHeartbeatDeliversANewToken() {
    registerComplete();

    Accepted a =
        accepted(
            send(
                Source.HEARTBEAT,
                creds(null, null, BOOT),
                new CardClaim.DigestOnly(CardDigest.of(Cards.card()))));

    assertThat(a.issuedToken()).contains(SequenceTokens.nth(2));
  }

  @Test
  void givenClaimedToken_whenSameBootAsksWithoutToken_thenReissueIsRefused() {
    String token = registerComplete();
    withToken(Source.HEARTBEAT, token, new CardClaim.None());
    int writes = store.hardWrites();

    EnsureOutcome outcome = send(Source.REGISTER, creds(null, null, BOOT), full(Cards.card()));

    assertThat(outcome)
        .isEqualTo(new Refused(Refusal.TOKEN_REISSUE_REFUSED, ((Refused) outcome).detail()));
    assertThat(store.hardWrites()).isEqualTo(writes);
    assertThat(onFile().liveToken().orElseThrow().accepts(token)).isTrue();
  }

  @Test
  void givenProvisionedKey_whenTokenIsWrong_thenTokenIsReissuedByEnrollmentKey() {
    String key = provisionedKey();

    Accepted a =
        accepted(send(Source.REGISTER, creds("wrong-token-value", key, BOOT), full(Cards.card())));

    assertThat(a.issuedToken()).isPresent();
    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
  }

  @Test
  void givenStranger_whenHeartbeatWithWrongToken_thenTokenInvalidAndNothingChanges() {
    registerComplete();
    Workspace before = onFile();
    liveness.flush();

    EnsureOutcome outcome =
        send(
            Source.HEARTBEAT,
            creds("not-the-token-at-all", null, OTHER_BOOT),
            full(Cards.card("Evil", "hijack")));

    assertThat(((Refused) outcome).refusal()).isEqualTo(Refusal.TOKEN_INVALID);
    assertThat(onFile()).isEqualTo(before);
    assertThat(liveness.flush()).isZero();
  }

  @Test
  void givenStranger_whenRegisterWithNothing_thenTokenMissing() {
    String token = registerComplete();
    withToken(Source.HEARTBEAT, token, new CardClaim.None());

    EnsureOutcome outcome =
        send(Source.CARD_UPDATE, creds(null, null, null), full(Cards.card("Evil", "hijack")));

    assertThat(((Refused) outcome).refusal()).isEqualTo(Refusal.TOKEN_MISSING);
  }

  @Test
  void givenRemovedWorkspace_whenAnyCallEvenWithValidToken_thenWorkspaceRemoved() {
    String token = registerComplete();
    admin.remove(WS);

    for (Source source : Source.values()) {
      EnsureOutcome outcome = send(source, creds(token, null, BOOT), full(Cards.card()));
      assertThat(((Refused) outcome).refusal()).isEqualTo(Refusal.WORKSPACE_REMOVED);
    }
    assertThat(onFile().isRemoved()).isTrue();
  }

  @Test
  void givenEnrolledMode_whenUnknownWorkspaceWithoutFleetKey_thenUnknownAndNothingCreated() {
    service = service(EnrollmentMode.ENROLLED, Optional.of("fleet-key"));

    EnsureOutcome outcome = send(Source.REGISTER, creds(null, null, BOOT), full(Cards.card()));

    assertThat(((Refused) outcome).refusal()).isEqualTo(Refusal.WORKSPACE_UNKNOWN);
    assertThat(store.find(WS)).isEmpty();
  }

  @Test
  void givenEnrolledMode_whenUnknownWorkspaceWithFleetKey_thenCreatedComplete() {
    service = service(EnrollmentMode.ENROLLED, Optional.of("fleet-key"));

    Accepted a =
        accepted(send(Source.REGISTER, creds(null, "fleet-key", BOOT), full(Cards.card())));

    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
  }

  @Test
  void
      givenLegacyRuntimeInOpenMode_whenItRegistersTwiceWithoutBootId_thenTheSecondRegisterReissues() {
    Accepted first = accepted(send(Source.REGISTER, creds(null, null, null), full(Cards.card())));

    Accepted second = accepted(send(Source.REGISTER, creds(null, null, null), full(Cards.card())));

    assertThat(second.issuedToken()).isPresent().isNotEqualTo(first.issuedToken());
  }

  @Test
  void
      givenLegacyRuntimeInOpenMode_whenHeartbeatWithoutTokenBeforeClaim_thenAcceptedWithoutMinting() {
    accepted(send(Source.REGISTER, creds(null, null, null), full(Cards.card())));

    Accepted a = accepted(send(Source.HEARTBEAT, creds(null, null, null), new CardClaim.None()));

    assertThat(a.issuedToken()).isEmpty();
    assertThat(events.of(RegistrationEvent.TokenIssued.class)).hasSize(1);
  }

  @Test
  void givenLegacyTokenClaimed_whenUpdateCardWithoutToken_thenTheWindowIsClosed() {
    String token =
        accepted(send(Source.REGISTER, creds(null, null, null), full(Cards.card())))
            .issuedToken()
            .orElseThrow();
    accepted(send(Source.HEARTBEAT, creds(token, null, null), new CardClaim.None()));

    EnsureOutcome outcome =
        send(Source.CARD_UPDATE, creds(null, null, null), full(Cards.card("SEO", "changed")));

    assertThat(((Refused) outcome).refusal()).isEqualTo(Refusal.TOKEN_MISSING);
  }

  @Test
  void
      givenTwoRuntimesWithOneEnrollmentKey_whenTheyTakeTheTokenInTurn_thenTheSecondSwapIsRefusedAndFlagged() {
    String key = provisionedKey();
    String tokenA =
        accepted(send(Source.REGISTER, creds(null, key, BOOT), full(Cards.card())))
            .issuedToken()
            .orElseThrow();
    accepted(send(Source.HEARTBEAT, creds(tokenA, null, BOOT), new CardClaim.None()));
    String tokenB =
        accepted(send(Source.REGISTER, creds(null, key, OTHER_BOOT), full(Cards.card())))
            .issuedToken()
            .orElseThrow();
    accepted(send(Source.HEARTBEAT, creds(tokenB, null, OTHER_BOOT), new CardClaim.None()));

    EnsureOutcome backAgain = send(Source.REGISTER, creds(tokenA, key, BOOT), full(Cards.card()));

    assertThat(((Refused) backAgain).refusal()).isEqualTo(Refusal.WORKSPACE_CONFLICT);
    assertThat(onFile().conflict()).isPresent();
    assertThat(onFile().conflict().get().holder()).isEqualTo(OTHER_BOOT);
    assertThat(onFile().liveToken().orElseThrow().accepts(tokenB)).isTrue();
    assertThat(events.of(RegistrationEvent.ConflictFlagged.class)).hasSize(1);
  }

  @Test
  void givenOperatorRotatedToken_whenRuntimeComesBackWithItsKey_thenItGetsAFreshToken() {
    String key = provisionedKey();
    String token =
        accepted(send(Source.REGISTER, creds(null, key, BOOT), full(Cards.card())))
            .issuedToken()
            .orElseThrow();
    withToken(Source.HEARTBEAT, token, new CardClaim.None());
    admin.rotateToken(WS);

    EnsureOutcome refused = send(Source.HEARTBEAT, creds(token, null, BOOT), new CardClaim.None());
    Accepted recovered =
        accepted(send(Source.REGISTER, creds(token, key, BOOT), full(Cards.card())));

    assertThat(((Refused) refused).refusal()).isEqualTo(Refusal.TOKEN_INVALID);
    assertThat(recovered.issuedToken()).isPresent();
    assertThat(recovered.state()).isEqualTo(RegistrationState.COMPLETE);
  }

  /** The operator provisions {@link #WS}; returns its enrollment key. */
  private String provisionedKey() {
    return ((AdminOutcome.Done) admin.provision(WS)).enrollmentKey().orElseThrow();
  }

  // --- infrastructure
  // ------------------------------------------------------------------------------

  @Test
  void givenStoreDown_whenAnyCall_thenItFailsClosedWithStoreUnavailable() {
    String token = registerComplete();
    store.setDown(true);

    assertThatThrownBy(() -> send(Source.HEARTBEAT, creds(token, null, BOOT), new CardClaim.None()))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void givenAConcurrentWriterWinsTheRace_whenEnsuring_thenTheDecisionIsMadeAgainOnFreshData() {
    // A store that lets another writer register the workspace between our read and our insert.
    InMemoryRegistrationStore racing =
        new InMemoryRegistrationStore() {
          private boolean raced;

          @Override
          public void insert(Workspace workspace) {
            if (!raced) {
              raced = true;
              super.insert(Workspace.create(workspace.id(), workspace.createdAt()));
            }
            super.insert(workspace);
          }
        };
    EnsureCardAndTokenService racingService =
        new EnsureCardAndTokenService(
            racing,
            tokens,
            time,
            events,
            new CoalescingLivenessRecorder(racing),
            new RegistryPolicy(
                EnrollmentMode.OPEN,
                Optional.empty(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30)));

    Accepted a =
        accepted(
            racingService.ensure(
                new EnsureCommand(
                    WS, creds(null, null, BOOT), full(Cards.card()), Source.REGISTER)));

    assertThat(a.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(racing.find(WS).orElseThrow().version()).isEqualTo(2);
  }
}
