package dev.rustreview.check;

import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Rust toolchain cargo runs with: its sysroot (bound read-only into the sandbox), and the versions that key
 * stored results. Found from {@code rustc --print sysroot} run in an empty folder, so no repository's
 * {@code rust-toolchain.toml} picks it; inside the sandbox the sysroot's own binaries run, not rustup's proxies.
 *
 * @param clippyVersion null when clippy is not installed for this toolchain
 */
public record Toolchain(Path sysroot, String rustcVersion, String cargoVersion, String clippyVersion) {

    private static final Duration QUICK = Duration.ofSeconds(60);

    public boolean hasClippy() {
        return clippyVersion != null;
    }

    public Path bin(String name) {
        return sysroot.resolve("bin").resolve(name);
    }

    /** What keys stored results: results from another toolchain are not reused. */
    public String key() {
        return rustcVersion + (clippyVersion == null ? "" : " / " + clippyVersion);
    }

    /**
     * The toolchain on {@code PATH} (or in {@code ~/.cargo/bin}, which a desktop session may not have on its path).
     *
     * @throws BadInputException naming what to install when there is none
     */
    public static Toolchain detect(Path scratch, Cancellation cancellation) {
        String rustc = findRustc();
        try {
            String sysroot = firstLine(run(List.of(rustc, "--print", "sysroot"), scratch, cancellation));
            Path root = Path.of(sysroot);
            if (!Files.isExecutable(root.resolve("bin/cargo"))) {
                throw new BadInputException("cargo is not installed next to rustc in " + root
                        + ": install it (rustup component add cargo, or your distribution's cargo package)");
            }
            String rustcVersion = firstLine(run(List.of(root.resolve("bin/rustc").toString(), "-V"), scratch, cancellation));
            String cargoVersion = firstLine(run(List.of(root.resolve("bin/cargo").toString(), "-V"), scratch, cancellation));
            String clippy = null;
            if (Files.isExecutable(root.resolve("bin/cargo-clippy")) && Files.isExecutable(root.resolve("bin/clippy-driver"))) {
                clippy = firstLine(run(List.of(root.resolve("bin/clippy-driver").toString(), "-V"), scratch, cancellation));
            }
            return new Toolchain(root, rustcVersion, cargoVersion, clippy);
        } catch (IOException e) {
            throw new BadInputException("could not run the Rust toolchain (" + e.getMessage()
                    + "): check that rustc and cargo work in a terminal");
        }
    }

    private static String findRustc() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "rustc"))) {
                return Path.of(dir, "rustc").toString();
            }
        }
        Path home = Path.of(System.getProperty("user.home"), ".cargo", "bin", "rustc");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        throw new BadInputException("no Rust toolchain found (rustc is not on PATH or in ~/.cargo/bin):"
                + " install Rust with rustup (https://rustup.rs), then run the check again");
    }

    private static String run(List<String> command, Path cwd, Cancellation cancellation) throws IOException {
        ProcessRunner.Outcome outcome = ProcessRunner.run(command, cwd, Map.of(), false, QUICK, 1 << 20, cancellation);
        if (!outcome.ok()) {
            throw new IOException(String.join(" ", command) + " failed: " + firstLine(outcome.stderrTail()));
        }
        return outcome.stdout();
    }

    static String firstLine(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end).strip();
    }
}
