package dev.rollcall.client;

import dev.rollcall.application.port.in.AdminOutcome;
import dev.rollcall.application.port.in.CardClaim;
import dev.rollcall.application.port.in.EnsureCommand;
import dev.rollcall.application.port.in.EnsureOutcome;
import dev.rollcall.application.port.out.StoreUnavailableException;
import dev.rollcall.application.service.AdministerWorkspacesService;
import dev.rollcall.application.service.CoalescingLivenessRecorder;
import dev.rollcall.application.service.EnsureCardAndTokenService;
import dev.rollcall.application.service.RegistryPolicy;
import dev.rollcall.application.service.SecureRandomTokenGenerator;
import dev.rollcall.application.service.SystemTimeSource;
import dev.rollcall.application.testing.InMemoryRegistrationStore;
import dev.rollcall.application.testing.RecordingEvents;
import dev.rollcall.domain.EnrollmentMode;
import dev.rollcall.domain.PresentedCredentials;
import dev.rollcall.domain.Source;
import dev.rollcall.domain.Workspace;
import dev.rollcall.domain.WorkspaceId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport port driving the real use case in-process, with faults a test can switch on: the
 * registry away, the next register's reply lost after it committed, the whole store wiped.
 */
final class InProcessTransport implements RegistryTransport {
  final AtomicBoolean down = new AtomicBoolean();

  /** What a down registry says in Retry-After (an overloaded one answering 503), if anything. */
  volatile Optional<Duration> downRetryAfter = Optional.empty();

  final AtomicInteger registerRepliesToLose = new AtomicInteger();
  final AtomicInteger calls = new AtomicInteger();

  /** How many of the next calls fail with an exception no transport should throw (a bug). */
  final AtomicInteger callsToBlowUp = new AtomicInteger();

  private final EnrollmentMode mode;
  private volatile InMemoryRegistrationStore store;
  private volatile EnsureCardAndTokenService ensure;
  private volatile AdministerWorkspacesService admin;

  InProcessTransport(EnrollmentMode mode) {
    this.mode = mode;
    wipe();
  }

  /** Replaces the store by an empty one: a registry whose database was lost. */
  void wipe() {
    store = new InMemoryRegistrationStore();
    RegistryPolicy policy =
        new RegistryPolicy(mode, Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(3));
    RecordingEvents events = new RecordingEvents();
    SecureRandomTokenGenerator tokens = new SecureRandomTokenGenerator();
    SystemTimeSource time = new SystemTimeSource();
    ensure =
        new EnsureCardAndTokenService(
            store, tokens, time, events, new CoalescingLivenessRecorder(store), policy);
    admin = new AdministerWorkspacesService(store, tokens, time, events);
  }

  Optional<Workspace> workspace(String id) {
    return store.find(new WorkspaceId(id));
  }

  AdministerWorkspacesService admin() {
    return admin;
  }

  String provisionKey(String id) {
    return ((AdminOutcome.Done) admin.provision(new WorkspaceId(id))).enrollmentKey().orElseThrow();
  }

  @Override
  public String describe() {
    return "in-process";
  }

  @Override
  public RegistryReply send(RegistryCall call) {
    calls.incrementAndGet();
    if (callsToBlowUp.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("a bug in a transport (test)");
    }
    if (down.get()) {
      return new RegistryReply.Unreachable("registry down (test)", downRetryAfter);
    }
    Source source =
        switch (call.kind()) {
          case REGISTER -> Source.REGISTER;
          case HEARTBEAT -> Source.HEARTBEAT;
          case UPDATE_CARD -> Source.CARD_UPDATE;
        };
    CardClaim claim =
        call.card()
            .<CardClaim>map(CardClaim.Full::new)
            .or(() -> call.cardDigest().map(CardClaim.DigestOnly::new))
            .orElseGet(CardClaim.None::new);
    EnsureOutcome outcome;
    try {
      outcome =
          ensure.ensure(
              new EnsureCommand(
                  call.workspaceId(),
                  new PresentedCredentials(
                      call.token(), call.enrollmentKey(), Optional.of(call.bootId())),
                  claim,
                  source));
    } catch (StoreUnavailableException e) {
      return new RegistryReply.Unreachable("store unavailable", Optional.of(Duration.ofSeconds(1)));
    }
    if (source == Source.REGISTER
        && registerRepliesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new RegistryReply.Unreachable("reply lost after commit (test)", Optional.empty());
    }
    if (outcome instanceof EnsureOutcome.Refused refused) {
      int status =
          switch (refused.refusal()) {
            case TOKEN_MISSING, TOKEN_INVALID, TOKEN_REISSUE_REFUSED -> 401;
            case WORKSPACE_REMOVED -> 410;
            case WORKSPACE_UNKNOWN -> 404;
            case WORKSPACE_CONFLICT -> 409;
          };
      return new RegistryReply.Refused(
          status, refused.refusal().type(), refused.detail(), Optional.empty());
    }
    EnsureOutcome.Accepted accepted = (EnsureOutcome.Accepted) outcome;
    if (accepted.cardRejected().isPresent() && source != Source.HEARTBEAT) {
      return new RegistryReply.Refused(
          422, "card-invalid", accepted.cardRejected().get().summary(), accepted.issuedToken());
    }
    return new RegistryReply.Accepted(
        accepted.state(),
        accepted.issuedToken(),
        accepted.cardNeeded(),
        accepted.cardDigest(),
        Optional.of(accepted.registryId()),
        Optional.of(accepted.heartbeatInterval()),
        accepted.cardRejected().map(r -> r.summary()));
  }
}
