package dev.rollcall.application.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Agent cards as JSON trees, the shape the platform's runtimes send. */
public final class Cards {
  private Cards() {}

  public static Map<String, Object> card(String name, String description) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("name", name);
    card.put("description", description);
    card.put("version", "1.0.0");
    card.put("url", "http://ws-7f3a:8000");
    card.put(
        "skills",
        List.of(Map.of("id", "seo", "name", "seo", "description", "audits", "tags", List.of())));
    card.put("capabilities", Map.of("streaming", true, "pushNotifications", true));
    card.put("configuration_status", "ready");
    return card;
  }

  public static Map<String, Object> card() {
    return card("SEO", "Search engine optimisation");
  }

  /** A card the registry must refuse: its URL points at the cloud metadata address. */
  public static Map<String, Object> invalidCard() {
    Map<String, Object> card = card();
    card.put("url", "http://169.254.169.254/latest/meta-data");
    return card;
  }
}
