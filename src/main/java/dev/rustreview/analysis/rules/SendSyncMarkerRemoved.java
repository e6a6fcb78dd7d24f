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
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * US5: a struct that kept itself {@code !Send} or {@code !Sync} (a raw pointer, {@code NonNull}, {@code Rc},
 * a {@code Cell}, a {@code PhantomData} of one of them, a negative impl) loses its last such marker in the
 * change and has no explicit {@code unsafe impl} instead: the compiler now derives Send/Sync from the remaining
 * fields alone. That is how a guard or a thread-local type becomes shareable across threads by accident
 * (the marker was the only thing that stopped it), a soundness bug no compiler error reports.
 */
public final class SendSyncMarkerRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US5", RiskArea.UNSAFE, Severity.MEDIUM, "Send/Sync marker removed",
            "A struct (also one declared inside a macro body) that had a field keeping it `!Send` or `!Sync` (a raw "
                    + "pointer, `NonNull`, `Rc`, `Cell`/`RefCell`/`UnsafeCell`, a `PhantomData` of one of them, a "
                    + "`NotSend`-like marker type) or a negative impl, and whose last such field or impl the change "
                    + "removes without adding an `unsafe impl` of that trait: the type becomes auto-Send/Sync from its "
                    + "remaining fields.",
            "It reads one file: a marker hidden in a type declared elsewhere (a field of type `Inner` that holds an "
                    + "`Rc`), and whether the remaining fields really are thread-safe, are not checked.");

    enum Auto { SEND, SYNC }

    private static final Pattern BOTH = Pattern.compile(
            "\\*\\s*(?:const|mut)\\b|\\bNonNull\\s*<|\\bRc\\s*<|\\brc::Weak\\s*<|\\b\\w*(?:NotSendOrSync|NotThreadSafe)\\w*\\b");
    private static final Pattern SEND_ONLY = Pattern.compile("\\b\\w*(?:NotSend|NoSend|Unsend)\\w*\\b");
    private static final Pattern SYNC_ONLY = Pattern.compile(
            "\\b(?:Cell|RefCell|UnsafeCell)\\s*<|\\b\\w*(?:NotSync|NoSync|Unsync)\\w*\\b");
    private static final Pattern MARKERS = Pattern.compile(BOTH.pattern() + "|" + SEND_ONLY.pattern() + "|"
            + SYNC_ONLY.pattern());

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> oldStructs = before.byKey(ItemOutline.Kind.STRUCT);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item now : after.byKey(ItemOutline.Kind.STRUCT).values()) {
            ItemOutline.Item was = oldStructs.get(now.key());
            if (was == null) {
                continue;
            }
            Set<Auto> blockedBefore = blocked(before, was);
            Set<Auto> blockedNow = blocked(after, now);
            Set<Auto> lost = EnumSet.noneOf(Auto.class);
            for (Auto a : blockedBefore) {
                if (!blockedNow.contains(a) && !explicitImpl(after, now.name(), a)) {
                    lost.add(a);
                }
            }
            if (!lost.isEmpty() && file.anyRemoved(before.line(was.start()), before.endLine(was))
                    || !lost.isEmpty() && negativeImplRemoved(before, after, now.name(), lost)) {
                out.add(finding(file, before, was, after, now, lost));
            }
        }
        return out;
    }

    /** Which auto traits the struct's own fields or a negative impl in the file rule out. */
    static Set<Auto> blocked(ItemOutline outline, ItemOutline.Item struct) {
        Set<Auto> out = EnumSet.noneOf(Auto.class);
        String fields = outline.body(struct);
        if (BOTH.matcher(fields).find()) {
            out.add(Auto.SEND);
            out.add(Auto.SYNC);
        }
        if (SEND_ONLY.matcher(fields).find()) {
            out.add(Auto.SEND);
        }
        if (SYNC_ONLY.matcher(fields).find()) {
            out.add(Auto.SYNC);
        }
        for (Auto a : Auto.values()) {
            if (negativeImpl(outline, struct.name(), a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean negativeImplRemoved(ItemOutline before, ItemOutline after, String type, Set<Auto> lost) {
        return lost.stream().anyMatch(a -> negativeImpl(before, type, a) && !negativeImpl(after, type, a));
    }

    private static boolean negativeImpl(ItemOutline outline, String type, Auto a) {
        return implOf(outline, type, "!" + traitName(a));
    }

    private static boolean explicitImpl(ItemOutline outline, String type, Auto a) {
        return implOf(outline, type, traitName(a));
    }

    private static boolean implOf(ItemOutline outline, String type, String trait) {
        for (ItemOutline.Item impl : outline.byKey(ItemOutline.Kind.IMPL).values()) {
            String[] parts = ItemOutline.implParts(ItemOutline.plain(impl.header()));
            String t = parts[0].replaceAll("\\s+", "");
            if (impl.name().equals(type) && (t.equals(trait) || t.endsWith("::" + trait)
                    || trait.startsWith("!") && t.equals("!" + trait.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    private static String traitName(Auto a) {
        return a == Auto.SEND ? "Send" : "Sync";
    }

    private static Finding finding(ChangedFile file, ItemOutline before, ItemOutline.Item was, ItemOutline after,
                                   ItemOutline.Item now, Set<Auto> lost) {
        Set<String> markers = new LinkedHashSet<>();
        List<String> kept = ThreadBoundRemoved.split(after.body(now)).stream().map(f -> f.replaceAll("\\s+", "")).toList();
        for (String field : ThreadBoundRemoved.split(before.body(was))) {
            String plain = field.replaceAll("\\s+", " ").strip();
            if (MARKERS.matcher(plain).find() && !kept.contains(field.replaceAll("\\s+", ""))) {
                markers.add(plain);
            }
        }
        String traits = String.join(" and ", lost.stream().map(SendSyncMarkerRemoved::traitName).toList());
        String negated = String.join("/", lost.stream().map(a -> "!" + traitName(a)).toList());
        String type = now.name();
        boolean removedImpls = lost.stream().anyMatch(a -> explicitImpl(before, type, a));
        int start = after.headerLine(now);
        int end = Math.max(start, after.endLine(now));
        FindingBuilder b = FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                .object(type)
                .title("`" + type + "` is now auto-" + traits + ": its " + negated + " marker was removed")
                .explanation("Before the change "
                        + (markers.isEmpty() ? "a negative impl" : "`" + String.join("`, `", markers) + "`")
                        + " kept `" + type + "` from being " + traits + " by default"
                        + (removedImpls ? " (it was " + traits + " only through `unsafe impl`s, with the bounds its "
                        + "author chose; they are removed as well)" : "")
                        + "; that marker is gone and no `unsafe impl` replaces it, so the compiler now makes `" + type
                        + "` " + traits + " whenever its remaining fields are. A guard or a thread-bound handle that becomes " + traits
                        + " lets safe code use it from another thread: a data race the compiler no longer reports.")
                .check("Confirm `" + type + "` really is thread-safe now; if it must stay bound to its thread, keep a "
                        + "`PhantomData<*const ()>` (or `PhantomData<Rc<()>>`) field, or add `unsafe impl`s with the "
                        + "exact bounds (e.g. `T: Send + Sync`).");
        lost.forEach(a -> b.object("!" + traitName(a) + " marker removed"));
        return b.build();
    }
}
