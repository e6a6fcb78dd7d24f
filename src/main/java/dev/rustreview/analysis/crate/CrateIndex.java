package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.ParseLimits;
import dev.rustreview.model.SourceReader;
import dev.rustreview.model.TreeFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Builds the {@link CrateModel}s of the crates a change touches from git objects at the head commit: every
 * {@code .rs} file of each touched crate (workspace members found by their {@code Cargo.toml}) is read once,
 * in parallel, into {@link FileFacts} by the token reader ({@link LexicalReader}); facts are cached by blob id
 * (and path, which decides test code), so files unchanged
 * between rounds, commits or the base are never parsed twice in one process.
 */
public final class CrateIndex {

    /** A crate: its root folder ("" for the repository root) and its model. */
    public record Crate(String root, CrateModel model) {
    }

    private static final int CACHE_LIMIT = 20_000;
    private static final Map<String, FileFacts> CACHE = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FileFacts> eldest) {
            return size() > CACHE_LIMIT;
        }
    };

    private final List<Crate> crates;

    private CrateIndex(List<Crate> crates) {
        this.crates = crates;
    }

    /** No crates: every file is then modelled on its own (see {@link #forPath}). */
    public static CrateIndex empty() {
        return new CrateIndex(List.of());
    }

    /** The model of the crate that holds {@code path}, if that crate was indexed. */
    public Optional<CrateModel> forPath(String path) {
        return crates.stream().filter(c -> c.root().isEmpty() || path.startsWith(c.root() + "/"))
                .max(Comparator.comparingInt(c -> c.root().length())).map(Crate::model);
    }

    public List<Crate> crates() {
        return crates;
    }

    /**
     * Indexes the crates of {@code changedPaths} at {@code head}. Files that fail to parse within
     * {@code limits} are left out of the model (their findings come from the per-file analysis).
     */
    public static CrateIndex build(SourceReader sources, String head, Collection<String> changedPaths,
                                   ParseLimits limits, int threads, BooleanSupplier cancelled) {
        if (head == null || changedPaths.stream().noneMatch(p -> p.endsWith(".rs"))) {
            return empty();
        }
        List<TreeFile> files = sources.files(head, List.of(".rs", "Cargo.toml"));
        List<String> roots = new ArrayList<>();
        Map<String, String> manifests = new HashMap<>();
        for (TreeFile f : files) {
            if (f.path().equals("Cargo.toml") || f.path().endsWith("/Cargo.toml")) {
                String root = f.path().equals("Cargo.toml") ? "" : f.path().substring(0, f.path().length() - 11);
                roots.add(root);
                manifests.put(root, f.blobId());
            }
        }
        Map<String, List<TreeFile>> byCrate = new LinkedHashMap<>();
        for (String changed : changedPaths) {
            if (changed.endsWith(".rs")) {
                rootOf(roots, changed).ifPresent(r -> byCrate.putIfAbsent(r, new ArrayList<>()));
            }
        }
        for (TreeFile f : files) {
            if (f.path().endsWith(".rs") && !f.path().contains("/target/")) {
                rootOf(roots, f.path()).filter(byCrate::containsKey).ifPresent(r -> byCrate.get(r).add(f));
            }
        }
        String workspace = manifests.containsKey("") ? sources.blob(manifests.get("")).orElse(null) : null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "rust-review-crate-index");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, FileFacts.LockMacro> workspaceMacros = new HashMap<>();
            for (FileFacts ff : facts(sources, macroFiles(files, byCrate), Edition.E2021, limits, pool, cancelled)) {
                workspaceMacros.putAll(ff.lockMacros());
            }
            List<Crate> crates = new ArrayList<>();
            for (Map.Entry<String, List<TreeFile>> e : byCrate.entrySet()) {
                String manifest = sources.blob(manifests.get(e.getKey())).orElse(null);
                Edition edition = Edition.of(manifest, workspace);
                crates.add(new Crate(e.getKey(), new CrateModel(edition,
                        facts(sources, e.getValue(), edition, limits, pool, cancelled), workspaceMacros)));
            }
            return new CrateIndex(crates);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Workspace files read for their exported macros only: at most this many. */
    private static final int MAX_MACRO_FILES = 64;

    /**
     * The files of crates the change does not touch whose name says they hold macros ({@code macros.rs},
     * {@code macro_utils.rs}): a workspace's lock macros live in a shared crate (zenoh-core's {@code zread!}), and
     * reading every file of every crate for them would cost the whole workspace's index.
     */
    private static List<TreeFile> macroFiles(List<TreeFile> files, Map<String, List<TreeFile>> touched) {
        List<TreeFile> out = new ArrayList<>();
        for (TreeFile f : files) {
            String name = f.path().substring(f.path().lastIndexOf('/') + 1);
            if (out.size() < MAX_MACRO_FILES && name.endsWith(".rs") && name.contains("macro")
                    && !f.path().contains("/target/") && touched.values().stream().noneMatch(l -> l.contains(f))) {
                out.add(f);
            }
        }
        return out;
    }

    private static Optional<String> rootOf(List<String> roots, String path) {
        return roots.stream().filter(r -> r.isEmpty() || path.startsWith(r + "/"))
                .max(Comparator.comparingInt(String::length));
    }

    private static List<FileFacts> facts(SourceReader sources, List<TreeFile> files, Edition edition,
                                         ParseLimits limits, ExecutorService pool, BooleanSupplier cancelled) {
        List<Future<FileFacts>> futures = new ArrayList<>();
        for (TreeFile f : files) {
            futures.add(pool.submit(() -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("analysis cancelled");
                }
                return cached(f, edition, () -> sources.blob(f.blobId()).orElse(null), limits);
            }));
        }
        List<FileFacts> out = new ArrayList<>();
        try {
            for (Future<FileFacts> future : futures) {
                FileFacts ff = future.get();
                if (ff != null) {
                    out.add(ff);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("analysis interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** Forgets every cached file (benchmarks measure a cold index with it). */
    public static void clearCache() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }

    /** Text source for one file, read only when its facts are not cached. */
    interface Text {
        String read();
    }

    static FileFacts cached(TreeFile f, Edition edition, Text text, ParseLimits limits) {
        String key = f.blobId() + ":" + f.path();
        synchronized (CACHE) {
            FileFacts known = CACHE.get(key);
            if (known != null) {
                return known;
            }
        }
        FileFacts facts = read(f.path(), text.read(), edition, limits);
        if (facts != null) {
            synchronized (CACHE) {
                CACHE.put(key, facts);
            }
        }
        return facts;
    }

    /** Parses and reads one file; null when it cannot be read or parsed within the limits. */
    public static FileFacts read(String path, String text, Edition edition, ParseLimits limits) {
        if (text == null) {
            return null;
        }
        if (text.length() > limits.maxBytes()) {
            return null;
        }
        try {
            return LexicalReader.read(path, text, isTestPath(path));
        } catch (RuntimeException e) {
            // A file the index cannot read is left out of the model rather than failing the analysis.
            return null;
        }
    }

    /**
     * Where only tests live: the test and bench folders, {@code *_test.rs}/{@code *_tests.rs}/{@code tests.rs}, and
     * the test-support crates of a workspace ({@code tests-common/}, {@code test-utils/}: iceoryx2's bump allocator
     * tests there drew high US1 findings as if they were the library).
     */
    public static boolean isTestPath(String path) {
        String p = "/" + path.replace('\\', '/');
        return p.contains("/tests/") || p.contains("/benches/") || p.endsWith("_test.rs") || p.endsWith("_tests.rs")
                || p.endsWith("/tests.rs") || TEST_SUPPORT.matcher(p).find();
    }

    private static final java.util.regex.Pattern TEST_SUPPORT =
            java.util.regex.Pattern.compile("/(?:tests?[-_](?:common|utils?|support|helpers?)|testutils?)/");
}
