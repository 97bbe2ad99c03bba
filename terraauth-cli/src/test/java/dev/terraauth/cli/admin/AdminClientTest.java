package dev.terraauth.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminClientTest {
  /** A gateway URL given with credentials in it is shown without them. */
  @Test
  void theUrlInAMessageNeverCarriesItsUserInfo() {
    assertThat(AdminClient.withoutUserInfo("http://ops:fake-pass-0000@127.0.0.1:9/admin"))
        .isEqualTo("http://127.0.0.1:9")
        .doesNotContain("fake-pass-0000");
    assertThat(AdminClient.withoutUserInfo("https://gw.example")).isEqualTo("https://gw.example");
  }
}
