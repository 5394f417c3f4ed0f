package dev.rollcall.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  @Test
  void givenMembersInAnyOrder_whenWritten_thenSortedByUtf16CodeUnitsWithoutWhiteSpace() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("b", List.of(1, "two", true));
    tree.put("a", null);
    tree.put("\u20ac", "euro"); // U+20AC sorts after ASCII
    tree.put("A", Map.of("z", 1, "y", false));

    assertThat(CanonicalJson.write(tree))
        .isEqualTo(
            "{\"A\":{\"y\":false,\"z\":1},\"a\":null,\"b\":[1,\"two\",true],\"\u20ac\":\"euro\"}");
  }

  @Test
  void givenStringsWithControlCharacters_whenWritten_thenEscapedAsEcmaScriptDoes() {
    assertThat(CanonicalJson.write("q\"b\\n\n\t\u0001é"))
        .isEqualTo("\"q\\\"b\\\\n\\n\\t\\u0001é\"");
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, 1",
    "-0.0, 0",
    "100, 100",
    "0.5, 0.5",
    "123.456, 123.456",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "0.000001, 0.000001",
    "0.0000001, 1e-7",
    "-1.5e-10, -1.5e-10",
    "4.35, 4.35",
    "333333333.33333329, 333333333.3333333"
  })
  void givenNumbers_whenWritten_thenInEcmaScriptForm(double input, String expected) {
    assertThat(CanonicalJson.number(input)).isEqualTo(expected);
  }

  /** The number samples of RFC 8785, appendix B: IEEE 754 bits and their canonical text. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void givenTheRfc8785NumberSamples_whenWritten_thenAsTheRfcSays(String bits, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(CanonicalJson.number(d)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2e23, 2e+23", "8.41e21, 8.41e+21", "2.82879384806159e17, 282879384806159000"})
  void givenDoublesWhereJava17sToStringIsNotShortest_thenTheShortestForm(
      double input, String expected) {
    assertThat(CanonicalJson.number(input)).isEqualTo(expected);
  }

  @Test
  void givenNotAJsonValue_whenWritten_thenRefused() {
    assertThatThrownBy(() -> CanonicalJson.write(Arrays.asList(new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
