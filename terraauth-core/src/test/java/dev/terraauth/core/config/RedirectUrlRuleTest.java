package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.config.RedirectUrlRule.DeepLinks;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectUrlRuleTest {
  @ParameterizedTest
  @CsvSource({
    "testing, https://app.example/done, ALLOWED",
    "production, https://app.example/done?x=1, REFUSED",
    "staging, myapp://terra/success, ALLOWED",
    "production, com.example.app:/callback, ALLOWED",
    "local, http://127.0.0.1:8788/, REFUSED",
    "local, http://localhost:3000/done, ALLOWED",
    "local, http://[::1]:3000/done, ALLOWED",
    "local, https://app.example/done, REFUSED",
  })
  void accepts(String environment, String url, DeepLinks deepLinks) {
    assertThat(
            RedirectUrlRule.problem(
                Environment.parse(environment), "--success-url", URI.create(url), deepLinks))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "testing | http://app.example/done | ALLOWED | must use https:// outside local (testing)",
        "production | http://127.0.0.1:8788/ | ALLOWED | must use https:// outside local (production)",
        "staging | http://localhost/ | REFUSED | must use https:// outside local (staging)",
        "local | http://192.168.1.20:8788/ | REFUSED | only for a loopback host",
        "local | http://app.example/ | ALLOWED | only for a loopback host",
        "production | myapp://done | REFUSED | must be an https:// URL, not myapp:",
        "testing | javascript:alert(1) | ALLOWED | or an app deep link (myapp://...), not javascript:",
        "testing | data:text/html;base64;x | ALLOWED | not data:",
        "testing | file:///etc/passwd | ALLOWED | not file:",
        "testing | /relative/path | ALLOWED | must be an absolute URL",
      })
  void refusesNamingTheSettingAndTheRule(
      String environment, String url, DeepLinks deepLinks, String rule) {
    assertThat(
            RedirectUrlRule.problem(
                Environment.parse(environment), "--success-url", URI.create(url), deepLinks))
        .hasValueSatisfying(
            message -> assertThat(message).startsWith("--success-url ").contains(rule));
  }

  @ParameterizedTest
  @CsvSource({"http://app.example/", "ftp://files.example/"})
  void requireThrowsAndIgnoresAnUnsetSetting(String url) {
    assertThatThrownBy(
            () ->
                RedirectUrlRule.require(
                    Environment.PRODUCTION, "return_url", URI.create(url), DeepLinks.REFUSED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("return_url ");
    RedirectUrlRule.require(Environment.PRODUCTION, "return_url", null, DeepLinks.REFUSED);
  }
}
