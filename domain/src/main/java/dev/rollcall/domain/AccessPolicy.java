package dev.rollcall.domain;

import dev.rollcall.domain.AccessDecision.Granted;
import dev.rollcall.domain.AccessDecision.Refused;
import dev.rollcall.domain.AccessDecision.TokenAction;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential rules of the registry (design section 3): who may act for a workspace, and when a
 * token is minted or re-issued. Pure function of what is on file and what was presented. Immutable
 * and thread-safe.
 */
public final class AccessPolicy {
  private final EnrollmentMode mode;
  private final Optional<SecretHash> fleetKey;

  public AccessPolicy(EnrollmentMode mode, Optional<SecretHash> fleetKey) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.fleetKey = Objects.requireNonNull(fleetKey, "fleetKey");
  }

  public EnrollmentMode mode() {
    return mode;
  }

  public AccessDecision decide(
      Optional<Workspace> onFile, PresentedCredentials presented, Source source) {
    if (onFile.isEmpty()) {
      return decideUnknown(presented);
    }
    Workspace workspace = onFile.get();
    if (workspace.isRemoved()) {
      return new Refused(
          Refusal.WORKSPACE_REMOVED, "workspace " + workspace.id() + " was removed by an operator");
    }
    boolean keyValid = presented.enrollmentKey().filter(k -> keyMatches(workspace, k)).isPresent();
    Optional<LiveToken> live = workspace.liveToken();
    if (live.isEmpty()) {
      if (mode == EnrollmentMode.OPEN) {
        return new Granted(TokenAction.MINT, "first token (open enrollment)");
      }
      if (keyValid) {
        return new Granted(TokenAction.MINT, "first token (enrollment key)");
      }
      return refuse(presented, "no live token on file and no valid enrollment key");
    }
    LiveToken token = live.get();
    if (presented.token().filter(token::accepts).isPresent()) {
      return new Granted(TokenAction.USE_PRESENTED, "valid token");
    }
    Optional<BootId> boot = presented.bootId();
    if (keyValid) {
      if (token.claimed()
          && token.boundBoot().isPresent()
          && boot.isPresent()
          && !boot.equals(token.boundBoot())
          && boot.equals(workspace.displacedBoot())) {
        // The boot that lost the token to another boot wants it back: two runtimes, one workspace.
        Conflict conflict = new Conflict(token.boundBoot().get(), boot.get(), token.issuedAt());
        return new Refused(
            Refusal.WORKSPACE_CONFLICT,
            "another runtime (boot "
                + conflict.holder().prefix()
                + "…) holds this workspace's token; "
                + "re-issuing it back and forth is refused until an operator resolves the conflict",
            Optional.of(conflict));
      }
      return new Granted(TokenAction.REISSUE, "re-issued for a valid enrollment key");
    }
    if (boot.isPresent() && !token.claimed() && token.boundBoot().equals(boot)) {
      return new Granted(
          TokenAction.REISSUE, "re-issued to the boot it was minted for (response lost)");
    }
    if (mode == EnrollmentMode.OPEN
        && boot.isEmpty()
        && !token.claimed()
        && token.boundBoot().isEmpty()
        && token.origin() == TokenOrigin.CALLER) {
      if (source == Source.REGISTER) {
        return new Granted(
            TokenAction.REISSUE,
            "re-issued to a runtime without boot id (open enrollment, token unclaimed)");
      }
      return new Granted(
          TokenAction.ACCEPT_WITHOUT_TOKEN,
          "accepted without token (open enrollment, token unclaimed)");
    }
    return refuse(
        presented,
        token.claimed()
            ? "the live token was claimed by another client"
            : "the live token was issued to another boot");
  }

  private AccessDecision decideUnknown(PresentedCredentials presented) {
    if (mode == EnrollmentMode.OPEN) {
      return new Granted(TokenAction.MINT, "new workspace (open enrollment)");
    }
    if (presented
        .enrollmentKey()
        .filter(k -> fleetKey.map(f -> f.matches(k)).orElse(false))
        .isPresent()) {
      return new Granted(TokenAction.MINT, "new workspace (fleet enrollment key)");
    }
    return new Refused(
        Refusal.WORKSPACE_UNKNOWN,
        "no such workspace; provision it or present the fleet enrollment key");
  }

  private boolean keyMatches(Workspace workspace, String key) {
    return workspace.enrollmentKey().map(h -> h.matches(key)).orElse(false)
        || fleetKey.map(h -> h.matches(key)).orElse(false);
  }

  private static Refused refuse(PresentedCredentials presented, String why) {
    if (presented.enrollmentKey().isPresent()) {
      return new Refused(
          Refusal.TOKEN_REISSUE_REFUSED, "enrollment key is not valid for this workspace; " + why);
    }
    if (presented.token().isPresent()) {
      return new Refused(
          Refusal.TOKEN_INVALID, "the presented token is not this workspace's live token; " + why);
    }
    if (presented.bootId().isPresent()) {
      return new Refused(
          Refusal.TOKEN_REISSUE_REFUSED, "no token presented and no re-issue allowed: " + why);
    }
    return new Refused(Refusal.TOKEN_MISSING, "a bearer token is required: " + why);
  }
}
