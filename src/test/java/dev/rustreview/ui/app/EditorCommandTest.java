package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditorCommandTest {

    private static final Path FILE = Path.of("/tmp/rust-review-open/abc/src/my lib.rs");

    @Test
    void aTemplateNamesFileAndLineAndIsNeverPassedThroughAShell() {
        assertThat(EditorCommand.of(Map.of("RUST_REVIEW_EDITOR", "code --goto {file}:{line}", "EDITOR", "vi"), "Linux",
                FILE, 42).argv()).containsExactly("code", "--goto", FILE + ":42");
        assertThat(EditorCommand.of(Map.of("RUST_REVIEW_EDITOR", "'/opt/My Editor/bin/ed' --line {line}"), "Linux",
                FILE, 7).argv()).containsExactly("/opt/My Editor/bin/ed", "--line", "7", FILE.toString());
        assertThat(EditorCommand.of(Map.of("RUST_REVIEW_EDITOR", "subl {file}:{line}; rm -rf ~"), "Linux", FILE, 1)
                .argv()).containsExactly("subl", FILE + ":1;", "rm", "-rf", "~"); // words, not shell syntax
    }

    @Test
    void visualThenEditorGetPlusLineThenTheFile() {
        assertThat(EditorCommand.of(Map.of("VISUAL", "emacsclient -c", "EDITOR", "vi"), "Linux", FILE, 9).argv())
                .containsExactly("emacsclient", "-c", "+9", FILE.toString());
        assertThat(EditorCommand.of(Map.of("EDITOR", "nano"), "Linux", FILE, 0).argv())
                .containsExactly("nano", "+1", FILE.toString());
    }

    @Test
    void withoutAnyEditorTheDesktopOpenerIsUsed() {
        assertThat(EditorCommand.of(Map.of(), "Linux", FILE, 3).argv()).containsExactly("xdg-open", FILE.toString());
        assertThat(EditorCommand.of(Map.of("EDITOR", " "), "Mac OS X", FILE, 3).argv()).containsExactly("open", FILE.toString());
    }
}
