package dev.rollcall.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.rollcall.adapters.http.planted.HttpAdapterReachingIntoPersistence;
import dev.rollcall.application.planted.UseCaseReachingIntoAnAdapter;
import dev.rollcall.domain.planted.DomainReadingTheClock;
import dev.rollcall.domain.planted.DomainTouchingJooq;
import dev.rollcall.domain.planted.DomainWritingAFile;
import dev.rollcall.planted.a.CycleStart;
import dev.rollcall.planted.b.CycleEnd;
import org.junit.jupiter.api.Test;

/**
 * A rule that cannot fail is worth nothing: each one is shown red on a class planted to break it.
 */
class RulesCatchPlantedViolationsTest {

  private static JavaClasses planted(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  private static void assertRed(ArchRule rule, Class<?>... violators) {
    assertThatThrownBy(() -> rule.check(planted(violators))).isInstanceOf(AssertionError.class);
  }

  @Test
  void domainUsingAFramework_isRed() {
    assertRed(ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_ITSELF_AND_JAVA, DomainTouchingJooq.class);
  }

  @Test
  void domainDoingIo_isRed() {
    assertRed(ArchitectureRules.DOMAIN_DOES_NO_IO, DomainWritingAFile.class);
  }

  @Test
  void domainReadingTheClock_isRed() {
    assertRed(ArchitectureRules.DOMAIN_READS_NO_CLOCK, DomainReadingTheClock.class);
  }

  @Test
  void applicationReachingIntoAnAdapter_isRed() {
    assertRed(
        ArchitectureRules.APPLICATION_DEPENDS_ONLY_ON_DOMAIN, UseCaseReachingIntoAnAdapter.class);
  }

  @Test
  void adapterReachingIntoAnotherAdapter_isRed() {
    assertRed(
        ArchitectureRules.ADAPTERS_ARE_INDEPENDENT,
        HttpAdapterReachingIntoPersistence.class,
        dev.rollcall.adapters.persistence.Database.class);
  }

  @Test
  void packageCycle_isRed() {
    assertRed(ArchitectureRules.NO_PACKAGE_CYCLES, CycleStart.class, CycleEnd.class);
  }

  @Test
  void standardStreams_areRed() {
    assertRed(ArchitectureRules.NO_STANDARD_STREAMS, DomainWritingAFile.class);
  }

  @Test
  void clientReachingIntoTheServer_isRed() {
    assertRed(
        ArchitectureRules.CLIENT_KNOWS_ONLY_THE_DOMAIN,
        dev.rollcall.client.planted.ClientCallingTheServersUseCase.class);
  }

  @Test
  void adapterKnowingTheCompositionRoot_isRed() {
    assertRed(
        ArchitectureRules.NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT,
        dev.rollcall.adapters.http.planted.AdapterKnowingTheCompositionRoot.class);
  }

  @Test
  void javaUtilLoggingAndGenericExceptions_areRed() {
    assertRed(
        ArchitectureRules.NO_JAVA_UTIL_LOGGING,
        dev.rollcall.domain.planted.DomainWithSloppyErrors.class);
    assertRed(
        ArchitectureRules.NO_GENERIC_EXCEPTIONS,
        dev.rollcall.domain.planted.DomainWithSloppyErrors.class);
  }

  @Test
  void theRealDomainClass_isGreen() {
    assertThatCode(
            () ->
                ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_ITSELF_AND_JAVA.check(
                    planted(dev.rollcall.domain.Workspace.class)))
        .doesNotThrowAnyException();
  }
}
