package dev.rollcall.adapters.http;

import java.util.Map;

/** Problems that more than one route answers with. */
final class Problems {
  /** Seconds a client should wait before trying again after a store failure. */
  static final int STORE_RETRY_AFTER_SECONDS = 2;

  private Problems() {}

  static Problem storeUnavailable() {
    return new Problem(
        "store-unavailable",
        "The registry's store is unavailable",
        503,
        "the registry cannot reach its database; nothing was changed or granted; try again",
        Map.of(),
        STORE_RETRY_AFTER_SECONDS);
  }

  static Problem storeBusy() {
    return new Problem(
        "store-unavailable",
        "The registry's store is busy",
        503,
        "this workspace was changed by other calls at the same moment, again and again; nothing was"
            + " changed or granted; try again",
        Map.of(),
        STORE_RETRY_AFTER_SECONDS);
  }

  static Problem notFound(String path) {
    return new Problem("not-found", "Not found", 404, "no such resource: " + path);
  }
}
