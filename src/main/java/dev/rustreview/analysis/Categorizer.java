package dev.rustreview.analysis;

import dev.rustreview.model.Category;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gives every hunk one primary {@link Category}, secondary tags and a reason.
 *
 * <p>Order of decisions: the path first (generated files, then dependencies &amp; build, then the kind of a
 * non-Rust file); for Rust, every changed line gets a category from its syntax (first match in
 * {@link Category} order, see {@link RustLineClassifier}), and the hunk takes the <em>riskiest</em> of its
 * lines' categories as primary, the others as tags. Riskiness, most risky first, is {@link #RISKIEST_FIRST}:
 * core logic, dependencies &amp; build, API, error handling, schema, boilerplate, tests, documentation,
 * generated. The reason for mixing by riskiness instead of by enum order: reviewers bulk-accept by category
 * ("accept all documentation"), so a hunk that adds a doc comment and changes a line of logic must never be
 * documentation; it is core logic tagged documentation. Core logic ranks first because it is where agents are
 * confidently wrong; API changes outrank error handling because they break callers; schema changes outrank
 * boilerplate because they change persisted or wire formats; tests and docs cannot break the program.
 *
 * <p>Lines that decide nothing are left out of the mix: blank lines, lone closing braces, private {@code use}
 * imports and inherent-impl headers. A hunk made only of those is boilerplate ("only imports changed").
 * Added and context lines are read in the new tree, removed lines in the old one, so a hunk that deletes a
 * test is still "tests". A Rust file that could not be parsed at all falls back to text: comment lines are
 * documentation, everything else core logic.
 *
 * <p>File rollup: the riskiest hunk category (not the most common), for the same reason. Change-set rollup:
 * counts of hunks and of files per category.
 *
 * <p>Whether an {@code impl X for Y} "mirrors a sibling impl" depends on what the {@link CategoryContext}
 * knows: by default the change set's own files; a caller that parses the crate's unchanged sources too
 * recognises siblings the change does not touch.
 */
public final class Categorizer {

    /** Categories from most to least risky; the tie-break when one hunk mixes kinds. */
    public static final List<Category> RISKIEST_FIRST = List.of(Category.CORE_LOGIC, Category.DEPENDENCIES_BUILD,
            Category.API, Category.ERROR_HANDLING, Category.SCHEMA, Category.BOILERPLATE, Category.TESTS,
            Category.DOCUMENTATION, Category.GENERATED);

    private final GitAttributes attributes;

    /** @param attributes the repository's parsed .gitattributes ({@link GitAttributes#none()} when absent) */
    public Categorizer(GitAttributes attributes) {
        this.attributes = attributes;
    }

    /** Categories for every file and hunk of a change set, with counts. */
    public ChangeCategories categorize(List<ChangedFile> files) {
        return categorize(files, CategoryContext.of(files));
    }

    /** The same with a caller-built context, e.g. one that also knows the crate's unchanged sources. */
    public ChangeCategories categorize(List<ChangedFile> files, CategoryContext context) {
        List<FileCategories> out = new ArrayList<>();
        Map<Category, Integer> hunks = zeroCounts();
        Map<Category, Integer> fileCounts = zeroCounts();
        for (ChangedFile file : files) {
            FileCategories fc = categorizeFile(file, context);
            out.add(fc);
            fc.counts().forEach((c, n) -> hunks.merge(c, n, Integer::sum));
            fileCounts.merge(fc.primary(), 1, Integer::sum);
        }
        return new ChangeCategories(out, hunks, fileCounts);
    }

    /** One file's hunks and its rollup; {@code context} may omit the file (its own impls are added). */
    public FileCategories categorizeFile(ChangedFile file, CategoryContext context) {
        context = context.including(file);
        LineNodes newLines = file.newTree() == null ? null : new LineNodes(file.newTree());
        LineNodes oldLines = file.oldTree() == null ? null : new LineNodes(file.oldTree());
        List<HunkCategory> hunks = new ArrayList<>();
        RustLineClassifier classifier = new RustLineClassifier(file, context);
        for (Hunk hunk : file.change().hunks()) {
            hunks.add(categorize(file, hunk, classifier, newLines, oldLines));
        }
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        hunks.forEach(h -> counts.merge(h.primary(), 1, Integer::sum));
        if (hunks.isEmpty()) {
            PathCategories.Verdict v = pathVerdict(file).orElse(PathCategories.Verdict.of(Category.CORE_LOGIC,
                    "no text changes to show (binary, too large or mode change)"));
            return new FileCategories(file.path(), v.category(), v.reason(), hunks, counts);
        }
        Category primary = riskiest(counts.keySet());
        String reason = hunks.size() == 1 ? hunks.get(0).reason()
                : "riskiest of " + hunks.size() + " hunks: " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        return new FileCategories(file.path(), primary, reason, hunks, counts);
    }

    /** One hunk's category. */
    public HunkCategory categorizeHunk(ChangedFile file, Hunk hunk, CategoryContext context) {
        return categorize(file, hunk, new RustLineClassifier(file, context.including(file)),
                file.newTree() == null ? null : new LineNodes(file.newTree()),
                file.oldTree() == null ? null : new LineNodes(file.oldTree()));
    }

    private HunkCategory categorize(ChangedFile file, Hunk hunk, RustLineClassifier classifier, LineNodes newLines,
                                    LineNodes oldLines) {
        HunkSyntax syntax = HunkSyntaxReader.read(file, hunk, newLines, oldLines);
        Optional<PathCategories.Verdict> byPath = pathVerdict(file);
        if (byPath.isPresent()) {
            PathCategories.Verdict v = byPath.get();
            List<Category> tags = new ArrayList<>(v.tags());
            if (v.category() == Category.DEPENDENCIES_BUILD && PathCategories.touchesWorkspaceMembers(file, hunk)) {
                tags.add(Category.API);
            }
            String reason = v.category() == Category.DEPENDENCIES_BUILD && tags.contains(Category.API)
                    ? v.reason() + ": workspace members changed" : v.reason();
            return new HunkCategory(v.category(), tags, reason, syntax);
        }
        if (!file.isRust()) {
            PathCategories.Verdict v = PathCategories.nonRust(file.path());
            return new HunkCategory(v.category(), v.tags(), v.reason(), syntax);
        }
        List<RustLineClassifier.Verdict> verdicts = new ArrayList<>();
        for (DiffLine line : hunk.lines()) {
            if (line.isAdded() || line.isRemoved()) {
                LineNodes lines = line.isAdded() ? newLines : oldLines;
                int number = line.isAdded() ? line.newLine() : line.oldLine();
                if (lines != null) {
                    classifier.classify(lines, number).ifPresent(verdicts::add);
                } else {
                    textOnly(file, line.text()).ifPresent(verdicts::add);
                }
            }
        }
        return mix(verdicts, syntax);
    }

    /** Lines of a Rust file that could not be parsed: comments are documentation, the rest core logic. */
    private static Optional<RustLineClassifier.Verdict> textOnly(ChangedFile file, String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (file.isTestPath()) {
            return Optional.of(RustLineClassifier.Verdict.of(Category.TESTS, "test code"));
        }
        if (t.startsWith("//")) {
            return Optional.of(RustLineClassifier.Verdict.of(Category.DOCUMENTATION,
                    t.startsWith("///") || t.startsWith("//!") ? "only doc comments changed" : "only comments changed"));
        }
        return Optional.of(RustLineClassifier.Verdict.of(Category.CORE_LOGIC, "a file that could not be parsed"));
    }

    /** The riskiest line category wins; the other categories (and the lines' own tags) become tags. */
    private static HunkCategory mix(List<RustLineClassifier.Verdict> verdicts, HunkSyntax syntax) {
        Set<Category> seen = EnumSet.noneOf(Category.class);
        Set<Category> tags = EnumSet.noneOf(Category.class);
        Map<Category, Set<String>> reasons = new EnumMap<>(Category.class);
        String neutral = null;
        for (RustLineClassifier.Verdict v : verdicts) {
            if (v.category() == null) {
                neutral = neutral == null ? v.reason() : neutral;
                continue;
            }
            seen.add(v.category());
            reasons.computeIfAbsent(v.category(), k -> new LinkedHashSet<>()).add(v.reason());
            if (v.tag() != null) {
                tags.add(v.tag());
            }
        }
        if (seen.isEmpty()) {
            return new HunkCategory(Category.BOILERPLATE, List.of(),
                    neutral != null ? neutral : "only blank lines or braces changed", syntax);
        }
        Category primary = riskiest(seen);
        tags.addAll(seen);
        tags.remove(primary);
        List<String> why = new ArrayList<>(reasons.get(primary));
        String reason = primary == Category.CORE_LOGIC ? "code in " + firstFew(why)
                : why.get(0) + (why.size() > 1 ? " (+" + (why.size() - 1) + " more)" : "");
        List<Category> others = seen.stream().filter(c -> c != primary).toList();
        if (!others.isEmpty()) {
            reason = reason + "; also " + others.stream().map(Category::label).collect(Collectors.joining(", "));
        }
        return new HunkCategory(primary, new ArrayList<>(tags), reason, syntax);
    }

    /** Up to three items joined, and how many more there are. */
    private static String firstFew(List<String> items) {
        return items.size() <= 3 ? String.join(", ", items)
                : String.join(", ", items.subList(0, 3)) + " and " + (items.size() - 3) + " more";
    }

    private Optional<PathCategories.Verdict> pathVerdict(ChangedFile file) {
        return PathCategories.generated(file, attributes)
                .or(() -> PathCategories.build(file.path()))
                .or(() -> file.isRust() ? PathCategories.rustSchema(file.path()) : Optional.empty());
    }

    /** The most risky of {@code categories} by {@link #RISKIEST_FIRST}. */
    public static Category riskiest(Set<Category> categories) {
        for (Category c : RISKIEST_FIRST) {
            if (categories.contains(c)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no categories");
    }

    private static Map<Category, Integer> zeroCounts() {
        Map<Category, Integer> m = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            m.put(c, 0);
        }
        return m;
    }

}
