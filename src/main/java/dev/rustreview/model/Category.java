package dev.rustreview.model;

/**
 * The primary kind of a hunk, in the order RISK-RULES.md gives: the first that matches wins, so
 * that the order itself is the tie-break a reviewer can predict.
 */
public enum Category {
    DEPENDENCIES_BUILD("dependencies & build", "Cargo.toml, Cargo.lock, build.rs, .cargo/, rust-toolchain"),
    TESTS("tests", "#[test], #[cfg(test)] modules, tests/, benches/, test helpers"),
    DOCUMENTATION("documentation", "doc comments, #[doc], Markdown and prose; hunks that change only docs or comments"),
    BOILERPLATE("boilerplate", "well-known trait impls (Display, From, Default, Debug, Clone...), derives, builders, getters"),
    SCHEMA("schema & data model", "structs and enums with serde/ORM derives, SQL migrations, schema files"),
    ERROR_HANDLING("error handling", "error enums, thiserror/anyhow, From for errors, map_err, ? conversions"),
    API("api & architecture", "new modules, mod/use re-exports in lib.rs or mod.rs, pub trait definitions, workspace members"),
    CORE_LOGIC("core logic", "everything else"),
    GENERATED("generated", "lock files, linguist-generated files, *.generated.rs (collapsed by default)");

    private final String label;
    private final String covers;

    Category(String label, String covers) {
        this.label = label;
        this.covers = covers;
    }

    /** The name a reviewer sees. */
    public String label() {
        return label;
    }

    /** What the category covers, for the UI's explanation of the grouping. */
    public String covers() {
        return covers;
    }

    /** The kebab-case id used in JSON and on the command line ({@code dependencies-build}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
