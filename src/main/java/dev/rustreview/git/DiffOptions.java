package dev.rustreview.git;

/**
 * Limits applied while building a diff.
 *
 * @param maxFileBytes a side larger than this is listed with its size but not loaded, decoded or diffed
 */
public record DiffOptions(long maxFileBytes) {

    /** 8 MiB: far above any hand-written source file, small enough to keep a huge generated file out of memory. */
    public static final long DEFAULT_MAX_FILE_BYTES = 8L * 1024 * 1024;

    /** The limits the application uses unless told otherwise. */
    public static final DiffOptions DEFAULT = new DiffOptions(DEFAULT_MAX_FILE_BYTES);

    public DiffOptions {
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("maxFileBytes must be >= 0, got " + maxFileBytes);
        }
    }
}
