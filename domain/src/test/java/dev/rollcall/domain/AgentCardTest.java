package dev.rollcall.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentCardTest {

  static Map<String, Object> card() {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("name", "SEO");
    card.put("description", "Search engine optimisation");
    card.put("version", "1.0.0");
    card.put("url", "http://ws-7f3a:8000");
    card.put("skills", List.of(Map.of("id", "seo", "name", "seo", "tags", List.of("web"))));
    card.put("capabilities", Map.of("streaming", true));
    card.put("configuration_status", "ready");
    return card;
  }

  private static List<CardViolation> violations(Object tree) {
    CardCheck check = AgentCard.check(tree);
    assertThat(check).isInstanceOf(CardCheck.Rejected.class);
    return ((CardCheck.Rejected) check).violations();
  }

  @Test
  void givenAStoredCard_whenRebuilt_thenItIsTheSameCardWithItsStoredDigest() {
    AgentCard stored = ((CardCheck.Accepted) AgentCard.check(card())).card();

    AgentCard rebuilt = AgentCard.fromStored(stored::tree, stored.canonicalJson(), stored.digest());

    assertThat(rebuilt).isEqualTo(stored);
    assertThat(rebuilt.canonicalJson()).isEqualTo(stored.canonicalJson());
    assertThat(rebuilt.tree()).isEqualTo(stored.tree());
  }

  @Test
  void givenAStoredCard_whenOnlyItsDigestIsCompared_thenItsTreeIsNeverParsed() {
    AgentCard stored = ((CardCheck.Accepted) AgentCard.check(card())).card();
    AtomicInteger parses = new AtomicInteger();

    AgentCard rebuilt =
        AgentCard.fromStored(
            () -> {
              parses.incrementAndGet();
              return stored.tree();
            },
            stored.canonicalJson(),
            stored.digest());

    assertThat(rebuilt).isEqualTo(stored); // what a heartbeat does with it
    assertThat(parses).hasValue(0);
    assertThat(rebuilt.name()).isEqualTo("SEO");
    assertThat(rebuilt.skillIds()).isEqualTo(stored.skillIds());
    assertThat(parses).hasValue(1);
  }

  @Test
  void givenACardStoredBeforeARuleGotStricter_whenRebuilt_thenItIsStillReadable() {
    // Say a later release refuses metadata hosts: the card stored before must stay readable, or
    // its workspace could not be read at all.
    Map<String, Object> older = card();
    older.put("url", "http://169.254.169.254/");
    String canonical = CanonicalJson.write(older);
    CardDigest digest = CardDigest.of(older);

    AgentCard rebuilt = AgentCard.fromStored(() -> older, canonical, digest);

    assertThat(rebuilt.url()).isEqualTo("http://169.254.169.254/");
    assertThat(rebuilt.digest()).isEqualTo(digest);
  }

  @Test
  void givenValidCardWithUnknownFields_whenChecked_thenAcceptedAndUnknownFieldsKept() {
    CardCheck check = AgentCard.check(card());

    AgentCard accepted = ((CardCheck.Accepted) check).card();
    assertThat(accepted.tree()).containsEntry("configuration_status", "ready");
    assertThat(accepted.name()).isEqualTo("SEO");
    assertThat(accepted.skillIds()).containsExactly("seo");
    assertThat(accepted.digest().value()).startsWith("sha256:").hasSize(71);
  }

  @Test
  void givenSameCardWithMembersReordered_whenChecked_thenSameDigest() {
    Map<String, Object> reordered = new LinkedHashMap<>();
    List<String> keys = List.copyOf(card().keySet());
    for (int i = keys.size() - 1; i >= 0; i--) {
      reordered.put(keys.get(i), card().get(keys.get(i)));
    }

    assertThat(CardDigest.of(reordered)).isEqualTo(CardDigest.of(card()));
    assertThat(((CardCheck.Accepted) AgentCard.check(reordered)).card())
        .isEqualTo(((CardCheck.Accepted) AgentCard.check(card())).card());
  }

  @Test
  void givenAChangedDescription_whenChecked_thenDigestDiffers() {
    Map<String, Object> changed = card();
    changed.put("description", "other");

    assertThat(CardDigest.of(changed)).isNotEqualTo(CardDigest.of(card()));
  }

  @Test
  void givenMissingNameAndUrl_whenChecked_thenBothPathsAreNamed() {
    Map<String, Object> card = card();
    card.remove("name");
    card.remove("url");

    assertThat(violations(card)).extracting(CardViolation::path).containsExactly("$.name", "$.url");
  }

  @Test
  void givenWrongTypes_whenChecked_thenEveryOffendingPathIsNamed() {
    Map<String, Object> card = card();
    card.put("description", 5);
    card.put("capabilities", List.of());
    card.put("skills", List.of(Map.of("name", 1), "x", Map.of("id", "ok", "tags", List.of(1))));

    assertThat(violations(card))
        .extracting(CardViolation::path)
        .containsExactly(
            "$.description",
            "$.skills[0].id",
            "$.skills[0].name",
            "$.skills[1]",
            "$.skills[2].tags",
            "$.capabilities");
  }

  @Test
  void givenNotAnObject_whenChecked_thenRejectedAtRoot() {
    assertThat(violations(List.of(1, 2))).extracting(CardViolation::path).containsExactly("$");
    assertThat(violations("card")).extracting(CardViolation::path).containsExactly("$");
  }

  @Test
  void givenCardOverTheLimit_whenChecked_thenRejectedForSize() {
    Map<String, Object> card = card();
    card.put("description", "x".repeat(AgentCard.MAX_BYTES));

    assertThat(violations(card))
        .extracting(CardViolation::message)
        .anyMatch(m -> m.contains("limit"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://ws:21/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://169.254.169.254/latest/meta-data",
        "http://169.254.10.1:8000",
        "http://metadata.google.internal/computeMetadata",
        "http://[fe80::1]:8000",
        "http://[fd00:ec2::254]/",
        "http://2852039166/",
        "http://0x7f000001/",
        "http://0.0.0.0:80",
        "http:///nohost",
        "not a url"
      })
  void givenForbiddenUrl_whenChecked_thenRejectedAtUrl(String url) {
    Map<String, Object> card = card();
    card.put("url", url);

    assertThat(violations(card)).extracting(CardViolation::path).containsExactly("$.url");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://ws-7f3a:8000",
        "https://agents.example.com/a2a",
        "http://127.0.0.1:9000",
        "http://[::1]:8000",
        "http://10.1.2.3"
      })
  void givenOrdinaryUrl_whenChecked_thenAccepted(String url) {
    Map<String, Object> card = card();
    card.put("url", url);

    assertThat(AgentCard.check(card)).isInstanceOf(CardCheck.Accepted.class);
  }

  @Test
  void givenAcceptedCard_whenTheInputIsChangedAfterwards_thenTheCardIsNot() {
    Map<String, Object> input = card();
    AgentCard accepted = ((CardCheck.Accepted) AgentCard.check(input)).card();

    input.put("name", "changed");

    assertThat(accepted.name()).isEqualTo("SEO");
  }
}
