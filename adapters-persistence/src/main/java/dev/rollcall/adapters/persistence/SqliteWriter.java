package dev.rollcall.adapters.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * SQLite's one writer, with group commit. SQLite takes one writer at a time, and with {@code
 * synchronous=FULL} every commit waits for the disk; so writes take turns here, and whoever has the
 * turn writes every statement waiting at that moment in one transaction: one wait for the disk
 * serves them all. A caller returns only once the transaction holding its statement committed (its
 * write is durable when its response goes out). A statement that fails is retried alone, so it
 * fails only its own caller. Thread-safe.
 */
final class SqliteWriter {
  /** Statements per transaction at most, so that one turn stays short. */
  static final int MAX_BATCH = 256;

  private final DSLContext dsl;
  private final Lock turn = new ReentrantLock();
  private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicLong transactions = new AtomicLong();

  SqliteWriter(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One statement waiting for its turn. Its fields are written and read under the turn. */
  private static final class Pending {
    final String sql;
    final Object[] binds;
    boolean done;
    int rows;
    RuntimeException failure;

    Pending(String sql, Object[] binds) {
      this.sql = sql;
      this.binds = binds;
    }
  }

  /** Runs one statement (rendered SQL and its bind values) durably; returns the rows it changed. */
  int execute(String sql, Object[] binds) {
    Pending mine = new Pending(sql, binds);
    waiting.add(mine);
    turn.lock();
    try {
      while (!mine.done) {
        write(next());
      }
    } finally {
      turn.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.rows;
  }

  /**
   * How many transactions were committed or tried: fewer than statements when they were grouped.
   */
  long transactions() {
    return transactions.get();
  }

  /** How many statements wait for the turn now. */
  int waiting() {
    return waiting.size();
  }

  /** The turn itself, for tests that need statements to pile up behind it. */
  Lock turn() {
    return turn;
  }

  private List<Pending> next() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p; batch.size() < MAX_BATCH && (p = waiting.poll()) != null; ) {
      batch.add(p);
    }
    return batch;
  }

  private void write(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    transactions.incrementAndGet();
    try {
      dsl.transaction(
          configuration -> {
            DSLContext tx = DSL.using(configuration);
            for (Pending p : batch) {
              p.rows = tx.execute(p.sql, p.binds);
            }
          });
      batch.forEach(p -> p.done = true);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        Pending only = batch.get(0);
        only.failure = e;
        only.done = true;
      } else {
        batch.forEach(p -> write(List.of(p))); // the whole batch rolled back: each on its own
      }
    } catch (Error e) {
      // The writer itself broke (out of memory, say): no caller in this batch may wait for ever.
      for (Pending p : batch) {
        if (!p.done) {
          p.failure = new DataAccessException("the write was aborted: " + e, e);
          p.done = true;
        }
      }
      throw e;
    }
  }
}
