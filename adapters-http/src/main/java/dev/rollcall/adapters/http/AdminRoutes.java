package dev.rollcall.adapters.http;

import dev.rollcall.application.port.in.AdminOutcome;
import dev.rollcall.application.port.in.AdministerWorkspacesUseCase;
import dev.rollcall.domain.SecretHash;
import dev.rollcall.domain.WorkspaceId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The admin API, behind the configured admin token (compared in constant time). Without a
 * configured token it is switched off. Thread-safe.
 */
final class AdminRoutes {
  private final AdministerWorkspacesUseCase admin;
  private final Optional<SecretHash> adminToken;
  private final Json json;

  AdminRoutes(AdministerWorkspacesUseCase admin, Optional<String> adminToken, Json json) {
    this.admin = admin;
    this.adminToken = adminToken.map(SecretHash::of);
    this.json = json;
  }

  void provision(Context ctx) {
    run(ctx, admin::provision, 201);
  }

  void rotateToken(Context ctx) {
    run(ctx, admin::rotateToken, 200);
  }

  void remove(Context ctx) {
    run(ctx, admin::remove, 200);
  }

  private void run(Context ctx, Function<WorkspaceId, AdminOutcome> action, int okStatus) {
    authorize(ctx);
    String raw = ctx.pathParam("id");
    AdminOutcome outcome = action.apply(RequestReader.workspaceId(raw));
    if (outcome instanceof AdminOutcome.Refused refused) {
      throw RegistrationRoutes.refusal(refused.refusal(), refused.detail());
    }
    AdminOutcome.Done done = (AdminOutcome.Done) outcome;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workspace_id", raw);
    done.enrollmentKey().ifPresent(k -> body.put("enrollment_key", k));
    done.token().ifPresent(t -> body.put("auth_token", t));
    json.write(ctx, okStatus, body);
  }

  private void authorize(Context ctx) {
    if (adminToken.isEmpty()) {
      throw new Problem(
          "admin-disabled",
          "The admin API is switched off",
          403,
          "start the registry with --admin-token (or ROLLCALL_ADMIN_TOKEN) to use it");
    }
    Optional<String> presented = RegistrationRoutes.bearer(ctx);
    if (presented.isEmpty() || !adminToken.get().matches(presented.get())) {
      throw new Problem(
          "admin-unauthorized",
          "Admin token required",
          401,
          "send the admin token as Authorization: Bearer <token>");
    }
  }
}
