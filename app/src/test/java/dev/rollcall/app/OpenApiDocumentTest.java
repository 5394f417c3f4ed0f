package dev.rollcall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rollcall.domain.EnrollmentMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/openapi.yaml} true: it lists exactly the routes the server answers, and every
 * answer the server gives to a call of each operation is one the document lists for it.
 */
class OpenApiDocumentTest {
  private static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final String WS = "ws-doc";

  @TempDir Path dir;
  private TestRegistry registry;
  private Map<String, Object> document;

  @BeforeEach
  void start() throws IOException {
    registry = TestRegistry.sqlite(dir, EnrollmentMode.OPEN);
    document = map(new ObjectMapper(new YAMLFactory()).readValue(DOCUMENT.toFile(), Map.class));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private record Operation(String method, String path, Map<String, Object> spec) {
    String route() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  private List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    map(document.get("paths"))
        .forEach(
            (path, item) ->
                map(item)
                    .forEach(
                        (method, spec) -> {
                          if (METHODS.contains(method)) {
                            all.add(new Operation(method, path, map(spec)));
                          }
                        }));
    return all;
  }

  @Test
  void givenTheDocument_thenItListsExactlyTheRoutesTheServerAnswers() {
    Set<String> documented = new HashSet<>();
    operations().forEach(op -> documented.add(op.route()));

    assertThat(documented).containsExactlyInAnyOrderElementsOf(registry.routes());
  }

  @Test
  void givenEachDocumentedOperation_whenCalled_thenTheAnswerIsOneTheDocumentLists() {
    Map<String, Object> card = RegistryApiContract.card("for the document");
    assertThat(registry.http.post("/registry/register", Map.of("id", WS, "agent_card", card)))
        .extracting(Http.Answer::status)
        .isEqualTo(200);
    List<String> problemTypes = problemTypes();

    for (Operation op : operations()) {
      // Bodies without the required fields, no workspace token; the admin token where needed.
      String body = op.method().equals("post") || op.method().equals("put") ? "{}" : null;
      String[] headers =
          body == null
              ? new String[] {"Authorization", "Bearer " + TestRegistry.ADMIN_TOKEN}
              : new String[] {
                "Authorization",
                "Bearer " + TestRegistry.ADMIN_TOKEN,
                "Content-Type",
                "application/json"
              };
      Http.Answer answer =
          registry.http.send(
              op.method().toUpperCase(Locale.ROOT), op.path().replace("{id}", WS), body, headers);

      Map<String, Object> responses = map(op.spec().get("responses"));
      assertThat(responses)
          .as("%s answered %d: %s", op.route(), answer.status(), answer.raw().body())
          .containsKey(String.valueOf(answer.status()));
      if (answer.status() >= 400) {
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(problemTypes).as(op.route()).contains(answer.type());
      } else if (answer.json() != null) {
        List<String> required = requiredFields(responses, answer.status());
        assertThat(answer.json().keySet())
            .as("%s answers the fields its schema requires", op.route())
            .containsAll(required);
      }
    }
  }

  private List<String> problemTypes() {
    Map<String, Object> problem = schema("Problem");
    return list(map(map(problem.get("properties")).get("type")).get("enum"));
  }

  private List<String> requiredFields(Map<String, Object> responses, int status) {
    Map<String, Object> content = map(map(responses.get(String.valueOf(status))).get("content"));
    Map<String, Object> json = map(content.get("application/json"));
    if (json == null) {
      return List.of();
    }
    Map<String, Object> schema = map(json.get("schema"));
    if (schema.get("$ref") instanceof String ref) {
      schema = schema(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return schema.containsKey("required") ? list(schema.get("required")) : List.of();
  }

  private Map<String, Object> schema(String name) {
    return map(map(map(document.get("components")).get("schemas")).get(name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Object o) {
    return (List<String>) o;
  }
}
