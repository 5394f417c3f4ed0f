package dev.rollcall.domain.planted;

import java.util.logging.Logger;

/** Planted violation: java.util.logging and a generic exception. */
public class DomainWithSloppyErrors {
  private static final Logger LOG = Logger.getLogger("x");

  void fail() {
    LOG.info("failing");
    throw new RuntimeException("something");
  }
}
