package dev.rollcall.client.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollcall.domain.CardDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardWatcherTest {
  @TempDir Path dir;
  private final List<CardSnapshot> delivered = new CopyOnWriteArrayList<>();
  private CardWatcher watcher;

  private static String card(String description) {
    return "{\"name\":\"SEO\",\"description\":\""
        + description
        + "\",\"url\":\"http://ws-1:8000\"}";
  }

  private CardWatcher start(Path file, Duration poll) {
    watcher = new CardWatcher(file, Duration.ofMillis(200), poll);
    watcher.start(delivered::add);
    return watcher;
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private String lastDescription() {
    return (String) delivered.get(delivered.size() - 1).tree().get("description");
  }

  @Test
  void givenACardFile_whenStarted_thenTheCurrentCardIsDeliveredAtOnce() throws IOException {
    Path file = Files.writeString(dir.resolve("card.json"), card("v1"));

    start(file, Duration.ofSeconds(5));

    assertThat(delivered).hasSize(1);
    assertThat(lastDescription()).isEqualTo("v1");
    assertThat(watcher.latest()).contains(delivered.get(0));
  }

  @Test
  void givenAYamlCardFile_thenItIsTheSameCardWithTheSameDigestAsItsJson() throws IOException {
    CardDigest ofTheJsonCard =
        CardDigest.of(Map.of("name", "SEO", "description", "v1", "url", "http://ws-1:8000"));
    Path yaml =
        Files.writeString(
            dir.resolve("card.yaml"),
            "# the runtime's card\nname: SEO\ndescription: v1\nurl: \"http://ws-1:8000\"\n");
    start(yaml, Duration.ofMillis(200));

    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).digest()).isEqualTo(ofTheJsonCard);

    Files.writeString(yaml, "name: SEO\ndescription: v2\nurl: \"http://ws-1:8000\"\n");
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
    assertThat(lastDescription()).isEqualTo("v2");
  }

  @Test
  void givenASaveThatChangesNothing_thenNothingIsDelivered() throws IOException {
    Path file = Files.writeString(dir.resolve("card.json"), card("v1"));
    start(file, Duration.ofMillis(200));

    // Same card, other formatting and key order: the same canonical digest.
    Files.writeString(
        file, "{ \"url\": \"http://ws-1:8000\",\n  \"description\": \"v1\", \"name\": \"SEO\" }\n");

    await()
        .during(Duration.ofMillis(1200))
        .atMost(Duration.ofSeconds(3))
        .until(() -> delivered.size() == 1);
  }

  @Test
  void givenAnEditorThatRenamesOnSave_thenTheNewCardIsDelivered() throws IOException {
    Path file = Files.writeString(dir.resolve("card.json"), card("v1"));
    start(file, Duration.ofSeconds(30));

    Path temp = Files.writeString(dir.resolve(".card.json.swp"), card("v2"));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
    assertThat(lastDescription()).isEqualTo("v2");
  }

  @Test
  void givenAConfigMapStyleSymlinkSwap_thenTheNewCardIsDelivered() throws IOException {
    // Kubernetes: card.json -> ..data/card.json, ..data -> ..2026_v1; an update swaps ..data.
    Files.createDirectories(dir.resolve("..2026_v1"));
    Files.writeString(dir.resolve("..2026_v1/card.json"), card("v1"));
    Files.createSymbolicLink(dir.resolve("..data"), Path.of("..2026_v1"));
    Path file = Files.createSymbolicLink(dir.resolve("card.json"), Path.of("..data/card.json"));
    start(file, Duration.ofSeconds(30));

    Files.createDirectories(dir.resolve("..2026_v2"));
    Files.writeString(dir.resolve("..2026_v2/card.json"), card("v2"));
    Path tempLink = Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..2026_v2"));
    Files.move(
        tempLink,
        dir.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);

    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
    assertThat(lastDescription()).isEqualTo("v2");
  }

  @Test
  void givenABurstOf20Saves_thenOneOrTwoDeliveriesAndTheLastIsTheNewest() throws Exception {
    Path file = Files.writeString(dir.resolve("card.json"), card("v0"));
    start(file, Duration.ofSeconds(30));

    for (int i = 1; i <= 20; i++) {
      Files.writeString(file, card("v" + i));
      Thread.sleep(5); // an editor's autosave burst, not a wait for an outcome
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> "v20".equals(lastDescription()));
    assertThat(delivered.size() - 1).isBetween(1, 2);
  }

  @Test
  void givenAFileThatIsNotJson_thenTheLastGoodCardStaysAndTheFixIsDelivered() throws IOException {
    Path file = Files.writeString(dir.resolve("card.json"), card("v1"));
    start(file, Duration.ofMillis(200));

    Files.writeString(file, "{\"name\": \"SEO\", ");
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(3))
        .until(() -> delivered.size() == 1);
    Files.writeString(file, card("v2"));

    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
    assertThat(watcher.latest().orElseThrow().tree().get("description")).isEqualTo("v2");
  }

  @Test
  void givenNoFileAtStart_whenItAppears_thenItIsDelivered() throws IOException {
    Path file = dir.resolve("card.json");
    start(file, Duration.ofSeconds(30));
    assertThat(delivered).isEmpty();

    Files.writeString(file, card("v1"));

    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
  }
}
