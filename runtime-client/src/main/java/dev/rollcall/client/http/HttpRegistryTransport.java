package dev.rollcall.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollcall.client.RegistryCall;
import dev.rollcall.client.RegistryReply;
import dev.rollcall.client.RegistryTransport;
import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.RegistrationState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire protocol over HTTP/1.1 with the JDK's client. One attempt per call; when a server does
 * not answer, or answers that it cannot serve now (502, 503, 504), the next call goes to the next
 * server of the list. Thread-safe.
 */
public final class HttpRegistryTransport implements RegistryTransport {
  private final List<URI> servers;
  private final AtomicInteger current = new AtomicInteger();
  private final Duration timeout;
  private final HttpClient client;
  private final ObjectMapper json = new ObjectMapper();

  public HttpRegistryTransport(List<URI> servers, Duration timeout) {
    this(
        servers,
        timeout,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build());
  }

  /** With a client shared by many transports (one process simulating many runtimes). */
  public HttpRegistryTransport(List<URI> servers, Duration timeout, HttpClient client) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one --server is needed");
    }
    for (URI server : servers) {
      if (server.getScheme() == null
          || !server.getScheme().matches("https?")
          || server.getHost() == null) {
        throw new IllegalArgumentException(
            "--server must be an http(s) URL such as http://127.0.0.1:8080; got " + server);
      }
    }
    this.servers = List.copyOf(servers);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String describe() {
    return servers.get(Math.floorMod(current.get(), servers.size())).toString();
  }

  @Override
  public RegistryReply send(RegistryCall call) {
    int index = current.get();
    URI server = servers.get(Math.floorMod(index, servers.size()));
    HttpRequest request;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(server.resolve(path(call.kind())))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body(call))));
      call.token().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
      request = builder.build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a card read from JSON always writes back", e);
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      current.compareAndSet(index, index + 1); // try the next server next time
      return new RegistryReply.Unreachable(
          server + " did not answer: " + describe(e), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RegistryReply.Unreachable("interrupted", Optional.empty());
    }
    RegistryReply reply = reply(server, response);
    if (response.statusCode() == 502
        || response.statusCode() == 503
        || response.statusCode() == 504) {
      // That node cannot serve now (its store, or a proxy in front of it): next call, next one.
      current.compareAndSet(index, index + 1);
    }
    return reply;
  }

  private static String path(RegistryCall.Kind kind) {
    return switch (kind) {
      case REGISTER -> "/registry/register";
      case HEARTBEAT -> "/registry/heartbeat";
      case UPDATE_CARD -> "/registry/update-card";
    };
  }

  private static Map<String, Object> body(RegistryCall call) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        call.kind() == RegistryCall.Kind.REGISTER ? "id" : "workspace_id",
        call.workspaceId().value());
    call.workspaceUrl()
        .filter(u -> call.kind() == RegistryCall.Kind.REGISTER)
        .ifPresent(u -> body.put("url", u));
    body.put("boot_id", call.bootId().value());
    call.enrollmentKey().ifPresent(k -> body.put("enrollment_key", k));
    call.card().ifPresent(c -> body.put("agent_card", c));
    call.cardDigest().ifPresent(d -> body.put("card_digest", d.value()));
    if (call.kind() == RegistryCall.Kind.REGISTER) {
      body.put("delivery_mode", "push");
    }
    return body;
  }

  private RegistryReply reply(URI server, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    Map<String, Object> body = parse(response.body());
    Optional<Duration> retryAfter =
        response.headers().firstValue("Retry-After").flatMap(HttpRegistryTransport::seconds);
    if (status == 429 || status >= 500) {
      return new RegistryReply.Unreachable(
          server + " answered " + status + " " + text(body, "type").orElse(""), retryAfter);
    }
    if (status >= 400) {
      return new RegistryReply.Refused(
          status,
          text(body, "type").orElse("http-" + status),
          text(body, "detail").orElse("HTTP " + status),
          text(body, "auth_token"));
    }
    if (status < 200 || status >= 300 || body.isEmpty()) {
      return new RegistryReply.Unreachable(
          server + " gave an unusable answer (HTTP " + status + ")", retryAfter);
    }
    Optional<RegistrationState> state = text(body, "state").flatMap(HttpRegistryTransport::state);
    if (state.isEmpty()) {
      return new RegistryReply.Unreachable(
          server + " answered without a registration state; is it a Rollcall registry?",
          Optional.empty());
    }
    Optional<String> cardError = Optional.ofNullable(body.get("card_error")).map(Object::toString);
    return new RegistryReply.Accepted(
        state.get(),
        text(body, "auth_token"),
        Boolean.TRUE.equals(body.get("card_needed")),
        text(body, "card_digest").filter(CardDigest::isValid).map(CardDigest::new),
        text(body, "registry_id"),
        Optional.ofNullable(body.get("heartbeat_interval_seconds"))
            .filter(Number.class::isInstance)
            .map(n -> Duration.ofSeconds(((Number) n).longValue()))
            .filter(d -> !d.isZero() && !d.isNegative()),
        cardError);
  }

  private Map<String, Object> parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return Map.of();
    }
    try {
      Object parsed = json.readValue(bytes, Object.class);
      if (parsed instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
      }
    } catch (IOException e) {
      // Not JSON: treated as an empty body below.
    }
    return Map.of();
  }

  private static Optional<String> text(Map<String, Object> body, String field) {
    return body.get(field) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private static Optional<RegistrationState> state(String name) {
    try {
      return Optional.of(RegistrationState.valueOf(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> seconds(String header) {
    try {
      long s = Long.parseLong(header.trim());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
