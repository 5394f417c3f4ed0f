package dev.rollcall.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree of plain Java values in the JSON Canonicalization Scheme (RFC 8785): object
 * members sorted by UTF-16 code units, no white space, ECMAScript number and string forms.
 *
 * <p>The tree is made of {@link Map} (string keys), {@link List}, {@link String}, {@link Number},
 * {@link Boolean} and {@code null}. Stateless and thread-safe.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static String write(Object tree) {
    StringBuilder out = new StringBuilder(256);
    write(tree, out, 0);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("JSON nested deeper than 64 levels");
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Number n) {
      out.append(number(n));
    } else if (value instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>(map.size());
      for (Object key : map.keySet()) {
        keys.add((String) key);
      }
      keys.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 requires
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeString(keys.get(i), out);
        out.append(':');
        write(map.get(keys.get(i)), out, depth + 1);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out, depth + 1);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * The fewest significant digits that read back as {@code d}, and among those the nearest to
   * {@code d} (ECMA-262 Number::toString). Not {@code Double.toString}: before Java 19 it is not
   * always shortest (it gives 1.9999999999999998E23 for 2e23, 4.9E-324 for 5e-324), and a digest
   * that differs from other RFC 8785 implementations would ask for the card on every heartbeat.
   */
  static BigDecimal shortestDigits(double d) {
    if (d == Math.rint(d) && d < 0x1p53) {
      return BigDecimal.valueOf((long) d).stripTrailingZeros(); // an integer that is exact
    }
    BigDecimal exact = new BigDecimal(d);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal best = null;
      // The nearest decimal of this precision, and its neighbours on either side: near a power of
      // two the doubles are closer on one side, so the nearest may miss while a neighbour reads
      // back.
      for (RoundingMode mode : NEAREST_THEN_NEIGHBOURS) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (candidate.doubleValue() == d
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros();
      }
    }
    throw new IllegalStateException("17 significant digits always read back: " + d);
  }

  private static final RoundingMode[] NEAREST_THEN_NEIGHBOURS = {
    RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING
  };

  /** ECMAScript's Number.prototype.toString for the double nearest {@code n}. */
  static String number(Number n) {
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON has no NaN or Infinity");
    }
    if (d == 0) {
      return "0";
    }
    String sign = d < 0 ? "-" : "";
    BigDecimal shortest = shortestDigits(Math.abs(d));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int e = k - shortest.scale(); // value = 0.digits × 10^e, "n" in ECMA-262
    StringBuilder s = new StringBuilder(sign);
    if (k <= e && e <= 21) {
      s.append(digits).append("0".repeat(e - k));
    } else if (0 < e && e <= 21) {
      s.append(digits, 0, e).append('.').append(digits, e, k);
    } else if (-6 < e && e <= 0) {
      s.append("0.").append("0".repeat(-e)).append(digits);
    } else {
      int exp = e - 1;
      s.append(digits.charAt(0));
      if (k > 1) {
        s.append('.').append(digits, 1, k);
      }
      s.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
    }
    return s.toString();
  }
}
