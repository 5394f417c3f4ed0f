package dev.rollcall.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of a secret (a workspace token or an enrollment key). The registry stores only this;
 * comparisons run in constant time so that timing reveals nothing of the stored value.
 */
public record SecretHash(String hex) {
  public SecretHash {
    Objects.requireNonNull(hex, "hex");
    if (!hex.matches("^[0-9a-f]{64}$")) {
      throw new IllegalArgumentException("secret hash must be 64 lower-case hex characters");
    }
  }

  public static SecretHash of(String secret) {
    Objects.requireNonNull(secret, "secret");
    return new SecretHash(
        HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8))));
  }

  /** Constant-time check that {@code candidate} is the secret this hash was made from. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    byte[] presented = sha256(candidate.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(presented, HexFormat.of().parseHex(hex));
  }

  static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "SecretHash[" + hex.substring(0, 8) + "…]";
  }
}
