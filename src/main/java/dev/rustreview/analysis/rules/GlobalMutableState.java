package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;
import dev.rustreview.analysis.crate.TreeCache;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SS2: {@code static mut} and globals or constants holding locks and cells. */
public final class GlobalMutableState implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("SS2", RiskArea.SHARED_STATE, Severity.HIGH,
            "Global mutable state",
            "`static mut`, a `static` (also inside `lazy_static!` or `thread_local!`, or wrapped in `OnceLock`, "
                    + "`LazyLock`, `once_cell` `Lazy`) whose type holds a `Mutex`, `RwLock`, `RefCell`, `Cell` or "
                    + "`UnsafeCell`, and a `const` of such a type or of an atomic.",
            "It cannot see who reads and writes the global, whether access is really single-threaded, or "
                    + "whether a `thread_local!` is used from async tasks that move between threads.",
            "declare_interior_mutable_const");

    private static final Set<String> CELLS = Set.of("Mutex", "RwLock", "RefCell", "Cell", "UnsafeCell",
            "ReentrantMutex", "OnceCell");

    private final TreeCache cache;

    public GlobalMutableState() {
        this(new TreeCache());
    }

    GlobalMutableState(TreeCache cache) {
        this.cache = cache;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        RuleSupport.tree(file).ifPresent(tree -> {
            TypeFacts facts = cache.facts(tree);
            Nav nav = facts.nav();
            for (Node item : nav.code("static_item", "const_item")) {
                if (!file.touches(item)) {
                    continue;
                }
                String name = nav.field(item, "name").map(tree::text).orElse("?");
                String type = nav.field(item, "type").map(t -> RuleSupport.snippet(nav, t)).orElse("");
                int start = RustTree.startLine(item);
                int end = RustTree.endLine(item);
                if (nav.is(item, "static_item") && nav.namedChildren(item).stream()
                        .anyMatch(c -> nav.is(c, "mutable_specifier"))) {
                    out.add(staticMut(file, name, type, start, end));
                    continue;
                }
                Optional<String> cell = cell(facts, type, nav.is(item, "const_item"));
                if (cell.isPresent() && (nav.is(item, "const_item") || !declaredBefore(file, name, type))) {
                    out.add(nav.is(item, "const_item") ? constant(file, name, type, cell.get(), start, end)
                            : global(file, "static", name, type, cell.get(), start, end));
                }
            }
            for (Node macro : nav.code("macro_invocation")) {
                String macroName = nav.field(macro, "macro")
                        .map(m -> RuleSupport.lastSegment(RuleSupport.compact(nav, m))).orElse("");
                if (!macroName.equals("lazy_static") && !macroName.equals("thread_local")) {
                    continue;
                }
                nav.namedChildren(macro).stream().filter(n -> nav.is(n, "token_tree")).findFirst()
                        .ifPresent(body -> entries(file, nav, facts, macroName, body, out));
            }
        });
        return out;
    }

    /** {@code static [ref] NAME: TYPE = ..;} entries of a {@code lazy_static!}/{@code thread_local!} body. */
    private static void entries(ChangedFile file, Nav nav, TypeFacts facts, String macro, Node body,
                                List<Finding> out) {
        RustTree tree = nav.tree();
        List<Node> tokens = nav.children(body);
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).getType().equals("static")) {
                continue;
            }
            int j = i + 1;
            if (j < tokens.size() && tree.text(tokens.get(j)).equals("ref")) {
                j++;
            }
            if (j + 1 >= tokens.size() || !tokens.get(j + 1).getType().equals(":")) {
                continue;
            }
            String name = tree.text(tokens.get(j));
            StringBuilder type = new StringBuilder();
            int k = j + 2;
            while (k < tokens.size() && !tokens.get(k).getType().equals("=") && !tokens.get(k).getType().equals(";")) {
                type.append(tree.text(tokens.get(k)));
                k++;
            }
            while (k < tokens.size() - 1 && !tokens.get(k).getType().equals(";")) {
                k++;
            }
            int start = RustTree.startLine(tokens.get(i));
            int end = RustTree.endLine(tokens.get(Math.min(k, tokens.size() - 1)));
            Optional<String> cell = cell(facts, type.toString(), false);
            if (cell.isPresent() && RuleSupport.touched(file, start, end) && !declaredBefore(file, name, type.toString())) {
                out.add(global(file, macro + "!", name, type.toString(), cell.get(), start, end));
            }
            i = k;
        }
    }

    /**
     * Whether the old side declared a static of that name with the same type once a {@code Lazy}/{@code LazyLock}
     * wrapper is set aside: only the wrapper changed, and the global is not new (stratisd a9fd74a2 moved
     * {@code once_cell}'s {@code Lazy<Mutex<..>>} to std's {@code LazyLock<Mutex<..>>}). A static made a {@code const},
     * or a global whose held type changed, is still reported.
     */
    private static boolean declaredBefore(ChangedFile file, String name, String type) {
        if (file.oldText() == null) {
            return false;
        }
        // the old statics read once a file: asked per static, a file of thousands of them was read thousands of times
        OldStatics old = file.derived(OldStatics.class, OldStatics.class, f -> {
            java.util.Map<String, String> types = new java.util.HashMap<>();
            java.util.regex.Matcher m = OLD_STATIC.matcher(f.oldText());
            while (m.find()) {
                types.putIfAbsent(m.group(1), unwrapped(m.group(2)));
            }
            return new OldStatics(types);
        });
        return unwrapped(type).equals(old.types().get(name));
    }

    private static final java.util.regex.Pattern OLD_STATIC =
            java.util.regex.Pattern.compile("\\bstatic\\s+(?:ref\\s+)?(\\w+)\\s*:([^=;]{0,300})");
    private static final java.util.regex.Pattern LAZY = java.util.regex.Pattern.compile(
            "^(?:(?:std|once_cell|core)::(?:sync::|unsync::)?)?(?:Lazy|LazyLock|LazyCell)<(.*)>$");

    /** A type's text without whitespace and without an outer {@code Lazy<..>}/{@code LazyLock<..>}. */
    private static String unwrapped(String type) {
        String t = type.replaceAll("\\s+", "");
        java.util.regex.Matcher m = LAZY.matcher(t);
        return m.matches() ? m.group(1) : t;
    }

    private record OldStatics(java.util.Map<String, String> types) {
    }

    private static Optional<String> cell(TypeFacts facts, String type, boolean constant) {
        for (String path : facts.typePaths(type)) {
            String last = RuleSupport.lastSegment(path);
            if (last.equals("Cell") && path.contains("::") && !path.startsWith("std::cell")) {
                continue;
            }
            if ((CELLS.contains(last) && !(last.equals("OnceCell") && !constant)) || (constant && last.startsWith("Atomic"))) {
                return Optional.of(last);
            }
        }
        return Optional.empty();
    }

    private static Finding staticMut(ChangedFile file, String name, String type, int start, int end) {
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(name).object("static mut " + name + ": " + type)
                .title("`static mut " + name + "`")
                .explanation("`static mut " + name + ": " + type + "` (" + RuleSupport.lines(start, end)
                        + ") is global state any thread can write; every access needs `unsafe`, two unsynchronised "
                        + "accesses from different threads (or tasks on a multi-threaded runtime, or parallel tests) "
                        + "are a data race and undefined behaviour, and Rust 2024 denies references to it "
                        + "(`static_mut_refs`).")
                .check("Replace it with an atomic (`AtomicU64` for a counter) or a `Mutex`/`OnceLock`, or confirm "
                        + "and document that every access is on one thread.")
                .build();
    }

    private static Finding global(ChangedFile file, String kind, String name, String type, String cell, int start,
                                  int end) {
        boolean threadLocal = kind.equals("thread_local!");
        String why = threadLocal
                ? "each thread gets its own `" + cell + "`, so async tasks that move between worker threads see "
                + "different values across an `.await`, and a `" + cell + "` borrowed re-entrantly panics"
                : "it is process-wide state behind a `" + cell + "`: every caller (including parallel tests) "
                + "shares it, initialisation order is implicit, and a lock held across `.await` or taken in two "
                + "orders deadlocks the whole program";
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(name).object(RuleSupport.shorten(type))
                .title("Global `" + name + "` holds a `" + cell + "`" + (threadLocal ? " (thread-local)" : ""))
                .explanation("`" + name + ": " + RuleSupport.shorten(type) + "` (" + kind + ", "
                        + RuleSupport.lines(start, end) + "): " + why + ".")
                .check("Check whether the state can be owned by a value passed to the code that needs it; if a "
                        + "global is right, confirm who writes it, that tests reset it, and that no guard crosses an "
                        + "`.await`.")
                .build();
    }

    private static Finding constant(ChangedFile file, String name, String type, String cell, int start, int end) {
        return FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(name).object(RuleSupport.shorten(type))
                .title("`const " + name + "` has interior mutability")
                .explanation("`const " + name + ": " + RuleSupport.shorten(type) + "` (" + RuleSupport.lines(start, end)
                        + ") is copied fresh at every use, so each use gets its own `" + cell + "`: a write through "
                        + "one use is never seen by another, which is almost never what shared state intends.")
                .check("Use a `static` (or a `static` behind `OnceLock`) if the value is meant to be shared; keep "
                        + "the `const` only if it is deliberately an initialiser template.")
                .build();
    }
}
