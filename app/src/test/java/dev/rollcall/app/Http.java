package dev.rollcall.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small HTTP/1.1 client for system tests: real sockets, JSON in and out. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Http(String base) {
    this.base = base;
  }

  /** An answer: status, headers, and the body as parsed JSON (a map, or null when not JSON). */
  record Answer(int status, HttpResponse<String> raw, Map<String, Object> json) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String type() {
      return json == null ? null : (String) json.get("type");
    }

    String text(String field) {
      return json == null ? null : (String) json.get(field);
    }
  }

  Answer post(String path, Object body, String... headers) {
    try {
      return send(
          "POST",
          path,
          JSON.writeValueAsString(body),
          concat(headers, "Content-Type", "application/json"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Answer get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Answer send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response, parse(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String[] concat(String[] headers, String... more) {
    List<String> all = new ArrayList<>(List.of(headers));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String body) {
    try {
      Object parsed = JSON.readValue(body, Object.class);
      return parsed instanceof Map<?, ?> ? (Map<String, Object>) parsed : null;
    } catch (IOException e) {
      return null;
    }
  }
}
