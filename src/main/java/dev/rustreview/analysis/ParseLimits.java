package dev.rustreview.analysis;

import java.time.Duration;

/**
 * Bounds for one parse, so that a pathological file (deep nesting, megabyte lines, tens of MB of source)
 * is reported as not analysed instead of hanging or exhausting the process.
 */
public record ParseLimits(Duration timeout, int maxBytes) {

    /** Five seconds and 4 MiB: far above any hand-written Rust file, well below trouble. */
    public static final ParseLimits DEFAULT = new ParseLimits(Duration.ofSeconds(5), 4 * 1024 * 1024);

    /** What a parse of any size may take before the allowance per KiB applies. */
    static final Duration BASE = Duration.ofSeconds(1);
    /** Allowance per KiB: real Rust parses at 5-10 MB/s here, about 0.1-0.2 ms a KiB; this is 20-40 times that. */
    static final Duration PER_KIB = Duration.ofMillis(4);

    /**
     * The time a parse of {@code bytes} may take: {@link #timeout()}, or less for a small file. Error recovery on
     * broken input can take tree-sitter seconds for a file that parses in 50 ms when written by hand (a fuzzed
     * 233 KB file took 4.6 s); such a file is reported as not analysed after 1.9 s instead of 5 s for every parse.
     */
    public Duration timeoutFor(int bytes) {
        Duration scaled = BASE.plus(PER_KIB.multipliedBy(bytes / 1024));
        return scaled.compareTo(timeout) < 0 ? scaled : timeout;
    }
}
