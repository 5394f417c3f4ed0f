package dev.rollcall.client.watch;

import dev.rollcall.domain.CardDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The card file's content at one moment, as a JSON tree, with its digest. Immutable. */
public record CardSnapshot(Map<String, Object> tree, CardDigest digest) {
  public CardSnapshot {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(digest, "digest");
    tree = Collections.unmodifiableMap(new LinkedHashMap<>(tree));
  }

  public static CardSnapshot of(Map<String, Object> tree) {
    return new CardSnapshot(tree, CardDigest.of(tree));
  }
}
