package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.BlockingPaths;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.FnFacts;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.Refs;
import dev.rustreview.analysis.crate.Imports;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CC6: a blocking call inside an async fn or block. Closures (including {@code spawn_blocking} and
 * {@code block_in_place} closures) are a boundary: their bodies do not run where the future is polled.
 */
public final class BlockingInAsync implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC6", RiskArea.CONCURRENCY, Severity.HIGH,
            "Blocking call in async code",
            "Inside an async fn or block, or a closure handed to a stream or iterator adapter there (`map`, "
                    + "`filter_map`, `for_each`, ..., which runs where the value is polled): `std::thread::sleep`, "
                    + "`std::fs::*` and std `File` calls, `std::net` `TcpStream`/`TcpListener`/`UdpSocket` calls and "
                    + "`to_socket_addrs()`, std `mpsc`/crossbeam `recv()`, `block_on`, `reqwest::blocking`, std "
                    + "`Command` `output()`/`status()`, `join()` on a `thread::spawn` handle, tokio's `blocking_*` and "
                    + "async-channel's `send_blocking`/`recv_blocking`; medium in test code. Medium too for a call "
                    + "to a sync fn of the crate that blocks, itself or through its callees (the crate model's "
                    + "summary).",
            "It resolves paths through the file's `use` declarations and the crate's own fns: a blocking call in "
                    + "another crate's helper, a method on a value whose type is not visible, or CPU-heavy work "
                    + "without any call is not seen.");

    private static final Set<String> TOKIO_BLOCKING = Set.of("blocking_recv", "blocking_send", "blocking_lock",
            "blocking_read", "blocking_write", "blocking_recv_many", "send_blocking", "recv_blocking");

    /**
     * Stream and iterator adapters whose closure runs synchronously when the value is polled or iterated: a closure
     * handed to one of them inside async code runs on the executor thread, unlike a closure handed to
     * {@code spawn_blocking} or stored for later.
     */
    private static final Set<String> INLINE_ADAPTERS = Set.of("map", "filter", "filter_map", "for_each", "inspect",
            "map_ok", "map_err", "take_while", "skip_while", "flat_map", "scan", "fold", "try_for_each",
            "and_then", "then", "all", "any", "find", "find_map", "position");

    private final TreeCache cache;

    public BlockingInAsync() {
        this(new TreeCache());
    }

    BlockingInAsync(TreeCache cache) {
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
            Imports imports = facts.imports();
            boolean stdChannels = imports.importsFrom("std::sync::mpsc") || imports.importsFrom("crossbeam_channel")
                    || imports.importsFrom("crossbeam::channel");
            boolean asyncChannels = imports.importsFrom("tokio::sync") || imports.importsFrom("async_channel")
                    || imports.importsFrom("futures::channel") || imports.importsFrom("flume");
            for (Node call : nav.code("call_expression")) {
                Optional<Node> async = asyncHome(nav, call);
                if (async.isEmpty() || awaited(nav, call) || !file.touches(call)) {
                    continue;
                }
                Optional<String[]> blocking = classify(nav, facts, call, stdChannels && !asyncChannels);
                blocking.ifPresent(b -> out.add(finding(nav, file, call, async.get(), b, Severity.HIGH)));
            }
        });
        throughCrateFns(file, out);
        return out;
    }

    /**
     * A call in async code to a sync fn of the crate that blocks, itself or through its callees (the model's
     * "may block" summary): lance 28468c2f reversed, where {@code frag_reuse_index_uuid} ran
     * {@code futures::executor::block_on} and async fns called it. Medium: the blocking call may sit behind a
     * branch the async caller never takes.
     */
    private static void throughCrateFns(ChangedFile file, List<Finding> out) {
        java.util.Set<Integer> reported = new java.util.HashSet<>();
        out.forEach(f -> reported.add(f.startLine()));
        FileView.of(file).ifPresent(view -> {
            Nav nav = view.nav();
            for (Node fn : view.fns()) {
                if (view.isTest(fn)) {
                    continue;
                }
                for (Node call : nav.find(fn, "call_expression")) {
                    Optional<Node> home = asyncHome(nav, call);
                    if (home.isEmpty() || !file.touches(call)
                            || reported.contains(RustTree.startLine(call))) {
                        continue;
                    }
                    Optional<Refs.CallRef> ref = view.call(fn, call);
                    String chain = view.summary(fn, call).blocks();
                    if (chain == null || ref.isEmpty() || view.crate().callees(ref.get()).stream().anyMatch(FnFacts::isAsync)) {
                        continue;
                    }
                    // Asked last: it reads the rest of the block, and asked of every call of a 4,000-line async fn
                    // first it took a minute on a generated input.
                    if (usedAsFuture(nav, call)) {
                        continue; // the call the code meant returns a future: the name resolved to a sync namesake
                    }
                    String callee = RuleSupport.shorten(RuleSupport.snippet(nav, RuleSupport.callee(nav, call).orElse(call)));
                    reported.add(RustTree.startLine(call));
                    out.add(finding(nav, file, call, home.get(), new String[] {
                            "`" + callee + "` is a sync fn of this crate that blocks: " + chain,
                            "make it async and `.await` it, or run it in `tokio::task::spawn_blocking`"}, Severity.MEDIUM));
                }
            }
        });
    }

    /**
     * The async fn or block where {@code call} runs: its nearest boundary, or, when that is a closure handed to an
     * inline adapter ({@code stream.map(|b| tx.send_blocking(b))}), where the adapter call runs. Empty when the
     * call does not run on the executor thread as far as the syntax shows.
     */
    private static Optional<Node> asyncHome(Nav nav, Node call) {
        Node cur = call;
        for (int depth = 0; depth < 8; depth++) {
            Optional<Node> b = nav.asyncBoundary(cur);
            if (b.isEmpty()) {
                return Optional.empty();
            }
            if (nav.inAsyncContext(cur)) {
                return b;
            }
            Optional<Node> adapter = nav.is(b.get(), "closure_expression") ? adapterCall(nav, b.get()) : Optional.empty();
            if (adapter.isEmpty()) {
                return Optional.empty();
            }
            cur = adapter.get();
        }
        return Optional.empty();
    }

    /** Calls whose argument is a future. */
    private static final Set<String> TAKES_FUTURE = Set.of("timeout", "timeout_at", "spawn", "spawn_local", "block_on",
            "join", "try_join", "select", "pin", "race");

    /**
     * Whether the code treats the call's value as a future: awaited, handed to {@code timeout}/{@code spawn}/..., or
     * bound to a name that is. rust-postgres' sync {@code Client::simple_query} blocks, and its async namesake
     * {@code tokio_postgres::Client::simple_query} returns a future; {@code is_valid} calls the async one inside
     * {@code block_on(async { timeout(.., inner_client.simple_query("")).await })}.
     */
    private static boolean usedAsFuture(Nav nav, Node call) {
        if (awaited(nav, call) || handedToFutureTaker(nav, call)) {
            return true;
        }
        Optional<Node> let = nav.parent(call).filter(p -> nav.is(p, "let_declaration"));
        Optional<Node> name = let.flatMap(l -> nav.field(l, "pattern")).filter(p -> nav.is(p, "identifier"));
        Optional<Node> block = let.flatMap(nav::parent);
        if (name.isEmpty() || block.isEmpty()) {
            return false;
        }
        String n = nav.tree().text(name.get());
        for (Node id : nav.find(block.get(), "identifier")) {
            if (id.getStartByte() > let.get().getEndByte() && n.equals(nav.tree().text(id))
                    && (awaited(nav, id) || handedToFutureTaker(nav, id))) {
                return true;
            }
        }
        return false;
    }

    private static boolean handedToFutureTaker(Nav nav, Node expr) {
        return nav.parent(expr).filter(a -> nav.is(a, "arguments")).flatMap(nav::parent)
                .filter(c -> nav.is(c, "call_expression"))
                .flatMap(c -> RuleSupport.calleePath(nav, c).or(() -> RuleSupport.methodName(nav, c)))
                .map(p -> TAKES_FUTURE.contains(RuleSupport.lastSegment(p))).orElse(false);
    }

    /** The method call a closure is an argument of, when that method is an inline adapter. */
    private static Optional<Node> adapterCall(Nav nav, Node closure) {
        return nav.parent(closure).filter(a -> nav.is(a, "arguments")).flatMap(nav::parent)
                .filter(c -> nav.is(c, "call_expression"))
                .filter(c -> RuleSupport.methodName(nav, c).filter(INLINE_ADAPTERS::contains).isPresent());
    }

    private static boolean awaited(Nav nav, Node call) {
        return nav.parent(call).filter(p -> nav.is(p, "await_expression")).isPresent();
    }

    /** {what, remedy} for a blocking call, or empty. */
    private static Optional<String[]> classify(Nav nav, TypeFacts facts, Node call, boolean stdChannels) {
        Optional<String> path = RuleSupport.calleePath(nav, call);
        if (path.isPresent()) {
            String full = facts.imports().resolve(path.get());
            if (full.equals("std::thread::sleep")) {
                return Optional.of(new String[] {"`std::thread::sleep` parks the executor thread",
                        "use `tokio::time::sleep(..).await`"});
            }
            if (full.startsWith("std::fs::") && !BlockingPaths.fsBuilder(full)) {
                return Optional.of(new String[] {"`" + full + "` does blocking file I/O on the executor thread",
                        "use `tokio::fs` or move the work into `tokio::task::spawn_blocking`"});
            }
            if (full.startsWith("std::net::TcpStream::") || full.startsWith("std::net::TcpListener::")
                    || full.startsWith("std::net::UdpSocket::")) {
                return Optional.of(new String[] {"`" + full + "` does blocking network I/O on the executor thread",
                        "use `tokio::net`"});
            }
            if (full.startsWith("reqwest::blocking")) {
                return Optional.of(new String[] {"`" + full + "` is reqwest's blocking client, which also panics "
                        + "when used inside a tokio runtime", "use the async `reqwest::Client` and `.await`"});
            }
            if (RuleSupport.lastSegment(full).equals("block_on")) {
                return Optional.of(new String[] {"`" + path.get() + "` blocks this thread until another future "
                        + "completes; inside a runtime it panics or deadlocks", "`.await` the future instead"});
            }
            return Optional.empty();
        }
        Optional<String> method = RuleSupport.methodName(nav, call);
        Optional<Node> recv = RuleSupport.receiver(nav, call);
        if (method.isEmpty() || recv.isEmpty()) {
            return Optional.empty();
        }
        String m = method.get();
        if (m.equals("block_on")) {
            return Optional.of(new String[] {"`" + RuleSupport.snippet(nav, RuleSupport.callee(nav, call).get())
                    + "` blocks this thread until another future completes; inside a runtime it panics or deadlocks",
                    "`.await` the future instead"});
        }
        if (TOKIO_BLOCKING.contains(m)) {
            String async = m.startsWith("blocking_") ? m.substring("blocking_".length()) : m.replace("_blocking", "");
            return Optional.of(new String[] {"`" + m + "` blocks the thread until the channel or lock is ready"
                    + (m.startsWith("blocking_") ? ", and tokio's panics when called from inside an async context" : "")
                    + "", "use the async `" + async + "(..).await`"});
        }
        if ((m.equals("recv") || m.equals("recv_timeout")) && stdChannels) {
            return Optional.of(new String[] {"`" + RuleSupport.snippet(nav, call) + "` on a std/crossbeam channel "
                    + "blocks the executor thread until a message arrives",
                    "use `tokio::sync::mpsc` with `.recv().await`, or receive in `spawn_blocking`"});
        }
        if (m.equals("to_socket_addrs") && RuleSupport.args(nav, call).isEmpty()) {
            return Optional.of(new String[] {"`to_socket_addrs()` resolves DNS with a blocking system call",
                    "use `tokio::net::lookup_host(..).await`"});
        }
        if ((m.equals("output") || m.equals("status")) && RuleSupport.args(nav, call).isEmpty()
                && chainRoot(nav, facts, call).filter(p -> p.equals("std::process::Command::new")).isPresent()) {
            return Optional.of(new String[] {"std `Command::" + m + "()` waits for the child process on the "
                    + "executor thread", "use `tokio::process::Command` and `.await`"});
        }
        if (m.equals("join") && RuleSupport.args(nav, call).isEmpty() && nav.is(recv.get(), "identifier")
                && facts.binding(recv.get()).map(TypeFacts.Binding::value)
                .flatMap(v -> nav.is(v, "call_expression") ? RuleSupport.calleePath(nav, v) : Optional.empty())
                .map(p -> facts.imports().resolve(p).equals("std::thread::spawn")).orElse(false)) {
            return Optional.of(new String[] {"`" + RuleSupport.snippet(nav, call) + "` waits for an OS thread on the "
                    + "executor thread", "use `tokio::task::spawn_blocking(..).await` instead of a raw thread"});
        }
        return Optional.empty();
    }

    /** The resolved path of the call at the start of a method chain ({@code Command::new} in {@code Command::new(..).arg(..).output()}). */
    private static Optional<String> chainRoot(Nav nav, TypeFacts facts, Node call) {
        Node cur = call;
        for (int i = 0; i < 32; i++) {
            Optional<Node> recv = RuleSupport.receiver(nav, cur);
            if (recv.isEmpty()) {
                return RuleSupport.calleePath(nav, cur).map(p -> facts.imports().resolve(p));
            }
            if (!nav.is(recv.get(), "call_expression")) {
                return Optional.empty();
            }
            cur = recv.get();
        }
        return Optional.empty();
    }

    private static Finding finding(Nav nav, ChangedFile file, Node call, Node home, String[] what, Severity base) {
        String where = nav.is(home, "function_item") ? "async fn `" + RuleSupport.fnName(nav, home) + "`"
                : "an async block";
        if (!nav.inAsyncContext(call)) {
            where = "a closure that runs when polled in " + where;
        }
        int line = RustTree.startLine(call);
        String text = RuleSupport.snippet(nav, call);
        boolean test = nav.isTestCode(file, call);
        return FindingBuilder.at(INFO, file, call)
                .severity(test ? Severity.MEDIUM : base)
                .object(text).object(where.replaceAll(".*`(.*)`", "$1"))
                .title("Blocking call in " + where)
                .explanation("`" + text + "` (line " + line + ") runs inside " + where + ": " + what[0]
                        + ", so every other task scheduled on that worker stalls until it returns (on a "
                        + "current-thread runtime, the whole runtime stalls)"
                        + (test ? "; in a test this mostly costs time, but it can also keep spawned tasks from running." : "."))
                .check("Check whether this can block for long; " + what[1] + ".")
                .build();
    }
}
