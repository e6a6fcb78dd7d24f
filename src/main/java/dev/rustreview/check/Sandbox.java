package dev.rustreview.check;

import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the bubblewrap command line cargo runs under: no network, new PID/IPC/UTS namespaces, the system's
 * {@code /usr} and a few {@code /etc} files, the toolchain and the user's cargo registry cache read-only, a
 * fresh empty {@code $HOME} and {@code $CARGO_HOME}, and the temporary tree and target folder as the only
 * writable paths from the host. Killing bubblewrap kills everything inside ({@code --die-with-parent} plus the
 * PID namespace).
 */
final class Sandbox {

    static final String SRC = "/rr/src";
    static final String TARGET = "/rr/target";
    private static final String HOME = "/rr/home";
    private static final String CARGO_HOME = "/rr/cargo-home";
    private static final List<String> ETC = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
            "/etc/alternatives", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/localtime");

    private final Path bwrap;

    private Sandbox(Path bwrap) {
        this.bwrap = bwrap;
    }

    /** The bubblewrap on {@code PATH}, if any. */
    static Optional<Path> findBwrap() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "bwrap"))) {
                return Optional.of(Path.of(dir, "bwrap"));
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/bwrap")) ? Optional.of(Path.of("/usr/bin/bwrap")) : Optional.empty();
    }

    /**
     * A working sandbox, or a one-line refusal naming what to install (or, when bubblewrap exists but cannot
     * create namespaces here, why).
     */
    static Sandbox require(Path scratch, Cancellation cancellation) {
        return require(System.getProperty("os.name", ""), findBwrap(), scratch, cancellation);
    }

    /** As above for an operating system named {@code osName} with {@code found} as the bubblewrap found. */
    static Sandbox require(String osName, Optional<Path> found, Path scratch, Cancellation cancellation) {
        if (!osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new BadInputException("no sandbox for building untrusted code on " + osName
                    + " (bubblewrap is Linux only): pass --no-sandbox to build without one, at your own risk");
        }
        Path bwrap = found.orElseThrow(() -> new BadInputException(
                "bubblewrap (bwrap) is not installed, so the repository's code cannot be built in a sandbox:"
                        + " install it (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap)"
                        + " or pass --no-sandbox to build without one"));
        try {
            ProcessRunner.Outcome probe = ProcessRunner.run(List.of(bwrap.toString(), "--ro-bind", "/", "/",
                    "--unshare-net", "--unshare-pid", "--die-with-parent", "true"), scratch, Map.of(), false,
                    Duration.ofSeconds(30), 1 << 16, cancellation);
            if (!probe.ok()) {
                throw new BadInputException("bubblewrap cannot create a sandbox here ("
                        + Toolchain.firstLine(probe.stderrTail()) + "): allow unprivileged user namespaces"
                        + " (e.g. sysctl kernel.unprivileged_userns_clone=1) or pass --no-sandbox");
            }
        } catch (IOException e) {
            throw new BadInputException("could not run " + bwrap + " (" + e.getMessage() + "): reinstall bubblewrap or pass --no-sandbox");
        }
        return new Sandbox(bwrap);
    }

    /** The full command: bubblewrap, its mounts, then {@code inner} run in the tree. */
    List<String> wrap(Toolchain toolchain, Path tree, Path target, List<String> inner) {
        List<String> cmd = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--new-session",
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32")) {
            Path path = Path.of(top);
            if (Files.isSymbolicLink(path)) {
                cmd.addAll(List.of("--symlink", readLink(path), top));
            } else if (Files.isDirectory(path)) {
                cmd.addAll(List.of("--ro-bind", top, top));
            }
        }
        for (String etc : ETC) {
            cmd.addAll(List.of("--ro-bind-try", etc, etc));
        }
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", HOME,
                "--tmpfs", CARGO_HOME, "--ro-bind", toolchain.sysroot().toString(), toolchain.sysroot().toString()));
        Path cargoHome = userCargoHome();
        for (String cache : List.of("registry", "git")) {
            cmd.addAll(List.of("--ro-bind-try", cargoHome.resolve(cache).toString(), CARGO_HOME + "/" + cache));
        }
        cmd.addAll(List.of("--bind", tree.toString(), SRC, "--bind", target.toString(), TARGET, "--chdir", SRC, "--"));
        cmd.addAll(inner);
        return cmd;
    }

    /** The only environment cargo sees inside (the host's is cleared). */
    static Map<String, String> environment(Toolchain toolchain) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", toolchain.sysroot().resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", HOME);
        env.put("CARGO_HOME", CARGO_HOME);
        env.put("CARGO_TARGET_DIR", TARGET);
        env.put("CARGO_TERM_COLOR", "never");
        env.put("TMPDIR", "/tmp");
        env.put("LANG", "C.UTF-8");
        return env;
    }

    static Path userCargoHome() {
        String env = System.getenv("CARGO_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cargo");
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "usr" + link;
        }
    }
}
