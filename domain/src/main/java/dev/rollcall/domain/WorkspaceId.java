package dev.rollcall.domain;

import java.util.regex.Pattern;

/** The identity of one workspace, in exactly the shape the platform's runtimes use. Immutable. */
public record WorkspaceId(String value) {
  private static final Pattern SHAPE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,127}$");

  public WorkspaceId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "workspace id must match ^[a-z0-9][a-z0-9-]{0,127}$ (lower-case letters, digits, '-')");
    }
  }

  /** True when {@code candidate} is a well-formed workspace id; never throws. */
  public static boolean isValid(String candidate) {
    return candidate != null && SHAPE.matcher(candidate).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
