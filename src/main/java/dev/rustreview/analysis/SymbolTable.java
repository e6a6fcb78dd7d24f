package dev.rustreview.analysis;

import java.util.Arrays;
import org.treesitter.TSLanguage;
import org.treesitter.TSSymbolType;

/**
 * The grammar's symbol and field names, asked of tree-sitter once per symbol instead of once per node.
 * One per parser (and so per thread): plain arrays, no locking.
 */
final class SymbolTable {

    private final TSLanguage language;
    private String[] names = new String[256];
    private byte[] named = new byte[256];
    private String[] fields = new String[64];

    SymbolTable(TSLanguage language) {
        this.language = language;
    }

    String name(int symbol) {
        ensure(symbol);
        String name = names[symbol];
        if (name == null) {
            name = language.symbolName(symbol).intern();
            names[symbol] = name;
        }
        return name;
    }

    boolean named(int symbol) {
        ensure(symbol);
        if (named[symbol] == 0) {
            TSSymbolType kind = language.symbolType(symbol);
            named[symbol] = (byte) (kind == TSSymbolType.TSSymbolTypeRegular || kind == TSSymbolType.TSSymbolTypeSupertype ? 1 : 2);
        }
        return named[symbol] == 1;
    }

    /** The field name for a field id, null for 0 (no field). */
    String field(int id) {
        if (id <= 0) {
            return null;
        }
        if (id >= fields.length) {
            fields = Arrays.copyOf(fields, id * 2);
        }
        String name = fields[id];
        if (name == null) {
            name = language.fieldNameForId(id).intern();
            fields[id] = name;
        }
        return name;
    }

    private void ensure(int symbol) {
        if (symbol >= names.length) {
            names = Arrays.copyOf(names, symbol * 2);
            named = Arrays.copyOf(named, symbol * 2);
        }
    }
}
