package dev.rustreview.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void settingsFollowPlatformConventions() {
        assertThat(AppDirs.of(Map.of("XDG_CONFIG_HOME", "/cfg"), "Linux", home).settingsFile())
                .isEqualTo(Path.of("/cfg/rust-review/settings.json"));
        assertThat(AppDirs.of(Map.of(), "Linux", home).settingsFile())
                .isEqualTo(Path.of("/home/ada/.config/rust-review/settings.json"));
        assertThat(AppDirs.of(Map.of("XDG_CONFIG_HOME", "relative"), "Linux", home).settingsFile())
                .isEqualTo(Path.of("/home/ada/.config/rust-review/settings.json"));
        assertThat(AppDirs.of(Map.of(), "Mac OS X", home).settingsFile())
                .isEqualTo(Path.of("/home/ada/Library/Application Support/rust-review/settings.json"));
        assertThat(AppDirs.of(Map.of(), "Windows 11", home).settingsFile())
                .isEqualTo(Path.of("/home/ada/AppData/Roaming/rust-review/settings.json"));
    }

    @Test
    void cacheFollowsPlatformConventions() {
        assertThat(AppDirs.of(Map.of(), "Linux", home).samples()).isEqualTo(Path.of("/home/ada/.cache/rust-review/samples"));
        assertThat(AppDirs.of(Map.of("XDG_CACHE_HOME", "/c"), "Linux", home).cache()).isEqualTo(Path.of("/c/rust-review"));
        assertThat(AppDirs.of(Map.of(), "Mac OS X", home).cache()).isEqualTo(Path.of("/home/ada/Library/Caches/rust-review"));
        assertThat(AppDirs.of(Map.of("LOCALAPPDATA", "/w/Local"), "Windows 10", home).cache())
                .isEqualTo(Path.of("/w/Local/rust-review/cache"));
    }

    @Test
    void homeFollowsTheEnvironmentUnlessUserHomeIsGivenOnTheCommandLine() {
        assertThat(AppDirs.home("/home/elsewhere", "/root", false)).isEqualTo(Path.of("/home/elsewhere"));
        assertThat(AppDirs.home("/home/elsewhere", "/tmp/first-run", true)).isEqualTo(Path.of("/tmp/first-run"));
        assertThat(AppDirs.home(null, "/root", false)).isEqualTo(Path.of("/root"));
        assertThat(AppDirs.home("relative/home", "/root", false)).isEqualTo(Path.of("/root"));
    }

    @Test
    void rustReviewHomeOverridesEverything() {
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", "/tmp/rr", "XDG_CACHE_HOME", "/c"), "Linux", home);
        assertThat(dirs.cache()).isEqualTo(Path.of("/tmp/rr/cache"));
        assertThat(dirs.config()).isEqualTo(Path.of("/tmp/rr/config"));
    }
}
