package dev.rollcall.application.port.out;

/** Makes new secrets: workspace tokens and enrollment keys. */
public interface TokenGenerator {

  /** A new, unguessable secret in plain text (43 base64url characters by default). */
  String newSecret();
}
