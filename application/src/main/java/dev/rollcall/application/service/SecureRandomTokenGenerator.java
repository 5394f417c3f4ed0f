package dev.rollcall.application.service;

import dev.rollcall.application.port.out.TokenGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/** 32 bytes from a {@link SecureRandom}, base64url without padding: 43 characters. Thread-safe. */
public final class SecureRandomTokenGenerator implements TokenGenerator {
  private final SecureRandom random = new SecureRandom();

  @Override
  public String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
