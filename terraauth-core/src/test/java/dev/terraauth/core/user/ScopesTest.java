package dev.terraauth.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {
  @Test
  void parseKeepsOrderOfAppearanceDropsBlanksAndDuplicates() {
    assertThat(Scopes.parse(" B, A ,,B ")).containsExactly("B", "A");
    assertThat(Scopes.parse(null)).isEmpty();
    assertThat(Scopes.parse(" ")).isEmpty();
  }

  @Test
  void applyAddsThenRemoves() {
    assertThat(Scopes.apply(Set.of("A", "B"), Set.of("C", "A"), Set.of("B", "X")))
        .containsExactlyInAnyOrder("A", "C");
  }

  @Test
  void sortedIsDistinctNaturallyOrderedAndUnmodifiable() {
    List<String> sorted = Scopes.sorted(List.of("b", "B", "a", "b"));

    assertThat(sorted).containsExactly("B", "a", "b");
    assertThatThrownBy(() -> sorted.add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(Scopes.sorted(Set.of())).isEmpty();
  }

  @Test
  void formatIsTheCanonicalCommaSeparatedText() {
    assertThat(Scopes.format(Scopes.parse("SLEEP, ACTIVITY,SLEEP"))).isEqualTo("ACTIVITY,SLEEP");
    assertThat(Scopes.format(List.of())).isEmpty();
  }

  @Test
  void terraUserRequiresIdsAndParsesItsScopes() {
    TerraUser user = new TerraUser("u-1", "GARMIN", null, null, "B,A", null, null);

    assertThat(user.scopeSet()).containsExactly("B", "A");
    assertThat(user.withReferenceId("r").referenceId()).isEqualTo("r");
    assertThatThrownBy(() -> new TerraUser(" ", "GARMIN", null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TerraUser("u-1", "", null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
