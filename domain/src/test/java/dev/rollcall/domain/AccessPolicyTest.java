package dev.rollcall.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.domain.AccessDecision.Granted;
import dev.rollcall.domain.AccessDecision.Refused;
import dev.rollcall.domain.AccessDecision.TokenAction;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every branch of the credential rules (design section 3), without a store or a socket. */
class AccessPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final WorkspaceId ID = new WorkspaceId("ws-1");
  private static final BootId BOOT = new BootId("boot-aaaa-1");
  private static final BootId OTHER = new BootId("boot-bbbb-2");
  private static final String TOKEN = "the-live-token-plain-text";
  private static final String KEY = "workspace-enrollment-key";
  private static final String FLEET = "fleet-enrollment-key";

  private final AccessPolicy open =
      new AccessPolicy(EnrollmentMode.OPEN, Optional.of(SecretHash.of(FLEET)));
  private final AccessPolicy enrolled =
      new AccessPolicy(EnrollmentMode.ENROLLED, Optional.of(SecretHash.of(FLEET)));

  private static PresentedCredentials creds(String token, String key, BootId boot) {
    return new PresentedCredentials(
        Optional.ofNullable(token), Optional.ofNullable(key), Optional.ofNullable(boot));
  }

  private static Workspace withToken(
      Optional<BootId> boundTo, TokenOrigin origin, boolean claimed) {
    Workspace ws =
        Workspace.create(ID, NOW)
            .provision(
                SecretHash.of(KEY),
                LiveToken.issue("operator-token", Optional.empty(), TokenOrigin.OPERATOR, NOW),
                NOW)
            .issueToken(LiveToken.issue(TOKEN, boundTo, origin, NOW), NOW);
    return claimed ? ws.useToken(boundTo, NOW) : ws;
  }

  private static TokenAction granted(AccessDecision decision) {
    assertThat(decision).isInstanceOf(Granted.class);
    return ((Granted) decision).action();
  }

  private static Refusal refused(AccessDecision decision) {
    assertThat(decision).isInstanceOf(Refused.class);
    return ((Refused) decision).refusal();
  }

  // Rule 5: unknown workspace

  @Test
  void givenOpenMode_whenUnknownWorkspace_thenMint() {
    assertThat(granted(open.decide(Optional.empty(), creds(null, null, null), Source.HEARTBEAT)))
        .isEqualTo(TokenAction.MINT);
  }

  @Test
  void givenEnrolledMode_whenUnknownWorkspaceWithFleetKey_thenMint() {
    assertThat(
            granted(enrolled.decide(Optional.empty(), creds(null, FLEET, BOOT), Source.REGISTER)))
        .isEqualTo(TokenAction.MINT);
  }

  @Test
  void givenEnrolledMode_whenUnknownWorkspaceWithAnyOtherKeyOrToken_thenUnknown() {
    assertThat(refused(enrolled.decide(Optional.empty(), creds(TOKEN, KEY, BOOT), Source.REGISTER)))
        .isEqualTo(Refusal.WORKSPACE_UNKNOWN);
  }

  // Rule 4: removed

  @ParameterizedTest
  @EnumSource(Source.class)
  void givenRemovedWorkspace_whenEvenTheValidTokenAndKey_thenRemoved(Source source) {
    Workspace removed = withToken(Optional.of(BOOT), TokenOrigin.CALLER, true).remove(NOW);

    assertThat(refused(open.decide(Optional.of(removed), creds(TOKEN, KEY, BOOT), source)))
        .isEqualTo(Refusal.WORKSPACE_REMOVED);
  }

  // Rule 2: no live token on file

  @Test
  void givenNoLiveToken_whenOpenMode_thenMint() {
    Workspace ws = Workspace.create(ID, NOW);

    assertThat(granted(open.decide(Optional.of(ws), creds(null, null, null), Source.CARD_UPDATE)))
        .isEqualTo(TokenAction.MINT);
  }

  @Test
  void givenNoLiveToken_whenEnrolledModeWithWorkspaceKey_thenMint() {
    Workspace ws =
        Workspace.create(ID, NOW)
            .provision(
                SecretHash.of(KEY),
                LiveToken.issue("operator-token", Optional.empty(), TokenOrigin.OPERATOR, NOW),
                NOW);
    Workspace revoked =
        new Workspace(
            ws.id(),
            1,
            ws.lifecycle(),
            new Registration.Unregistered(),
            0,
            ws.enrollmentKey(),
            Optional.empty(),
            Optional.empty(),
            NOW,
            NOW);

    assertThat(
            granted(enrolled.decide(Optional.of(revoked), creds(null, KEY, BOOT), Source.REGISTER)))
        .isEqualTo(TokenAction.MINT);
  }

  @Test
  void givenNoLiveToken_whenEnrolledModeWithoutKey_thenTokenMissingOrReissueRefused() {
    Workspace ws = Workspace.create(ID, NOW);

    assertThat(refused(enrolled.decide(Optional.of(ws), creds(null, null, null), Source.REGISTER)))
        .isEqualTo(Refusal.TOKEN_MISSING);
    assertThat(
            refused(
                enrolled.decide(Optional.of(ws), creds(null, "wrong-key", BOOT), Source.REGISTER)))
        .isEqualTo(Refusal.TOKEN_REISSUE_REFUSED);
  }

  // Rule 1: valid token

  @ParameterizedTest
  @EnumSource(Source.class)
  void givenValidToken_whenAnyPath_thenUsePresented(Source source) {
    Workspace ws = withToken(Optional.of(BOOT), TokenOrigin.CALLER, true);

    assertThat(granted(enrolled.decide(Optional.of(ws), creds(TOKEN, null, OTHER), source)))
        .isEqualTo(TokenAction.USE_PRESENTED);
  }

  // Rule 3: live token on file, none or a wrong one presented

  @Test
  void givenLiveToken_whenValidEnrollmentKey_thenReissue() {
    Workspace ws = withToken(Optional.of(BOOT), TokenOrigin.CALLER, true);

    assertThat(
            granted(enrolled.decide(Optional.of(ws), creds("stale", KEY, BOOT), Source.HEARTBEAT)))
        .isEqualTo(TokenAction.REISSUE);
    assertThat(
            granted(enrolled.decide(Optional.of(ws), creds(null, FLEET, OTHER), Source.REGISTER)))
        .isEqualTo(TokenAction.REISSUE);
  }

  @Test
  void givenUnclaimedTokenIssuedToThisBoot_whenNoToken_thenReissue() {
    Workspace ws = withToken(Optional.of(BOOT), TokenOrigin.CALLER, false);

    assertThat(granted(enrolled.decide(Optional.of(ws), creds(null, null, BOOT), Source.HEARTBEAT)))
        .isEqualTo(TokenAction.REISSUE);
  }

  @Test
  void givenUnclaimedTokenIssuedToAnotherBoot_whenNoToken_thenReissueRefused() {
    Workspace ws = withToken(Optional.of(BOOT), TokenOrigin.CALLER, false);

    assertThat(refused(open.decide(Optional.of(ws), creds(null, null, OTHER), Source.REGISTER)))
        .isEqualTo(Refusal.TOKEN_REISSUE_REFUSED);
  }

  @Test
  void givenClaimedTokenOfThisBoot_whenNoToken_thenReissueRefused() {
    Workspace ws = withToken(Optional.of(BOOT), TokenOrigin.CALLER, true);

    assertThat(refused(open.decide(Optional.of(ws), creds(null, null, BOOT), Source.REGISTER)))
        .isEqualTo(Refusal.TOKEN_REISSUE_REFUSED);
  }

  @Test
  void givenOpenModeUnclaimedLegacyToken_whenRegisterWithoutBootId_thenReissue() {
    Workspace ws = withToken(Optional.empty(), TokenOrigin.CALLER, false);

    assertThat(granted(open.decide(Optional.of(ws), creds(null, null, null), Source.REGISTER)))
        .isEqualTo(TokenAction.REISSUE);
  }

  @Test
  void
      givenOpenModeUnclaimedLegacyToken_whenHeartbeatOrCardUpdateWithoutBootId_thenAcceptedWithoutToken() {
    Workspace ws = withToken(Optional.empty(), TokenOrigin.CALLER, false);

    assertThat(granted(open.decide(Optional.of(ws), creds(null, null, null), Source.HEARTBEAT)))
        .isEqualTo(TokenAction.ACCEPT_WITHOUT_TOKEN);
    assertThat(
            granted(open.decide(Optional.of(ws), creds("stale", null, null), Source.CARD_UPDATE)))
        .isEqualTo(TokenAction.ACCEPT_WITHOUT_TOKEN);
  }

  @Test
  void givenEnrolledModeUnclaimedLegacyToken_whenNoBootIdNoToken_thenTokenMissing() {
    Workspace ws = withToken(Optional.empty(), TokenOrigin.CALLER, false);

    assertThat(refused(enrolled.decide(Optional.of(ws), creds(null, null, null), Source.REGISTER)))
        .isEqualTo(Refusal.TOKEN_MISSING);
  }

  @Test
  void givenOpenModeUnclaimedOperatorToken_whenNoBootIdNoToken_thenTheWindowDoesNotApply() {
    Workspace ws = withToken(Optional.empty(), TokenOrigin.OPERATOR, false);

    assertThat(refused(open.decide(Optional.of(ws), creds(null, null, null), Source.REGISTER)))
        .isEqualTo(Refusal.TOKEN_MISSING);
  }

  @Test
  void givenOpenModeClaimedLegacyToken_whenNoToken_thenTokenMissing() {
    Workspace ws = withToken(Optional.empty(), TokenOrigin.CALLER, true);

    assertThat(refused(open.decide(Optional.of(ws), creds(null, null, null), Source.CARD_UPDATE)))
        .isEqualTo(Refusal.TOKEN_MISSING);
  }

  @Test
  void givenLiveToken_whenWrongTokenFromAStranger_thenTokenInvalid() {
    Workspace ws = withToken(Optional.of(BOOT), TokenOrigin.CALLER, true);

    assertThat(refused(open.decide(Optional.of(ws), creds("guess", null, null), Source.HEARTBEAT)))
        .isEqualTo(Refusal.TOKEN_INVALID);
    assertThat(
            refused(
                open.decide(Optional.of(ws), creds("guess", "wrong-key", OTHER), Source.HEARTBEAT)))
        .isEqualTo(Refusal.TOKEN_REISSUE_REFUSED);
  }

  @Test
  void givenTokenOfAnotherWorkspace_whenPresented_thenTokenInvalid() {
    Workspace ws = withToken(Optional.of(BOOT), TokenOrigin.CALLER, true);

    assertThat(
            refused(
                open.decide(
                    Optional.of(ws), creds("the-token-of-ws-2", null, null), Source.REGISTER)))
        .isEqualTo(Refusal.TOKEN_INVALID);
  }

  // Two runtimes, one workspace

  @Test
  void givenTokenTakenOverByAnotherBoot_whenTheDisplacedBootComesBackWithTheKey_thenConflict() {
    Workspace ws =
        withToken(Optional.of(BOOT), TokenOrigin.CALLER, true)
            .issueToken(
                LiveToken.issue("token-of-other", Optional.of(OTHER), TokenOrigin.CALLER, NOW), NOW)
            .useToken(Optional.of(OTHER), NOW);

    AccessDecision decision =
        enrolled.decide(Optional.of(ws), creds(TOKEN, KEY, BOOT), Source.REGISTER);

    assertThat(refused(decision)).isEqualTo(Refusal.WORKSPACE_CONFLICT);
    assertThat(((Refused) decision).conflict())
        .hasValueSatisfying(
            c -> {
              assertThat(c.holder()).isEqualTo(OTHER);
              assertThat(c.contender()).isEqualTo(BOOT);
            });
    // The loser is told who holds it by prefix only: a whole boot id is a credential (ADR 7).
    assertThat(((Refused) decision).detail())
        .contains(OTHER.prefix())
        .doesNotContain(OTHER.value());
  }
}
