package dev.rustreview.analysis;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What identifies a finding across rounds and against the merge-base: its rule, the path of items enclosing
 * its first line ({@code impl Pool > fn get}) and its flagged code with whitespace folded. Never its title or
 * line numbers, so rewording a rule or moving code down keeps the same key. Ids fold whitespace only; the key
 * that decides origin also folds what does not change the risk ({@link #normalise}).
 */
final class FindingKeys {

    private final LineNodes newLines;
    private final LineNodes oldLines;
    private final String[] newText;
    private final String[] oldText;

    FindingKeys(ChangedFile file) {
        this.newLines = file.newTree() == null ? null : new LineNodes(file.newTree());
        this.oldLines = file.oldTree() == null ? null : new LineNodes(file.oldTree());
        this.newText = file.newText() == null ? new String[0] : file.newText().split("\n", -1);
        this.oldText = file.oldText() == null ? new String[0] : file.oldText().split("\n", -1);
    }

    private static final Pattern CRATE_ROOT = Pattern.compile("\\b(?:std|core|alloc)::");
    private static final Pattern EXPECT = Pattern.compile("\\.expect\\(\\s*\"\"\\s*\\)");

    /** Rule, enclosing item path and normalised flagged code, one per line: what origin compares. */
    String key(Finding f) {
        return f.ruleId() + '\n' + itemPath(f) + '\n' + normalise(flaggedCode(f));
    }

    /**
     * Rules whose objects name the flagged site precisely (the panicking call and its receiver, the blocking call
     * with its arguments), so the same site is recognised when a reformat (rustfmt joining or splitting a chain)
     * puts it on other lines than at the base.
     */
    private static final java.util.Set<String> SITE_RULES = java.util.Set.of("PN1", "CC6");
    private static final Pattern EXPECT_CALL = Pattern.compile("\\.expect(_err)?\\(\\)");

    /**
     * A second key for rules whose objects describe the site (PN1: "{@code .expect() on self.inner.take()}"):
     * rule, item path and the objects with whitespace removed, {@code expect} read as {@code unwrap}. Empty for
     * other rules and for findings without objects.
     */
    java.util.Optional<String> siteKey(Finding f) {
        if (!SITE_RULES.contains(f.ruleId()) || f.objects().isEmpty()) {
            return java.util.Optional.empty();
        }
        String objects = String.join("\n", f.objects()).replaceAll("\\s+", "");
        objects = emptyStrings(objects);
        return java.util.Optional.of("site\n" + f.ruleId() + '\n' + itemPath(f) + '\n'
                + EXPECT_CALL.matcher(objects).replaceAll(".unwrap$1()"));
    }

    private static final Pattern UNSAFE_WORD = Pattern.compile("\\bunsafe\\b");
    private static final Pattern WRAPPERS = Pattern.compile("\\bunsafe\\b|[{};]");

    /**
     * A third key for code the change only wrapped in {@code unsafe { .. }} blocks: rule, item path and the
     * normalised code without the word {@code unsafe}, braces and semicolons (a block ends without one). Equal
     * token streams apart from those run the same operations (a wrapper adds no operation, and what compiled
     * before without it was already allowed),
     * which is what the {@code unsafe_op_in_unsafe_fn} lint and the 2024 edition's migration do to every unsafe fn
     * (crossbeam 12c5eb5a: 67 findings above medium on code that did not change). For the change's findings the key
     * exists only where the flagged code says {@code unsafe}; at the base, always ({@code forBase}).
     */
    java.util.Optional<String> unwrappedKey(Finding f, boolean forBase) {
        String code = normalise(flaggedCode(f));
        if (!forBase && !UNSAFE_WORD.matcher(code).find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("bare\n" + f.ruleId() + '\n' + itemPath(f) + '\n'
                + WRAPPERS.matcher(code).replaceAll("").replaceAll("\\s+", ""));
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The names in a finding's objects that its flagged code also contains as words (the lock {@code b} of
     * {@code Pool::b}, the atomic {@code state}), sorted and comma-separated; "" when there are none. Words of a
     * rule's own labels ("guard removed") seldom occur in the code, so rewording a label keeps the names.
     */
    String codeNames(Finding f) {
        if (f.objects().isEmpty()) {
            return "";
        }
        java.util.Set<String> codeWords = new java.util.HashSet<>();
        Matcher w = NAME.matcher(normalise(flaggedCode(f)));
        while (w.find()) {
            codeWords.add(w.group());
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String object : f.objects()) {
            Matcher m = NAME.matcher(object);
            while (m.find()) {
                if (codeWords.contains(m.group())) {
                    names.add(m.group());
                }
            }
        }
        return String.join(",", names);
    }

    /**
     * Code as far as its risk goes: whitespace folded, {@code std::}/{@code core::}/{@code alloc::} paths made
     * one (the same items), string literal contents dropped (messages and format strings), and
     * {@code .expect("..")} read as {@code .unwrap()} (the same panic with another message).
     */
    static String normalise(String code) {
        String folded = StableIds.fold(code);
        folded = emptyStrings(folded);
        folded = CRATE_ROOT.matcher(folded).replaceAll("std::");
        return EXPECT.matcher(folded).replaceAll(".unwrap()");
    }

    /**
     * {@code "..."} literals (with {@code \\x} escapes) emptied, scanned by hand: the regex this replaces recursed
     * once per character and overflowed the stack on a string of a few thousand characters.
     */
    private static String emptyStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            boolean closed = false;
            while (j < text.length()) {
                char d = text.charAt(j);
                if (d == '"') {
                    closed = true;
                    break;
                }
                if (d == '\\') {
                    if (j + 1 >= text.length() || lineBreak(text.charAt(j + 1))) {
                        break;
                    }
                    j += 2;
                } else {
                    j++;
                }
            }
            if (closed) {
                out.append("\"\"");
                i = j + 1;
            } else {
                // No literal starts here, nor at any quote before j (the scan would have closed on it).
                out.append(text, i, Math.min(j, text.length()));
                i = Math.max(j, i + 1);
            }
        }
        return out.toString();
    }

    /** The characters a regex {@code .} does not match. */
    private static boolean lineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** The items around the finding's first line, outermost first, or "" outside any item or for non-Rust files. */
    String itemPath(Finding f) {
        LineNodes lines = f.side() == Side.NEW ? newLines : oldLines;
        if (lines == null) {
            return "";
        }
        return lines.place(f.startLine())
                .map(place -> HunkSyntaxReader.chain(lines, place, f.side()).stream()
                        .map(HunkSyntax.Item::label).collect(Collectors.joining(" > ")))
                .orElse("");
    }

    /** The text of the finding's lines on its side. */
    String flaggedCode(Finding f) {
        String[] lines = f.side() == Side.NEW ? newText : oldText;
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (int line = Math.max(1, f.startLine()); line <= f.endLine() && line <= lines.length; line++) {
            total += lines[line - 1].length() + 1;
            if (sb.length() < MAX_FLAGGED_CHARS) {
                sb.append(lines[line - 1]).append('\n');
            }
        }
        if (total > MAX_FLAGGED_CHARS) {
            // Hundreds of findings on one megabyte line (generated or fuzzed code) each normalised the whole line
            // for their key, three times: quadratic. The head of the code and its length still tell them apart.
            sb.setLength(MAX_FLAGGED_CHARS);
            sb.append("\u2026").append(total);
        }
        return sb.toString();
    }

    /** Flagged code longer than this is keyed by its first characters and its length. */
    static final int MAX_FLAGGED_CHARS = 8_000;

    /** The node a line of one side starts with, or null (blank line, no tree). */
    Node nodeAt(Side side, int line) {
        LineNodes lines = side == Side.NEW ? newLines : oldLines;
        return lines == null ? null : lines.at(line).orElse(null);
    }

    /** One line of one side without its terminator, "" past the end. */
    String line(Side side, int line) {
        String[] lines = side == Side.NEW ? newText : oldText;
        if (line < 1 || line > lines.length) {
            return "";
        }
        String s = lines[line - 1];
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
