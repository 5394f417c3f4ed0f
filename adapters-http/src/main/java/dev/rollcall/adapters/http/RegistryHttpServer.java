package dev.rollcall.adapters.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollcall.application.port.in.AdministerWorkspacesUseCase;
import dev.rollcall.application.port.in.EnsureCardAndTokenUseCase;
import dev.rollcall.application.port.in.ReadRegistryUseCase;
import dev.rollcall.application.port.out.ConcurrentUpdateException;
import dev.rollcall.application.port.out.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's HTTP face on Javalin: the wire protocol, the read and admin APIs, health and
 * metrics. Every answer that is not a success is a problem document; every route is timed. Start
 * once, stop once; thread-safe while running.
 */
public final class RegistryHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
  private static final String ANSWERED = "rollcall.answered";

  private final Javalin app;
  private final PrometheusMeterRegistry metrics;
  private final Json json;
  private final List<Route> routes;

  /** One row of the route table: the only list of what this server answers. */
  private record Route(HandlerType method, String path, String name, Handler handler) {}

  public RegistryHttpServer(
      EnsureCardAndTokenUseCase ensure,
      ReadRegistryUseCase read,
      AdministerWorkspacesUseCase admin,
      Optional<String> adminToken,
      PrometheusMeterRegistry metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    ObjectMapper mapper = new ObjectMapper();
    this.json = new Json(mapper);
    RequestReader reader = new RequestReader(mapper);
    RegistrationRoutes registration = new RegistrationRoutes(ensure, reader, json);
    ReadRoutes reads = new ReadRoutes(read, json);
    AdminRoutes admins = new AdminRoutes(admin, adminToken, json);
    this.routes =
        List.of(
            new Route(POST, "/registry/register", "register", registration::register),
            new Route(POST, "/registry/heartbeat", "heartbeat", registration::heartbeat),
            new Route(POST, "/registry/update-card", "update_card", registration::updateCard),
            new Route(GET, "/registry/workspaces", "list_workspaces", reads::list),
            new Route(GET, "/registry/workspaces/{id}", "get_workspace", reads::get),
            new Route(
                GET, "/registry/workspaces/{id}/agent-card", "get_agent_card", reads::agentCard),
            new Route(PUT, "/admin/workspaces/{id}", "admin_provision", admins::provision),
            new Route(
                POST, "/admin/workspaces/{id}/rotate-token", "admin_rotate", admins::rotateToken),
            new Route(DELETE, "/admin/workspaces/{id}", "admin_remove", admins::remove),
            new Route(GET, "/healthz", "healthz", reads::health),
            new Route(GET, "/readyz", "readyz", reads::ready),
            new Route(GET, "/metrics", "metrics", this::scrape));
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = RequestReader.MAX_REQUEST_BYTES;
              routes.forEach(
                  r ->
                      config.routes.addHttpHandler(
                          r.method(), r.path(), route(r.name(), r.handler())));
              config.routes.error(
                  404,
                  ctx -> {
                    if (ctx.attribute(ANSWERED) == null) {
                      json.problem(ctx, Problems.notFound(ctx.path()));
                    }
                  });
            });
  }

  /** The routes this server answers, as {@code "METHOD /path"}, in the order they were added. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method().name() + " " + r.path()).toList();
  }

  private void scrape(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** Wraps a handler: maps problems and store failures to answers, and counts and times it. */
  private Handler route(String name, Handler handler) {
    Timer timer =
        Timer.builder("rollcall_http_server_requests")
            .tag("route", name)
            .publishPercentileHistogram(false)
            .register(metrics);
    // One counter per status this route has answered, looked up without building a meter id.
    java.util.Map<Integer, Counter> responses = new java.util.concurrent.ConcurrentHashMap<>();
    return ctx -> {
      long start = System.nanoTime();
      try {
        handler.handle(ctx);
      } catch (Problem problem) {
        json.problem(ctx, problem);
      } catch (StoreUnavailableException e) {
        LOG.warn("{} {}: store unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
        json.problem(ctx, Problems.storeUnavailable());
      } catch (ConcurrentUpdateException e) {
        // Lost the optimistic race more times than the use case retries: passing, so a 503 that
        // says when to come back (a 4xx would end the platform runtime's registering for good).
        LOG.warn("{} {}: too much contention: {}", ctx.method(), ctx.path(), e.getMessage());
        json.problem(ctx, Problems.storeBusy());
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        // A 5xx, never a 4xx: the platform's runtime gives up on any 4xx from register.
        json.problem(
            ctx,
            new Problem(
                "internal-error",
                "Internal error",
                500,
                "the registry failed to answer; try again"));
      } finally {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        responses
            .computeIfAbsent(
                ctx.status().getCode(),
                status ->
                    Counter.builder("rollcall_http_responses")
                        .tag("route", name)
                        .tag("status", String.valueOf(status))
                        .register(metrics))
            .increment();
      }
    };
  }

  /** Starts listening; {@code port} 0 picks a free port. */
  public RegistryHttpServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
