package dev.rustreview.check;

import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Runs {@code cargo clippy} (or {@code cargo check} when clippy is missing) on the head and on the merge-base,
 * each in a temporary copy written from git objects, and returns what the head introduced on the change. The
 * repository's work tree and its {@code target/} are never used; the temporary folders are deleted afterwards.
 */
public final class CompilerChecker {

    private final Path tempParent;
    /** Tests replace the detected toolchain (one without clippy) to exercise the cargo check fallback. */
    java.util.function.UnaryOperator<Toolchain> toolchainFilter = t -> t;

    /** @param tempParent where temporary copies go (the system's temporary folder by default) */
    public CompilerChecker(Path tempParent) {
        this.tempParent = tempParent;
    }

    public CompilerChecker() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The bubblewrap that would sandbox the build, if one is installed (what the first-run question names). */
    public static java.util.Optional<Path> sandboxProgram() {
        return Sandbox.findBwrap();
    }

    /**
     * The toolchain that would run, and whether a sandbox is available: what the first-run question names.
     *
     * @throws BadInputException when no toolchain is installed
     */
    public Toolchain toolchain(Cancellation cancellation) {
        return withScratch(scratch -> Toolchain.detect(scratch, cancellation));
    }

    /** A check's result, and whether it came from the store instead of a build. */
    public record Outcome(CompilerCheck check, boolean reused) {
    }

    /**
     * The stored result for this head, merge-base, toolchain and lint set when there is one (unless
     * {@code rebuild}), else {@link #check} and store its result next to the review.
     *
     * @param ruleFindings asked only when a build runs (the analysis is not needed to show a stored result)
     */
    public Outcome checkOrReuse(GitRepository git, ChangeSet change, java.util.function.Supplier<List<Finding>> ruleFindings,
                                CheckOptions options, boolean rebuild, Consumer<String> progress, Cancellation cancellation) {
        CheckStore store = new CheckStore(git.gitDir());
        if (!rebuild) {
            progress.accept("looking for a stored result");
            Toolchain toolchain = toolchain(cancellation);
            var stored = store.find(change.toId(), change.mergeBaseId(), toolchain.key(), options.lints());
            if (stored.isPresent()) {
                return new Outcome(stored.get(), true);
            }
        }
        CompilerCheck check = check(git, change, ruleFindings.get(), options, progress, cancellation);
        try {
            store.save(check);
        } catch (IOException e) {
            progress.accept("could not store the result (" + e.getMessage() + "); it will be rebuilt next time");
        }
        return new Outcome(check, false);
    }

    /**
     * Checks {@code change} (its merge-base against its head).
     *
     * @param ruleFindings the analysis's findings, so a clippy lint and the rule about the same concern merge
     * @param progress     short step descriptions, called from this thread
     * @throws BadInputException         with one line for anything the user can fix (no sandbox, missing crate, ...)
     * @throws CancellationException     when {@code cancellation} was cancelled
     */
    public CompilerCheck check(GitRepository git, ChangeSet change, List<Finding> ruleFindings, CheckOptions options,
                               Consumer<String> progress, Cancellation cancellation) {
        long started = System.nanoTime();
        return withScratch(scratch -> {
            Toolchain toolchain = toolchainFilter.apply(
                    Toolchain.detect(Files.createDirectories(scratch.resolve("empty")), cancellation));
            Sandbox sandbox = options.noSandbox() ? null : Sandbox.require(scratch.resolve("empty"), cancellation);
            List<String> notes = new ArrayList<>();
            if (sandbox == null) {
                notes.add("built WITHOUT a sandbox (--no-sandbox): the repository's build scripts and proc macros ran with your rights");
            }
            if (!toolchain.hasClippy()) {
                notes.add("clippy is not installed for " + toolchain.rustcVersion() + ": ran cargo check only"
                        + " (rustup component add clippy adds it)");
            }
            LintGroups groups = toolchain.hasClippy() ? lintGroups(toolchain, scratch.resolve("empty"), cancellation)
                    : LintGroups.empty();
            TreeBuild build = new TreeBuild(toolchain, sandbox, options, cancellation);
            String tool = toolchain.hasClippy() ? "cargo clippy" : "cargo check";
            progress.accept("building the head (" + shortId(change.toId()) + ") with " + tool);
            TreeBuild.Result head = build.build(git, change.toId(), Files.createDirectories(scratch.resolve("head")));
            if (head.failure() != null) {
                throw new BadInputException(head.noManifest()
                        ? "no Cargo.toml at the top of " + shortId(change.toId()) + ": check builds a cargo package or workspace at the repository's root"
                        : "cargo could not build the head (" + shortId(change.toId()) + "): " + head.failure());
            }
            if (head.diagnostics().stream().anyMatch(d -> d.level().equals("error"))) {
                notes.add("the head does not compile: clippy's lints do not run on a crate with errors, so fix the"
                        + " errors and check again to see them");
            }
            List<Diagnostic> baseDiagnostics = List.of();
            if (change.mergeBaseId() != null) {
                progress.accept("building the merge-base (" + shortId(change.mergeBaseId()) + ") with " + tool);
                TreeBuild.Result base = build.build(git, change.mergeBaseId(), Files.createDirectories(scratch.resolve("base")));
                if (base.failure() != null) {
                    notes.add("the merge-base did not build (" + base.failure() + "): every diagnostic on the changed lines counts as introduced");
                }
                baseDiagnostics = base.diagnostics();
            }
            progress.accept("comparing diagnostics");
            ChangeMapper.Mapped mapped = ChangeMapper.map(head.diagnostics(), baseDiagnostics, change, ruleFindings, groups);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            return new CompilerCheck(change.toId(), change.mergeBaseId(), toolchain.key(),
                    toolchain.hasClippy() ? "clippy" : "check", options.lints(), sandbox != null, mapped.findings(),
                    mapped.preExisting(), mapped.outsideChange(), notes, millis);
        });
    }

    private static LintGroups lintGroups(Toolchain toolchain, Path cwd, Cancellation cancellation) throws IOException {
        ProcessRunner.Outcome help = ProcessRunner.run(List.of(toolchain.bin("clippy-driver").toString(), "rustc", "-W", "help"),
                cwd, Map.of(), false, Duration.ofSeconds(60), 8 << 20, cancellation);
        return help.ok() ? LintGroups.parse(help.stdout()) : LintGroups.empty();
    }

    private static String shortId(String id) {
        return id == null ? "none" : id.substring(0, Math.min(7, id.length()));
    }

    /** Work with a temporary folder that is always deleted, whatever happens. */
    private <T> T withScratch(ScratchWork<T> work) {
        Path scratch;
        try {
            Files.createDirectories(tempParent);
            scratch = Files.createTempDirectory(tempParent, "rust-review-check-");
        } catch (IOException e) {
            throw new BadInputException("cannot create a temporary folder in " + tempParent + " (" + e.getMessage()
                    + "): free some space or set java.io.tmpdir");
        }
        try {
            return work.run(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(scratch);
        }
    }

    @FunctionalInterface
    private interface ScratchWork<T> {
        T run(Path scratch) throws IOException;
    }

    /** Deletes links as links, never what they point to; a build may have planted some. */
    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a leftover temporary folder is not worth failing the check for.
        }
    }
}
