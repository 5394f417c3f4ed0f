package dev.rollcall.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A workspace's A2A agent card: a validated JSON object, kept whole (unknown fields included), with
 * its canonical form and digest. Immutable and thread-safe; equal when the digests are equal.
 */
public final class AgentCard {
  /** Largest card accepted, measured on its canonical form. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata",
          "metadata.google.internal",
          "metadata.goog",
          "169.254.169.254",
          "fd00:ec2::254",
          "100.100.100.200");

  private final String canonical;
  private final CardDigest digest;

  /** Where a stored card's tree comes from when it is first asked for; null for a checked card. */
  private final Supplier<Object> source;

  private volatile Map<String, Object> tree;

  private AgentCard(Map<String, Object> tree, String canonical, CardDigest digest) {
    this.tree = tree;
    this.source = null;
    this.canonical = canonical;
    this.digest = digest;
  }

  private AgentCard(Supplier<Object> source, String canonical, CardDigest digest) {
    this.source = source;
    this.canonical = canonical;
    this.digest = digest;
  }

  /**
   * Checks a JSON tree and, when it is a valid card, returns it as one. Never throws for bad input.
   */
  public static CardCheck check(Object jsonTree) {
    String canonical;
    try {
      canonical = CanonicalJson.write(jsonTree);
    } catch (IllegalArgumentException | ClassCastException e) {
      return new CardCheck.Rejected(
          CardDigest.ofCanonical(String.valueOf(jsonTree)),
          List.of(new CardViolation("$", "not a JSON document: " + e.getMessage())));
    }
    CardDigest digest = CardDigest.ofCanonical(canonical);
    List<CardViolation> violations = new ArrayList<>();
    int size = canonical.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_BYTES) {
      violations.add(
          new CardViolation("$", "card is " + size + " bytes, the limit is " + MAX_BYTES));
    }
    if (!(jsonTree instanceof Map<?, ?> map)) {
      violations.add(new CardViolation("$", "an agent card must be a JSON object"));
      return new CardCheck.Rejected(digest, violations);
    }
    requireText(map, "name", 256, violations);
    Object url = map.get("url");
    if (url == null) {
      violations.add(new CardViolation("$.url", "is required"));
    } else if (!(url instanceof String u)) {
      violations.add(new CardViolation("$.url", "must be a string"));
    } else {
      checkUrl(u).ifPresent(m -> violations.add(new CardViolation("$.url", m)));
    }
    optionalText(map, "description", violations);
    optionalText(map, "version", violations);
    checkSkills(map.get("skills"), map.containsKey("skills"), violations);
    Object capabilities = map.get("capabilities");
    if (map.containsKey("capabilities") && !(capabilities instanceof Map)) {
      violations.add(new CardViolation("$.capabilities", "must be an object"));
    }
    if (!violations.isEmpty()) {
      return new CardCheck.Rejected(digest, violations);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy(map);
    return new CardCheck.Accepted(new AgentCard(copy, canonical, digest));
  }

  /**
   * Rebuilds a card as it was stored: its canonical form, the digest computed when it was accepted,
   * and the tree, parsed by {@code jsonTree} only when something first asks for it. Not checked
   * again: it was valid when stored, and a rule made stricter later must not make a stored card
   * (and so its workspace) unreadable; the runtime's next card is checked under the new rules.
   * Reading a workspace therefore costs no parsing, canonicalisation or hashing of its card: a
   * heartbeat compares digests and never looks at the tree.
   */
  public static AgentCard fromStored(
      Supplier<Object> jsonTree, String canonical, CardDigest digest) {
    Objects.requireNonNull(jsonTree, "jsonTree");
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(digest, "digest");
    return new AgentCard(jsonTree, canonical, digest);
  }

  private static void requireText(
      Map<?, ?> map, String field, int maxLength, List<CardViolation> violations) {
    Object value = map.get(field);
    if (value == null) {
      violations.add(new CardViolation("$." + field, "is required"));
    } else if (!(value instanceof String s) || s.isBlank()) {
      violations.add(new CardViolation("$." + field, "must be a non-empty string"));
    } else if (s.length() > maxLength) {
      violations.add(
          new CardViolation("$." + field, "must be at most " + maxLength + " characters"));
    }
  }

  private static void optionalText(Map<?, ?> map, String field, List<CardViolation> violations) {
    if (map.containsKey(field) && !(map.get(field) instanceof String)) {
      violations.add(new CardViolation("$." + field, "must be a string"));
    }
  }

  private static void checkSkills(Object skills, boolean present, List<CardViolation> violations) {
    if (!present) {
      return;
    }
    if (!(skills instanceof List<?> list)) {
      violations.add(new CardViolation("$.skills", "must be an array"));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "$.skills[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> skill)) {
        violations.add(new CardViolation(path, "must be an object"));
        continue;
      }
      if (!(skill.get("id") instanceof String id) || id.isBlank()) {
        violations.add(new CardViolation(path + ".id", "must be a non-empty string"));
      }
      if (skill.containsKey("name") && !(skill.get("name") instanceof String)) {
        violations.add(new CardViolation(path + ".name", "must be a string"));
      }
      if (skill.containsKey("tags")
          && !(skill.get("tags") instanceof List<?> tags
              && tags.stream().allMatch(String.class::isInstance))) {
        violations.add(new CardViolation(path + ".tags", "must be an array of strings"));
      }
    }
  }

  /** Why a card URL is refused, or empty when it is acceptable. Looks up no name. */
  static Optional<String> checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must use http or https");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("must name a host");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (METADATA_HOSTS.contains(host)) {
      return Optional.of("must not point at a cloud metadata address");
    }
    if (host.contains(":")) {
      return ipv6Problem(host);
    }
    if (host.matches("^[0-9.]+$") || host.startsWith("0x")) {
      return ipv4Problem(host);
    }
    return Optional.empty();
  }

  private static Optional<String> ipv4Problem(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.of("numeric host must be a dotted-quad IPv4 address");
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty()
          || parts[i].length() > 3
          || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
        return Optional.of("numeric host must be a dotted-quad IPv4 address");
      }
      octets[i] = Integer.parseInt(parts[i]);
      if (octets[i] > 255) {
        return Optional.of("numeric host must be a dotted-quad IPv4 address");
      }
    }
    if (octets[0] == 169 && octets[1] == 254) {
      return Optional.of("must not point at a link-local address");
    }
    if (octets[0] == 0) {
      return Optional.of("must not point at an unspecified address");
    }
    return Optional.empty();
  }

  private static Optional<String> ipv6Problem(String host) {
    if (!host.matches("^[0-9a-f:.]+$")) {
      return Optional.of("is not a valid IPv6 address");
    }
    try {
      // A literal address: InetAddress parses it without any name lookup.
      InetAddress address = InetAddress.getByName(host);
      if (address.isLinkLocalAddress()) {
        return Optional.of("must not point at a link-local address");
      }
      if (address.isAnyLocalAddress()) {
        return Optional.of("must not point at an unspecified address");
      }
      byte[] b = address.getAddress();
      if (b.length == 4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254) {
        return Optional.of("must not point at a link-local address");
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of("is not a valid IPv6 address");
    }
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepCopy(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** The whole card as an unmodifiable JSON tree, unknown fields included. */
  public Map<String, Object> tree() {
    Map<String, Object> known = tree;
    if (known == null) {
      // Two threads may both parse a stored card the first time; they build equal trees.
      Object parsed = source.get();
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new IllegalStateException("stored card is not a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = (Map<String, Object>) deepCopy(map);
      tree = known = copy;
    }
    return known;
  }

  public String canonicalJson() {
    return canonical;
  }

  public CardDigest digest() {
    return digest;
  }

  public String name() {
    return (String) tree().get("name");
  }

  public String url() {
    return (String) tree().get("url");
  }

  /** The ids of the card's skills, in card order. */
  public List<String> skillIds() {
    Object skills = tree().get("skills");
    if (!(skills instanceof List<?> list)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (Object skill : list) {
      ids.add((String) ((Map<?, ?>) skill).get("id"));
    }
    return List.copyOf(ids);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentCard other && digest.equals(other.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digest);
  }

  @Override
  public String toString() {
    return "AgentCard[" + name() + ", " + digest + "]";
  }
}
