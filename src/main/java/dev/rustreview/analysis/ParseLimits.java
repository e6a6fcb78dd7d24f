package dev.rustreview.analysis;

import java.time.Duration;

/**
 * Bounds for one parse, so that a pathological file (deep nesting, megabyte lines, tens of MB of source)
 * is reported as not analysed instead of hanging or exhausting the process.
 */
public record ParseLimits(Duration timeout, int maxBytes) {

    /** Five seconds and 4 MiB: far above any hand-written Rust file, well below trouble. */
    public static final ParseLimits DEFAULT = new ParseLimits(Duration.ofSeconds(5), 4 * 1024 * 1024);
}
