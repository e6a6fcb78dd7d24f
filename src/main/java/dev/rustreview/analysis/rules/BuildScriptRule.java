package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * BD2: code that runs at build time. One finding per changed hunk of a build script, a proc-macro source
 * file or {@code .cargo/config(.toml)}, plus Cargo.toml turning a crate into a proc-macro crate or pointing
 * {@code build =} at a script.
 */
public final class BuildScriptRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("BD2", RiskArea.BUILD, Severity.HIGH, "build-time code changed",
            "Changed hunks of build.rs, of proc-macro sources (#[proc_macro*] or use of the proc_macro crate) and "
                    + "of .cargo/config(.toml); proc-macro = true or build = \"..\" set in Cargo.toml.",
            "A build script named by `build =` in another package, and helper modules of a proc-macro crate that do "
                    + "not mention proc_macro themselves, are not recognised.");

    private static final java.util.regex.Pattern USE_PROC_MACRO = java.util.regex.Pattern.compile("\\buse\\s+proc_macro::");
    private static final String WHY = " runs on the reviewer's machine, every developer's machine and CI as soon "
            + "as the crate is built (even by `cargo check` or an IDE), with their user's permissions, network and "
            + "credentials.";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        String path = file.path().replace('\\', '/');
        String lower = "/" + path.toLowerCase(Locale.ROOT);
        List<Finding> out = new ArrayList<>();
        if (lower.endsWith("/build.rs") && !lower.contains("/src/")) {
            perHunk(file, "build script `" + path + "`", "The build script" + WHY, List.of(), out);
        } else if (lower.contains("/.cargo/config")) {
            perHunk(file, "Cargo configuration `" + path + "`", "Cargo configuration (rustflags, linker, runner, "
                    + "rustc-wrapper, [env], [source] replacement) changes how every build" + WHY, List.of(), out);
        } else if (file.isRust() && isProcMacroSource(file)) {
            perHunk(file, "proc-macro source `" + path + "`", "A procedural macro is compiled and then executed "
                    + "inside the compiler: it" + WHY, procMacroFns(file.newTree()), out);
        } else if (DependencyRule.isManifest(path)) {
            manifest(file, out);
        }
        return out;
    }

    private static boolean isProcMacroSource(ChangedFile file) {
        String text = file.newText() != null ? file.newText() : file.oldText();
        return text != null && (text.contains("extern crate proc_macro;") || USE_PROC_MACRO.matcher(text).find()
                || text.contains("#[proc_macro"));
    }

    private static void perHunk(ChangedFile file, String what, String why, List<Node> macroFns, List<Finding> out) {
        for (Hunk hunk : file.change().hunks()) {
            int first = 0;
            int last = 0;
            int oldFirst = 0;
            int oldLast = 0;
            Set<String> notes = new LinkedHashSet<>();
            for (DiffLine line : hunk.lines()) {
                if (line.isAdded() && isCode(line.text())) {
                    first = first == 0 ? line.newLine() : first;
                    last = line.newLine();
                    notes.addAll(notes(line.text()));
                } else if (line.isRemoved() && isCode(line.text())) {
                    oldFirst = oldFirst == 0 ? line.oldLine() : oldFirst;
                    oldLast = line.oldLine();
                }
            }
            boolean onNew = first > 0;
            if (!onNew && oldFirst == 0) {
                continue;
            }
            FindingBuilder b = onNew ? FindingBuilder.lines(INFO, file, Side.NEW, first, last)
                    : FindingBuilder.lines(INFO, file, Side.OLD, oldFirst, oldLast);
            String macros = onNew ? procMacros(file.newTree(), macroFns, first, last) : "";
            out.add(b.object(file.path())
                    .title(what + (onNew ? " changed" : ": code removed") + macros)
                    .explanation(why + (notes.isEmpty() ? "" : " The added lines " + String.join("; ", notes) + "."))
                    .check("Read every line as code that will run unsandboxed on your machine: look for process "
                            + "spawning, network access, file writes outside OUT_DIR and environment reads.")
                    .build());
        }
    }

    private static boolean isCode(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.startsWith("//")) {
            return false;
        }
        // `#` starts a TOML comment; in Rust it starts an attribute, which is code.
        return !t.startsWith("#") || t.startsWith("#[") || t.startsWith("#![");
    }

    private static List<String> notes(String line) {
        List<String> notes = new ArrayList<>();
        if (line.contains("Command::new") || line.contains("process::Command")) {
            notes.add("spawn a process");
        }
        if (line.matches(".*\\b(reqwest|ureq|curl|TcpStream|http://|https://).*")) {
            notes.add("reach the network");
        }
        if (line.contains("cargo:rustc-link") || line.contains("cargo::rustc-link")) {
            notes.add("change what is linked");
        }
        if (line.matches(".*\\b(rustflags|linker|runner|rustc-wrapper|rustc_wrapper|replace-with)\\b.*")) {
            notes.add("set `" + line.trim() + "`");
        }
        return notes;
    }

    /** The {@code #[proc_macro*]} fns of the file. */
    private static List<Node> procMacroFns(RustTree tree) {
        if (tree == null) {
            return List.of();
        }
        return TreeIndex.of(tree).nodes("function_item").stream()
                .filter(fn -> Syntax.attributes(fn).stream().anyMatch(a -> tree.text(a).startsWith("#[proc_macro")))
                .toList();
    }

    private static String procMacros(RustTree tree, List<Node> macroFns, int first, int last) {
        List<String> names = new ArrayList<>();
        for (Node fn : macroFns) {
            if (RustTree.startLine(fn) <= last && RustTree.endLine(fn) >= first) {
                names.add("`" + SafetySyntax.name(tree, fn) + "`");
            }
        }
        return names.isEmpty() ? "" : " (proc macro " + String.join(", ", names) + ")";
    }

    private static void manifest(ChangedFile file, List<Finding> out) {
        CargoToml before = CargoToml.parse(file.oldText());
        CargoToml after = CargoToml.parse(file.newText());
        for (List<String> key : List.of(List.of("proc-macro"), List.of("proc_macro"))) {
            after.find(List.of("lib"), key).ifPresent(e -> {
                boolean wasSet = before.find(List.of("lib"), key).map(o -> o.value().equals("true")).orElse(false);
                if (e.value().equals("true") && !wasSet && file.anyAdded(e.startLine(), e.endLine())) {
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, e.startLine(), e.endLine())
                            .object("proc-macro = true")
                            .title("crate becomes a proc-macro crate")
                            .explanation("`proc-macro = true` makes this crate's code run inside the compiler of "
                                    + "every crate that uses its macros: it" + WHY)
                            .check("Review the macro code as build-time code, and check the crate really needs to be a proc macro.")
                            .build());
                }
            });
        }
        after.find(List.of("package"), List.of("build")).ifPresent(e -> {
            String was = before.find(List.of("package"), List.of("build")).map(CargoToml.Entry::value).orElse(null);
            if (!e.value().equals(was) && file.anyAdded(e.startLine(), e.endLine())) {
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, e.startLine(), e.endLine())
                        .object("build = " + e.value())
                        .title("build script set to " + e.value())
                        .explanation("`build = " + e.value() + "` names the script Cargo compiles and runs before "
                                + "the crate: it" + WHY)
                        .check("Review the named script as code that runs at build time.")
                        .build());
            }
        });
    }
}
