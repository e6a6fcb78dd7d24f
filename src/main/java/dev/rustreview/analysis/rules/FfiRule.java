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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * US4: the FFI boundary. Extern blocks and fns, symbol-exporting attributes, {@code CString} temporaries whose
 * pointer outlives them, and C string pointer types.
 */
public final class FfiRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US4", RiskArea.UNSAFE, Severity.HIGH, "FFI boundary",
            "extern blocks and extern fns (medium for an extern fn that takes no raw pointer and has no unsafe "
                    + "code), #[no_mangle]/#[export_name], CString::new(..).as_ptr() temporaries "
                    + "(critical when the pointer outlives the statement), `opt.map(|x| x.as_ptr())` (also `map_or`, "
                    + "`map_or_else`, `and_then`) on a plain path, whose closure drops `x` as it returns, and *const/*mut "
                    + "c_char types on added lines.",
            "It cannot check that declarations match the C headers, or who frees memory passed across the boundary.",
            "not_unsafe_ptr_arg_deref");

    private static final Set<String> EXPORT_ATTRIBUTES = Set.of("no_mangle", "export_name", "link_section", "used");

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
        SafetySyntax.Lines lines = new SafetySyntax.Lines(file.newText());
        List<Finding> out = new ArrayList<>();
        List<Node> covered = new ArrayList<>();
        Set<Node> consumedAttributes = new HashSet<>();
        TreeIndex index = TreeIndex.of(tree);
        for (Node block : index.nodes("foreign_mod_item")) {
            externBlock(file, tree, lines, block, block, out, covered);
        }
        for (Node error : index.nodes("ERROR")) {
            // `unsafe extern "C" { .. }` (Rust 2024) is not in this grammar: it parses as an error node
            // holding the header, followed by the block.
            if (Syntax.namedChildren(error).stream().anyMatch(c -> Syntax.is(c, "extern_modifier"))
                    && Syntax.hasToken(error, "unsafe")) {
                Node next = error.getNextSibling();
                externBlock(file, tree, lines, error, next == null || next.isNull() ? error : next, out, covered);
            }
        }
        for (Node fn : index.nodes("function_item")) {
            externFn(file, tree, lines, fn, out, covered, consumedAttributes);
        }
        for (Node attr : index.nodes("attribute_item")) {
            String name = attributeName(tree, attr);
            if (name != null && EXPORT_ATTRIBUTES.contains(name) && !consumedAttributes.contains(attr)
                    && file.added(RustTree.startLine(attr))) {
                out.add(FindingBuilder.at(INFO, file, attr)
                        .object("#[" + name + "]")
                        .title("#[" + name + "] exports a symbol")
                        .explanation("`" + SafetySyntax.brief(tree, attr) + "` gives the next item a fixed, global "
                                + "symbol: two crates exporting the same name clash at link time, and foreign code "
                                + "calling it bypasses Rust's type checks.")
                        .check("Check the symbol name is unique and the item's type matches what the C side expects.")
                        .build());
            }
        }
        for (Node call : index.nodes("call_expression")) {
            cstringTemporary(file, tree, call, out);
            closureOwnedPointer(file, tree, call, out);
        }
        for (Node pointer : index.nodes("pointer_type")) {
            String inner = Syntax.field(pointer, "type").map(t -> SafetySyntax.lastSegment(tree.text(t))).orElse("");
            if (!inner.equals("c_char") || !file.added(RustTree.startLine(pointer)) || insideAny(pointer, covered)) {
                continue;
            }
            out.add(FindingBuilder.at(INFO, file, pointer)
                    .object(SafetySyntax.brief(tree, pointer))
                    .title("C string pointer `" + SafetySyntax.brief(tree, pointer) + "`" + index.where(tree, pointer))
                    .explanation("`" + SafetySyntax.brief(tree, pointer) + "`" + index.where(tree, pointer)
                            + " carries a C string across the FFI boundary: nothing ties its lifetime to the buffer "
                            + "it points into or says whether it is NUL-terminated and who frees it.")
                    .check("Check who owns the buffer, that it outlives every use of the pointer, and that it is NUL-terminated.")
                    .build());
        }
        return SafetySyntax.mergeSameLine(out);
    }

    private static void externBlock(ChangedFile file, RustTree tree, SafetySyntax.Lines lines, Node header,
                                    Node last, List<Finding> out, List<Node> covered) {
        int start = RustTree.startLine(header);
        int end = RustTree.endLine(last);
        covered.add(header);
        covered.add(last);
        String abi = abi(tree, header);
        if (file.added(start)) {
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, start, end)
                    .object("extern " + abi + " block")
                    .title("extern " + abi + " block added")
                    .explanation("The change declares foreign functions or statics (lines " + start + "-" + end
                            + "). Rust trusts these signatures blindly: a wrong parameter type, missing `*mut`, wrong "
                            + "integer width or calling convention is undefined behaviour at every call.")
                    .check("Compare each declaration with the C header (types, pointer mutability, ownership of "
                            + "returned pointers) and check the library is linked in build.rs or #[link].")
                    .build());
            return;
        }
        for (Node item : tree.find(last, "function_signature_item", "static_item")) {
            if (!SafetySyntax.addedCode(file, lines, RustTree.startLine(item), RustTree.endLine(item))) {
                continue;
            }
            String name = SafetySyntax.name(tree, item);
            out.add(FindingBuilder.at(INFO, file, item)
                    .object("extern " + abi + " `" + name + "`")
                    .title("foreign declaration `" + name + "` added or changed")
                    .explanation("`" + SafetySyntax.brief(tree, item) + "` declares a foreign item whose signature "
                            + "Rust cannot check: a mismatch with the C definition is undefined behaviour at every call.")
                    .check("Compare the declaration with the C header: types, pointer mutability, integer widths.")
                    .build());
        }
    }

    private static void externFn(ChangedFile file, RustTree tree, SafetySyntax.Lines lines, Node fn,
                                 List<Finding> out, List<Node> covered, Set<Node> consumed) {
        Node modifiers = Syntax.namedChildren(fn).stream().filter(c -> Syntax.is(c, "function_modifiers"))
                .findFirst().orElse(null);
        Node extern = modifiers == null ? null : Syntax.namedChildren(modifiers).stream()
                .filter(c -> Syntax.is(c, "extern_modifier")).findFirst().orElse(null);
        if (extern == null) {
            return;
        }
        int start = RustTree.startLine(fn);
        int headerEnd = Syntax.field(fn, "body").map(RustTree::startLine).orElse(RustTree.endLine(fn));
        List<Node> exports = new ArrayList<>();
        for (Node attr : Syntax.attributes(fn)) {
            String name = attributeName(tree, attr);
            if (name != null && EXPORT_ATTRIBUTES.contains(name)) {
                exports.add(attr);
                start = Math.min(start, RustTree.startLine(attr));
            }
        }
        covered.add(Syntax.field(fn, "parameters").orElse(fn));
        Syntax.field(fn, "return_type").ifPresent(covered::add);
        if (!SafetySyntax.addedCode(file, lines, start, headerEnd)) {
            return;
        }
        consumed.addAll(exports);
        String name = SafetySyntax.name(tree, fn);
        String abi = abi(tree, extern);
        boolean takesPointers = Syntax.field(fn, "parameters")
                .map(p -> !tree.find(p, "pointer_type").isEmpty()).orElse(false);
        boolean exported = !exports.isEmpty();
        FindingBuilder b = FindingBuilder.lines(INFO, file, Side.NEW, start, headerEnd)
                .object("extern " + abi + " fn " + name)
                .title("extern " + abi + " fn `" + name + "`" + (exported ? " exported" : ""))
                .explanation("`" + name + "` uses the " + abi + " calling convention"
                        + (exported ? " and is exported under a fixed symbol name" : "")
                        + ": foreign code calls it with whatever arguments it likes, and a panic that unwinds out "
                        + "of it aborts the process (or is undefined behaviour on older toolchains)."
                        + (takesPointers && !Syntax.isUnsafeFn(fn)
                        ? " It takes raw pointers but is not `unsafe fn`, so safe Rust callers can pass dangling ones "
                        + "(clippy: not_unsafe_ptr_arg_deref)." : ""))
                .check("Check every pointer argument for null and lifetime, that no panic can escape "
                        + "(catch_unwind or no unwrap/expect/indexing), and that the signature matches the C side.");
        exports.forEach(a -> b.object(SafetySyntax.brief(tree, a)));
        boolean unsafeBody = Syntax.field(fn, "body").map(body -> !tree.find(body, "unsafe_block").isEmpty()).orElse(false);
        if (!takesPointers && !unsafeBody && !Syntax.isUnsafeFn(fn)) {
            // References and owned values only, no unsafe inside (wasmtime's C API taking `&wasm_tagtype_t` and
            // `Box<wasm_functype_t>`): Rust's types check what the fn does with its arguments, and what remains is
            // the ABI contract, which is not a high-severity finding per export (six in one C API rename).
            b.severity(Severity.MEDIUM);
        }
        out.add(b.build());
    }

    private static void cstringTemporary(ChangedFile file, RustTree tree, Node call, List<Finding> out) {
        if (!"as_ptr".equals(SafetySyntax.methodName(tree, call))) {
            return;
        }
        Node recv = SafetySyntax.receiver(call);
        Node inner = recv == null ? null : SafetySyntax.peel(tree, recv);
        String path = inner == null ? null : SafetySyntax.calleePath(tree, inner);
        if (path == null || !(path.equals("CString::new") || path.endsWith("::CString::new"))) {
            return;
        }
        Node anchor = SafetySyntax.methodToken(call);
        if (!file.added(RustTree.startLine(anchor))) {
            return;
        }
        Optional<String> dies = pointerOutlivesStatement(tree, call);
        FindingBuilder b = FindingBuilder.lines(INFO, file, Side.NEW, RustTree.startLine(anchor), RustTree.endLine(call))
                .object(SafetySyntax.brief(tree, call))
                .title(dies.isPresent() ? "dangling pointer from a CString temporary" : "pointer into a CString temporary");
        if (dies.isPresent()) {
            b.severity(Severity.CRITICAL)
                    .explanation("`" + SafetySyntax.brief(tree, call) + "` takes a pointer into a CString that is "
                            + "dropped at the end of this statement, but the pointer is " + dies.get()
                            + ": every later use reads freed memory.")
                    .check("Bind the CString to a variable that lives until the C side is done with the pointer, "
                            + "or hand over ownership with into_raw and free it with from_raw.");
        } else {
            b.explanation("`" + SafetySyntax.brief(tree, call) + "` points into a CString temporary that lives only "
                            + "until the end of this statement; that is fine for a call that does not keep the pointer.")
                    .check("Check the callee does not store the pointer beyond the call.");
        }
        out.add(b.build());
    }

    private static final Set<String> OWNING_ADAPTERS = Set.of("map", "map_or", "map_or_else", "and_then");

    /**
     * {@code self.args.map_or_else(ptr::null, |args| args.as_ptr())}: the closure takes the value out of an owned
     * {@code Option} by value and drops it when it returns, so the pointer it hands back dangles (grpc-rs bcf48a5ef
     * reversed: the channel args were freed before the C core read them). With {@code .as_ref()} first, the
     * closure gets a reference and the value stays. Only a plain path is read as owned: a call before the adapter
     * ({@code map.get(k)}, {@code iter.next()}) usually yields references.
     */
    private static void closureOwnedPointer(ChangedFile file, RustTree tree, Node call, List<Finding> out) {
        String adapter = SafetySyntax.methodName(tree, call);
        Node recv = adapter == null || !OWNING_ADAPTERS.contains(adapter) ? null : SafetySyntax.receiver(call);
        if (recv == null || !Syntax.is(recv, "field_expression", "identifier")
                || !file.added(RustTree.startLine(SafetySyntax.methodToken(call)))) {
            return;
        }
        Node args = Syntax.field(call, "arguments").orElse(null);
        for (Node closure : args == null ? List.<Node>of() : Syntax.namedChildren(args)) {
            if (!Syntax.is(closure, "closure_expression")) {
                continue;
            }
            String param = Syntax.field(closure, "parameters").map(tree::text).orElse("")
                    .replaceAll("[|\\s]", "");
            String body = Syntax.field(closure, "body").map(tree::text).orElse("").replaceAll("\\s+", "");
            if (param.matches("[a-z_]\\w*") && body.matches("\\{?" + param + "\\.as_(?:mut_)?ptr\\(\\)\\}?")) {
                String text = SafetySyntax.brief(tree, call);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, RustTree.startLine(call), RustTree.endLine(call))
                        .object(text).object("pointer from a value the closure drops")
                        .title("dangling pointer: `" + param + "` is dropped when the closure returns")
                        .explanation("`" + text + "` moves the value out of `" + tree.text(recv) + "` into the closure, "
                                + "takes a pointer into it, and drops it as the closure returns: the pointer that comes "
                                + "out points to freed memory (unless the value is a reference or `Copy`).")
                        .check("Borrow instead (`" + tree.text(recv) + ".as_ref().map(|" + param + "| " + param
                                + ".as_ptr())`) and keep the owner alive until the foreign code is done with the pointer.")
                        .build());
                return;
            }
        }
    }

    /** Where the pointer goes when it outlives its statement ("bound to `p`"), or empty. */
    private static Optional<String> pointerOutlivesStatement(RustTree tree, Node call) {
        Node current = call;
        while (true) {
            Node parent = Syntax.parent(current).orElse(null);
            if (parent == null) {
                return Optional.empty();
            }
            if (Syntax.is(parent, "type_cast_expression", "parenthesized_expression")) {
                current = parent;
                continue;
            }
            if (Syntax.is(parent, "let_declaration")) {
                return Optional.of("bound to `" + Syntax.field(parent, "pattern").map(tree::text).orElse("_") + "`");
            }
            if (Syntax.is(parent, "assignment_expression")) {
                return Optional.of("assigned to `" + Syntax.field(parent, "left").map(tree::text).orElse("?") + "`");
            }
            if (Syntax.is(parent, "field_initializer")) {
                return Optional.of("stored in field `" + Syntax.field(parent, "field").map(tree::text).orElse("?") + "`");
            }
            if (Syntax.is(parent, "return_expression")) {
                return Optional.of("returned");
            }
            if (Syntax.is(parent, "block") && Syntax.parent(parent).map(p -> Syntax.is(p, "function_item")).orElse(false)
                    && parent.getNamedChild(parent.getNamedChildCount() - 1).equals(current)) {
                return Optional.of("returned");
            }
            return Optional.empty();
        }
    }

    /** The attribute's name, seeing through {@code #[unsafe(no_mangle)]}. */
    static String attributeName(RustTree tree, Node attributeItem) {
        Node attr = Syntax.namedChildren(attributeItem).stream().filter(c -> Syntax.is(c, "attribute"))
                .findFirst().orElse(null);
        if (attr == null || attr.getNamedChildCount() == 0) {
            return null;
        }
        String name = tree.text(attr.getNamedChild(0)).replaceAll("\\s+", "");
        if (name.equals("unsafe")) {
            String text = tree.text(attr).replaceAll("\\s+", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("unsafe\\((\\w+)").matcher(text);
            return m.find() ? m.group(1) : name;
        }
        return name;
    }

    private static String abi(RustTree tree, Node node) {
        Node modifier = Syntax.is(node, "extern_modifier") ? node : Syntax.namedChildren(node).stream()
                .filter(c -> Syntax.is(c, "extern_modifier")).findFirst().orElse(null);
        List<Node> strings = modifier == null ? List.of() : tree.find(modifier, "string_content");
        return strings.isEmpty() ? "\"C\"" : "\"" + tree.text(strings.get(0)) + "\"";
    }

    private static boolean insideAny(Node node, List<Node> regions) {
        for (Node r : regions) {
            if (node.getStartByte() >= r.getStartByte() && node.getEndByte() <= r.getEndByte()) {
                return true;
            }
        }
        return false;
    }
}
