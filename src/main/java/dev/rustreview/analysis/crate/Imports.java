package dev.rustreview.analysis.crate;

import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the file's {@code use} declarations bring into scope: {@code use std::sync::{Arc, Mutex}} maps
 * {@code Mutex} to {@code std::sync::Mutex}, {@code use tokio::sync::Mutex as AsyncMutex} maps
 * {@code AsyncMutex} to {@code tokio::sync::Mutex}. Scoping is ignored: every {@code use} in the file counts.
 */
public final class Imports {

    private final Map<String, List<String>> names = new HashMap<>();
    private final List<String> globs = new ArrayList<>();

    private record Work(Node node, String prefix) {
    }

    public static Imports of(Nav nav) {
        RustTree tree = nav.tree();
        Imports imports = new Imports();
        for (Node use : nav.find(tree.root(), "use_declaration")) {
            nav.field(use, "argument").ifPresent(arg -> imports.collect(nav, arg));
        }
        return imports;
    }

    private void collect(Nav nav, Node argument) {
        RustTree tree = nav.tree();
        Deque<Work> work = new ArrayDeque<>();
        work.push(new Work(argument, ""));
        while (!work.isEmpty()) {
            Work w = work.pop();
            Node n = w.node();
            switch (n.getType()) {
                case "identifier", "crate", "super" -> add(tree.text(n), w.prefix() + tree.text(n));
                case "self" -> {
                    if (w.prefix().endsWith("::")) {
                        String path = w.prefix().substring(0, w.prefix().length() - 2);
                        add(Exprs.lastSegment(path), path);
                    }
                }
                case "scoped_identifier" -> {
                    String path = w.prefix() + Exprs.compact(nav, n);
                    add(Exprs.lastSegment(path), path);
                }
                case "use_as_clause" -> {
                    Optional<Node> path = nav.field(n, "path");
                    Optional<Node> alias = nav.field(n, "alias");
                    if (path.isPresent() && alias.isPresent()) {
                        add(tree.text(alias.get()), w.prefix() + Exprs.compact(nav, path.get()));
                    }
                }
                case "scoped_use_list" -> {
                    String path = nav.field(n, "path").map(p -> Exprs.compact(nav, p) + "::").orElse("");
                    nav.field(n, "list").ifPresent(l -> work.push(new Work(l, w.prefix() + path)));
                }
                case "use_list" -> {
                    for (Node child : nav.namedChildren(n)) {
                        work.push(new Work(child, w.prefix()));
                    }
                }
                case "use_wildcard" -> {
                    String text = Exprs.compact(nav, n);
                    if (text.endsWith("::*")) {
                        globs.add(normalise(w.prefix() + text.substring(0, text.length() - 3)));
                    }
                }
                default -> {
                    // error nodes and anything newer than this code knows: ignore
                }
            }
        }
    }

    private void add(String name, String path) {
        names.computeIfAbsent(name, k -> new ArrayList<>()).add(normalise(path));
    }

    private static String normalise(String path) {
        if (path.startsWith("::")) {
            path = path.substring(2);
        }
        if (path.startsWith("core::") || path.startsWith("alloc::")) {
            return "std::" + path.substring(path.indexOf("::") + 2);
        }
        return path;
    }

    /**
     * The full path {@code path} names: its first segment expanded through the imports
     * ({@code thread::sleep} with {@code use std::thread} gives {@code std::thread::sleep}). An unknown or
     * ambiguous first segment is left as written; a single name may be resolved through one glob import.
     */
    public String resolve(String path) {
        String p = normalise(path.replaceAll("\\s+", ""));
        int sep = p.indexOf("::");
        String first = sep < 0 ? p : p.substring(0, sep);
        String rest = sep < 0 ? "" : p.substring(sep);
        List<String> targets = names.get(first);
        if (targets != null && targets.stream().distinct().count() == 1) {
            return targets.get(0) + rest;
        }
        if (targets == null && sep < 0 && globs.size() == 1 && !first.isEmpty()
                && Character.isUpperCase(first.charAt(0))) {
            return globs.get(0) + "::" + first;
        }
        return p;
    }

    /** Whether any import names a path starting with {@code prefix} ({@code std::sync::mpsc}). */
    public boolean importsFrom(String prefix) {
        for (List<String> paths : names.values()) {
            for (String p : paths) {
                if (p.equals(prefix) || p.startsWith(prefix + "::")) {
                    return true;
                }
            }
        }
        for (String g : globs) {
            if (g.equals(prefix) || g.startsWith(prefix + "::")) {
                return true;
            }
        }
        return false;
    }

    /** Every full path imported under a name, for questions such as "which Mutex does this file use". */
    public List<String> allPaths() {
        List<String> out = new ArrayList<>();
        names.values().forEach(out::addAll);
        return out;
    }
}
