package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape: a subtraction moved off the value its guard bounds. Inside {@code if max_size > old_max_size}, the
 * line {@code slots.max_size - old_max_size} cannot underflow; the change rewrites it as {@code slots.max_size -
 * slots.size}, whose right operand no enclosing condition compares, so it underflows (a panic in debug builds, a
 * huge count in release) whenever that value is the larger. deadpool 272a253d reversed: {@code Pool::resize} grew by
 * {@code max_size - size} and panicked when the pool held more objects than the new maximum.
 */
final class SubtrahendShapes {

    private static final String PATH = "(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*";
    /** {@code a - b} of two paths: not {@code ->}, {@code -=}, a call or a field access after the right operand. */
    static final Pattern SUB = Pattern.compile("(?<![\\w.])(" + PATH + ")\\s*-\\s*(" + PATH + ")(?![\\w.(\\[])");
    private static final Pattern COMPARES = Pattern.compile("[<>]");

    private SubtrahendShapes() {
    }

    static void unboundSubtrahend(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                  List<PanickingTwinAdded.Line> added, List<Finding> out) {
        if (removed.stream().noneMatch(r -> SUB.matcher(r.text()).find())) {
            return; // no subtraction went: the fn's blocks need not be read
        }
        Unguarded.Blocks oldBlocks = new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(),
                pair.was().bodyEnd());
        Unguarded.Blocks newBlocks = new Unguarded.Blocks(pair.after().masked(), pair.now().bodyStart(),
                pair.now().bodyEnd());
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = SUB.matcher(r.text());
            while (was.find()) {
                String left = squeeze(was.group(1));
                String right = squeeze(was.group(2));
                String guard = comparing(oldBlocks.conditions(pair.before().offset(r.number())), right);
                if (guard == null) {
                    continue;
                }
                for (PanickingTwinAdded.Line a : added) {
                    Matcher now = SUB.matcher(a.text());
                    while (now.find()) {
                        String other = squeeze(now.group(2));
                        List<String> around = newBlocks.conditions(pair.after().offset(a.number()));
                        if (squeeze(now.group(1)).equals(left) && comparing(around, right) != null && comparing(around, other) == null) {
                            out.add(finding(file, pair, a.number(), left, right, other, guard));
                            return;
                        }
                    }
                }
            }
        }
    }

    /** {@code a - b}, {@code a - 1} or {@code v.len() - 1}: the right operand may be a literal. */
    private static final Pattern SUB_OR_LITERAL = Pattern.compile("(?<![\\w.])(" + PATH + "(?:\\s*\\(\\s*\\))?)\\s*-\\s*("
            + PATH + "|\\d[\\d_]*)(?![\\w.(\\[])");
    /** A condition that keeps its value above something: {@code >}, {@code >=}, {@code <} either way, {@code !=}. */
    private static final Pattern BOUNDS = Pattern.compile("[<>]|!=|is_empty");

    /**
     * A subtraction taken out of the {@code if} that kept its left operand large enough: {@code if self.len > 1 {
     * self.qsort(0, self.len - 1); }} became {@code self.qsort(0, self.len - 1);}, and an empty map underflows
     * (uefi-rs 3b651741 reversed). The removed line held {@code a - b} under a condition comparing {@code a}; an added
     * line holds the same {@code a - b} under conditions none of which compares {@code a}.
     */
    static void guardUnwrapped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                               List<PanickingTwinAdded.Line> added, List<Finding> out) {
        unwrapped(file, pair, removed, added, out, new Unwrapped() {
            @Override
            public Pattern pattern() {
                return SUB_OR_LITERAL;
            }

            @Override
            public String key(Matcher m) {
                return squeeze(m.group(1)) + "-" + squeeze(m.group(2));
            }

            @Override
            public String bounded(Matcher m) {
                return squeeze(m.group(1));
            }

            @Override
            public Finding finding(int line, Matcher was, Matcher now, String guard) {
                String shown = was.group(1).strip() + " - " + was.group(2).strip();
                String fn = pair.now().name();
                return FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, line, line)
                        .object("`" + fn + "`").object("guard unwrapped: " + key(was))
                        .title("`" + shown + "` in `" + fn + "` no longer runs under `" + RuleSupport.shorten(guard) + "`")
                        .explanation("Before the change `" + shown + "` ran only inside `" + guard + "`, which "
                                + "kept `" + was.group(1).strip() + "` large enough. The change takes the line "
                                + "out of that condition and nothing around it compares `"
                                + was.group(1).strip() + "` any more: for the case the condition excluded (an "
                                + "empty collection, a zero count) the unsigned subtraction underflows, a panic "
                                + "in debug builds and a huge value in release.")
                        .check("Keep the condition around the subtraction, or use `checked_sub`/`saturating_sub` "
                                + "and decide what the excluded case should do.")
                        .build();
            }
        });
    }

    /**
     * A range that starts at a name: {@code results.drain(offset..)}, {@code v.split_off(at)}, {@code &buf[start..]};
     * group 1 the collection, group 2 or 3 the start.
     */
    private static final Pattern RANGE_START = Pattern.compile("(?<![\\w.])(" + PATH + ")\\s*(?:\\.\\s*(?:drain|split_off|split_at"
            + "|split_at_mut)\\s*\\(\\s*([a-z_]\\w*)\\s*(?:\\.\\.\\s*)?\\)|\\[\\s*([a-z_]\\w*)\\s*\\.\\.\\s*\\])");

    /**
     * A range taken out of the {@code if}/{@code else} that kept its start inside the collection: {@code if offset >=
     * results.len() { results.clear(); } else { results.drain(offset..); }} became {@code results.drain(offset..);},
     * and an OFFSET past the end of the rows panics (readyset 5d9c5cee reversed). The removed line held the range under
     * a condition comparing its start; an added line holds the same range under conditions none of which does.
     */
    static void rangeGuardUnwrapped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                    List<PanickingTwinAdded.Line> added, List<Finding> out) {
        unwrapped(file, pair, removed, added, out, new Unwrapped() {
            @Override
            public Pattern pattern() {
                return RANGE_START;
            }

            @Override
            public String key(Matcher m) {
                return squeeze(m.group());
            }

            @Override
            public String bounded(Matcher m) {
                return m.group(2) != null ? m.group(2) : m.group(3);
            }

            @Override
            public boolean clamped(String start) {
                // the start is clamped to the length before the range
                return Pattern.compile("(?<![\\w.])" + start + "\\s*\\.\\s*(?:min|clamp)\\s*\\(|\\bmin\\s*\\(\\s*"
                        + start + "\\b").matcher(pair.newBody()).find();
            }

            @Override
            public boolean skipsReported() {
                return true;
            }

            @Override
            public Finding finding(int line, Matcher was, Matcher now, String guard) {
                String start = bounded(was);
                String shown = now.group().strip().replaceAll("\\s+", " ");
                String where = guard.startsWith("else of ")
                        ? "in the `else` of `" + guard.substring("else of ".length()).replaceFirst("^if\\s+", "") + "`"
                        : "under `" + RuleSupport.shorten(guard) + "`";
                String fn = pair.now().name();
                return FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, line, line)
                        .object("`" + fn + "`").object("range guard unwrapped: " + key(was))
                        .title("`" + shown + "` in `" + fn + "` no longer runs " + where)
                        .explanation("Before the change `" + shown + "` ran only " + where + ", which kept `"
                                + start + "` within `" + was.group(1).strip() + "`. The change takes the range out "
                                + "of that condition and nothing around it compares `" + start + "` any more: a "
                                + "start past the end (an offset from a query, a count from a peer) panics.")
                        .check("Keep the comparison (and the branch for a start past the end), or clamp `" + start
                                + "` to the length first.")
                        .build();
            }
        });
    }

    /** One shape of {@link #unwrapped}: what a removed line held under its guard, and how to report it unguarded. */
    private interface Unwrapped {
        Pattern pattern();

        /** The guarded piece, normalised: the same piece on an added line has the same key. */
        String key(Matcher m);

        /** The name the guard had to compare for the piece to be safe. */
        String bounded(Matcher m);

        /** Whether the new body makes the name safe some other way, so no guard was lost. */
        default boolean clamped(String bounded) {
            return false;
        }

        /** Whether a line another PN5 shape already reported is left alone (the shapes added later do). */
        default boolean skipsReported() {
            return false;
        }

        Finding finding(int line, Matcher was, Matcher now, String guard);
    }

    /**
     * The skeleton of the guard shapes: a piece of a removed line ran under a condition comparing its name; an added
     * line holds the same piece under conditions none of which compares it, and no line before it in the fn bounds
     * the name. Reports the first such line of the fn.
     */
    private static void unwrapped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                  List<PanickingTwinAdded.Line> added, List<Finding> out, Unwrapped shape) {
        if (removed.stream().noneMatch(r -> shape.pattern().matcher(r.text()).find())) {
            return;
        }
        Unguarded.Blocks oldBlocks = new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(),
                pair.was().bodyEnd());
        Unguarded.Blocks newBlocks = new Unguarded.Blocks(pair.after().masked(), pair.now().bodyStart(),
                pair.now().bodyEnd());
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = shape.pattern().matcher(r.text());
            while (was.find() && looked++ < 32) {
                String name = shape.bounded(was);
                String key = shape.key(was);
                String guard = bounding(oldBlocks.conditions(pair.before().offset(r.number())), name);
                if (guard == null || shape.clamped(name)) {
                    continue;
                }
                for (PanickingTwinAdded.Line a : added) {
                    Matcher now = shape.pattern().matcher(a.text());
                    while (now.find()) {
                        if (!shape.key(now).equals(key)
                                || (shape.skipsReported() && PanickingTwinAdded.reported(out, a.number()))
                                || bounding(newBlocks.conditions(pair.after().offset(a.number())), name) != null
                                || boundedEarlier(pair, a.number(), name)) {
                            continue;
                        }
                        out.add(shape.finding(a.number(), was, now, guard));
                        return;
                    }
                }
            }
        }
    }

    /** {@code .saturating_sub(self.pos as usize)}: group 1 the kind, group 2 the subtrahend (a path, maybe cast). */
    private static final Pattern SATURATED_SUBTRAHEND = Pattern.compile("\\.\\s*(saturating|checked)_sub\\s*\\(\\s*(" + PATH
            + "(?:\\s+as\\s+[iu](?:8|16|32|64|128|size))?)\\s*\\)");

    /**
     * A subtrahend that was taken off with {@code saturating_sub}/{@code checked_sub} taken off with a plain {@code -}
     * after the change, whatever the minuend has become: rodio f2cac6ea reversed, where a size hint's
     * {@code (..).saturating_sub(self.next_output_sample_pos as usize)} became a closure computing {@code .. -
     * self.next_output_sample_pos as usize}, which underflows near the end of the input. The plain form must be new to
     * the fn (more uses than before).
     */
    static void saturationDropped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                  List<PanickingTwinAdded.Line> added, List<Finding> out) {
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = SATURATED_SUBTRAHEND.matcher(r.text());
            while (m.find() && looked++ < 16) {
                String subtrahend = m.group(2).strip().replaceAll("\\s+", " ");
                Pattern plain = Pattern.compile("(?<![-=<>!])-\\s*" + Pattern.quote(subtrahend).replace(" ", "\\E\\s+\\Q")
                        .replace(".", "\\E\\s*\\.\\s*\\Q") + "(?![\\w.(\\[])");
                if (RuleSupport.count(plain, pair.oldBody()) >= RuleSupport.count(plain, pair.newBody())) {
                    continue;
                }
                for (PanickingTwinAdded.Line a : added) {
                    if (!plain.matcher(a.text()).find() || a.text().contains("_sub") || PanickingTwinAdded.reported(out, a.number())) {
                        continue; // another shape already says it of this line
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object(m.group(1) + "_sub -> - " + subtrahend)
                            .title("`- " + subtrahend + "` replaces `." + m.group(1) + "_sub(" + subtrahend + ")` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` took `" + subtrahend + "` off with `" + m.group(1)
                                    + "_sub`, which stops at zero (or says it cannot); now a plain `-` takes it off, and "
                                    + "when it is the larger of the two (near the end of a stream, a position past a "
                                    + "count) the unsigned subtraction underflows: a panic in debug builds, a huge value "
                                    + "in release.")
                            .check("Keep `" + m.group(1) + "_sub`, or show that `" + subtrahend + "` can never exceed what "
                                    + "it is taken from.")
                            .build());
                    return;
                }
            }
        }
    }

    private static final Pattern INCREMENT = Pattern.compile("(?<![\\w.])(" + PATH + ")\\s*\\+=\\s*(" + PATH
            + "|\\d[\\d_]*)\\s*;");
    /**
     * A squeezed test that keeps {@code value} below something: {@code value < max}, {@code value.addr() <= max},
     * {@code max > value}. A lower bound ({@code value > 0}) keeps nothing from overflowing and is not one.
     */
    private static Pattern belowMaximum(String value) {
        String v = Pattern.quote(value);
        return Pattern.compile("(?<![\\w.])" + v + "(?:\\.\\w+(?:\\(\\))?){0,3}<(?!<)|(?<![>\\-])>=?" + v + "(?![\\w(])");
    }

    /**
     * An increment taken out of the {@code if} that kept it below a maximum, the condition gone from the fn: x86_64
     * efd7f00b reversed, {@code if self.start.start_address() < max_page_addr { self.start += 1; } else { self.end -= 1;
     * }} became {@code self.start += 1;}, and a range ending at the last page overflowed. The outer {@code if
     * self.start <= self.end} stays, so unlike {@link #guardUnwrapped} the test is that the innermost condition
     * comparing the value is gone from the new fn, not that none compares it.
     */
    static void incrementUnwrapped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                   List<PanickingTwinAdded.Line> added, List<Finding> out) {
        if (removed.stream().noneMatch(r -> r.text().contains("+="))) {
            return;
        }
        Unguarded.Blocks oldBlocks = null;
        String nowSqueezed = null;
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = INCREMENT.matcher(r.text());
            if (!was.find() || looked++ >= 16) {
                continue;
            }
            String left = squeeze(was.group(1));
            String step = left + "+=" + squeeze(was.group(2));
            if (oldBlocks == null) {
                oldBlocks = new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(), pair.was().bodyEnd());
                nowSqueezed = squeeze(pair.newBody());
            }
            List<String> conditions = new java.util.ArrayList<>(oldBlocks.conditions(pair.before().offset(r.number())));
            java.util.Collections.reverse(conditions);
            String guard = null;
            Pattern below = belowMaximum(left);
            for (String c : conditions) {
                if (c.startsWith("else of ")) {
                    continue; // an else runs when the test failed: it keeps nothing below the maximum
                }
                String test = squeeze(KEYWORD.matcher(c).replaceFirst(""));
                if (below.matcher(test).find() && !test.startsWith("let")) {
                    guard = test;
                    break;
                }
            }
            if (guard == null || nowSqueezed.contains(guard)) {
                continue;
            }
            for (PanickingTwinAdded.Line a : added) {
                Matcher now = INCREMENT.matcher(a.text());
                if (!now.find() || !(squeeze(now.group(1)) + "+=" + squeeze(now.group(2))).equals(step)) {
                    continue;
                }
                String shown = was.group(1).strip() + " += " + was.group(2).strip();
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object("increment unwrapped: " + step)
                        .title("`" + shown + "` in `" + fn + "` no longer runs under `" + RuleSupport.shorten(guard) + "`")
                        .explanation("Before the change `" + shown + "` ran only when `" + guard + "` held, which kept `"
                                + was.group(1).strip() + "` below its maximum. The condition is gone from the fn and "
                                + "the increment runs unconditionally: at the top of the range (the last page, "
                                + "`MAX`) it overflows, a panic in debug builds and a wrap to zero in release.")
                        .check("Keep the condition (or its else branch), or step with `checked_add` and decide what "
                                + "the last value should do.")
                        .build());
                return;
            }
        }
    }

    /** {@code x as u16}: a cast to an integer type of 32 bits or fewer, which drops the high bits of a larger value. */
    private static final Pattern NARROWING = Pattern.compile("(?<![\\w.])(" + PATH + ")\\s+as\\s+([ui](?:8|16|32))\\b");

    /**
     * A narrowing cast taken out of the {@code if} that kept the value in range: object fe194973 reversed, {@code let
     * e_phnum = if self.segment_num >= elf::PN_XNUM.into() { .. } else { self.segment_num as u16 };} became {@code let
     * e_phnum = self.segment_num as u16;}, and an ELF file of 65,535 segments or more got a truncated header count.
     * The removed line held {@code x as uN} under a condition comparing {@code x}; an added line holds the same cast
     * with no condition comparing {@code x} around it or before it in the fn.
     */
    static void narrowingUnwrapped(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                   List<PanickingTwinAdded.Line> added, List<Finding> out) {
        if (removed.stream().noneMatch(r -> r.text().contains(" as "))) {
            return;
        }
        Unguarded.Blocks oldBlocks = null;
        Unguarded.Blocks newBlocks = null;
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = NARROWING.matcher(r.text());
            while (was.find() && looked++ < 32) {
                String value = squeeze(was.group(1));
                String cast = value + " as " + was.group(2);
                if (oldBlocks == null) {
                    oldBlocks = new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(), pair.was().bodyEnd());
                    newBlocks = new Unguarded.Blocks(pair.after().masked(), pair.now().bodyStart(), pair.now().bodyEnd());
                }
                String guard = bounding(oldBlocks.conditions(pair.before().offset(r.number())), value);
                if (guard == null) {
                    continue;
                }
                for (PanickingTwinAdded.Line a : added) {
                    Matcher now = NARROWING.matcher(a.text());
                    while (now.find()) {
                        if (!(squeeze(now.group(1)) + " as " + now.group(2)).equals(cast)
                                || bounding(newBlocks.conditions(pair.after().offset(a.number())), value) != null
                                || boundedEarlier(pair, a.number(), value)) {
                            continue;
                        }
                        String shown = was.group(1).strip() + " as " + was.group(2);
                        String fn = pair.now().name();
                        out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                                .object("`" + fn + "`").object("cast unwrapped: " + cast)
                                .title("`" + shown + "` in `" + fn + "` no longer runs under `"
                                        + RuleSupport.shorten(guard) + "`")
                                .explanation("Before the change `" + shown + "` ran only inside `" + guard + "`, which "
                                        + "kept `" + was.group(1).strip() + "` in the range of `" + was.group(2) + "` (or "
                                        + "handled the values outside it). The change casts unconditionally and nothing "
                                        + "in the fn compares `" + was.group(1).strip() + "` any more: a larger value "
                                        + "silently loses its high bits, no panic and no error, just a wrong count or "
                                        + "offset written on.")
                                .check("Keep the range check, or use `" + was.group(2) + "::try_from(..)` and decide "
                                        + "what an out-of-range value should do.")
                                .build());
                        return;
                    }
                }
            }
        }
    }

    /** {@code let a = <expr>.min(b);} in a squeezed body: a value clamped to another name. */
    private static final Pattern CLAMPED_LET = Pattern.compile("(?<![\\w.])let(?:mut)?([a-z_]\\w{0,40})(?::[\\w:<>]{1,40})?="
            + "([^;{}]{1,400}?)\\.min\\(([a-z_]\\w{0,40})\\);");

    /**
     * A clamp that kept a subtrahend at most the value it is subtracted from, removed while the fn still subtracts:
     * syncstorage-rs 10daab06 reversed, {@code let active_threads = self.active_threads.load(Relaxed).min(spawned_tasks);}
     * lost its {@code .min(spawned_tasks)}, and {@code spawned_tasks - active_threads} underflowed when the two
     * counters, updated on different threads, were read out of step. The old body binds {@code a} with {@code .min(b)};
     * the new body binds {@code a} on an added line without any {@code min}, and still computes {@code b - a}.
     */
    static void clampRemoved(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                             List<PanickingTwinAdded.Line> added, List<Finding> out) {
        if (removed.stream().noneMatch(r -> r.text().contains("min("))) {
            return;
        }
        String oldBody = pair.oldBody();
        if (oldBody.length() > 100_000) {
            return;
        }
        Matcher was = CLAMPED_LET.matcher(squeeze(oldBody));
        int looked = 0;
        while (was.find() && looked++ < 16) {
            String value = was.group(1);
            String bound = was.group(3);
            Pattern difference = Pattern.compile("(?<![\\w.])" + Pattern.quote(bound) + "\\s*-\\s*" + Pattern.quote(value)
                    + "(?![\\w.(\\[])");
            if (!difference.matcher(pair.newBody()).find()) {
                continue;
            }
            Pattern let = Pattern.compile("(?<![\\w.])let\\s+(?:mut\\s+)?" + Pattern.quote(value) + "\\b[^=;]{0,40}=(?!=)");
            for (PanickingTwinAdded.Line a : added) {
                if (!let.matcher(a.text()).find()) {
                    continue;
                }
                int start = pair.after().offset(a.number()) - pair.now().bodyStart();
                int end = pair.newBody().indexOf(';', Math.max(0, start));
                String statement = end < 0 ? "" : pair.newBody().substring(Math.max(0, start), end);
                if (statement.contains("min(") || statement.contains("clamp(") || statement.length() > 400) {
                    continue;
                }
                String fn = pair.now().name();
                String shown = bound + " - " + value;
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object("clamp removed: " + value + " min " + bound)
                        .title("`" + value + "` is no longer clamped to `" + bound + "` before `" + shown + "` in `"
                                + fn + "`")
                        .explanation("Before the change `" + value + "` was bound with `.min(" + bound + ")`, so `"
                                + shown + "` could not go below zero. The change binds it without the clamp and the fn "
                                + "still subtracts it from `" + bound + "`: when `" + value + "` is the larger (two "
                                + "counters read one after the other while other threads update them, a length that "
                                + "grew) the unsigned subtraction underflows, a panic in debug builds and a huge value "
                                + "in release.")
                        .check("Keep `.min(" + bound + ")`, or subtract with `saturating_sub`/`checked_sub`.")
                        .build());
                return;
            }
        }
    }

    private static final Pattern TEST_LINE = Pattern.compile("^\\s*(?:\\}\\s*else\\s+)?(?:if|while|let)\\b|\\bassert\\w*!|=>");

    /**
     * Whether a line of the new body up to {@code line} tests {@code value}: a guard clause that now exits early, or the
     * line itself (`else { if c { .. } }` folded into `} else if c {`, ringbuf 569ee695).
     */
    private static boolean boundedEarlier(ItemOutline.FnPair pair, int line, String value) {
        int from = pair.after().line(pair.now().bodyStart());
        String[] lines = pair.newBody().split("\n", -1);
        List<String> tests = new java.util.ArrayList<>();
        for (int n = 0; n < lines.length && from + n <= line; n++) { // the line itself may be the test (`} else if`)
            if (lines[n].length() < PanickingTwinAdded.MAX_LINE && TEST_LINE.matcher(lines[n]).find()) {
                tests.add(lines[n]);
            }
        }
        return bounding(tests, value) != null;
    }

    /** The first condition that bounds {@code value}: compares it, or tests it for emptiness. */
    private static String bounding(List<String> conditions, String value) {
        String base = value.endsWith(".len()") ? value.substring(0, value.length() - ".len()".length()) : value;
        Pattern word = Pattern.compile("(?<![\\w.])" + Pattern.quote(base) + "(?![\\w(])");
        for (String c : conditions) {
            // the keyword goes before the squeeze, or `if self.len` would read as `ifself.len`
            String squeezed = squeeze(KEYWORD.matcher(c).replaceFirst(""));
            if (BOUNDS.matcher(squeezed).find() && word.matcher(squeezed).find()) {
                return c.replaceAll("\\s+", " ").strip();
            }
        }
        return null;
    }

    /** The keywords before a condition, also {@code else of } that {@link Unguarded.Blocks} puts before an else's if. */
    private static final Pattern KEYWORD = Pattern.compile("^\\s*(?:\\}\\s*)?(?:else\\s+(?:of\\s+)?)?(?:if|while|let)\\s+(?:let\\s+)?");

    /** The first condition that compares {@code value} ({@code <}/{@code >} and the value as a whole word). */
    private static String comparing(List<String> conditions, String value) {
        Pattern word = Pattern.compile("(?<![\\w.])" + Pattern.quote(value) + "(?![\\w(])");
        for (String c : conditions) {
            String squeezed = squeeze(c);
            if (COMPARES.matcher(squeezed).find() && word.matcher(squeezed).find()) {
                return c.replaceAll("\\s+", " ").strip();
            }
        }
        return null;
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static Finding finding(ChangedFile file, ItemOutline.FnPair pair, int line, String left, String right,
                                   String other, String guard) {
        String fn = pair.now().name();
        return FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, line, line)
                .object("`" + fn + "`").object("subtrahend unbound: " + left + " - " + other)
                .title("`" + left + " - " + other + "` in `" + fn + "` subtracts a value `"
                        + RuleSupport.shorten(guard) + "` does not bound")
                .explanation("Before the change the line subtracted `" + right + "`, which the enclosing `" + guard
                        + "` compares, so the difference could not go below zero. It now subtracts `" + other + "`, "
                        + "which no enclosing condition compares: when `" + other + "` is the larger, the unsigned "
                        + "subtraction underflows (a panic in debug builds, a huge value in release).")
                .check("Check that `" + other + "` can never exceed `" + left + "` here, or compare them (or use "
                        + "`saturating_sub`/`checked_sub`) before subtracting.")
                .build();
    }
}
