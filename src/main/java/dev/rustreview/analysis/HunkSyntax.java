package dev.rustreview.analysis;

import dev.rustreview.model.Side;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where in the code a hunk is: the items its changed lines sit in (outermost first, in the order first
 * touched), and whether any changed line is in async or unsafe code, whether every changed line is test code,
 * and whether the parser had to recover from errors there. Empty items for non-Rust files.
 *
 * @param items   enclosing items of the changed lines, deduplicated ({@code impl ExternalService for
 *                PostgresService}, {@code fn resolve})
 * @param async   some changed line is inside an async fn, async block or async closure
 * @param unsafe  some changed line is inside (or opens) an unsafe block, unsafe fn or unsafe impl
 * @param test    every changed code line is test code (and there is at least one)
 * @param partial the changed lines touch code the parser could not fully parse
 */
public record HunkSyntax(List<Item> items, boolean async, boolean unsafe, boolean test, boolean partial) {

    /** What an enclosing item is. */
    public enum Kind {
        FN("fn"), IMPL("impl"), TRAIT("trait"), MOD("mod"), STRUCT("struct"), ENUM("enum"), UNION("union"),
        MACRO("macro_rules!"), MACRO_CALL(""), CONST("const"), STATIC("static"), TYPE("type"), EXTERN("extern");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /**
     * One enclosing item.
     *
     * @param name      the item's name; for an impl, the implementing type; for an extern block, its ABI
     * @param traitName the implemented trait for {@code impl Trait for Type}, null otherwise
     * @param side      the side whose tree the item was found in (NEW for added and context lines, OLD for removals)
     */
    public record Item(Kind kind, String name, String traitName, Side side, int startLine, int endLine) {

        /** How a reviewer reads it: {@code impl Display for Foo}, {@code fn resolve}, {@code table!}. */
        public String label() {
            return switch (kind) {
                case IMPL -> traitName == null ? "impl " + name : "impl " + traitName + " for " + name;
                case MACRO_CALL -> name + "!";
                default -> kind.keyword() + " " + name;
            };
        }
    }

    public static final HunkSyntax NONE = new HunkSyntax(List.of(), false, false, false, false);

    public HunkSyntax {
        items = List.copyOf(items);
    }

    /** The items' labels in order, e.g. {@code impl ExternalService for PostgresService, fn resolve}. */
    public String summary() {
        return items.stream().map(Item::label).collect(Collectors.joining(", "));
    }
}
