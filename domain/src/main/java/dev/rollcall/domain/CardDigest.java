package dev.rollcall.domain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * {@code sha256:<hex>} over a card's canonical JSON form: how runtime and registry compare cards.
 */
public record CardDigest(String value) {
  private static final Pattern SHAPE = Pattern.compile("^sha256:[0-9a-f]{64}$");

  public CardDigest {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("card_digest must look like sha256:<64 lower-case hex>");
    }
  }

  public static boolean isValid(String candidate) {
    return candidate != null && SHAPE.matcher(candidate).matches();
  }

  static CardDigest ofCanonical(String canonicalJson) {
    byte[] hash = SecretHash.sha256(canonicalJson.getBytes(StandardCharsets.UTF_8));
    return new CardDigest("sha256:" + HexFormat.of().formatHex(hash));
  }

  /** The digest of any JSON tree, valid card or not. */
  public static CardDigest of(Object jsonTree) {
    return ofCanonical(CanonicalJson.write(jsonTree));
  }

  @Override
  public String toString() {
    return value;
  }
}
