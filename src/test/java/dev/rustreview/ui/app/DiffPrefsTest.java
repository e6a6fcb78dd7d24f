package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffPrefsTest {

    @TempDir
    Path dir;

    @Test
    void sizeAndWrapAreRememberedAndBadFilesMeanDefaults() throws Exception {
        assertThat(DiffPrefs.load(dir)).isEqualTo(DiffPrefs.DEFAULTS);
        new DiffPrefs(17, true, true).save(dir.resolve("config"));
        assertThat(DiffPrefs.load(dir.resolve("config"))).isEqualTo(new DiffPrefs(17, true, true));
        new DiffPrefs(17, false, false).save(dir.resolve("config"));
        assertThat(DiffPrefs.load(dir.resolve("config"))).isEqualTo(new DiffPrefs(17, false, false));
        Files.writeString(dir.resolve("config/diff.properties"), "fontSize=huge\n");
        assertThat(DiffPrefs.load(dir.resolve("config"))).isEqualTo(DiffPrefs.DEFAULTS);
        assertThat(new DiffPrefs(400, false, false).fontSize()).isEqualTo(32);
    }
}
