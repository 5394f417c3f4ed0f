package dev.rollcall.app;

import dev.rollcall.adapters.http.RegistryHttpServer;
import dev.rollcall.adapters.persistence.Database;
import dev.rollcall.adapters.persistence.JooqRegistrationStore;
import dev.rollcall.application.port.out.TimeSource;
import dev.rollcall.application.service.AdministerWorkspacesService;
import dev.rollcall.application.service.CoalescingLivenessRecorder;
import dev.rollcall.application.service.EnsureCardAndTokenService;
import dev.rollcall.application.service.ReadRegistryService;
import dev.rollcall.application.service.RegistryPolicy;
import dev.rollcall.application.service.SecureRandomTokenGenerator;
import dev.rollcall.application.service.SystemTimeSource;
import dev.rollcall.domain.EnrollmentMode;
import dev.rollcall.domain.SecretHash;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the registry: the only place that knows every adapter. Wires the store,
 * the use cases and the HTTP server by hand, and schedules the contact flush. Start once, close
 * once.
 */
public final class RegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final Database database;
  private final CoalescingLivenessRecorder liveness;
  private final ScheduledExecutorService flusher;
  private final RegistryHttpServer http;
  private final String registryId;

  private RegistryServer(ServerConfig config) {
    bindProcessMetrics();
    this.database = Database.open(config.database(), metrics);
    try {
      JooqRegistrationStore store = new JooqRegistrationStore(database);
      this.registryId = store.registryId();
      TimeSource time = new SystemTimeSource();
      RegistryPolicy policy =
          new RegistryPolicy(
              config.enrollment(),
              config.fleetKey().map(SecretHash::of),
              config.heartbeatInterval(),
              config.livenessTtl());
      LoggingEvents events = new LoggingEvents(metrics);
      SecureRandomTokenGenerator tokens = new SecureRandomTokenGenerator();
      this.liveness = new CoalescingLivenessRecorder(store);
      Gauge.builder("rollcall.liveness.pending.contacts", liveness, l -> l.pendingCount())
          .description("workspaces whose last contact is not yet written to the store")
          .register(metrics);
      this.http =
          new RegistryHttpServer(
              new EnsureCardAndTokenService(store, tokens, time, events, liveness, policy),
              new ReadRegistryService(store, liveness, time, policy),
              new AdministerWorkspacesService(store, tokens, time, events),
              config.adminToken(),
              metrics);
      this.flusher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "rollcall-contact-flush");
                t.setDaemon(true);
                return t;
              });
      long every = config.contactFlushInterval().toMillis();
      flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      database.close();
      gcMetrics.close();
      throw e;
    }
  }

  private void bindProcessMetrics() {
    new JvmMemoryMetrics().bindTo(metrics);
    gcMetrics.bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ClassLoaderMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
    new FileDescriptorMetrics().bindTo(metrics);
  }

  /** Opens the database, migrates it, and starts serving. */
  public static RegistryServer start(ServerConfig config) {
    RegistryServer server = new RegistryServer(config);
    server.http.start(config.host(), config.port());
    if (config.enrollment() == EnrollmentMode.OPEN) {
      LOG.warn(
          "ENROLLMENT IS OPEN: any caller can register a new workspace. Fine on a laptop; "
              + "for anything shared run with --enrollment enrolled.");
      if (!ServerConfig.isLoopback(config.host())) {
        LOG.warn(
            "open enrollment on {}: reachable from other machines, anyone there can register",
            config.host());
      }
    }
    LOG.info(
        "registry {} on {} (heartbeat interval {} s)",
        server.registryId,
        config.database().isSqlite() ? config.database().jdbcUrl() : "PostgreSQL",
        config.heartbeatInterval().toSeconds());
    return server;
  }

  public int port() {
    return http.port();
  }

  /** The routes the HTTP server answers, as {@code "METHOD /path"}. */
  public List<String> routes() {
    return http.routes();
  }

  public String registryId() {
    return registryId;
  }

  private void flushQuietly() {
    try {
      liveness.flush();
    } catch (RuntimeException e) {
      LOG.warn("contact flush failed: {}", e.getMessage());
    }
  }

  /** Stops taking requests, writes the pending contacts, closes the database. */
  @Override
  public void close() {
    http.close();
    flusher.shutdownNow();
    flushQuietly();
    database.close();
    gcMetrics.close();
    LOG.info("registry stopped");
  }
}
