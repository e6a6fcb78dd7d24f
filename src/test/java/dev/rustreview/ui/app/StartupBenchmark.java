package dev.rustreview.ui.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the packaged window, as a user launches it: {@code java -jar target/rust-review.jar} on the
 * bundled sample, a new JVM per run, timed from the JVM's start to the first painted frame and to the first
 * review unit shown ({@link StartupTrace}), without and with an AppCDS archive. Needs a display (run it under
 * Xvfb); prints numbers, asserts nothing.
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q test-compile exec:exec@startup-benchmark [-Druns=N]</pre>
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank()) {
            System.err.println("startup benchmark: no DISPLAY; run it under Xvfb (DISPLAY=:1 after `Xvfb :1 &`)");
            System.exit(2);
        }
        Path jar = Path.of(args.length > 0 ? args[0] : "target/rust-review.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("startup benchmark: " + jar + " not found; run ./mvnw -q package -DskipTests first");
            System.exit(2);
        }
        int runs = Integer.getInteger("runs", 5);
        Path home = Files.createTempDirectory("rust-review-startup");
        Path archive = home.resolve("rust-review.jsa");
        // The first launch builds the sample repository under the home; later ones find it, as a user's do.
        launch(jar, home, List.of());
        launch(jar, home, List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive"));
        for (String mode : List.of("plain", "AppCDS")) {
            List<long[]> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                List<String> flags = mode.equals("plain") ? List.of()
                        : List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off");
                long[] t = launch(jar, home, flags);
                times.add(t);
                System.out.printf("%-6s run %d: first frame %5d ms, first unit shown %5d ms%n", mode, i + 1, t[0], t[1]);
            }
            System.out.printf("%-6s best: first frame %d ms, first unit %d ms; median: %d ms, %d ms%n", mode,
                    times.stream().mapToLong(t -> t[0]).min().orElse(-1), times.stream().mapToLong(t -> t[1]).min().orElse(-1),
                    median(times, 0), median(times, 1));
        }
    }

    private static long median(List<long[]> times, int k) {
        long[] v = times.stream().mapToLong(t -> t[k]).sorted().toArray();
        return v.length == 0 ? -1 : v[v.length / 2];
    }

    /** Launches the window, reads its two trace lines, then ends it; -1 for a line that did not come in 60 s. */
    private static long[] launch(Path jar, Path home, List<String> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-Drustreview.startupTrace=true");
        cmd.add("-Duser.home=" + home);
        cmd.add("-jar");
        cmd.add(jar.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long[] t = {-1, -1};
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("startup: first frame ")) {
                        t[0] = Long.parseLong(line.replaceAll("\\D+", ""));
                    } else if (line.startsWith("startup: first unit shown ")) {
                        t[1] = Long.parseLong(line.replaceAll("\\D+", ""));
                        return;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process ended: the times stay -1
            }
        });
        reader.start();
        reader.join(60_000);
        // SIGTERM: the window closes normally, so an AppCDS archive is written on the first run.
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return t;
    }
}
