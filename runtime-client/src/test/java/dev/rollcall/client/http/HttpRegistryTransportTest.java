package dev.rollcall.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rollcall.client.RegistryCall;
import dev.rollcall.client.RegistryReply;
import dev.rollcall.domain.BootId;
import dev.rollcall.domain.RegistrationState;
import dev.rollcall.domain.WorkspaceId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a scripted server on a real socket. */
class HttpRegistryTransportTest {
  private HttpServer server;
  private final AtomicReference<Object[]> answer =
      new AtomicReference<>(new Object[] {200, "{}", null});
  private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  private final AtomicReference<String> lastBody = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          lastBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Object[] a = answer.get();
          byte[] body = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
          if (a[2] != null) {
            exchange.getResponseHeaders().add("Retry-After", (String) a[2]);
          }
          exchange.sendResponseHeaders((Integer) a[0], body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static RegistryCall heartbeat(Optional<String> token) {
    return new RegistryCall(
        RegistryCall.Kind.HEARTBEAT,
        new WorkspaceId("ws-1"),
        token,
        new BootId("boot-0000-0001"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void givenAnAcceptedHeartbeat_thenEveryFieldIsRead_andTheTokenIsSentAsBearer() {
    answer.set(
        new Object[] {
          200,
          "{\"status\":\"ok\",\"state\":\"COMPLETE\",\"card_needed\":true,\"auth_token\":\"t2\","
              + "\"registry_id\":\"r1\",\"heartbeat_interval_seconds\":7,\"card_digest\":\"sha256:"
              + "a".repeat(64)
              + "\"}",
          null
        });
    HttpRegistryTransport transport =
        new HttpRegistryTransport(List.of(URI.create(url())), Duration.ofSeconds(2));

    RegistryReply reply = transport.send(heartbeat(Optional.of("t1")));

    RegistryReply.Accepted accepted = (RegistryReply.Accepted) reply;
    assertThat(accepted.state()).isEqualTo(RegistrationState.COMPLETE);
    assertThat(accepted.cardNeeded()).isTrue();
    assertThat(accepted.token()).contains("t2");
    assertThat(accepted.registryId()).contains("r1");
    assertThat(accepted.heartbeatInterval()).contains(Duration.ofSeconds(7));
    assertThat(lastAuthorization.get()).isEqualTo("Bearer t1");
    assertThat(lastBody.get())
        .contains("\"workspace_id\":\"ws-1\"")
        .contains("\"boot_id\":\"boot-0000-0001\"");
  }

  @Test
  void givenA503WithRetryAfter_thenUnreachableWithTheDelay() {
    answer.set(new Object[] {503, "{\"type\":\"store-unavailable\"}", "4"});

    RegistryReply reply =
        new HttpRegistryTransport(List.of(URI.create(url())), Duration.ofSeconds(2))
            .send(heartbeat(Optional.empty()));

    assertThat(reply).isInstanceOf(RegistryReply.Unreachable.class);
    assertThat(((RegistryReply.Unreachable) reply).retryAfter()).contains(Duration.ofSeconds(4));
  }

  @Test
  void givenA422ThatMintedAToken_thenRefusedCarryingTheToken() {
    answer.set(
        new Object[] {
          422,
          "{\"type\":\"card-invalid\",\"detail\":\"$.url: bad\",\"auth_token\":\"minted\"}",
          null
        });

    RegistryReply reply =
        new HttpRegistryTransport(List.of(URI.create(url())), Duration.ofSeconds(2))
            .send(heartbeat(Optional.empty()));

    assertThat(reply)
        .isEqualTo(
            new RegistryReply.Refused(422, "card-invalid", "$.url: bad", Optional.of("minted")));
  }

  @Test
  void givenA200ThatIsNotARegistryAnswer_thenUnreachable() {
    answer.set(new Object[] {200, "<html>captive portal</html>", null});

    RegistryReply reply =
        new HttpRegistryTransport(List.of(URI.create(url())), Duration.ofSeconds(2))
            .send(heartbeat(Optional.empty()));

    assertThat(reply).isInstanceOf(RegistryReply.Unreachable.class);
  }

  @Test
  void givenTwoServersAndTheFirstIsDown_thenTheNextCallGoesToTheSecond() throws IOException {
    answer.set(new Object[] {200, "{\"state\":\"REGISTERED_NO_CARD\"}", null});
    HttpRegistryTransport transport =
        new HttpRegistryTransport(
            List.of(URI.create("http://127.0.0.1:" + closedPort()), URI.create(url())),
            Duration.ofSeconds(2));

    RegistryReply first = transport.send(heartbeat(Optional.empty()));
    RegistryReply second = transport.send(heartbeat(Optional.empty()));

    assertThat(first).isInstanceOf(RegistryReply.Unreachable.class);
    assertThat(second).isInstanceOf(RegistryReply.Accepted.class);
    assertThat(transport.describe()).isEqualTo(url());
  }

  @Test
  void givenTwoServersAndTheFirstAnswers503_thenTheNextCallGoesToTheSecond() throws IOException {
    // Two registry nodes on one database: the first has lost its connection to it.
    HttpServer sick = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sick.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    sick.start();
    try {
      answer.set(new Object[] {200, "{\"state\":\"COMPLETE\"}", null});
      HttpRegistryTransport transport =
          new HttpRegistryTransport(
              List.of(
                  URI.create("http://127.0.0.1:" + sick.getAddress().getPort()), URI.create(url())),
              Duration.ofSeconds(2));

      RegistryReply first = transport.send(heartbeat(Optional.empty()));
      RegistryReply second = transport.send(heartbeat(Optional.empty()));

      assertThat(first).isInstanceOf(RegistryReply.Unreachable.class);
      assertThat(second).isInstanceOf(RegistryReply.Accepted.class);
    } finally {
      sick.stop(0);
    }
  }

  @Test
  void givenAServerThatIsNotHttp_thenItIsRefusedAtConstruction() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new HttpRegistryTransport(List.of(URI.create("ftp://x")), Duration.ofSeconds(1)))
        .hasMessageContaining("--server");
  }
}
