package dev.rollcall.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.domain.EnrollmentMode;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void givenOpenEnrollmentAndNoHost_thenOnlyThisMachineCanReachTheRegistry() {
    // Anyone who reaches an open registry can register a workspace: loopback unless told.
    assertThat(ServerConfig.defaultHost(EnrollmentMode.OPEN)).isEqualTo("127.0.0.1");
  }

  @Test
  void givenEnrolledAndNoHost_thenTheRegistryListensOnEveryInterface() {
    assertThat(ServerConfig.defaultHost(EnrollmentMode.ENROLLED)).isEqualTo("0.0.0.0");
  }
}
