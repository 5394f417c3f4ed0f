package dev.rollcall.application.port.in;

/**
 * The one use case behind register, heartbeat and card update: make sure the registry holds the
 * runtime's current card and the runtime holds a token the registry accepts.
 */
public interface EnsureCardAndTokenUseCase {

  /**
   * @throws dev.rollcall.application.port.out.StoreUnavailableException when the registry cannot
   *     read or write its store; nothing is granted then
   */
  EnsureOutcome ensure(EnsureCommand command);
}
