package dev.rustreview.io;

/**
 * With {@code -Drustreview.timings=true}: prints to standard error how long each phase of an analysis took (wall
 * clock), so a slow repository can be told apart by phase without a profiler. Silent otherwise.
 */
public final class PhaseClock {

    private static final boolean ON = Boolean.getBoolean("rustreview.timings");

    private long last = System.nanoTime();

    /** Prints the time since the previous mark (or since this clock was made) under {@code phase}. */
    public void mark(String phase) {
        long now = System.nanoTime();
        if (ON) {
            System.err.printf("timing: %-28s %6d ms%n", phase, (now - last) / 1_000_000);
        }
        last = now;
    }
}
