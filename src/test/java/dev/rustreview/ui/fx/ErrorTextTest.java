package dev.rustreview.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.BadInputException;
import org.junit.jupiter.api.Test;

/** The window's error line: words, the first line only, and the window's own advice instead of CLI flags. */
class ErrorTextTest {

    @Test
    void commandLineAdviceBecomesTheControlThatDoesIt() {
        assertThat(ErrorText.of(new BadInputException("/tmp/x is not a git repository: run rust-review in a repository or pass --repo DIR")))
                .isEqualTo("/tmp/x is not a git repository: open a repository's folder (Repository > Open folder...)");
        assertThat(ErrorText.of(new BadInputException("no base branch found (no origin/HEAD, main or master) in r: pass --base BRANCH")))
                .endsWith("pick a base branch in the top bar").doesNotContain("--");
        assertThat(ErrorText.of(new BadInputException("no branch has commits that main lacks in r: pass --head BRANCH")))
                .endsWith("pick a head branch in the top bar");
    }

    @Test
    void aBugSaysSoInOneLine() {
        assertThat(ErrorText.of(new IllegalStateException("boom\n\tat x.y")))
                .isEqualTo("Something went wrong: boom (this is a bug; please report it)");
    }
}
