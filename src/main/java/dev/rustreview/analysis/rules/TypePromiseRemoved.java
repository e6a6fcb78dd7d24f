package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US10: a type keeps its name and fields but loses a promise that unsafe code and other threads rely on. Two shapes:
 *
 * <ul>
 *   <li>a part of its {@code #[repr(..)]} removed: {@code C}, {@code transparent}, {@code align(8)}, an integer
 *   repr of an enum. Layout is not checked by the compiler where it matters: a transmute, a pointer cast, an FFI
 *   call, tag bits kept in the low bits of a pointer (papaya 0574e3e3: entries of {@code i32} pairs are only
 *   4-byte aligned without {@code align(8)}, and the tags overwrote address bits);</li>
 *   <li>an {@code unsafe impl Send}/{@code Sync} removed while the type stays: the compiler now derives the trait
 *   from the fields, which can be broader than the hand-written bounds (futures-intrusive 8783a08e: a mutex guard
 *   holding {@code &Mutex<T>} became {@code Sync} for any {@code T: Send}, and shared {@code &T} across threads for a
 *   {@code T} that is not {@code Sync}) or narrower (callers that sent it stop compiling, which is safe).</li>
 * </ul>
 */
public final class TypePromiseRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US10", RiskArea.UNSAFE, Severity.MEDIUM, "layout or thread-safety promise removed",
            "A struct, enum or union that stays in the file loses a part of its `#[repr(..)]` (`C`, `transparent`, "
                    + "`align(N)`, `packed`, an integer repr), or an `unsafe impl Send`/`Sync` for it is removed with "
                    + "no impl of that trait left in the file: its layout, or its Send/Sync, is now what the compiler "
                    + "derives.",
            "It reads one file: an impl moved to another file reads as removed, and whether anything relies on the "
                    + "layout (a transmute, FFI, pointer tags) or whether the derived Send/Sync is broader than the "
                    + "old bounds is not checked.");

    private static final Pattern REPR = Pattern.compile("#\\[\\s*repr\\s*\\(([^\\]]*)\\)\\s*\\]");
    private static final Pattern UNSAFE_AUTO_IMPL = Pattern.compile("\\bunsafe\\s+impl\\b.*?\\b(Send|Sync)\\s+for\\b", Pattern.DOTALL);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> oldTypes = before.byKey(ItemOutline.Kind.STRUCT);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item now : after.byKey(ItemOutline.Kind.STRUCT).values()) {
            ItemOutline.Item was = oldTypes.get(now.key());
            if (was == null || after.inTest(now)) {
                continue;
            }
            Set<String> lost = new LinkedHashSet<>(repr(was.header()));
            lost.removeAll(repr(now.header()));
            int line = after.headerLine(now);
            if (!lost.isEmpty()) {
                out.add(reprFinding(file, now.name(), lost, line));
            }
        }
        Set<String> newImpls = autoImpls(after).keySet();
        Map<String, ItemOutline.Item> newTypes = byName(after);
        for (Map.Entry<String, ItemOutline.Item> removed : autoImpls(before).entrySet()) {
            String[] parts = removed.getKey().split(" ", 2);
            ItemOutline.Item type = newTypes.get(parts[1]);
            if (!newImpls.contains(removed.getKey()) && type != null && !after.inTest(type)
                    && !Pattern.compile("\\bimpl\\b[^{;]*!?\\b" + parts[0] + "\\s+for\\s+" + Pattern.quote(parts[1]) + "\\b")
                    .matcher(after.masked()).find()) {
                // On the removed impl's line (old side): the review unit of that removal is where the reviewer decides.
                out.add(implFinding(file, parts[1], parts[0], before.headerLine(removed.getValue())));
            }
        }
        return out;
    }

    /** The parts of a type's {@code #[repr(..)]} attributes, spaces removed ({@code C}, {@code align(8)}). */
    static Set<String> repr(String header) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = REPR.matcher(header);
        while (m.find()) {
            int depth = 0;
            StringBuilder part = new StringBuilder();
            for (char c : m.group(1).toCharArray()) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (c == ',' && depth == 0) {
                    add(out, part);
                } else if (!Character.isWhitespace(c)) {
                    part.append(c);
                }
            }
            add(out, part);
        }
        return out;
    }

    private static void add(Set<String> out, StringBuilder part) {
        if (!part.isEmpty() && out.size() < 16) {
            out.add(part.toString());
        }
        part.setLength(0);
    }

    /** {@code "Sync Guard"} for each {@code unsafe impl<..> Sync for Guard<..>} of the side, with the impl. */
    private static Map<String, ItemOutline.Item> autoImpls(ItemOutline outline) {
        Map<String, ItemOutline.Item> out = new java.util.LinkedHashMap<>();
        for (ItemOutline.Item impl : outline.byKey(ItemOutline.Kind.IMPL).values()) {
            Matcher m = UNSAFE_AUTO_IMPL.matcher(impl.header());
            if (m.find() && !outline.inTest(impl)) {
                out.putIfAbsent(m.group(1) + " " + impl.name(), impl);
            }
        }
        return out;
    }

    private static Map<String, ItemOutline.Item> byName(ItemOutline outline) {
        Map<String, ItemOutline.Item> out = new java.util.HashMap<>();
        for (ItemOutline.Item type : outline.byKey(ItemOutline.Kind.STRUCT).values()) {
            out.putIfAbsent(type.name(), type);
        }
        return out;
    }

    private static Finding reprFinding(ChangedFile file, String type, Set<String> lost, int line) {
        String parts = String.join(", ", lost);
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object("`" + type + "`").object("repr removed: " + parts)
                .title("`" + type + "` loses `#[repr(" + parts + ")]`")
                .explanation("Before the change `" + type + "` had `#[repr(" + parts + ")]`; without it the "
                        + "compiler chooses the " + (lost.stream().anyMatch(p -> p.startsWith("align")) ? "alignment"
                        : "layout") + " itself, and may reorder fields, change the size, or align to less than before. "
                        + "Nothing in safe code notices; code that relies on the layout does: a transmute or pointer "
                        + "cast to another type, a struct passed to C, tag bits kept in a pointer's low bits.")
                .check("Look for unsafe code, FFI and pointer tagging that use `" + type + "`; if any relies on its "
                        + "layout or alignment, keep the repr (or add a compile-time assertion of what it needs).")
                .build();
    }

    private static Finding implFinding(ChangedFile file, String type, String trait, int line) {
        return FindingBuilder.lines(INFO, file, Side.OLD, line, line)
                .object("`" + type + "`").object("unsafe impl " + trait + " removed")
                .title("`unsafe impl " + trait + " for " + type + "` is removed while `" + type + "` stays")
                .explanation("The change removes the hand-written `unsafe impl " + trait + "` for `" + type + "`, so "
                        + "the compiler now derives `" + trait + "` from its fields. That can be broader than the "
                        + "removed impl's bounds: a guard holding `&Mutex<T>` is `Sync` whenever `T: Send`, and then "
                        + "hands out `&T` to several threads for a `T` that is not `Sync`. If it is narrower, code that "
                        + "sent it stops compiling, which is safe.")
                .check("Check which bounds the derived `" + trait + "` of `" + type + "` has now; if it holds a "
                        + "reference, a pointer or a cell to `T`, keep an explicit impl with the bounds the removed one had.")
                .build();
    }
}
