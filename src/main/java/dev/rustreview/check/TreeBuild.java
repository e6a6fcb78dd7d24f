package dev.rustreview.check;

import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Builds one commit: writes its tree from git objects into a fresh folder, runs cargo there (inside the
 * sandbox unless the user opted out) with a separate fresh target folder, and reads the diagnostics.
 */
final class TreeBuild {

    /** The diagnostics, or why the tree could not be built at all ({@code failure} non-null, diagnostics empty). */
    record Result(List<Diagnostic> diagnostics, String failure, boolean noManifest) {
    }

    private final Toolchain toolchain;
    private final Sandbox sandbox;
    private final CheckOptions options;
    private final Cancellation cancellation;

    /** @param sandbox null only when the user passed {@code --no-sandbox} */
    TreeBuild(Toolchain toolchain, Sandbox sandbox, CheckOptions options, Cancellation cancellation) {
        this.toolchain = toolchain;
        this.sandbox = sandbox;
        this.options = options;
        this.cancellation = cancellation;
    }

    Result build(GitRepository git, String commitId, Path folder) throws IOException {
        Path tree = Files.createDirectories(folder.resolve("src"));
        Path target = Files.createDirectories(folder.resolve("target"));
        git.materialise(commitId, tree, options.maxTreeBytes(), cancellation::isCancelled);
        ProcessRunner.Outcome outcome = run(tree, target);
        if (outcome.cancelled()) {
            throw new CancellationException("cancelled");
        }
        String shortId = commitId.substring(0, Math.min(7, commitId.length()));
        if (outcome.timedOut()) {
            throw new BadInputException("cargo ran longer than " + options.timeLimit().toSeconds() + " s on " + shortId
                    + " and was stopped: raise --time-limit if the project is that large");
        }
        if (outcome.overLimit()) {
            throw new BadInputException("cargo wrote more than " + (options.maxOutput() >> 20) + " MiB on " + shortId
                    + " and was stopped");
        }
        String real = tree.toRealPath().toString();
        List<Diagnostic> diagnostics = new DiagnosticParser(List.of(Sandbox.SRC + "/", real + "/", tree + "/"),
                new ItemLocator(tree)).parse(outcome.stdout());
        if (outcome.ok() || diagnostics.stream().anyMatch(d -> d.level().equals("error"))) {
            return new Result(diagnostics, null, false);
        }
        String stderr = outcome.stderrTail();
        var crate = CargoFailure.missingCrate(stderr);
        if (crate.isPresent()) {
            throw new BadInputException("crate `" + crate.get() + "` is not in your cargo cache and the check runs offline:"
                    + " run `cargo fetch` in your own checkout of this project, then check again");
        }
        return new Result(List.of(), CargoFailure.firstError(stderr), CargoFailure.noManifest(stderr));
    }

    private ProcessRunner.Outcome run(Path tree, Path target) throws IOException {
        List<String> cargo = new ArrayList<>(List.of(toolchain.bin("cargo").toString(),
                toolchain.hasClippy() ? "clippy" : "check", "--message-format=json", "--all-targets", "--offline",
                "--keep-going"));
        if (toolchain.hasClippy() && options.pedantic()) {
            cargo.addAll(List.of("--", "-W", "clippy::pedantic"));
        }
        if (sandbox != null) {
            return ProcessRunner.run(sandbox.wrap(toolchain, tree, target, cargo), tree, Sandbox.environment(toolchain),
                    true, options.timeLimit(), options.maxOutput(), cancellation);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CARGO_TARGET_DIR", target.toString());
        env.put("CARGO_TERM_COLOR", "never");
        env.put("PATH", toolchain.sysroot().resolve("bin") + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        return ProcessRunner.run(cargo, tree, env, false, options.timeLimit(), options.maxOutput(), cancellation);
    }
}
