package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements the change took out of the condition that guarded them: a statement that, before the change, sat
 * inside an {@code if}/{@code else}/{@code match} arm of a fn and, after it, is the same statement
 * (whitespace aside) in the same fn with that condition gone. A panic that fired only when a flag said so now
 * fires always; an {@code unsafe} block that ran only after a size check now runs unchecked. When the
 * condition's own words are still in the fn (hoisted into an early return, moved into a {@code let}), the
 * statement still has its guard and is not reported. Works on the masked text of {@link ItemOutline}, so it
 * also sees fns written inside {@code macro_rules!} bodies, which the parser leaves as token trees.
 */
final class Unguarded {

    /** Statements compared per fn at most: a generated or fuzzed fn with thousands of them is not read twice. */
    private static final int MAX_SITES = 200;
    private static final Pattern BLOCK_HEADER = Pattern.compile("(?:\\}\\s*)?(?:else\\s+)?(?:" + Blocks.LET_PREFIX + ")?(?:if|while|match|for|loop)\\b");
    private static final Pattern WORDS = Pattern.compile("\\b(?:if|else|of|while|let|match)\\b|[!{}\\s]");

    /** A statement of the new side whose guards the change removed. */
    record Site(ItemOutline.FnPair pair, int line, String statement, String condition) {

        ItemOutline.Item fn() {
            return pair.now();
        }
    }

    private Unguarded() {
    }

    /** The statements matching {@code risky} that the change moved out of their guarding condition. */
    static List<Site> sites(ChangedFile file, Pattern risky) {
        List<Site> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            ItemOutline before = pair.before();
            ItemOutline after = pair.after();
            ItemOutline.Item was = pair.was();
            ItemOutline.Item now = pair.now();
            Map<String, Integer> oldSites = new HashMap<>();
            List<Integer> oldOffsets = new ArrayList<>();
            Blocks oldBlocks = new Blocks(before.masked(), was.bodyStart(), was.bodyEnd());
            for (int[] span : statements(before.masked(), was.bodyStart(), was.bodyEnd(), risky)) {
                if (file.removed(before.line(span[0]))) {
                    oldSites.putIfAbsent(normal(before.masked().substring(span[0], span[1])), oldOffsets.size());
                    oldOffsets.add(span[0]);
                }
            }
            if (oldSites.isEmpty()) {
                continue;
            }
            String newBody = normal(after.body(now));
            Blocks newBlocks = new Blocks(after.masked(), now.bodyStart(), now.bodyEnd());
            for (int[] span : statements(after.masked(), now.bodyStart(), now.bodyEnd(), risky)) {
                int line = after.line(span[0]);
                String statement = normal(after.masked().substring(span[0], span[1]));
                Integer at = oldSites.get(statement);
                if (at == null || !file.added(line)) {
                    continue;
                }
                List<String> kept = newBlocks.conditions(span[0]).stream().map(Unguarded::normal).toList();
                List<String> had = oldBlocks.conditions(oldOffsets.get(at));
                if (kept.size() >= had.size()) {
                    continue; // as deeply guarded as before (moved into another arm or branch): not taken out
                }
                for (String condition : had) {
                    String words = WORDS.matcher(condition).replaceAll("");
                    if (!kept.contains(normal(condition)) && !words.isEmpty() && !newBody.contains(words)) {
                        String shown = file.newText().substring(span[0], span[1]).replaceAll("\\s+", " ").strip();
                        out.add(new Site(pair, line, shown, condition.replaceAll("\\s+", " ").strip()));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Whitespace removed: a statement rustfmt re-indented or re-wrapped is the same statement. */
    static String normal(String text) {
        return text.replaceAll("\\s+", "");
    }

    /**
     * Spans {@code [start, end)} of the statements in {@code [from, to)} holding a match of {@code risky}: from
     * after the previous {@code ;}, <code>{</code> or <code>}</code> to the next {@code ;} outside parentheses
     * (or an opening brace, for a statement that is a block's header).
     */
    private static List<int[]> statements(String masked, int from, int to, Pattern risky) {
        List<int[]> out = new ArrayList<>();
        Matcher m = risky.matcher(masked).region(from, to);
        int lastEnd = from;
        while (m.find() && out.size() < MAX_SITES) {
            if (m.start() < lastEnd) {
                continue;
            }
            int start = m.start();
            int parens = 0;
            while (start > from) {
                char c = masked.charAt(start - 1);
                if (c == ')' || c == ']') {
                    parens++;
                } else if ((c == '(' || c == '[') && parens > 0) {
                    parens--;
                } else if (parens == 0 && (c == ';' || c == '{' || c == '}')) {
                    break;
                }
                start--;
            }
            while (start < m.start() && Character.isWhitespace(masked.charAt(start))) {
                start++;
            }
            boolean blockHeader = BLOCK_HEADER.matcher(masked).region(start, m.start()).lookingAt();
            int end = m.end();
            int depth = 0;
            while (end < to) {
                char c = masked.charAt(end);
                if (depth == 0 && (c == ';' || (c == '{' && blockHeader))) {
                    break;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                }
                end++;
            }
            out.add(new int[] {start, end});
            lastEnd = end;
        }
        return out;
    }

    /** The brace blocks of one fn body with their headers, for asking which conditions enclose an offset. */
    static final class Blocks {
        /** {@code let fatal = } before an {@code if}/{@code match} whose value the {@code let} binds. */
        static final String LET_PREFIX = "let\\s+(?:mut\\s+)?[^=;{}]{1,80}?=\\s*";
        private static final Pattern LET_IF = Pattern.compile("(?s)" + LET_PREFIX + "(if\\s.*)");

        private final List<int[]> spans = new ArrayList<>();
        private final List<String> headers = new ArrayList<>();
        private final List<Integer> headerStarts = new ArrayList<>();
        private final List<Integer> parents = new ArrayList<>();

        Blocks(String masked, int from, int to) {
            List<Integer> open = new ArrayList<>();
            int headerStart = from;
            for (int i = from; i < to; i++) {
                char c = masked.charAt(i);
                if (c == '{') {
                    parents.add(open.isEmpty() ? -1 : open.get(open.size() - 1));
                    open.add(spans.size());
                    spans.add(new int[] {i, to});
                    headers.add(masked.substring(headerStart, i));
                    headerStarts.add(headerStart);
                    headerStart = i + 1;
                } else if (c == '}') {
                    if (!open.isEmpty()) {
                        spans.get(open.remove(open.size() - 1))[1] = i;
                    }
                    headerStart = i + 1;
                } else if (c == ';') {
                    headerStart = i + 1;
                }
            }
        }

        /** The headers of the conditional blocks around {@code offset}, outermost first. */
        List<String> conditions(int offset) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                int[] span = spans.get(i);
                if (span[0] < offset && offset < span[1]) {
                    if (conditional(header(i))) {
                        out.add(guard(i, 0));
                    }
                }
            }
            return out;
        }

        /**
         * The condition block {@code i} runs under: its header, or for a plain {@code else} the header of the
         * {@code if} it belongs to (the block closing just before it), shown as {@code else of if ...}.
         */
        /** The condition block {@code i} runs under (see {@link #guard}). */
        String condition(int i) {
            return guard(i, 0);
        }

        private String guard(int i, int depth) {
            String header = header(i);
            if (!header.matches("(?s)(?:\\}\\s*)?else\\s*") || depth > 20) {
                return header;
            }
            for (int j = i - 1; j >= 0; j--) {
                if (spans.get(j)[1] == headerStarts.get(i) - 1) {
                    String previous = guard(j, depth + 1);
                    return previous.startsWith("else of ") ? previous : "else of " + previous;
                }
            }
            return header;
        }

        int size() {
            return spans.size();
        }

        /** The innermost block whose braces enclose offset {@code at}, or -1. */
        int innermost(int at) {
            int inner = -1;
            for (int i = 0; i < spans.size(); i++) {
                if (open(i) < at && at < close(i) && (inner < 0 || open(i) > open(inner))) {
                    inner = i;
                }
            }
            return inner;
        }

        /** The block enclosing block {@code i}, or -1 at the fn body's top level. */
        int parent(int i) {
            return parents.get(i);
        }

        /** Offset of block {@code i}'s opening brace. */
        int open(int i) {
            return spans.get(i)[0];
        }

        /** Offset of block {@code i}'s closing brace (the fn body's end when unbalanced). */
        int close(int i) {
            return spans.get(i)[1];
        }

        /** Offset where block {@code i}'s header starts: after the previous {@code ;} or brace. */
        int headerStart(int i) {
            return headerStarts.get(i);
        }

        /**
         * Block {@code i}'s header; for a match arm only its own pattern, not the arms before it; for an {@code if}
         * whose value a {@code let} binds ({@code let fatal = if stopped().await}) the {@code if} alone
         * (openraft 1d5cc706: the join that only ran once the core had stopped).
         */
        String header(int i) {
            String header = headers.get(i).strip();
            Matcher let = LET_IF.matcher(header);
            if (let.matches()) {
                return let.group(1);
            }
            if (!header.contains("=>")) {
                return header;
            }
            int depth = 0;
            for (int k = header.length() - 1; k >= 0; k--) {
                char c = header.charAt(k);
                if (c == ')' || c == ']') {
                    depth++;
                } else if (c == '(' || c == '[') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    return header.substring(k + 1).strip();
                }
            }
            return header;
        }

        boolean isConditional(int i) {
            return conditional(header(i));
        }

        private static boolean conditional(String header) {
            // Not loops: a statement moved out of a `while let Some(x) = rx.recv().await` loop was not guarded.
            return header.startsWith("if ") || header.startsWith("else") || header.contains("=>")
                    || header.startsWith("} else");
        }
    }
}
