package dev.rustreview.analysis.crate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's {@code use} declarations read from tokens, and the lock classification of type texts through them:
 * {@code Mutex} imported from {@code parking_lot} is a parking_lot lock, {@code AsyncMutex} imported as
 * {@code tokio::sync::Mutex as AsyncMutex} an async one.
 */
final class LexicalTypes {

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Set<String> LOCK_TYPES = Set.of("Mutex", "RwLock", "ReentrantMutex", "FairMutex",
            "ReentrantLock");

    private final Map<String, String> names = new HashMap<>();

    /** Reads every {@code use} of the file (scopes are ignored, as in {@link Imports}). */
    LexicalTypes(Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.is(i, "use") && t.kind(i) == Tokens.IDENT && (i == 0 || !t.is(i - 1, "::"))) {
                int end = i + 1;
                while (end < t.size() && !t.is(end, ";") && end - i < 400) {
                    end++;
                }
                tree(t, i + 1, end, "");
                i = end;
            }
        }
    }

    /** One use tree in tokens {@code [from, to)} under {@code prefix}. */
    private void tree(Tokens t, int from, int to, String prefix) {
        StringBuilder path = new StringBuilder(prefix);
        int i = from;
        while (i < to) {
            if (t.is(i, "{")) {
                int depth = 0;
                int start = i + 1;
                for (int j = i; j < to; j++) {
                    if (t.is(j, "{")) {
                        depth++;
                    } else if (t.is(j, "}")) {
                        depth--;
                        if (depth == 0) {
                            tree(t, start, j, path.toString());
                            break;
                        }
                    } else if (t.is(j, ",") && depth == 1) {
                        tree(t, start, j, path.toString());
                        start = j + 1;
                    }
                }
                return;
            }
            if (t.is(i, "as") && i + 1 < to) {
                put(t.text(i + 1), path.toString());
                return;
            }
            if (t.kind(i) == Tokens.IDENT || t.is(i, "::")) {
                path.append(t.text(i));
            }
            i++;
        }
        String p = path.toString();
        if (!p.isEmpty() && !p.endsWith("::") && !p.equals(prefix)) {
            String last = Exprs.lastSegment(p);
            if (!last.equals("self")) {
                put(last, p);
            } else if (p.endsWith("::self") && p.length() > 6) {
                // `use a::b::{self}` names `b`; a bare `use self` (a file cut short) names nothing
                String owner = p.substring(0, p.length() - 6);
                put(Exprs.lastSegment(owner), owner);
            }
        }
    }

    private void put(String name, String path) {
        String p = path.startsWith("::") ? path.substring(2) : path;
        if (p.startsWith("core::") || p.startsWith("alloc::")) {
            p = "std::" + p.substring(p.indexOf("::") + 2);
        }
        names.put(name, p);
    }

    String resolve(String path) {
        int sep = path.indexOf("::");
        String first = sep < 0 ? path : path.substring(0, sep);
        String target = names.get(first);
        return target == null ? path : target + (sep < 0 ? "" : path.substring(sep));
    }

    /** A field (or alias, static) of {@code type}, classified through this file's imports. */
    FileFacts.Field field(String name, String type) {
        LockOrigin origin = LockOrigin.NONE;
        FileFacts.Sync sync = FileFacts.Sync.NONE;
        List<String> paths = new ArrayList<>();
        Matcher m = PATH.matcher(type);
        while (m.find()) {
            paths.add(resolve(m.group()));
        }
        for (String full : paths) {
            String last = Exprs.lastSegment(full);
            if (LOCK_TYPES.contains(last)) {
                origin = TypeFacts.classify(full);
                sync = FileFacts.Sync.LOCK;
                break;
            }
            if (last.equals("RefCell")) {
                origin = LockOrigin.REFCELL;
                sync = FileFacts.Sync.REFCELL;
                break;
            }
            if (last.equals("Condvar") || last.equals("Notify")) {
                sync = FileFacts.Sync.CONDVAR;
                break;
            }
            if (last.startsWith("Atomic")) {
                sync = FileFacts.Sync.ATOMIC;
                break;
            }
        }
        return new FileFacts.Field(name, type, origin, sync, type.matches(".*\\bReentrant(Mutex|Lock)\\b.*"));
    }
}
