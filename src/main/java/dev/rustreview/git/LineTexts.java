package dev.rustreview.git;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Blob texts for line tracing, with the most recently used kept: a version read as a child's text is usually
 * read again soon as its parent's. Bounded in bytes, so a long history of big files cannot fill the heap.
 */
final class LineTexts {

    /** Bigger versions are treated as empty: their lines are attributed to the commit that shrank them. */
    static final int MAX_BLOB_BYTES = 32 * 1024 * 1024;
    private static final long CACHE_BYTES = 64L * 1024 * 1024;

    private final ObjectReader reader;
    private final Map<ObjectId, RawText> recent = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    LineTexts(ObjectReader reader) {
        this.reader = reader;
    }

    /** The blob's text; empty for no blob (null), a binary blob or one over {@link #MAX_BLOB_BYTES}. */
    RawText get(ObjectId blob) throws IOException {
        if (blob == null) {
            return RawText.EMPTY_TEXT;
        }
        RawText text = recent.get(blob);
        if (text != null) {
            return text;
        }
        text = load(blob);
        int size = text.getRawContent().length;
        if (size <= CACHE_BYTES / 4) {
            recent.put(blob, text);
            cachedBytes += size;
            var eldest = recent.entrySet().iterator();
            while (cachedBytes > CACHE_BYTES && eldest.hasNext()) {
                cachedBytes -= eldest.next().getValue().getRawContent().length;
                eldest.remove();
            }
        }
        return text;
    }

    private RawText load(ObjectId blob) throws IOException {
        return read(reader, blob);
    }

    /** A blob's text as {@link #get} gives it, read through {@code reader} (also from prefetch threads). */
    static RawText read(ObjectReader reader, ObjectId blob) throws IOException {
        try {
            byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_BLOB_BYTES);
            return RawText.isBinary(bytes) ? RawText.EMPTY_TEXT : new RawText(bytes);
        } catch (LargeObjectException e) {
            return RawText.EMPTY_TEXT;
        }
    }
}
