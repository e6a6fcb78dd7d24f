package dev.rustreview.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small std-only cargo crate in a git repository, built with the git command line: {@code main} holds the
 * base and each {@link #branch} an agent branch on top of it. Tests never build in this folder; the checker
 * copies trees out of git objects.
 */
public final class CrateRepo {

    public static final String CARGO_TOML = """
            [package]
            name = "demo"
            version = "0.1.0"
            edition = "2021"

            [dependencies]
            """;

    public final Path dir;

    private CrateRepo(Path dir) {
        this.dir = dir;
    }

    public static CrateRepo create(Path dir, Map<String, String> baseFiles) throws Exception {
        Files.createDirectories(dir);
        CrateRepo repo = new CrateRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.write(baseFiles);
        repo.commit("base");
        return repo;
    }

    /** A branch from main with {@code files} written over main's. */
    public CrateRepo branch(String name, Map<String, String> files) throws Exception {
        git("checkout", "-q", "-b", name, "main");
        write(files);
        commit("agent: " + name);
        git("checkout", "-q", "main");
        return this;
    }

    void write(Map<String, String> files) throws IOException {
        for (var entry : files.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
        }
    }

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message);
    }

    void git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** Fails loudly (never skips) when the toolchain or the sandbox the tests need is missing. */
    public static void requireToolchainAndSandbox() {
        if (Sandbox.findBwrap().isEmpty()) {
            throw new AssertionError("bubblewrap (bwrap) is not installed: the sandboxed check cannot be tested;"
                    + " install it (apt-get install bubblewrap) — .ci/run does this on CI");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(cargoOnPath(),
                "SKIPPED VISIBLY: cargo is not installed on this machine, so no crate can be built");
    }

    static boolean cargoOnPath() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "cargo"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of(System.getProperty("user.home"), ".cargo", "bin", "cargo"));
    }
}
