package dev.rustreview.analysis.fuzz;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.ParseLimits;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RustParser;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.LexicalReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Replays one input the harness saved, stage by stage with timings (token reader, parse, each rule, the whole
 * pass), to see where a hang or crash lives: {@code java ... FuzzReplay FILE.rs [PATH_IN_CRATE [EDITION]]}.
 * {@code FILE.old.rs} is used as the old side and {@code FILE.sibling.rs} as the crate's other file when present
 * (the harness saves both; its {@code FILE.txt} names the path and edition). {@code nesting:SHAPE:DEPTH} and
 * {@code macro:KIND:ARMS} replay the harness's generated inputs instead of a file.
 */
public final class FuzzReplay {

    private FuzzReplay() {
    }

    public static void main(String[] args) throws Exception {
        String path = args.length > 1 ? args[1] : "src/lib.rs";
        String generated;
        String before = null;
        if (args[0].matches("(nesting|macro):\\d+:\\d+")) {
            String[] g = args[0].split(":");
            int n = Integer.parseInt(g[2]);
            generated = g[0].equals("nesting") ? Mutator.nesting(Integer.parseInt(g[1]), n)
                    : Mutator.hugeMacro(Integer.parseInt(g[1]), n);
        } else {
            Path file = Path.of(args[0]);
            generated = Mutator.decode(Files.readAllBytes(file));
            Path oldFile = Path.of(file.toString().replaceAll("\\.rs$", ".old.rs"));
            before = Files.exists(oldFile) ? Files.readString(oldFile, StandardCharsets.UTF_8) : null;
        }
        String text = generated;
        String oldText = before;
        time("token reader", () -> LexicalReader.read(path, text, false));
        RustTree tree = time("parse", () -> RustParser.forCurrentThread().parse(text, ParseLimits.DEFAULT));
        RustTree oldTree = oldText == null ? null
                : time("parse old", () -> RustParser.forCurrentThread().parse(oldText, ParseLimits.DEFAULT));
        Path siblingFile = args[0].matches("(nesting|macro):\\d+:\\d+") ? null
                : Path.of(args[0].replaceAll("\\.rs$", ".sibling.rs"));
        String sibling = siblingFile != null && Files.exists(siblingFile)
                ? Files.readString(siblingFile, StandardCharsets.UTF_8) : "fn sibling() {}\n";
        String edition = args.length > 2 ? args[2] : "2021";
        FuzzChange change = new FuzzChange(path, oldText, text, sibling, edition);
        ChangedFile changed = new ChangedFile(change.changeSet().files().get(0), oldText, text, oldTree, tree);
        time("crate model", changed::crate);
        for (RiskRule rule : ChangeAnalyzer.allRules()) {
            time("rule " + rule.info().id(), () -> rule.check(changed));
        }
        time("whole pass", () -> new AnalyzerPass().run(change, () -> false));
        System.exit(0);
    }

    private static <T> T time(String what, Callable<T> step) throws Exception {
        long start = System.nanoTime();
        try {
            return step.call();
        } catch (Throwable t) {
            System.out.println(what + " FAILED: " + t);
            StackTraceElement[] st = t.getStackTrace();
            for (int i = 0; i < Math.min(12, st.length); i++) {
                System.out.println("    at " + st[i]);
            }
            if (t.getCause() != null) {
                System.out.println("  cause: " + t.getCause());
                for (StackTraceElement e : java.util.Arrays.copyOf(t.getCause().getStackTrace(), 12)) {
                    System.out.println("    at " + e);
                }
            }
            return null;
        } finally {
            System.out.printf(Locale.ROOT, "%-14s %8.1f ms%n", what, (System.nanoTime() - start) / 1e6);
        }
    }
}
