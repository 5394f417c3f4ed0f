package dev.rollcall.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's one writer against a real file: writes that wait together share one commit. */
class SqliteWriterTest {
  private static final int WRITERS = 16;

  @TempDir Path dir;
  private Database db;
  private SqliteWriter writer;
  private ExecutorService pool;

  @BeforeEach
  void open() {
    db = Database.open(DatabaseSettings.fromOption(dir.resolve("w.db").toString(), null, null));
    db.dsl().execute("create table scratch (id integer primary key, note text not null)");
    writer = db.sqliteWriter().orElseThrow();
    pool = Executors.newFixedThreadPool(WRITERS);
  }

  @AfterEach
  void close() throws Exception {
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    db.close();
  }

  @Test
  void givenWritesPiledUpBehindTheTurn_whenItIsFree_thenTheyCommitTogetherAndEachReturnsItsRows()
      throws Exception {
    List<Future<Integer>> results = new ArrayList<>();
    writer.turn().lock();
    try {
      for (int i = 0; i < WRITERS; i++) {
        int id = i;
        results.add(pool.submit(() -> insert(id, "row " + id)));
      }
      awaitWaiting(WRITERS);
    } finally {
      writer.turn().unlock();
    }

    for (Future<Integer> r : results) {
      assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(rowCount()).isEqualTo(WRITERS);
    // Every write was queued before the turn came free: one transaction serves them all.
    assertThat(writer.transactions()).isEqualTo(1);
  }

  @Test
  void givenAFailingWriteInAPile_whenTheyCommit_thenOnlyItsOwnCallerFails() throws Exception {
    insert(100, "already here");
    List<Future<Integer>> good = new ArrayList<>();
    Future<Integer> clash;
    writer.turn().lock();
    try {
      for (int i = 0; i < 4; i++) {
        int id = i;
        good.add(pool.submit(() -> insert(id, "row " + id)));
      }
      clash = pool.submit(() -> insert(100, "duplicate key"));
      awaitWaiting(5);
    } finally {
      writer.turn().unlock();
    }

    for (Future<Integer> r : good) {
      assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThatThrownBy(() -> clash.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DataAccessException.class);
    assertThat(rowCount()).isEqualTo(5);
    assertThat(db.dsl().fetchValue("select note from scratch where id = 100"))
        .isEqualTo("already here");
  }

  @Test
  void givenAReturnedWrite_whenTheFileIsOpenedAfresh_thenTheRowIsThere() {
    insert(1, "durable");
    db.close();

    db = Database.open(DatabaseSettings.fromOption(dir.resolve("w.db").toString(), null, null));

    assertThat(db.dsl().fetchValue("select note from scratch where id = 1")).isEqualTo("durable");
  }

  private int insert(int id, String note) {
    return writer.execute("insert into scratch (id, note) values (?, ?)", new Object[] {id, note});
  }

  private int rowCount() {
    return db.dsl().fetchCount(db.dsl().selectFrom("scratch"));
  }

  /** Waits (bounded) until {@code n} statements are queued behind the turn. */
  private void awaitWaiting(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writer.waiting() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + writer.waiting() + " of " + n + " writes queued");
      }
      Thread.sleep(5);
    }
  }
}
