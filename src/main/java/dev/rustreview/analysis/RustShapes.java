package dev.rustreview.analysis;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What the categorizer knows about common Rust shapes: well-known traits, data derives, accessors. */
final class RustShapes {

    static final Set<String> WELL_KNOWN = Set.of("Display", "Debug", "From", "Into", "TryFrom", "TryInto",
            "FromStr", "Default", "Clone", "Copy", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord", "AsRef", "AsMut",
            "Deref", "DerefMut", "Borrow", "BorrowMut", "Serialize", "Deserialize", "Iterator", "IntoIterator",
            "ExactSizeIterator", "FromIterator", "Extend");
    static final Set<String> DATA_DERIVES = Set.of("Serialize", "Deserialize", "DeriveEntityModel",
            "DeriveRelation", "DeriveActiveEnum", "DeriveMigrationName", "FromRow", "Queryable", "Insertable",
            "Selectable", "AsChangeset", "Identifiable", "Associations", "QueryableByName", "sqlx::Type", "Type",
            "FromQueryResult", "Model", "Entity");
    static final Set<String> ORM_TRAITS = Set.of("ActiveModelBehavior", "RelationTrait", "Related",
            "MigrationTrait", "MigratorTrait", "EntityName", "ColumnTrait", "PrimaryKeyTrait");
    static final Set<String> SCHEMA_MACROS = Set.of("table", "joinable", "allow_tables_to_appear_in_same_query");
    private static final Pattern GETTER = Pattern.compile(
            "&?(mut )?self\\.\\w+(\\.(clone|as_ref|as_deref|as_str|as_slice|as_path|copied|cloned|is_some|is_none|len|is_empty)\\(\\))?");

    private RustShapes() {
    }

    /** "getter", "builder method" or "constructor" for a trivially shaped inherent method. */
    static Optional<String> accessorShape(RustTree tree, Node fn) {
        Node body = Syntax.field(fn, "body").orElse(null);
        if (body == null) {
            return Optional.empty();
        }
        List<Node> stmts = Syntax.namedChildren(body).stream()
                .filter(c -> !Syntax.is(c, "line_comment", "block_comment")).toList();
        String params = Syntax.field(fn, "parameters").map(p -> tree.text(p).replaceAll("\\s+", " ")).orElse("");
        if (stmts.size() == 1 && GETTER.matcher(squash(tree.text(stmts.get(0)))).matches()
                && params.matches("\\(\\s*&(mut )?self\\s*\\)")) {
            return Optional.of("getter");
        }
        if (stmts.size() == 1 && Syntax.is(stmts.get(0), "struct_expression")) {
            return Optional.of("constructor");
        }
        if (params.matches("\\(\\s*(mut )?self\\b.*") && !stmts.isEmpty() && tree.text(stmts.get(stmts.size() - 1)).trim().equals("self")) {
            boolean assignments = stmts.subList(0, stmts.size() - 1).stream().allMatch(s -> squash(tree.text(s))
                    .matches("self\\.\\w+ = [^;]*;"));
            if (assignments) {
                return Optional.of("builder method");
            }
        }
        return Optional.empty();
    }

    static List<String> derives(RustTree tree, Node item) {
        return Syntax.attributes(item).stream().map(tree::text).filter(t -> t.replaceAll("\\s+", "").startsWith("#[derive("))
                .flatMap(t -> java.util.Arrays.stream(t.replaceAll("\\s+", "").replaceFirst("^#\\[derive\\(", "")
                        .replaceFirst("\\)]$", "").split(",")))
                .map(d -> d.startsWith("sqlx::") ? d : lastSegment(d)).toList();
    }

    static String squash(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    static String stripGenerics(String text) {
        int lt = text.indexOf('<');
        return (lt < 0 ? text : text.substring(0, lt)).trim();
    }

    static String lastSegment(String path) {
        int i = path.lastIndexOf("::");
        return i < 0 ? path.trim() : path.substring(i + 2).trim();
    }
}
