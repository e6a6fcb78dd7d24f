package dev.rustreview.check;

import java.time.Duration;

/**
 * How a check runs.
 *
 * @param pedantic    also enable {@code clippy::pedantic}
 * @param noSandbox   build without bubblewrap (the user asked for it; every output says so)
 * @param timeLimit   wall-clock limit for each cargo run
 * @param maxOutput   cargo output beyond this many bytes stops the run
 * @param maxTreeBytes a tree with more bytes of files than this is not materialised
 */
public record CheckOptions(boolean pedantic, boolean noSandbox, Duration timeLimit, long maxOutput, long maxTreeBytes) {

    public static CheckOptions defaults() {
        return new CheckOptions(false, false, Duration.ofMinutes(10), 256L << 20, 2L << 30);
    }

    public CheckOptions withPedantic(boolean value) {
        return new CheckOptions(value, noSandbox, timeLimit, maxOutput, maxTreeBytes);
    }

    public CheckOptions withNoSandbox(boolean value) {
        return new CheckOptions(pedantic, value, timeLimit, maxOutput, maxTreeBytes);
    }

    public CheckOptions withTimeLimit(Duration value) {
        return new CheckOptions(pedantic, noSandbox, value, maxOutput, maxTreeBytes);
    }

    public String lints() {
        return pedantic ? "pedantic" : "default";
    }
}
