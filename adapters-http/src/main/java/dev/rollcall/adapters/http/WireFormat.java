package dev.rollcall.adapters.http;

import dev.rollcall.application.port.in.WorkspaceView;
import dev.rollcall.domain.BootId;
import dev.rollcall.domain.CardRejection;
import dev.rollcall.domain.LiveToken;
import dev.rollcall.domain.StoredCard;
import dev.rollcall.domain.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How workspaces look on the read API: the one mapping from domain to JSON. */
final class WireFormat {
  private WireFormat() {}

  static Map<String, Object> workspace(WorkspaceView view) {
    Workspace ws = view.workspace();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", ws.id().value());
    out.put("state", ws.state().name());
    out.put("lifecycle", ws.lifecycle().name());
    out.put("liveness", view.liveness().name());
    out.put("last_contact", view.lastContact().map(Object::toString).orElse(null));
    out.put("token", ws.liveToken().map(WireFormat::token).orElse(null));
    out.put("card", ws.storedCard().map(WireFormat::card).orElse(null));
    out.put(
        "card_rejection", ws.registration().rejection().map(WireFormat::rejection).orElse(null));
    out.put(
        "conflict",
        ws.conflict()
            .map(
                c ->
                    Map.of(
                        "holder_boot_prefix", c.holder().prefix(),
                        "contender_boot_prefix", c.contender().prefix(),
                        "detected_at", c.detectedAt().toString()))
            .orElse(null));
    out.put("created_at", ws.createdAt().toString());
    out.put("updated_at", ws.updatedAt().toString());
    return out;
  }

  private static Map<String, Object> token(LiveToken token) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("prefix", token.prefix());
    out.put("claimed", token.claimed());
    out.put("origin", token.origin().name());
    out.put("issued_at", token.issuedAt().toString());
    out.put("boot_prefix", token.boundBoot().map(BootId::prefix).orElse(null));
    return out;
  }

  private static Map<String, Object> card(StoredCard stored) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("digest", stored.digest().value());
    out.put("generation", stored.generation());
    out.put("stored_at", stored.storedAt().toString());
    out.put("name", stored.card().name());
    out.put("url", stored.card().url());
    out.put("skills", stored.card().skillIds());
    return out;
  }

  private static Map<String, Object> rejection(CardRejection rejection) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("digest", rejection.digest().value());
    out.put("at", rejection.at().toString());
    out.put("reason", rejection.summary());
    out.put("errors", violations(rejection));
    return out;
  }

  static List<Map<String, String>> violations(CardRejection rejection) {
    return rejection.violations().stream()
        .map(v -> Map.of("path", v.path(), "message", v.message()))
        .toList();
  }
}
