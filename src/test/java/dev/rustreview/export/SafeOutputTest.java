package dev.rustreview.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeOutputTest {

    @TempDir
    Path dir;

    @Test
    void branchNamesBecomePlainFileNames() {
        assertThat(SafeOutput.fileName("agent/fix-\"x\"", "md")).isEqualTo("review-agent-fix-x.md");
        assertThat(SafeOutput.fileName("../../etc/passwd", "html")).isEqualTo("review-etc-passwd.html");
        assertThat(SafeOutput.fileName("/abs/..", "json")).isEqualTo("review-abs.json");
        assertThat(SafeOutput.sanitize("..")).isEqualTo("review");
        assertThat(SafeOutput.sanitize("a\u202Eb<script>")).isEqualTo("a-b-script");
    }

    @Test
    void derivedNamesNeverLeaveTheChosenFolder() {
        assertThat(SafeOutput.resolve(dir, "review-x.md")).isEqualTo(dir.toAbsolutePath().resolve("review-x.md"));
        for (String bad : new String[] {"..", "../x", "/etc/x", "a/../../x", "sub/x"}) {
            assertThatThrownBy(() -> SafeOutput.resolve(dir, bad)).as(bad).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("refusing to write");
        }
    }

    @Test
    void anExistingFileIsReplacedWholeWithNoTempFileLeft() throws Exception {
        Path f = dir.resolve("r.md");
        Files.writeString(f, "old");
        SafeOutput.write(f, "new".getBytes());
        assertThat(Files.readString(f)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }
}
