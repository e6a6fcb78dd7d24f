package dev.rustreview.ui.app;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * With {@code -Drustreview.startupTrace=true}: prints, once each, how long after the user's JVM started (the one that
 * relaunched this one, if any) the first frame
 * was painted and the first review unit was shown (the analysis arrived and selected it), and the steps before the
 * first frame. The startup benchmark reads these lines; nothing else prints them.
 */
final class StartupTrace {

    private StartupTrace() {
    }

    /** Prints when a step of the start-up ended (the toolkit started, the window built, shown), when tracing. */
    static void mark(String step) {
        if (Boolean.getBoolean("rustreview.startupTrace")) {
            System.out.println("startup: " + step + " " + (System.currentTimeMillis() - launchedAt()) + " ms");
        }
    }

    /** From the user's `java`, when that JVM started this one tuned for the window (TunedJvm). */
    private static long launchedAt() {
        return Long.getLong("rustreview.launchedAt", ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    static void install(MainWindow window) {
        long jvmStart = launchedAt();
        // The first pulse after the stage is shown is the one that paints its first frame.
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                System.out.println("startup: first frame " + (System.currentTimeMillis() - jvmStart) + " ms");
            }
        }.start();
        boolean[] told = {false};
        window.navigator().selectedProperty().addListener((obs, o, ref) -> {
            if (ref != null && !told[0]) {
                told[0] = true;
                // After the layout that shows it: the next pulse.
                Platform.runLater(() -> System.out.println("startup: first unit shown "
                        + (System.currentTimeMillis() - jvmStart) + " ms"));
            }
        });
    }
}
