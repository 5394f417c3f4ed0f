package dev.rollcall.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registration state machine: every transition, and the ones that must not exist. */
class WorkspaceTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final BootId BOOT = new BootId("boot-aaaa-1");
  private static final BootId RESTARTED = new BootId("boot-bbbb-2");

  private static AgentCard card(String description) {
    Map<String, Object> tree = AgentCardTest.card();
    tree.put("description", description);
    return ((CardCheck.Accepted) AgentCard.check(tree)).card();
  }

  private static Workspace registered() {
    return Workspace.create(new WorkspaceId("ws-1"), T0)
        .issueToken(
            LiveToken.issue("plain-token-1", Optional.of(BOOT), TokenOrigin.CALLER, T0), T0);
  }

  private static CardRejection rejection(String digestSource) {
    return new CardRejection(
        CardDigest.of(Map.of("x", digestSource)), List.of(new CardViolation("$.url", "bad")), T0);
  }

  @Test
  void givenNewWorkspace_thenUnregisteredActiveWithNothing() {
    Workspace ws = Workspace.create(new WorkspaceId("ws-1"), T0);

    assertThat(ws.state()).isEqualTo(RegistrationState.UNREGISTERED);
    assertThat(ws.lifecycle()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(ws.liveToken()).isEmpty();
    assertThat(ws.storedCard()).isEmpty();
  }

  @Test
  void givenUnregistered_whenTokenIssued_thenRegisteredNoCardWithAnUnclaimedToken() {
    Workspace ws = registered();

    assertThat(ws.state()).isEqualTo(RegistrationState.REGISTERED_NO_CARD);
    assertThat(ws.liveToken().orElseThrow().claimed()).isFalse();
    assertThat(ws.liveToken().orElseThrow().accepts("plain-token-1")).isTrue();
    assertThat(ws.liveToken().orElseThrow().prefix()).isEqualTo("plain-to");
  }

  @Test
  void givenUnregistered_whenACardArrives_thenThereIsNoSuchTransition() {
    Workspace ws = Workspace.create(new WorkspaceId("ws-1"), T0);

    assertThatThrownBy(() -> ws.acceptCard(card("x"), T0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ws.useToken(Optional.of(BOOT), T0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenRegisteredNoCard_whenCardAccepted_thenCompleteAtGenerationOne() {
    Workspace ws = registered().acceptCard(card("a"), T0);

    assertThat(ws.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(ws.storedCard().orElseThrow().generation()).isEqualTo(1);
  }

  @Test
  void givenComplete_whenSameCardAgain_thenTheVerySameValue() {
    Workspace ws = registered().acceptCard(card("a"), T0);

    assertThat(ws.acceptCard(card("a"), T0.plusSeconds(1))).isSameAs(ws);
  }

  @Test
  void givenComplete_whenAnotherCard_thenNextGeneration() {
    Workspace ws = registered().acceptCard(card("a"), T0).acceptCard(card("b"), T0);

    assertThat(ws.storedCard().orElseThrow().generation()).isEqualTo(2);
    assertThat(ws.storedCard().orElseThrow().card()).isEqualTo(card("b"));
  }

  @Test
  void givenRegisteredNoCard_whenCardRejected_thenTheReasonIsKeptOnceAndAValidCardStillCompletes() {
    Workspace rejected = registered().rejectCard(rejection("bad"), T0);

    assertThat(rejected.state()).isEqualTo(RegistrationState.REGISTERED_NO_CARD);
    assertThat(rejected.registration().rejection()).isPresent();
    assertThat(rejected.rejectCard(rejection("bad"), T0.plusSeconds(5))).isSameAs(rejected);
    Workspace fixed = rejected.acceptCard(card("a"), T0);
    assertThat(fixed.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(fixed.registration().rejection()).isEmpty();
  }

  @Test
  void givenComplete_whenCardRejected_thenTheValidCardStaysAndNothingChanges() {
    Workspace complete = registered().acceptCard(card("a"), T0);

    assertThat(complete.rejectCard(rejection("bad"), T0)).isSameAs(complete);
  }

  @Test
  void givenRegistered_whenTokenReissued_thenStateKeptAndOldTokenRevoked() {
    Workspace complete = registered().acceptCard(card("a"), T0);

    Workspace reissued =
        complete.issueToken(
            LiveToken.issue("plain-token-2", Optional.of(BOOT), TokenOrigin.CALLER, T0), T0);

    assertThat(reissued.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(reissued.liveToken().orElseThrow().accepts("plain-token-1")).isFalse();
    assertThat(reissued.liveToken().orElseThrow().accepts("plain-token-2")).isTrue();
  }

  @Test
  void givenRegistered_whenRevoked_thenUnregistered() {
    Registration.Registered reg =
        (Registration.Registered) registered().acceptCard(card("a"), T0).registration();

    assertThat(reg.revoke().state()).isEqualTo(RegistrationState.UNREGISTERED);
  }

  @Test
  void givenUnclaimedToken_whenFirstUsed_thenClaimedOnce() {
    Workspace claimed = registered().useToken(Optional.of(BOOT), T0);

    assertThat(claimed.liveToken().orElseThrow().claimed()).isTrue();
    assertThat(claimed.useToken(Optional.of(BOOT), T0.plusSeconds(1))).isSameAs(claimed);
  }

  @Test
  void givenClaimedToken_whenANewBootUsesIt_thenTheRuntimeRestartedAndTheOldBootIsDisplaced() {
    Workspace restarted =
        registered().useToken(Optional.of(BOOT), T0).useToken(Optional.of(RESTARTED), T0);

    assertThat(restarted.liveToken().orElseThrow().boundBoot()).contains(RESTARTED);
    assertThat(restarted.displacedBoot()).contains(BOOT);
    assertThat(restarted.conflict()).isEmpty();
  }

  @Test
  void givenRestartedBoot_whenTheDisplacedBootUsesTheSameTokenAgain_thenConflictFlaggedOnce() {
    Workspace restarted =
        registered().useToken(Optional.of(BOOT), T0).useToken(Optional.of(RESTARTED), T0);

    Workspace flagged = restarted.useToken(Optional.of(BOOT), T0.plusSeconds(1));

    assertThat(flagged.conflict())
        .hasValueSatisfying(
            c -> {
              assertThat(c.holder()).isEqualTo(RESTARTED);
              assertThat(c.contender()).isEqualTo(BOOT);
            });
    assertThat(flagged.useToken(Optional.of(BOOT), T0.plusSeconds(2))).isSameAs(flagged);
    assertThat(flagged.useToken(Optional.of(RESTARTED), T0.plusSeconds(2))).isSameAs(flagged);
  }

  @Test
  void givenConflict_whenOperatorRotates_thenConflictClearedAndNewOperatorToken() {
    Workspace flagged =
        registered()
            .useToken(Optional.of(BOOT), T0)
            .useToken(Optional.of(RESTARTED), T0)
            .useToken(Optional.of(BOOT), T0);

    Workspace rotated =
        flagged.rotateToken(
            LiveToken.issue("operator-tok", Optional.empty(), TokenOrigin.OPERATOR, T0), T0);

    assertThat(rotated.conflict()).isEmpty();
    assertThat(rotated.liveToken().orElseThrow().origin()).isEqualTo(TokenOrigin.OPERATOR);
  }

  @Test
  void givenActive_whenRemoved_thenRemovedForGood() {
    Workspace removed = registered().remove(T0);

    assertThat(removed.isRemoved()).isTrue();
    assertThat(removed.remove(T0.plusSeconds(1))).isSameAs(removed);
  }

  @Test
  void givenTokenHash_whenPrinted_thenTheSecretDoesNotLeak() {
    SecretHash hash = SecretHash.of("very-secret");

    assertThat(hash.toString()).doesNotContain(hash.hex());
    assertThat(hash.matches("very-secret")).isTrue();
    assertThat(hash.matches("very-secreT")).isFalse();
    assertThat(hash.matches(null)).isFalse();
  }

  @Test
  void givenMalformedIds_thenRefusedWithTheShape() {
    for (String bad :
        new String[] {"", "UPPER", "-lead", "a/../b", "a'b", "x".repeat(129), "tab\t", "a b"}) {
      assertThatThrownBy(() -> new WorkspaceId(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("workspace id");
    }
    assertThat(WorkspaceId.isValid("ws-compat-0001")).isTrue();
  }
}
