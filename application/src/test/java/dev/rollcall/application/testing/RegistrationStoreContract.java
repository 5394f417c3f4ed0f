package dev.rollcall.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.application.port.out.ConcurrentUpdateException;
import dev.rollcall.application.port.out.Contact;
import dev.rollcall.application.port.out.RegistrationStore;
import dev.rollcall.domain.AgentCard;
import dev.rollcall.domain.BootId;
import dev.rollcall.domain.CardCheck;
import dev.rollcall.domain.CardRejection;
import dev.rollcall.domain.CardViolation;
import dev.rollcall.domain.Conflict;
import dev.rollcall.domain.LiveToken;
import dev.rollcall.domain.SecretHash;
import dev.rollcall.domain.TokenOrigin;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RegistrationStore} keeps: in memory, SQLite and PostgreSQL run these
 * same tests. Subclasses give a fresh, empty store.
 */
public abstract class RegistrationStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final BootId BOOT_A = new BootId("aaaaaaaa-1111");
  private static final BootId BOOT_B = new BootId("bbbbbbbb-2222");

  protected RegistrationStore store;

  protected abstract RegistrationStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  private static AgentCard validCard(String description) {
    return ((CardCheck.Accepted) AgentCard.check(Cards.card("SEO", description))).card();
  }

  /** A workspace with every field set to something other than its default. */
  static Workspace richWorkspace(String id) {
    Workspace ws =
        Workspace.create(new WorkspaceId(id), T0)
            .provision(
                SecretHash.of("key"),
                LiveToken.issue("token-one-plain", Optional.empty(), TokenOrigin.OPERATOR, T0),
                T0)
            .issueToken(
                LiveToken.issue(
                    "token-two-plain", Optional.of(BOOT_A), TokenOrigin.CALLER, T0.plusMillis(5)),
                T0.plusMillis(5))
            .useToken(Optional.of(BOOT_A), T0.plusMillis(6))
            .acceptCard(validCard("first"), T0.plusMillis(7))
            .acceptCard(validCard("second — with ünïcode and \"quotes\""), T0.plusMillis(8))
            .useToken(Optional.of(BOOT_B), T0.plusMillis(9));
    return ws.flagConflict(new Conflict(BOOT_B, BOOT_A, T0.plusMillis(10)));
  }

  @Test
  void givenInsertedWorkspace_whenFound_thenEveryFieldRoundTrips() {
    Workspace ws = richWorkspace("ws-rich");

    store.insert(ws);

    assertThat(store.find(ws.id())).contains(ws.atVersion(1));
  }

  @Test
  void givenRejectedCard_whenFound_thenTheRejectionAndItsReasonsRoundTrip() {
    Workspace ws =
        Workspace.create(new WorkspaceId("ws-rejected"), T0)
            .issueToken(
                LiveToken.issue("token-plain-text", Optional.of(BOOT_A), TokenOrigin.CALLER, T0),
                T0);
    CardRejection rejection =
        new CardRejection(
            dev.rollcall.domain.CardDigest.of(Cards.invalidCard()),
            List.of(
                new CardViolation("$.url", "must not point at a cloud metadata address"),
                new CardViolation("$.name", "is required")),
            T0.plusMillis(20));
    Workspace rejected = ws.rejectCard(rejection, T0.plusMillis(20));

    store.insert(rejected);

    assertThat(store.find(ws.id())).contains(rejected.atVersion(1));
    assertThat(store.find(ws.id()).orElseThrow().registration().rejection()).contains(rejection);
  }

  @Test
  void givenNewAndRemovedWorkspaces_whenListed_thenAllAreThere() {
    store.insert(Workspace.create(new WorkspaceId("ws-a"), T0));
    store.insert(richWorkspace("ws-b").remove(T0.plusSeconds(1)));

    assertThat(store.findAll())
        .extracting(w -> w.id().value())
        .containsExactlyInAnyOrder("ws-a", "ws-b");
    assertThat(store.find(new WorkspaceId("ws-b")).orElseThrow().isRemoved()).isTrue();
  }

  @Test
  void givenUnknownId_whenFound_thenEmpty() {
    assertThat(store.find(new WorkspaceId("nobody"))).isEmpty();
  }

  @Test
  void givenExistingId_whenInsertedAgain_thenConcurrentUpdateAndFirstIsKept() {
    Workspace first = Workspace.create(new WorkspaceId("ws-dup"), T0);
    store.insert(first);

    assertThatThrownBy(() -> store.insert(richWorkspace("ws-dup")))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.find(first.id())).contains(first.atVersion(1));
  }

  @Test
  void givenReadVersion_whenUpdated_thenVersionBumpsAndStaleUpdateIsRefused() {
    store.insert(Workspace.create(new WorkspaceId("ws-v"), T0));
    Workspace read = store.find(new WorkspaceId("ws-v")).orElseThrow();
    Workspace changed =
        read.issueToken(
            LiveToken.issue("plain-token-1", Optional.of(BOOT_A), TokenOrigin.CALLER, T0), T0);

    store.update(changed);

    assertThat(store.find(read.id())).contains(changed.atVersion(2));
    Workspace stale =
        read.issueToken(
            LiveToken.issue("plain-token-2", Optional.of(BOOT_B), TokenOrigin.CALLER, T0), T0);
    assertThatThrownBy(() -> store.update(stale)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.find(read.id())).contains(changed.atVersion(2));
  }

  @Test
  void givenUnknownId_whenUpdated_thenConcurrentUpdate() {
    Workspace ghost = Workspace.create(new WorkspaceId("ws-ghost"), T0).atVersion(1);

    assertThatThrownBy(() -> store.update(ghost)).isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  void givenManyWritersOfOneReadVersion_whenTheyUpdate_thenExactlyOneWins() throws Exception {
    store.insert(Workspace.create(new WorkspaceId("ws-race"), T0));
    Workspace read = store.find(new WorkspaceId("ws-race")).orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Boolean> results = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 8; i++) {
      String plain = "plain-racer-" + i;
      pool.submit(
          () -> {
            start.await();
            try {
              store.update(
                  read.issueToken(
                      LiveToken.issue(plain, Optional.empty(), TokenOrigin.CALLER, T0), T0));
              results.add(true);
            } catch (ConcurrentUpdateException e) {
              results.add(false);
            }
            return null;
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(results).hasSize(8).containsOnlyOnce(true);
    assertThat(store.find(read.id()).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void givenContactsInBatches_whenRead_thenNewestOfEachIsKept() {
    WorkspaceId a = new WorkspaceId("ws-a");
    WorkspaceId b = new WorkspaceId("ws-b");
    store.saveContacts(
        List.of(
            new Contact(a, T0.plusSeconds(5), Optional.of(BOOT_A)),
            new Contact(b, T0, Optional.empty())));

    store.saveContacts(
        List.of(
            new Contact(a, T0.plusSeconds(1), Optional.of(BOOT_B)),
            new Contact(b, T0.plusSeconds(9), Optional.of(BOOT_B))));

    assertThat(store.contacts().get(a))
        .isEqualTo(new Contact(a, T0.plusSeconds(5), Optional.of(BOOT_A)));
    assertThat(store.contacts().get(b))
        .isEqualTo(new Contact(b, T0.plusSeconds(9), Optional.of(BOOT_B)));
  }

  @Test
  void givenAStore_whenAskedTwice_thenItsRegistryIdIsStableAndNonEmpty() {
    String id = store.registryId();

    assertThat(id).isNotBlank();
    assertThat(store.registryId()).isEqualTo(id);
    store.ping();
  }
}
