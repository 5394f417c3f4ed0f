package dev.rollcall.application.port.out;

/** Another writer changed (or created) the workspace since it was read; read again and retry. */
public class ConcurrentUpdateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String message) {
    super(message);
  }
}
