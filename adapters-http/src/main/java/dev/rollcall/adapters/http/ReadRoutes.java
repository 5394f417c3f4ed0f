package dev.rollcall.adapters.http;

import dev.rollcall.application.port.in.ReadRegistryUseCase;
import dev.rollcall.application.port.in.WorkspaceView;
import dev.rollcall.domain.StoredCard;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The read API: workspaces, one workspace, its stored card as an A2A card, health. Thread-safe. */
final class ReadRoutes {
  private final ReadRegistryUseCase read;
  private final Json json;

  ReadRoutes(ReadRegistryUseCase read, Json json) {
    this.read = read;
    this.json = json;
  }

  void list(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("registry_id", read.registryId());
    body.put("workspaces", read.list().stream().map(WireFormat::workspace).toList());
    json.write(ctx, 200, body);
  }

  void get(Context ctx) {
    json.write(ctx, 200, WireFormat.workspace(find(ctx)));
  }

  void agentCard(Context ctx) {
    WorkspaceView view = find(ctx);
    StoredCard card =
        view.workspace()
            .storedCard()
            .orElseThrow(
                () ->
                    new Problem(
                        "card-missing",
                        "No card on file",
                        404,
                        "workspace "
                            + view.workspace().id()
                            + " has no current card (state "
                            + view.workspace().state()
                            + ")"));
    String etag = "\"" + card.digest().value() + "\"";
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", "no-cache");
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType("application/json").result(card.card().canonicalJson());
  }

  void health(Context ctx) {
    json.write(ctx, 200, Map.of("status", "ok"));
  }

  void ready(Context ctx) {
    if (read.ready()) {
      json.write(ctx, 200, Map.of("status", "ready", "registry_id", read.registryId()));
    } else {
      throw Problems.storeUnavailable();
    }
  }

  private WorkspaceView find(Context ctx) {
    String raw = ctx.pathParam("id");
    return read.get(RequestReader.workspaceId(raw))
        .orElseThrow(
            () ->
                new Problem("workspace-unknown", "Unknown workspace", 404, "no workspace " + raw));
  }
}
