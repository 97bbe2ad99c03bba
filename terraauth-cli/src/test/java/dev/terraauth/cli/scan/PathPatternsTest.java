package dev.terraauth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {
  private final PathPatterns patterns =
      PathPatterns.parse(
          List.of("# comment", "*.log", "/build/", "docs/**/draft-*.md", "!keep.log", "tmp"));

  @Test
  void followsGitignoreRules() {
    assertThat(patterns.ignores("a.log", false)).isTrue();
    assertThat(patterns.ignores("deep/dir/a.log", false)).isTrue();
    assertThat(patterns.ignores("keep.log", false)).isFalse();
    assertThat(patterns.ignores("build", true)).isTrue();
    assertThat(patterns.ignores("build/x/y.txt", false)).isTrue();
    assertThat(patterns.ignores("sub/build/y.txt", false)).isFalse();
    assertThat(patterns.ignores("build", false)).isFalse();
    assertThat(patterns.ignores("docs/a/b/draft-1.md", false)).isTrue();
    assertThat(patterns.ignores("docs/draft-1.md", false)).isTrue();
    assertThat(patterns.ignores("x/tmp/file", false)).isTrue();
    assertThat(patterns.ignores("src/Main.java", false)).isFalse();
  }
}
