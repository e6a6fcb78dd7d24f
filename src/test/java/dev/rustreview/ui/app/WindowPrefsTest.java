package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowPrefsTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsSizeSplitsThemeAndRepositoryWithoutLeavingTempFiles() throws Exception {
        new WindowPrefs(1600, 900, new double[] {0.2, 0.8}, true, Path.of("/work/repo")).save(dir.resolve("config"));
        WindowPrefs read = WindowPrefs.load(dir.resolve("config"));
        assertThat(read.width()).isEqualTo(1600);
        assertThat(read.height()).isEqualTo(900);
        assertThat(read.dividers()).containsExactly(0.2, 0.8);
        assertThat(read.dark()).isTrue();
        assertThat(read.lastRepo()).isEqualTo(Path.of("/work/repo"));
        try (var files = Files.list(dir.resolve("config"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(WindowPrefs.FILE);
        }
    }

    @Test
    void theNavigatorsGroupingAndNextAfterDecidingAreRemembered() throws Exception {
        assertThat(WindowPrefs.DEFAULTS.grouping()).isEqualTo("PLAN");
        assertThat(WindowPrefs.DEFAULTS.advance()).isTrue();
        new WindowPrefs(1600, 900, new double[] {0.2, 0.8}, false, null, "COMMIT", false).save(dir);
        WindowPrefs read = WindowPrefs.load(dir);
        assertThat(read.grouping()).isEqualTo("COMMIT");
        assertThat(read.advance()).isFalse();
    }

    @Test
    void hidingUnitsUnchangedSinceTheLastRoundIsRemembered() throws Exception {
        assertThat(WindowPrefs.DEFAULTS.hideUnchanged()).isFalse();
        new WindowPrefs(1600, 900, new double[] {0.2, 0.8}, false, null, "PLAN", true, true).save(dir);
        assertThat(WindowPrefs.load(dir).hideUnchanged()).isTrue();
        assertThat(WindowPrefs.load(dir).withLastRepo(null).hideUnchanged()).isTrue();
    }

    @Test
    void missingOrCorruptFilesGiveDefaults() throws Exception {
        assertThat(WindowPrefs.load(dir)).isEqualTo(WindowPrefs.DEFAULTS);
        Files.writeString(dir.resolve(WindowPrefs.FILE), "width=wide\n");
        assertThat(WindowPrefs.load(dir).width()).isEqualTo(WindowPrefs.DEFAULTS.width());
    }
}
