package dev.rollcall.application.testing;

import dev.rollcall.application.port.out.TokenGenerator;
import java.util.concurrent.atomic.AtomicInteger;

/** Predictable secrets ({@code secret-0000000001-...}) so tests can name them. Thread-safe. */
public final class SequenceTokens implements TokenGenerator {
  private final AtomicInteger next = new AtomicInteger();

  @Override
  public String newSecret() {
    return String.format("secret-%010d-xxxxxxxxxxxxxxxxxxxxxxxxx", next.incrementAndGet());
  }

  /** The secret the n-th call returned (1-based). */
  public static String nth(int n) {
    return String.format("secret-%010d-xxxxxxxxxxxxxxxxxxxxxxxxx", n);
  }
}
