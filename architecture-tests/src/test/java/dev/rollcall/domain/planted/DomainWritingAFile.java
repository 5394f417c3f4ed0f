package dev.rollcall.domain.planted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Planted violation: a domain class that does I/O and prints. */
public class DomainWritingAFile {
  void save() throws IOException {
    Files.writeString(Path.of("x"), "y");
    System.out.println("saved");
  }
}
