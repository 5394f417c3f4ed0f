package dev.rollcall.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The layering of Rollcall as rules. Each one is shown to fail on a planted violation. */
final class ArchitectureRules {
  private ArchitectureRules() {}

  /** The domain is plain Java: itself and the JDK, nothing else. */
  static final ArchRule DOMAIN_DEPENDS_ONLY_ON_ITSELF_AND_JAVA =
      classes()
          .that()
          .resideInAPackage("dev.rollcall.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.rollcall.domain..", "java..")
          .because("the domain is plain Java (design section 2)");

  /** ... and of the JDK, none of the I/O. */
  static final ArchRule DOMAIN_DOES_NO_IO =
      noClasses()
          .that()
          .resideInAPackage("dev.rollcall.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..", "java.net.http..", "java.nio.file..", "java.nio.channels..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.io.File")
          .because("the domain does no I/O");

  /** The domain reads no clock of its own: time comes in through a port. */
  static final ArchRule DOMAIN_READS_NO_CLOCK =
      noClasses()
          .that()
          .resideInAPackage("dev.rollcall.domain..")
          .should()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.time.Clock")
          .because("time comes in through the TimeSource port");

  /** The application knows the domain and its own ports, never an adapter or a framework. */
  static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN =
      classes()
          .that()
          .resideInAPackage("dev.rollcall.application..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.rollcall.application..", "dev.rollcall.domain..", "java..", "org.slf4j..")
          .because("use cases talk to the world only through ports");

  /** No adapter depends on another adapter. */
  static final ArchRule ADAPTERS_ARE_INDEPENDENT =
      slices().matching("dev.rollcall.adapters.(*)..").should().notDependOnEachOther();

  /** The runtime client shares the domain (card digest, ids) and nothing of the server. */
  static final ArchRule CLIENT_KNOWS_ONLY_THE_DOMAIN =
      noClasses()
          .that()
          .resideInAPackage("dev.rollcall.client..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rollcall.application..", "dev.rollcall.adapters..", "dev.rollcall.app..");

  /** Only the composition root knows every adapter; nothing depends on it. */
  static final ArchRule NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.rollcall.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.rollcall.app..");

  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("dev.rollcall.(**)").should().beFreeOfCycles();

  static final ArchRule NO_STANDARD_STREAMS =
      GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
  static final ArchRule NO_JAVA_UTIL_LOGGING =
      GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
  static final ArchRule NO_GENERIC_EXCEPTIONS =
      GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
}
