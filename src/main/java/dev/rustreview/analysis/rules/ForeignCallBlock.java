package dev.rustreview.analysis.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unsafe block whose only operation is one call of a foreign fn with plain value arguments: {@code unsafe {
 * esp!(esp_lcd_panel_disp_on_off(panel, !off)) }}, {@code unsafe { libc::getpid() }}. In a crate that wraps a C
 * library every call to it is unsafe, and these one-call blocks are most of its unsafe code (esp-idf-hal's port to
 * ESP-IDF 6.0 added four); what needs checking is the callee's own contract, not pointer work in the block. No
 * reference, dereference, pointer cast or raw-memory fn may appear: those keep the block at full weight.
 */
final class ForeignCallBlock {

    private static final String ARG = "(?:!?[A-Za-z_][\\w.]{0,60}(?:\\s+as\\s+[a-z]\\w{0,10})?|\\d[\\w.]{0,20})";
    /** A foreign fn (a path through a bindings module, or a C-style bare name with an underscore) on plain values. */
    private static final Pattern CALL = Pattern.compile("(?:return\\s+)?(?:[a-z_]\\w*\\s*!\\s*\\(\\s*)?"
            + "((?:(?:libc|ffi|sys|bindings|[a-z]\\w*_sys)\\s*::\\s*)+[a-z_]\\w*|[a-z][a-z0-9]*_[a-z0-9_]*)"
            + "\\s*\\(\\s*((?:" + ARG + "(?:\\s*,\\s*" + ARG + "){0,7}\\s*,?)?)\\s*\\)"
            + "\\s*\\)?\\s*\\??\\s*;?");
    /** Names of std's raw-memory fns and any fn whose name says it works on raw memory. */
    private static final Pattern RAW = Pattern.compile("unchecked|raw|ptr|volatile|unaligned|transmute|uninit|zeroed|"
            + "nonoverlapping|drop_in_place|alloc|from_utf8|set_len|forget|offset");

    private ForeignCallBlock() {
    }

    /**
     * The callee when the block's inside (comments and strings masked, braces excluded) is one such call, else null.
     * A bare name is a foreign fn only if the caller finds no fn of that name with a body in the crate: rustix's
     * {@code unsafe { take_stdin() }} calls its own unsafe fn, whose returned fd must never be dropped.
     */
    static String callee(String inside) {
        if (inside.length() > 400) {
            return null;
        }
        Matcher m = CALL.matcher(inside.strip());
        if (!m.matches() || RAW.matcher(m.group(1)).find() || RAW.matcher(m.group(2)).find()) {
            return null;
        }
        return m.group(1).replaceAll("\\s+", "");
    }

    /** Whether the callee is a bare name (not a path through a bindings module), which the crate could define. */
    static boolean bare(String callee) {
        return !callee.contains("::");
    }
}
