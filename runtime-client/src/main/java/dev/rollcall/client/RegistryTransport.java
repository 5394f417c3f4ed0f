package dev.rollcall.client;

/**
 * How the runtime reaches the registry: one attempt per call, every failure turned into a {@link
 * RegistryReply} (never thrown). Retrying is the agent's business, not the transport's.
 */
public interface RegistryTransport extends AutoCloseable {

  RegistryReply send(RegistryCall call);

  /** Where calls currently go, for the status and the log. */
  String describe();

  @Override
  default void close() {}
}
