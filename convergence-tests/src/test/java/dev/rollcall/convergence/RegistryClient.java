package dev.rollcall.convergence;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the tests ask the registry directly (never through the fault proxy). */
final class RegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  RegistryClient(String base) {
    this.base = base;
  }

  record Answer(int status, Map<String, Object> json, Optional<String> retryAfter, long millis) {}

  @SuppressWarnings("unchecked")
  Answer send(String method, String path, Object body, String token) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(10))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .header("Content-Type", "application/json");
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      long start = System.nanoTime();
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      Map<String, Object> json =
          r.body().isEmpty() ? Map.of() : JSON.readValue(r.body(), Map.class);
      return new Answer(r.statusCode(), json, r.headers().firstValue("Retry-After"), millis);
    } catch (IOException e) {
      return new Answer(-1, Map.of("error", e.toString()), Optional.empty(), -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, Map.of(), Optional.empty(), -1);
    }
  }

  /**
   * The registry's Prometheus figures, sample name with its labels (as written) to value; empty
   * when unreachable.
   */
  Map<String, Double> metrics() {
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Map<String, Double> samples = new java.util.HashMap<>();
      r.body()
          .lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .forEach(
              line -> {
                int space = line.lastIndexOf(' ');
                samples.put(
                    line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
              });
      return samples;
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /** The workspace as the read API shows it, or empty when unknown or unreachable. */
  Optional<Map<String, Object>> workspace(String id) {
    Answer a = send("GET", "/registry/workspaces/" + id, null, null);
    return a.status() == 200 ? Optional.of(a.json()) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> workspaces() {
    Answer a = send("GET", "/registry/workspaces", null, null);
    return a.status() == 200 ? (List<Map<String, Object>>) a.json().get("workspaces") : List.of();
  }

  String registryId() {
    return String.valueOf(send("GET", "/readyz", null, null).json().get("registry_id"));
  }

  /** COMPLETE with this card description and a claimed token: the runtime holds a working token. */
  @SuppressWarnings("unchecked")
  boolean completeWith(String id, String cardDigest) {
    return workspace(id)
        .map(
            w ->
                "COMPLETE".equals(w.get("state"))
                    && w.get("card") instanceof Map<?, ?> card
                    && cardDigest.equals(card.get("digest"))
                    && w.get("token") instanceof Map<?, ?> token
                    && Boolean.TRUE.equals(token.get("claimed")))
        .orElse(false);
  }

  Answer admin(String method, String path) {
    return send(method, path, null, RegistryProcess.ADMIN_TOKEN);
  }
}
