package dev.rollcall.adapters.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem document: a stable {@code type} per case, a human title and detail, and
 * extension members (the offending JSON paths, a token minted before the card was refused). Thrown
 * by request handling to answer at once; immutable.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final String title;
  private final int status;
  private final transient Map<String, Object> extensions;
  private final Integer retryAfterSeconds;

  public Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, Map.of(), null);
  }

  public Problem(
      String type,
      String title,
      int status,
      String detail,
      Map<String, Object> extensions,
      Integer retryAfterSeconds) {
    super(detail, null, false, false);
    this.type = Objects.requireNonNull(type, "type");
    this.title = Objects.requireNonNull(title, "title");
    this.status = status;
    this.extensions = Map.copyOf(extensions);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static Problem badRequest(String detail) {
    return new Problem("invalid-request", "The request is not valid", 400, detail);
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The document's members, in the order RFC 9457 lists them, then the extensions. */
  Map<String, Object> body(String instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", getMessage());
    body.put("instance", instance);
    body.putAll(extensions);
    return body;
  }
}
