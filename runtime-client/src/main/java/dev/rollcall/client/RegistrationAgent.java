package dev.rollcall.client;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.rollcall.client.state.TokenFile;
import dev.rollcall.client.watch.CardSnapshot;
import dev.rollcall.client.watch.CardSource;
import dev.rollcall.client.watch.CardWatcher;
import dev.rollcall.domain.BootId;
import dev.rollcall.domain.CardDigest;
import dev.rollcall.domain.RegistrationState;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one workspace's registration true for as long as the runtime runs: registers until it
 * succeeds (exponential backoff with full jitter, no attempt limit, Retry-After honoured),
 * heartbeats with the card digest, sends the card whenever the registry lacks it or the file
 * changes, and recovers from every answer the registry can give — except 410, which stops it.
 *
 * <p>All registry traffic happens on one agent thread; {@link #status()} may be read from any
 * thread.
 */
public final class RegistrationAgent implements AutoCloseable {
  /** Exit code when the workspace was removed by an operator. */
  public static final int EXIT_REMOVED = 3;

  private static final Logger LOG = LoggerFactory.getLogger("dev.rollcall.agent");
  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final AgentSettings settings;
  private final RegistryTransport transport;
  private final TokenFile tokenFile;
  private final Optional<StatusFile> statusFile;
  private final BootId bootId = new BootId(UUID.randomUUID().toString());
  private final CardSource watcher;
  private final RetryPolicy<Object> registerPolicy;
  private final Object wake = new Object();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final Thread thread;

  private volatile boolean running = true;
  private boolean cardChanged; // guarded by wake
  private volatile AgentStatus published;

  // Owned by the agent thread.
  private String state = RegistrationState.UNREGISTERED.name();
  private Optional<String> token;
  private Optional<String> registryId = Optional.empty();
  private Duration interval = DEFAULT_INTERVAL;
  private Optional<CardDigest> acknowledged = Optional.empty();
  private Optional<CardDigest> rejectedDigest = Optional.empty();
  private Optional<String> rejectionReason = Optional.empty();
  private boolean needRegister = true;
  private boolean fullCardNextBeat = true;
  private Optional<Instant> lastSuccess = Optional.empty();
  private Optional<String> lastError = Optional.empty();
  private boolean lastBeatFailed;
  private Instant statusWrittenAt = Instant.EPOCH;

  private RegistrationAgent(AgentSettings settings, RegistryTransport transport, CardSource cards) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.tokenFile =
        new TokenFile(settings.stateDir().resolve(settings.workspaceId().value() + ".token"));
    this.statusFile = settings.statusFile().map(StatusFile::new);
    this.token = readTokenFile();
    this.watcher = Objects.requireNonNull(cards, "cards");
    this.registerPolicy =
        RetryPolicy.builder()
            .handle(RetryLater.class)
            .withMaxRetries(-1)
            .withDelayFn(ctx -> delayAfter(ctx.getLastException(), ctx.getAttemptCount()))
            .onRetryScheduled(
                e -> {
                  Throwable last = e.getLastException();
                  boolean refused = last instanceof RetryLater later && later.slow;
                  LOG.info(
                      "{}: {}, retrying in {} s ({})",
                      settings.workspaceId(),
                      refused ? "register refused" : "registry unreachable",
                      String.format("%.1f", e.getDelay().toMillis() / 1000.0),
                      last == null ? "" : last.getMessage());
                })
            .build();
    this.thread = new Thread(this::run, "rollcall-agent-" + settings.workspaceId());
  }

  /** Starts the agent: reads the token file and the card, then keeps the registration true. */
  public static RegistrationAgent start(AgentSettings settings, RegistryTransport transport) {
    return start(
        settings,
        transport,
        new CardWatcher(settings.cardFile(), settings.debounce(), settings.cardPoll()));
  }

  /** Starts the agent with the card from {@code cards} instead of the settings' card file. */
  public static RegistrationAgent start(
      AgentSettings settings, RegistryTransport transport, CardSource cards) {
    RegistrationAgent agent = new RegistrationAgent(settings, transport, cards);
    agent.publish();
    agent.watcher.start(agent::onCardFile);
    agent.thread.start();
    return agent;
  }

  /** Completes with the exit code when the agent stops by itself (only 410 does that). */
  public CompletableFuture<Integer> exitCode() {
    return exit;
  }

  public AgentStatus status() {
    return published;
  }

  public BootId bootId() {
    return bootId;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watcher.close();
    transport.close();
    exit.complete(0);
  }

  // --- the loop --------------------------------------------------------------------------------

  private void run() {
    LOG.info(
        "{}: agent started (boot {}, registry {}, token {})",
        settings.workspaceId(),
        bootId,
        transport.describe(),
        token.isPresent() ? "read from " + tokenFile.path() : "none yet");
    try {
      while (running) {
        try {
          step();
        } catch (Gone | Stopped | FailsafeException e) {
          throw e;
        } catch (RuntimeException e) {
          // Never give up: whatever failed (a full disk, a bug), say so, wait, start over.
          LOG.error(
              "{}: unexpected failure; registering again in {} s",
              settings.workspaceId(),
              settings.backoffCap().toSeconds(),
              e);
          fail("unexpected: " + e);
          needRegister = true;
          pause(settings.backoffCap());
        }
      }
    } catch (Gone gone) {
      LOG.error(
          "{}: the workspace was removed by an operator ({}); stopping. Removal is final: run this"
              + " runtime under a new workspace id.",
          settings.workspaceId(),
          gone.getMessage());
      lastError = Optional.of("removed: " + gone.getMessage());
      setState("STOPPED");
      running = false;
      exit.complete(EXIT_REMOVED);
    } catch (FailsafeException | Stopped e) {
      LOG.debug("agent loop ended: {}", e.toString());
    }
  }

  /** One turn of the loop: register until it succeeds, or one heartbeat and the wait after it. */
  private void step() {
    if (needRegister) {
      Failsafe.with(registerPolicy).run(this::attemptRegister);
    } else {
      tick();
      if (!needRegister) {
        waitForNextBeat();
      }
    }
  }

  private void attemptRegister() {
    checkRunning();
    if (token.isEmpty()) {
      token = readTokenFile(); // an operator may have placed a token there (e.g. after a rotation)
    }
    boolean withCard = true;
    for (int step = 0; step < 4; step++) {
      Optional<CardSnapshot> card = withCard ? sendableCard() : Optional.empty();
      RegistryReply reply =
          transport.send(call(RegistryCall.Kind.REGISTER, card, Optional.empty()));
      if (reply instanceof RegistryReply.Accepted accepted) {
        applyAccepted(accepted);
        needRegister = false;
        fullCardNextBeat = card.isEmpty();
        return;
      }
      if (reply instanceof RegistryReply.Unreachable unreachable) {
        fail(unreachable.reason());
        throw new RetryLater(unreachable.reason(), unreachable.retryAfter(), false);
      }
      RegistryReply.Refused refused = (RegistryReply.Refused) reply;
      if (refused.status() == 410) {
        throw new Gone(refused.detail());
      }
      if (refused.status() == 422 && card.isPresent()) {
        refused.token().ifPresent(this::saveToken);
        markRejected(card.get().digest(), refused.detail());
        withCard = false; // register without the card; it is sent again when the file changes
        continue;
      }
      if ((refused.status() == 401 || refused.status() == 404) && token.isPresent()) {
        LOG.info(
            "{}: registry refused the saved token ({}); asking for a new one",
            settings.workspaceId(),
            refused.type());
        dropToken();
        continue;
      }
      String why = refused.type() + ": " + refused.detail();
      fail(why);
      if (refused.status() == 401) {
        LOG.warn(
            "{}: cannot obtain a token: {}{}",
            settings.workspaceId(),
            why,
            settings.enrollmentKey().isEmpty()
                ? " (no enrollment key configured; an operator can provision one)"
                : "");
      }
      throw new RetryLater(why, Optional.empty(), true);
    }
    throw new RetryLater("register did not settle", Optional.empty(), true);
  }

  private void tick() {
    Optional<CardSnapshot> card = sendableCard();
    if (card.isPresent() && !card.get().digest().equals(acknowledged.orElse(null))) {
      sendCard(card.get());
      if (needRegister) {
        return;
      }
    }
    beat();
  }

  private void beat() {
    Optional<CardSnapshot> card = sendableCard();
    Optional<CardSnapshot> full = fullCardNextBeat ? card : Optional.empty();
    RegistryReply reply =
        transport.send(call(RegistryCall.Kind.HEARTBEAT, full, card.map(CardSnapshot::digest)));
    if (reply instanceof RegistryReply.Accepted accepted) {
      if (lastBeatFailed) {
        LOG.info("{}: registry reachable again", settings.workspaceId());
      }
      lastBeatFailed = false;
      applyAccepted(accepted);
      fullCardNextBeat = false;
      if (accepted.cardError().isPresent() && full.isPresent()) {
        markRejected(full.get().digest(), accepted.cardError().get());
      } else if (accepted.cardNeeded() && card.isPresent() && !needRegister) {
        sendCard(card.get());
      }
    } else if (reply instanceof RegistryReply.Unreachable unreachable) {
      if (!lastBeatFailed) {
        LOG.warn(
            "{}: registry unreachable ({}); heartbeating again in {} s",
            settings.workspaceId(),
            unreachable.reason(),
            interval.toSeconds());
      }
      lastBeatFailed = true;
      fail(unreachable.reason());
    } else {
      handleRefusal((RegistryReply.Refused) reply, "heartbeat");
    }
  }

  private void sendCard(CardSnapshot card) {
    RegistryReply reply =
        transport.send(call(RegistryCall.Kind.UPDATE_CARD, Optional.of(card), Optional.empty()));
    if (reply instanceof RegistryReply.Accepted accepted) {
      applyAccepted(accepted);
    } else if (reply instanceof RegistryReply.Unreachable unreachable) {
      fail(unreachable.reason()); // the card stays pending and is sent on the next tick
    } else {
      RegistryReply.Refused refused = (RegistryReply.Refused) reply;
      if (refused.status() == 422) {
        markRejected(card.digest(), refused.detail());
      } else {
        handleRefusal(refused, "card update");
      }
    }
  }

  private void handleRefusal(RegistryReply.Refused refused, String what) {
    if (refused.status() == 410) {
      throw new Gone(refused.detail());
    }
    String why = what + " refused: " + refused.type() + ": " + refused.detail();
    fail(why);
    if (refused.status() == 401 || refused.status() == 404) {
      LOG.info("{}: {}; obtaining a token again", settings.workspaceId(), why);
      dropToken();
      needRegister = true;
    } else {
      LOG.warn("{}: {}", settings.workspaceId(), why);
    }
  }

  private void applyAccepted(RegistryReply.Accepted accepted) {
    accepted.token().ifPresent(this::saveToken);
    accepted.registryId().ifPresent(this::noteRegistryId);
    accepted.heartbeatInterval().ifPresent(i -> interval = i);
    acknowledged = accepted.cardDigest();
    if (accepted.state() == RegistrationState.COMPLETE
        && rejectedDigest.isPresent()
        && !rejectedDigest.equals(acknowledged)
        && watcher.latest().map(c -> c.digest().equals(acknowledged.orElse(null))).orElse(false)) {
      rejectedDigest = Optional.empty();
      rejectionReason = Optional.empty();
    }
    lastSuccess = Optional.of(Instant.now());
    lastError = Optional.empty();
    setState(accepted.state().name());
  }

  /**
   * Follows the registry's identity from any reply. A new one means its data was lost (or this is
   * another registry): register again, whichever call noticed it; a register that is under way
   * settles that itself.
   */
  private void noteRegistryId(String id) {
    if (registryId.isPresent() && !registryId.get().equals(id)) {
      LOG.warn(
          "{}: the registry's identity changed ({} -> {}): it lost its data or is another"
              + " registry; registering again",
          settings.workspaceId(),
          registryId.get(),
          id);
      needRegister = true;
    }
    registryId = Optional.of(id);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private RegistryCall call(
      RegistryCall.Kind kind, Optional<CardSnapshot> card, Optional<CardDigest> digest) {
    Optional<String> url =
        watcher
            .latest()
            .map(c -> c.tree().get("url"))
            .filter(String.class::isInstance)
            .map(String.class::cast);
    return new RegistryCall(
        kind,
        settings.workspaceId(),
        token,
        bootId,
        settings.enrollmentKey(),
        card.map(CardSnapshot::tree),
        digest,
        url);
  }

  /** The newest card from the file, unless the registry already refused exactly that card. */
  private Optional<CardSnapshot> sendableCard() {
    return watcher.latest().filter(c -> !c.digest().equals(rejectedDigest.orElse(null)));
  }

  private void markRejected(CardDigest digest, String reason) {
    if (!rejectedDigest.equals(Optional.of(digest))) {
      LOG.warn(
          "{}: card rejected by the registry: {}; it will be sent again when the card file changes",
          settings.workspaceId(),
          reason);
    }
    rejectedDigest = Optional.of(digest);
    rejectionReason = Optional.of(reason);
    publish();
  }

  private void saveToken(String newToken) {
    if (token.equals(Optional.of(newToken))) {
      return;
    }
    boolean reissued = token.isPresent();
    token = Optional.of(newToken);
    String kept;
    try {
      tokenFile.write(newToken);
      kept = "saved to " + tokenFile.path();
    } catch (UncheckedIOException e) {
      // The token works all the same; only a restart of this process would need it re-issued.
      kept = "kept in memory only: cannot write " + tokenFile.path() + ": " + e.getCause();
    }
    LOG.info(
        "{}: {} ({})",
        settings.workspaceId(),
        reissued ? "token re-issued" : "token obtained",
        kept);
  }

  private void dropToken() {
    token = Optional.empty();
    try {
      tokenFile.delete();
    } catch (UncheckedIOException e) {
      LOG.warn("{}: cannot delete {}: {}", settings.workspaceId(), tokenFile.path(), e.getCause());
    }
  }

  /** The saved token; none when the file is missing or cannot be read (said in the log). */
  private Optional<String> readTokenFile() {
    try {
      return tokenFile.read();
    } catch (UncheckedIOException e) {
      LOG.warn(
          "{}: cannot read {} ({}); going on without a saved token",
          settings.workspaceId(),
          tokenFile.path(),
          e.getCause());
      return Optional.empty();
    }
  }

  /** Sleeps, unless the agent is closed meanwhile. */
  private void pause(Duration how) {
    try {
      Thread.sleep(how.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  private void fail(String why) {
    lastError = Optional.of(why);
    publish();
  }

  private void setState(String next) {
    if (!next.equals(state)) {
      LOG.info("{}: {} -> {}", settings.workspaceId(), state, next);
      state = next;
    }
    publish();
  }

  private void publish() {
    AgentStatus status =
        new AgentStatus(
            settings.workspaceId().value(),
            state,
            registryId,
            acknowledged,
            token.map(t -> t.substring(0, Math.min(8, t.length()))),
            rejectionReason,
            lastSuccess,
            lastError,
            transport.describe());
    AgentStatus before = published;
    published = status;
    boolean changed =
        before == null || !withoutSuccessTime(before).equals(withoutSuccessTime(status));
    Instant now = Instant.now();
    if (statusFile.isPresent() && (changed || now.isAfter(statusWrittenAt.plusSeconds(30)))) {
      try {
        statusFile.get().write(status);
        statusWrittenAt = now;
      } catch (RuntimeException e) {
        LOG.warn("cannot write the status file: {}", e.getMessage());
      }
    }
  }

  private static AgentStatus withoutSuccessTime(AgentStatus s) {
    return new AgentStatus(
        s.workspaceId(),
        s.state(),
        s.registryId(),
        s.acknowledgedCardDigest(),
        s.tokenPrefix(),
        s.cardRejection(),
        Optional.empty(),
        s.lastError(),
        s.server());
  }

  private void onCardFile(CardSnapshot card) {
    LOG.info("{}: card file read ({})", settings.workspaceId(), card.digest());
    synchronized (wake) {
      cardChanged = true;
      wake.notifyAll();
    }
  }

  private void waitForNextBeat() {
    long base = interval.toMillis();
    long wait = base * 9 / 10 + ThreadLocalRandom.current().nextLong(base / 5 + 1); // ±10 % jitter
    synchronized (wake) {
      try {
        long until = System.currentTimeMillis() + wait;
        while (!cardChanged && running) {
          long left = until - System.currentTimeMillis();
          if (left <= 0) {
            break;
          }
          wake.wait(left);
        }
        cardChanged = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopped();
      }
    }
  }

  private void checkRunning() {
    if (!running || Thread.currentThread().isInterrupted()) {
      throw new Stopped();
    }
  }

  /**
   * Full-jitter exponential backoff; Retry-After (at most the cap) when the registry gave one; the
   * cap for "slowly".
   */
  private Duration delayAfter(Throwable last, int attempts) {
    long cap = settings.backoffCap().toMillis();
    if (last instanceof RetryLater later) {
      if (later.retryAfter.isPresent()) {
        // Honoured up to the cap: a registry that asks for an hour must not break the promise of
        // COMPLETE within one interval plus one cap of the registry being able to answer.
        long asked = Math.min(later.retryAfter.get().toMillis(), cap);
        return Duration.ofMillis(asked + ThreadLocalRandom.current().nextLong(asked / 10 + 100));
      }
      if (later.slow) {
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
      }
    }
    double exponential =
        settings.backoffStart().toMillis() * Math.pow(2, Math.min(30, Math.max(0, attempts - 1)));
    long ceiling = (long) Math.min(cap, exponential);
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** A register attempt that should be tried again later. */
  private static final class RetryLater extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Duration> retryAfter;
    private final boolean slow;

    RetryLater(String why, Optional<Duration> retryAfter, boolean slow) {
      super(why, null, false, false);
      this.retryAfter = retryAfter;
      this.slow = slow;
    }
  }

  /** The registry answered 410: the workspace was removed. */
  private static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Gone(String detail) {
      super(detail, null, false, false);
    }
  }

  /** The agent is closing. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("agent stopped", null, false, false);
    }
  }
}
