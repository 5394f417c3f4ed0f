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

  @Test
  void givenNotAJsonValue_whenWritten_thenRefused() {
    assertThatThrownBy(() -> CanonicalJson.write(Arrays.asList(new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
