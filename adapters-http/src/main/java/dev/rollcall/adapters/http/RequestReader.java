package dev.rollcall.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollcall.domain.WorkspaceId;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a JSON request body safely: checks the content type, refuses bodies over the limit before
 * reading them whole, refuses duplicate keys, and gives typed access to fields with errors that
 * name the field. Thread-safe.
 */
final class RequestReader {
  static final int MAX_REQUEST_BYTES = 128 * 1024;

  /**
   * An over-long body is discarded up to this much (never buffered), so that the client, still
   * sending, reads the 413 instead of a reset connection; beyond it the connection is just closed.
   */
  static final long MAX_DRAINED_BYTES = 1024 * 1024;

  private final ObjectMapper mapper;

  RequestReader(ObjectMapper mapper) {
    this.mapper = mapper.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** The request's JSON object, or a {@link Problem} that says what is wrong with it. */
  Map<String, Object> jsonObject(Context ctx) {
    requireJson(ctx.header("Content-Type"));
    String declared = ctx.header("Content-Length");
    if (declared != null) {
      try {
        long length = Long.parseLong(declared.trim());
        if (length > MAX_REQUEST_BYTES) {
          drain(ctx, Math.min(length, MAX_DRAINED_BYTES));
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw Problem.badRequest("Content-Length is not a number");
      }
    }
    byte[] body = readBounded(ctx);
    Object parsed;
    try {
      parsed = mapper.readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      throw new Problem(
          "malformed-json", "The body is not valid JSON", 400, e.getOriginalMessage());
    } catch (IOException e) {
      throw new Problem("malformed-json", "The body is not valid JSON", 400, e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) map;
    return object;
  }

  private static void requireJson(String contentType) {
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json")
        && !(type.startsWith("application/") && type.endsWith("+json"))) {
      throw new Problem(
          "unsupported-media-type",
          "Unsupported media type",
          415,
          "send the body as application/json (got "
              + (contentType == null ? "no Content-Type" : contentType)
              + ")");
    }
  }

  private static byte[] readBounded(Context ctx) {
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      byte[] buffer = new byte[8192];
      int total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > MAX_REQUEST_BYTES) {
          drain(ctx, MAX_DRAINED_BYTES);
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw Problem.badRequest("could not read the request body: " + e.getMessage());
    }
  }

  private static void drain(Context ctx, long bytes) {
    ctx.header("Connection", "close");
    try {
      InputStream in = ctx.bodyInputStream();
      byte[] sink = new byte[8192];
      long left = bytes;
      for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) != -1; ) {
        left -= n;
      }
    } catch (IOException e) {
      // the client gave up sending; the answer is the same
    }
  }

  private static Problem tooLarge() {
    return new Problem(
        "payload-too-large",
        "Payload too large",
        413,
        "requests are limited to " + MAX_REQUEST_BYTES + " bytes (an agent card to 65536)");
  }

  /** A workspace id from the path or the body; anything but the platform's id shape is a 400. */
  static WorkspaceId workspaceId(String raw) {
    if (!WorkspaceId.isValid(raw)) {
      throw Problem.badRequest("workspace id must match ^[a-z0-9][a-z0-9-]{0,127}$");
    }
    return new WorkspaceId(raw);
  }

  static Optional<String> optionalString(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw Problem.badRequest("field '" + field + "' must be a string");
    }
    return Optional.of(s);
  }

  static String requiredString(Map<String, Object> body, String field) {
    return optionalString(body, field)
        .orElseThrow(() -> Problem.badRequest("field '" + field + "' is required"));
  }
}
