package dev.rustreview.git;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads one blob for a diff: its size without loading it, whether it is binary, and its decoded text
 * when it is small enough and not binary.
 */
final class BlobReader {

    /** git's {@code buffer_is_binary} looks for a NUL byte in this many leading bytes. */
    static final int BINARY_PROBE_BYTES = 8000;

    /** A Java array cannot hold more, whatever the configured limit. */
    private static final long MAX_LOADABLE_BYTES = Integer.MAX_VALUE - 8;

    /**
     * What a diff needs to know about one side.
     *
     * @param bytes the content, null when the blob is over the limit
     * @param text  the decoded content, null when the blob is binary or over the limit
     */
    record Blob(long size, boolean tooLarge, boolean binary, byte[] bytes, DecodedText text) {
    }

    private BlobReader() {
    }

    static Blob read(ObjectReader reader, ObjectId id, long maxBytes) throws IOException {
        long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
        ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
        if (size > maxBytes || size > MAX_LOADABLE_BYTES) {
            return new Blob(size, true, isBinary(leadingBytes(loader)), null, null);
        }
        byte[] bytes = loader.getCachedBytes(Integer.MAX_VALUE);
        if (isBinary(bytes)) {
            return new Blob(size, false, true, bytes, null);
        }
        return new Blob(size, false, false, bytes, DecodedText.decode(bytes));
    }

    /** Streams only the probe window so an over-size blob is never held in memory. */
    private static byte[] leadingBytes(ObjectLoader loader) throws IOException {
        try (InputStream in = loader.openStream()) {
            return in.readNBytes(BINARY_PROBE_BYTES);
        }
    }

    /**
     * git's rule, not JGit's {@code RawText.isBinary}: JGit also calls a lone CR binary, which would hide
     * the diff of an old Mac-style file that git shows as text.
     */
    static boolean isBinary(byte[] bytes) {
        int end = Math.min(bytes.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
