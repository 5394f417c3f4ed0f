package dev.rollcall.domain;

import java.util.regex.Pattern;

/**
 * The random id a runtime makes at each process start and sends with every call. The registry
 * remembers which boot a token was issued to, so a runtime that lost the response can get it again.
 */
public record BootId(String value) {
  private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9-]{8,64}$");

  public BootId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "boot_id must be 8 to 64 characters of letters, digits or '-'");
    }
  }

  /**
   * The first 8 characters, enough to tell boots apart. What is shown to anyone but the registry:
   * while a token is unclaimed, the whole boot id re-obtains it.
   */
  public String prefix() {
    return value.substring(0, 8);
  }

  public static boolean isValid(String candidate) {
    return candidate != null && SHAPE.matcher(candidate).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
