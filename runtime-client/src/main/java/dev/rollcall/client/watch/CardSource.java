package dev.rollcall.client.watch;

import java.util.Optional;
import java.util.function.Consumer;

/** Where the agent gets the runtime's current card: the watched file, or any other source. */
public interface CardSource extends AutoCloseable {

  /** Starts delivering: the current card first (if there is one), then every change. */
  void start(Consumer<CardSnapshot> listener);

  /** The newest card, if any. */
  Optional<CardSnapshot> latest();

  @Override
  void close();

  /** A card that never changes: for simulations and for runtimes that build their card in code. */
  static CardSource fixed(CardSnapshot card) {
    return new CardSource() {
      @Override
      public void start(Consumer<CardSnapshot> listener) {
        listener.accept(card);
      }

      @Override
      public Optional<CardSnapshot> latest() {
        return Optional.of(card);
      }

      @Override
      public void close() {}
    };
  }
}
