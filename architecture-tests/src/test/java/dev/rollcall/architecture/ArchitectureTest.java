package dev.rollcall.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules on the production code of every module, imported from the module jars (never with
 * DoNotIncludeJars: here the other modules are jars, and the rules would check nothing). Plain
 * Jupiter tests: the ArchUnit JUnit 5 engine ran zero rules under this Surefire, silently.
 */
class ArchitectureTest {
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.rollcall");

  @Test
  void theImportHoldsEveryModule_soTheRulesCheckSomething() {
    assertThat(PRODUCTION.stream().map(JavaClass::getName))
        .contains(
            "dev.rollcall.domain.Workspace",
            "dev.rollcall.application.service.EnsureCardAndTokenService",
            "dev.rollcall.adapters.http.RegistryHttpServer",
            "dev.rollcall.adapters.persistence.JooqRegistrationStore",
            "dev.rollcall.client.RegistrationAgent",
            "dev.rollcall.app.Main")
        .noneMatch(name -> name.contains(".planted."));
  }

  @Test
  void domainDependsOnlyOnItselfAndJava() {
    ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_ITSELF_AND_JAVA.check(PRODUCTION);
  }

  @Test
  void domainDoesNoIo() {
    ArchitectureRules.DOMAIN_DOES_NO_IO.check(PRODUCTION);
  }

  @Test
  void domainReadsNoClock() {
    ArchitectureRules.DOMAIN_READS_NO_CLOCK.check(PRODUCTION);
  }

  @Test
  void applicationDependsOnlyOnDomain() {
    ArchitectureRules.APPLICATION_DEPENDS_ONLY_ON_DOMAIN.check(PRODUCTION);
  }

  @Test
  void adaptersAreIndependent() {
    ArchitectureRules.ADAPTERS_ARE_INDEPENDENT.check(PRODUCTION);
  }

  @Test
  void clientKnowsOnlyTheDomain() {
    ArchitectureRules.CLIENT_KNOWS_ONLY_THE_DOMAIN.check(PRODUCTION);
  }

  @Test
  void nothingDependsOnTheCompositionRoot() {
    ArchitectureRules.NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT.check(PRODUCTION);
  }

  @Test
  void noPackageCycles() {
    ArchitectureRules.NO_PACKAGE_CYCLES.check(PRODUCTION);
  }

  @Test
  void noStandardStreamsJavaUtilLoggingOrGenericExceptions() {
    ArchitectureRules.NO_STANDARD_STREAMS.check(PRODUCTION);
    ArchitectureRules.NO_JAVA_UTIL_LOGGING.check(PRODUCTION);
    ArchitectureRules.NO_GENERIC_EXCEPTIONS.check(PRODUCTION);
  }
}
