package dev.rollcall.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.client.AgentSettings;
import dev.rollcall.client.RegistrationAgent;
import dev.rollcall.client.http.HttpRegistryTransport;
import dev.rollcall.client.watch.CardSnapshot;
import dev.rollcall.client.watch.CardSource;
import dev.rollcall.domain.WorkspaceId;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F11: 1,000 runtimes (the client library, in this JVM, over real sockets) have been failing to
 * reach the registry through an outage; the registry (its own process) comes up; full-jitter
 * backoff must spread their reconnects, and the registry must stay responsive meanwhile.
 */
class ReconnectStormTest {
  static final int RUNTIMES = 1000;
  static final Duration CAP = Duration.ofSeconds(10);
  static final int INTERVAL_SECONDS = 5;

  @TempDir Path dir;

  @AfterAll
  static void writeReport() {
    ConvergenceReport.write();
  }

  @Test
  void f11_thousandRuntimesReconnectAfterAnOutage_jitterSpreadsThem_registryStaysResponsive()
      throws Exception {
    RegistryProcess registry = new RegistryProcess(dir.resolve("registry.db"), INTERVAL_SECONDS);
    HttpClient shared =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    List<RegistrationAgent> agents = new ArrayList<>();
    try (registry) {
      for (int i = 0; i < RUNTIMES; i++) {
        String ws = String.format("ws-storm-%04d", i);
        AgentSettings settings =
            AgentSettings.defaults(
                    new WorkspaceId(ws), dir.resolve("unused.json"), dir.resolve("state"))
                .withBackoff(Duration.ofMillis(500), CAP);
        CardSource card =
            CardSource.fixed(CardSnapshot.of(Map.of("name", ws, "url", "http://" + ws + ":8000")));
        agents.add(
            RegistrationAgent.start(
                settings,
                new HttpRegistryTransport(
                    List.of(URI.create(registry.url())), Duration.ofSeconds(10), shared),
                card));
      }
      // The outage: every runtime is refused until its backoff has grown to the cap.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> agents.stream().allMatch(a -> a.status().lastError().isPresent()));
      Thread.sleep(
          CAP.toMillis()); // the outage lasts one more cap: every runtime is now at its longest
      // backoff

      registry.start();
      Instant healed = Instant.now();

      RegistryClient client = new RegistryClient(registry.url());
      String probeToken =
          String.valueOf(
              client
                  .send(
                      "POST",
                      "/registry/register",
                      Map.of(
                          "id",
                          "ws-probe",
                          "boot_id",
                          "probe-boot-0001",
                          "agent_card",
                          Map.of("name", "probe", "url", "http://probe:1")),
                      null)
                  .json()
                  .get("auth_token"));
      List<Long> probeMillis = new CopyOnWriteArrayList<>();
      java.util.concurrent.atomic.AtomicInteger probeFailures =
          new java.util.concurrent.atomic.AtomicInteger();
      AtomicBoolean probing = new AtomicBoolean(true);
      Thread probe =
          new Thread(
              () -> {
                while (probing.get()) {
                  RegistryClient.Answer a =
                      client.send(
                          "POST",
                          "/registry/heartbeat",
                          Map.of("workspace_id", "ws-probe", "boot_id", "probe-boot-0001"),
                          probeToken);
                  if (a.status() == 200) {
                    probeMillis.add(a.millis());
                  } else {
                    probeFailures.incrementAndGet();
                  }
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      probe.start();

      Map<Integer, Long> firstComplete = new ConcurrentHashMap<>();
      Duration bound = CAP.plusSeconds(INTERVAL_SECONDS).plus(FaultMatrixTest.SLACK).plusSeconds(7);
      await()
          .atMost(bound)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                long now = Duration.between(healed, Instant.now()).toMillis();
                for (int i = 0; i < RUNTIMES; i++) {
                  if (!firstComplete.containsKey(i)
                      && "COMPLETE".equals(agents.get(i).status().state())) {
                    firstComplete.put(i, now);
                  }
                }
                return firstComplete.size() == RUNTIMES;
              });
      probing.set(false);
      probe.join();

      // The registry's own timing of the same period: what it spent inside each request, apart
      // from the 2 cores it shares with the 1,000 simulated runtimes.
      Map<String, Double> figures = client.metrics();
      String serverSide =
          serverTiming(figures, "register") + "; " + serverTiming(figures, "heartbeat");
      List<Long> times = new ArrayList<>(firstComplete.values());
      Collections.sort(times);
      List<Long> latencies = new ArrayList<>(probeMillis);
      Collections.sort(latencies);
      long worst = latencies.get(latencies.size() - 1);
      long p99 =
          latencies.get((int) Math.floor(latencies.size() * 0.99) - (latencies.size() > 1 ? 1 : 0));
      int[] perSecond = new int[(int) (times.get(times.size() - 1) / 1000) + 1];
      times.forEach(t -> perSecond[(int) (t / 1000)]++);
      StringBuilder histogram = new StringBuilder();
      for (int s = 0; s < perSecond.length; s++) {
        histogram.append(String.format("| %d–%d s | %d |%n", s, s + 1, perSecond[s]));
      }
      ConvergenceReport.row(
          "F11",
          "1,000 runtimes reconnect at once after an outage (backoff cap "
              + CAP.toSeconds()
              + " s)",
          Duration.ofMillis(times.get(times.size() - 1)),
          bound,
          "all COMPLETE; reconnects spread by jitter; probe heartbeat worst " + worst + " ms");
      ConvergenceReport.note(
          "F11: "
              + RUNTIMES
              + " runtimes; first COMPLETE after the registry came up: 50 % by "
              + times.get(times.size() / 2)
              + " ms, 90 % by "
              + times.get((int) (times.size() * 0.9))
              + " ms, all by "
              + times.get(times.size() - 1)
              + " ms. A probe heartbeat every 100 ms meanwhile: "
              + latencies.size()
              + " answered ("
              + probeFailures.get()
              + " failed), p99 "
              + p99
              + " ms, worst "
              + worst
              + " ms. The registry's own handler timer (dispatch to answer, waits for the SQLite writer included): "
              + serverSide
              + ".\n\n| first COMPLETE | runtimes |\n|---|---|\n"
              + histogram);

      assertThat(firstComplete).hasSize(RUNTIMES);
      // Responsive: every probe answered, none slower than the agents' own request timeout. The
      // figures (printed above) are what to watch: this machine's 2 cores are shared by the
      // registry and the 1,000 simulated runtimes.
      assertThat(probeFailures)
          .as("probe heartbeats refused or failed during the storm")
          .hasValue(0);
      assertThat(worst).as("the registry stays responsive during the storm").isLessThan(10_000);
      // Jitter spreads them: not everyone arrives in the same second.
      assertThat(perSecond.length).isGreaterThan(1);
      assertThat(client.workspaces()).hasSize(RUNTIMES + 1);
    } finally {
      agents.parallelStream().forEach(RegistrationAgent::close);
    }
  }

  /** "register: 1234 answered, mean 3.1 ms, worst 250 ms" from the registry's own timer. */
  private static String serverTiming(Map<String, Double> figures, String route) {
    String labels = "{route=\"" + route + "\"}";
    double count =
        figures.getOrDefault("rollcall_http_server_requests_seconds_count" + labels, 0.0);
    double sum = figures.getOrDefault("rollcall_http_server_requests_seconds_sum" + labels, 0.0);
    double max = figures.getOrDefault("rollcall_http_server_requests_seconds_max" + labels, 0.0);
    return String.format(
        java.util.Locale.ROOT,
        "%s %d answered, mean %.1f ms, worst %.0f ms",
        route,
        (long) count,
        count == 0 ? 0.0 : sum / count * 1000,
        max * 1000);
  }
}
