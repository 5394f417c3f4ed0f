package dev.rollcall.application.port.out;

/** The store could not be read or written. Callers must fail closed: nothing is granted. */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
