package dev.rollcall.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollcall.application.port.in.AdministerWorkspacesUseCase;
import dev.rollcall.application.port.in.EnsureCardAndTokenUseCase;
import dev.rollcall.application.port.in.ReadRegistryUseCase;
import dev.rollcall.application.port.out.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = RequestReader.MAX_REQUEST_BYTES;
              config.routes.post("/registry/register", route("register", registration::register));
              config.routes.post(
                  "/registry/heartbeat", route("heartbeat", registration::heartbeat));
              config.routes.post(
                  "/registry/update-card", route("update_card", registration::updateCard));
              config.routes.get("/registry/workspaces", route("list_workspaces", reads::list));
              config.routes.get("/registry/workspaces/{id}", route("get_workspace", reads::get));
              config.routes.get(
                  "/registry/workspaces/{id}/agent-card",
                  route("get_agent_card", reads::agentCard));
              config.routes.put(
                  "/admin/workspaces/{id}", route("admin_provision", admins::provision));
              config.routes.post(
                  "/admin/workspaces/{id}/rotate-token",
                  route("admin_rotate", admins::rotateToken));
              config.routes.delete("/admin/workspaces/{id}", route("admin_remove", admins::remove));
              config.routes.get("/healthz", route("healthz", reads::health));
              config.routes.get("/readyz", route("readyz", reads::ready));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              config.routes.error(
                  404,
                  ctx -> {
                    if (ctx.attribute(ANSWERED) == null) {
                      json.problem(ctx, Problems.notFound(ctx.path()));
                    }
                  });
            });
  }

  /** Wraps a handler: maps problems and store failures to answers, and counts and times it. */
  private Handler route(String name, Handler handler) {
    Timer timer =
        Timer.builder("rollcall_http_server_requests")
            .tag("route", name)
            .publishPercentileHistogram(false)
            .register(metrics);
    return ctx -> {
      long start = System.nanoTime();
      try {
        handler.handle(ctx);
      } catch (Problem problem) {
        json.problem(ctx, problem);
      } catch (StoreUnavailableException e) {
        LOG.warn("{} {}: store unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
        json.problem(ctx, Problems.storeUnavailable());
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
        Counter.builder("rollcall_http_responses")
            .tag("route", name)
            .tag("status", String.valueOf(ctx.status().getCode()))
            .register(metrics)
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
