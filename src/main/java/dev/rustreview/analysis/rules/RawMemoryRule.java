package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.Syntax;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * US3: raw memory operations on added lines. Ambiguous names ({@code read}, {@code write}, {@code add}) count
 * only with a {@code ptr::} path or on a local known to be a raw pointer, so that RwLock reads and vector
 * pushes stay quiet.
 */
public final class RawMemoryRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US3", RiskArea.UNSAFE, Severity.CRITICAL, "raw memory operation",
            "transmute, ptr::read/write/copy*, from_raw_parts*, set_len, get_unchecked*, assume_init, mem::zeroed, "
                    + "mem::forget, ManuallyDrop, Box/Arc/Rc::from_raw/into_raw, raw pointer casts and derefs of raw-pointer locals.",
            "It knows raw pointers only from parameter and let types, casts and as_ptr-like calls in the same fn, "
                    + "not from struct fields or type aliases.",
            "uninit_vec", "transmute_ptr_to_ref", "mem_forget");

    private static final Set<String> PTR_FUNCTIONS = Set.of("read", "write", "copy", "copy_nonoverlapping",
            "read_unaligned", "write_unaligned", "read_volatile", "write_volatile", "write_bytes", "drop_in_place");
    private static final Set<String> MEM_FUNCTIONS = Set.of("zeroed", "uninitialized", "forget", "transmute",
            "transmute_copy");
    private static final Set<String> RAW_OWNERS = Set.of("Box", "Arc", "Rc", "Weak", "CString", "String", "Vec");
    private static final Set<String> UNSAFE_METHODS = Set.of("set_len", "get_unchecked", "get_unchecked_mut",
            "assume_init", "assume_init_ref", "assume_init_mut", "assume_init_read", "assume_init_drop",
            "from_raw_parts", "from_raw_parts_mut");
    private static final Set<String> POINTER_METHODS = Set.of("add", "sub", "offset", "byte_add", "byte_offset",
            "read", "write", "read_unaligned", "write_unaligned", "copy_to", "copy_from", "as_ref", "as_mut",
            "drop_in_place");
    private static final Set<String> POINTER_MAKERS = Set.of("as_ptr", "as_mut_ptr", "into_raw", "null", "null_mut",
            "cast", "cast_mut", "cast_const", "as_mut_ptr_range", "addr_of", "addr_of_mut");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        RustTree tree = file.newTree();
        if (tree == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        TreeIndex scopes = TreeIndex.of(tree);
        Map<Node, Set<String>> pointerCache = new HashMap<>();
        for (Node node : scopes.nodes("call_expression", "type_cast_expression", "unary_expression",
                "type_identifier", "identifier")) {
            Hit hit = match(tree, scopes, node, pointerCache);
            if (hit == null || !file.added(RustTree.startLine(hit.anchor))) {
                continue;
            }
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, RustTree.startLine(hit.anchor),
                            RustTree.endLine(hit.extent))
                    .object(hit.what)
                    .title("raw memory: " + hit.what + scopes.where(tree, node))
                    .explanation("`" + SafetySyntax.brief(tree, hit.extent) + "`" + scopes.where(tree, node)
                            + " " + hit.why)
                    .check("Check the exact preconditions in the std docs for " + hit.what
                            + " and where each is guaranteed (length, alignment, initialisation, ownership, lifetime).")
                    .build());
        }
        return SafetySyntax.mergeSameLine(out);
    }

    private record Hit(Node anchor, Node extent, String what, String why) {
    }

    private static Hit match(RustTree tree, TreeIndex scopes, Node node, Map<Node, Set<String>> pointerCache) {
        switch (node.getType()) {
            case "call_expression":
                return call(tree, scopes, node, pointerCache);
            case "type_cast_expression": {
                Node type = Syntax.field(node, "type").orElse(null);
                if (type != null && Syntax.is(type, "pointer_type")) {
                    return new Hit(type, node, "`as " + SafetySyntax.brief(tree, type) + "` cast",
                            "turns a reference or address into a raw pointer: from here on nothing checks that it "
                                    + "stays valid, aligned or unaliased where it is used.");
                }
                return null;
            }
            case "unary_expression":
                return deref(tree, scopes, node, pointerCache);
            case "type_identifier":
            case "identifier":
                // ManuallyDrop as a type (field, let) or as a path head (ManuallyDrop::new); once per occurrence.
                if ("ManuallyDrop".equals(tree.text(node)) && scopes.innermost(node, "use_declaration").isEmpty()) {
                    return new Hit(node, node, "ManuallyDrop",
                            "suppresses the destructor: the value is leaked unless a later `ManuallyDrop::drop`/"
                                    + "`take` runs exactly once.");
                }
                return null;
            default:
                return null;
        }
    }

    private static Hit call(RustTree tree, TreeIndex scopes, Node call, Map<Node, Set<String>> pointerCache) {
        String path = SafetySyntax.calleePath(tree, call);
        if (path != null) {
            String last = SafetySyntax.lastSegment(path);
            String head = path.contains("::") ? path.substring(0, path.lastIndexOf("::")) : "";
            String owner = SafetySyntax.lastSegment(head);
            Node anchor = Syntax.field(call, "function").orElse(call);
            if (last.equals("transmute") || last.equals("transmute_copy")) {
                return new Hit(anchor, call, path, "reinterprets the bits of one type as another; size, "
                        + "alignment, validity and lifetimes are all on the author.");
            }
            if (owner.equals("mem") && MEM_FUNCTIONS.contains(last)) {
                return new Hit(anchor, call, path, switch (last) {
                    case "forget" -> "skips the destructor: the value's resources leak, and code relying on Drop "
                            + "(guards, handles) silently does not run.";
                    default -> "produces a value that is not known to be valid for its type (all-zero references, "
                            + "enums or NonNull are undefined behaviour).";
                });
            }
            if (owner.equals("ptr") && PTR_FUNCTIONS.contains(last)) {
                return new Hit(anchor, call, path, "reads or writes through a raw pointer: the pointer must be "
                        + "valid, aligned and (for reads) point to an initialised value; a read also duplicates ownership.");
            }
            if (last.equals("from_raw_parts") || last.equals("from_raw_parts_mut")) {
                return new Hit(anchor, call, path, "builds a slice/collection from a pointer and length the "
                        + "compiler cannot check: a wrong length or a freed buffer is undefined behaviour.");
            }
            if ((last.equals("from_raw") || last.equals("into_raw")) && RAW_OWNERS.contains(owner)) {
                return new Hit(anchor, call, path, last.equals("from_raw")
                        ? "takes ownership of a raw pointer: it must come from the matching into_raw, exactly once, "
                        + "or the value is freed twice or with the wrong allocator."
                        : "gives up ownership as a raw pointer: unless it is turned back with from_raw, the value leaks.");
            }
            return null;
        }
        String method = SafetySyntax.methodName(tree, call);
        if (method == null) {
            return null;
        }
        Node anchor = SafetySyntax.methodToken(call);
        if (UNSAFE_METHODS.contains(method)) {
            return new Hit(anchor, call, "." + method + "()", switch (method) {
                case "set_len" -> "changes a Vec's length without initialising or dropping elements "
                        + "(clippy: uninit_vec); elements past the old length must already be initialised.";
                case "get_unchecked", "get_unchecked_mut" -> "indexes without a bounds check: an out-of-range "
                        + "index is undefined behaviour, not a panic.";
                default -> "asserts that memory is initialised; if any path leaves it uninitialised, reading "
                        + "it is undefined behaviour.";
            });
        }
        Node recv = SafetySyntax.receiver(call);
        if (POINTER_METHODS.contains(method) && recv != null && Syntax.is(recv, "identifier")
                && rawPointers(tree, scopes, call, pointerCache).contains(tree.text(recv))) {
            return new Hit(anchor, call, "`" + tree.text(recv) + "." + method + "()` on a raw pointer",
                    "does pointer arithmetic or access on a raw pointer: the result must stay inside the same "
                            + "allocation and be valid when used.");
        }
        return null;
    }

    private static Hit deref(RustTree tree, TreeIndex scopes, Node unary, Map<Node, Set<String>> pointerCache) {
        if (unary.getChildCount() < 2 || !"*".equals(unary.getChild(0).getType())) {
            return null;
        }
        Node operand = unary.getNamedChild(0);
        String name = null;
        if (Syntax.is(operand, "identifier")) {
            name = tree.text(operand);
        } else if (Syntax.is(operand, "call_expression")) {
            Node recv = SafetySyntax.receiver(operand);
            String m = SafetySyntax.methodName(tree, operand);
            if (recv != null && Syntax.is(recv, "identifier") && m != null && POINTER_METHODS.contains(m)) {
                name = tree.text(recv);
            }
        }
        if (name == null || !rawPointers(tree, scopes, unary, pointerCache).contains(name)) {
            return null;
        }
        return new Hit(unary, unary, "deref of raw pointer `" + name + "`",
                "dereferences a raw pointer: it must be non-null, aligned, point to a live initialised value, "
                        + "and not alias a live &mut.");
    }

    /** Names bound to raw pointers in the function around {@code node}: parameters and lets. */
    private static Set<String> rawPointers(RustTree tree, TreeIndex scopes, Node node,
                                           Map<Node, Set<String>> cache) {
        Node fn = scopes.innermost(node, "function_item").orElse(null);
        if (fn == null) {
            return Set.of();
        }
        return cache.computeIfAbsent(fn, f -> collectPointers(tree, f));
    }

    private static Set<String> collectPointers(RustTree tree, Node fn) {
        Set<String> names = new HashSet<>();
        for (Node p : tree.find(fn, "parameter", "let_declaration")) {
            Node pattern = Syntax.field(p, "pattern").orElse(null);
            if (pattern == null || !Syntax.is(pattern, "identifier")) {
                continue;
            }
            boolean pointer = Syntax.field(p, "type").map(t -> Syntax.is(t, "pointer_type")).orElse(false);
            Node value = Syntax.field(p, "value").orElse(null);
            if (!pointer && value != null) {
                pointer = Syntax.is(value, "type_cast_expression")
                        && Syntax.field(value, "type").map(t -> Syntax.is(t, "pointer_type")).orElse(false);
                String method = SafetySyntax.methodName(tree, value);
                String path = SafetySyntax.calleePath(tree, value);
                pointer |= method != null && POINTER_MAKERS.contains(method);
                pointer |= path != null && POINTER_MAKERS.contains(SafetySyntax.lastSegment(path));
            }
            if (pointer) {
                names.add(tree.text(pattern));
            }
        }
        return names;
    }
}
