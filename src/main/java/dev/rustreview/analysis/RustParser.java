package dev.rustreview.analysis;

import java.nio.charset.StandardCharsets;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSParser;
import org.treesitter.TSReader;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterRust;

/**
 * A tree-sitter parser for Rust. Not thread-safe: use one per thread (see {@link #forCurrentThread()}),
 * and do not share the trees it returns across threads.
 */
public final class RustParser implements AutoCloseable {

    private static final ThreadLocal<RustParser> PER_THREAD = ThreadLocal.withInitial(RustParser::new);
    private static final int CHUNK = 64 * 1024;
    private static final long BODY_TIMEOUT_NANOS = 200_000_000L;
    /**
     * Texts whose parse ran out of time, by digest: the same text is parsed again (both sides by the rules, again
     * for the review units, once more in the window), and each try would spend the whole limit to fail again.
     */
    private static final java.util.Map<String, String> TIMED_OUT = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                    return size() > 64;
                }
            });
    /** Smaller texts parse well within any limit; they are not digested. */
    private static final int TIMED_OUT_MIN_BYTES = 16 * 1024;

    private final TSParser parser = new TSParser();
    private final byte[] chunk = new byte[CHUNK];
    private final SymbolTable symbols;

    public RustParser() {
        TreeSitterRust rust = new TreeSitterRust();
        parser.setLanguage(rust);
        symbols = new SymbolTable(rust);
    }

    /** The calling thread's parser, created on first use. */
    public static RustParser forCurrentThread() {
        return PER_THREAD.get();
    }

    /** Parses {@code source} within {@code limits}; a file over them fails with the reason. */
    public RustTree parse(String source, ParseLimits limits) throws ParseFailure {
        return parse(source, limits, TreeMirror.WHOLE);
    }

    /**
     * The items of {@code source} and their direct parts only ({@link TreeMirror#OUTLINE}): enough for
     * {@link ItemSlots}, at about a third of a whole parse's cost. Rules need {@link #parse}.
     */
    RustTree parseOutline(String source, ParseLimits limits) throws ParseFailure {
        return parse(source, limits, TreeMirror.OUTLINE);
    }

    private RustTree parse(String source, ParseLimits limits, int depth) throws ParseFailure {
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > limits.maxBytes()) {
            throw new ParseFailure("file has " + utf8.length + " bytes, over the " + limits.maxBytes()
                    + "-byte parse limit");
        }
        java.time.Duration timeout = limits.timeoutFor(utf8.length);
        String known = utf8.length < TIMED_OUT_MIN_BYTES ? null : TIMED_OUT.get(digest(utf8, timeout));
        if (known != null) {
            throw new ParseFailure(known);
        }
        TSTree tree = parseBytes(utf8, System.nanoTime() + timeout.toNanos());
        if (tree == null) {
            String reason = "parse took longer than " + timeout.toMillis() + " ms";
            if (utf8.length >= TIMED_OUT_MIN_BYTES) {
                rememberTimeout(digest(utf8, timeout), reason);
            }
            throw new ParseFailure(reason);
        }
        Node root;
        try {
            root = TreeMirror.build(tree, utf8, symbols, depth);
        } finally {
            // The mirror holds everything the rules need; the native tree's memory goes back at once.
            tree.close();
        }
        if (depth == TreeMirror.WHOLE) {
            MacroBodies.splice(root, utf8, this::parseBody);
        }
        return new RustTree(root, source, utf8);
    }

    /** A macro body wrapped as a fn, parsed whole; null when it takes longer than a small fixed limit. */
    private Node parseBody(String wrapped) {
        byte[] bytes = wrapped.getBytes(StandardCharsets.UTF_8);
        TSTree tree = parseBytes(bytes, System.nanoTime() + BODY_TIMEOUT_NANOS);
        if (tree == null) {
            return null;
        }
        try {
            return TreeMirror.build(tree, bytes, symbols);
        } finally {
            tree.close();
        }
    }

    private static void rememberTimeout(String digest, String reason) {
        TIMED_OUT.put(digest, reason);
    }

    private static String digest(byte[] utf8, java.time.Duration timeout) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(utf8);
            return java.util.HexFormat.of().formatHex(sha.digest()) + "/" + timeout.toMillis();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The native tree of {@code utf8}, or null (the parser reset) when {@code deadline} passes first. */
    private TSTree parseBytes(byte[] utf8, long deadline) {
        // tree-sitter-ng crashes the JVM when the reader or the progress callback is null: pass both.
        TSReader reader = (buffer, offset, point) -> {
            if (offset >= utf8.length) {
                return 0;
            }
            int n = Math.min(buffer.length, utf8.length - offset);
            System.arraycopy(utf8, offset, buffer, 0, n);
            return n;
        };
        TSTree tree = parser.parseWithOptions(chunk, null, reader, TSInputEncoding.TSInputEncodingUTF8,
                state -> System.nanoTime() > deadline);
        if (tree == null) {
            parser.reset();
        }
        return tree;
    }

    @Override
    public void close() {
        parser.close();
    }
}
