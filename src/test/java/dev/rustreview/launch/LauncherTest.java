package dev.rustreview.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Java 8 entry point reads every form of {@code java.specification.version}. */
class LauncherTest {

    @Test
    void readsOldAndNewVersionSchemes() {
        assertThat(Launcher.major("1.8")).isEqualTo(8);
        assertThat(Launcher.major("17")).isEqualTo(17);
        assertThat(Launcher.major("21")).isEqualTo(21);
        assertThat(Launcher.major("25-ea")).isEqualTo(25);
        assertThat(Launcher.major("")).isZero();
        assertThat(Launcher.major("x")).isZero();
    }
}
