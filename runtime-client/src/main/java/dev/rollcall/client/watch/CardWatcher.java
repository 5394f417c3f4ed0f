package dev.rollcall.client.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rollcall.domain.CardDigest;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the card file and hands every new content to a listener: the current card at start (never
 * only changes), then each change, judged by digest so a save that changes nothing is ignored. The
 * file is JSON, or YAML when its name ends in {@code .yaml} or {@code .yml}; either way the card is
 * the same tree with the same digest. Watches the file's folder, so editors' rename-on-save and
 * Kubernetes ConfigMap symlink swaps are seen; a slow poll catches anything the watch misses;
 * bursts of saves are debounced. Thread-safe; the listener is called from one thread at a time.
 */
public final class CardWatcher implements CardSource {
  private static final Logger LOG = LoggerFactory.getLogger(CardWatcher.class);

  private final Path file;
  private final Duration debounce;
  private final Duration poll;
  private volatile Consumer<CardSnapshot> listener = card -> {};
  private final ObjectMapper parser;
  private final String format;
  private final ScheduledExecutorService scheduler;
  private WatchService watchService;
  private Thread watchThread;
  private ScheduledFuture<?> pendingCheck;
  private CardDigest delivered;
  private volatile CardSnapshot latest;
  private String lastProblem;

  public CardWatcher(Path file, Duration debounce, Duration poll) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    this.debounce = Objects.requireNonNull(debounce, "debounce");
    this.poll = Objects.requireNonNull(poll, "poll");
    String name = this.file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    this.parser = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    this.format = yaml ? "YAML" : "JSON";
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rollcall-card-check");
              t.setDaemon(true);
              return t;
            });
  }

  /** Reads the card now (delivering it if there is one), then starts watching and polling. */
  @Override
  public void start(Consumer<CardSnapshot> cardListener) {
    this.listener = Objects.requireNonNull(cardListener, "cardListener");
    check();
    try {
      watchService = FileSystems.getDefault().newWatchService();
      file.getParent()
          .register(
              watchService,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
      watchThread = new Thread(this::watchLoop, "rollcall-card-watch");
      watchThread.setDaemon(true);
      watchThread.start();
    } catch (IOException e) {
      LOG.warn(
          "cannot watch {} ({}); polling every {} ms instead",
          file.getParent(),
          e.getMessage(),
          poll.toMillis());
    }
    scheduler.scheduleWithFixedDelay(
        this::check, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The newest valid card read from the file, if any. */
  @Override
  public Optional<CardSnapshot> latest() {
    return Optional.ofNullable(latest);
  }

  private void watchLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watchService.take();
        key.pollEvents(); // any event in the folder may be our file (renames, symlink swaps)
        key.reset();
        scheduleCheck();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void scheduleCheck() {
    if (pendingCheck != null) {
      pendingCheck.cancel(false);
    }
    pendingCheck = scheduler.schedule(this::check, debounce.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the file and delivers it if its digest is new. Runs on the scheduler thread. */
  private void check() {
    CardSnapshot snapshot;
    try {
      Object parsed = parser.readValue(file.toFile(), Object.class);
      if (!(parsed instanceof Map<?, ?> map)) {
        problem("the card file " + file + " must hold a " + format + " object");
        return;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) map;
      snapshot = CardSnapshot.of(tree);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      problem("the card file " + file + " does not exist (yet)");
      return;
    } catch (IOException | RuntimeException e) {
      problem("the card file " + file + " is not valid " + format + ": " + e.getMessage());
      return;
    }
    synchronized (this) {
      lastProblem = null;
      if (snapshot.digest().equals(delivered)) {
        return;
      }
      delivered = snapshot.digest();
      latest = snapshot;
    }
    try {
      listener.accept(snapshot);
    } catch (RuntimeException e) {
      LOG.warn("card listener failed: {}", e.toString());
    }
  }

  private synchronized void problem(String message) {
    if (!message.equals(lastProblem)) {
      LOG.warn("{}; keeping the last good card", message);
      lastProblem = message;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    if (watchThread != null) {
      watchThread.interrupt();
    }
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException e) {
        LOG.debug("closing the watch service: {}", e.getMessage());
      }
    }
  }
}
