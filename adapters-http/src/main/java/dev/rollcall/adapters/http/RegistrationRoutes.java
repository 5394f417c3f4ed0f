package dev.rollcall.adapters.http;

import dev.rollcall.application.port.in.CardClaim;
import dev.rollcall.application.port.in.EnsureCardAndTokenUseCase;
import dev.rollcall.application.port.in.EnsureCommand;
import dev.rollcall.application.port.in.EnsureOutcome;
import dev.rollcall.domain.BootId;
import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.PresentedCredentials;
import dev.rollcall.domain.Refusal;
import dev.rollcall.domain.Source;
import dev.rollcall.domain.WorkspaceId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Register, heartbeat and card update: three thin translations of a request into one {@link
 * EnsureCommand}, and of the one outcome back into each path's answer. They differ only in which
 * JSON names they read and which status word they answer with. Thread-safe.
 */
final class RegistrationRoutes {
  private final EnsureCardAndTokenUseCase ensure;
  private final RequestReader reader;
  private final Json json;

  RegistrationRoutes(EnsureCardAndTokenUseCase ensure, RequestReader reader, Json json) {
    this.ensure = ensure;
    this.reader = reader;
    this.json = json;
  }

  void register(Context ctx) {
    Map<String, Object> body = reader.jsonObject(ctx);
    handle(ctx, body, Source.REGISTER, "id", "registered");
  }

  void heartbeat(Context ctx) {
    Map<String, Object> body = reader.jsonObject(ctx);
    handle(ctx, body, Source.HEARTBEAT, "workspace_id", "ok");
  }

  void updateCard(Context ctx) {
    Map<String, Object> body = reader.jsonObject(ctx);
    if (!body.containsKey("agent_card")) {
      throw Problem.badRequest("field 'agent_card' is required");
    }
    handle(ctx, body, Source.CARD_UPDATE, "workspace_id", "updated");
  }

  private void handle(
      Context ctx, Map<String, Object> body, Source source, String idField, String okStatus) {
    WorkspaceId id = RequestReader.workspaceId(RequestReader.requiredString(body, idField));
    EnsureCommand command = new EnsureCommand(id, credentials(ctx, body), cardClaim(body), source);
    EnsureOutcome outcome = ensure.ensure(command);
    if (outcome instanceof EnsureOutcome.Refused refused) {
      throw refusal(refused.refusal(), refused.detail());
    }
    EnsureOutcome.Accepted accepted = (EnsureOutcome.Accepted) outcome;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", okStatus);
    answer.put("state", accepted.state().name());
    accepted.issuedToken().ifPresent(t -> answer.put("auth_token", t));
    answer.put("card_needed", accepted.cardNeeded());
    accepted.cardDigest().ifPresent(d -> answer.put("card_digest", d.value()));
    answer.put("card_generation", accepted.cardGeneration());
    answer.put("heartbeat_interval_seconds", accepted.heartbeatInterval().toSeconds());
    answer.put("registry_id", accepted.registryId());
    if (accepted.cardRejected().isPresent()) {
      List<Map<String, String>> errors = WireFormat.violations(accepted.cardRejected().get());
      if (source == Source.HEARTBEAT) {
        // A heartbeat is still a heartbeat: liveness was recorded, so it answers 200.
        answer.put("card_error", Map.of("type", "card-invalid", "errors", errors));
      } else {
        Map<String, Object> extensions = new LinkedHashMap<>(answer);
        extensions.remove("status");
        extensions.put("errors", errors);
        throw new Problem(
            "card-invalid",
            "The agent card was refused",
            422,
            "the card was not stored: " + accepted.cardRejected().get().summary(),
            extensions,
            null);
      }
    }
    json.write(ctx, 200, answer);
  }

  private static PresentedCredentials credentials(Context ctx, Map<String, Object> body) {
    Optional<String> bootId = RequestReader.optionalString(body, "boot_id");
    if (bootId.isPresent() && !BootId.isValid(bootId.get())) {
      throw Problem.badRequest("field 'boot_id' must be 8 to 64 letters, digits or '-'");
    }
    Optional<String> key =
        RequestReader.optionalString(body, "enrollment_key").filter(k -> !k.isEmpty());
    return new PresentedCredentials(bearer(ctx), key, bootId.map(BootId::new));
  }

  /** The bearer token, if any. A malformed header counts as a wrong token, not as none. */
  static Optional<String> bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      return token.isEmpty() ? Optional.of(header) : Optional.of(token);
    }
    return Optional.of(header);
  }

  private static CardClaim cardClaim(Map<String, Object> body) {
    if (body.get("agent_card") != null) {
      return new CardClaim.Full(body.get("agent_card"));
    }
    Optional<String> digest = RequestReader.optionalString(body, "card_digest");
    if (digest.isPresent()) {
      if (!CardDigest.isValid(digest.get())) {
        throw Problem.badRequest("field 'card_digest' must look like sha256:<64 lower-case hex>");
      }
      return new CardClaim.DigestOnly(new CardDigest(digest.get()));
    }
    return new CardClaim.None();
  }

  static Problem refusal(Refusal refusal, String detail) {
    return switch (refusal) {
      case TOKEN_MISSING, TOKEN_INVALID, TOKEN_REISSUE_REFUSED ->
          new Problem(refusal.type(), "Not authorized for this workspace", 401, detail);
      case WORKSPACE_REMOVED -> new Problem(refusal.type(), "Workspace removed", 410, detail);
      case WORKSPACE_UNKNOWN -> new Problem(refusal.type(), "Unknown workspace", 404, detail);
      case WORKSPACE_CONFLICT ->
          new Problem(refusal.type(), "Two runtimes claim this workspace", 409, detail);
    };
  }
}
