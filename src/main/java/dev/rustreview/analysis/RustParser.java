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
        TSTree tree = parseBytes(utf8, System.nanoTime() + limits.timeout().toNanos());
        if (tree == null) {
            throw new ParseFailure("parse took longer than " + limits.timeout().toMillis() + " ms");
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
