package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.isInside;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;

/**
 * Keeps the keyboard focus where the reviewer left it although every repaint rebuilds the content. The buttons
 * are given stable names ({@link #key}); a repaint puts the focus on the rebuilt node of the same name, or back on
 * a reused text field with its selection. Closing a field puts the focus back where it was before it opened.
 */
final class FocusKeeper {

    /** Node property holding the node's name. */
    private static final String FOCUS_KEY = "inspector.focusKey";

    private final Node owner;
    private final Node content;
    /** Takes the focus when nothing better is left, so that the window's keys keep working. */
    private final Node fallback;
    private Map<String, Node> keyed = new HashMap<>();

    FocusKeeper(Node owner, Node content, Node fallback) {
        this.owner = owner;
        this.content = content;
        this.fallback = fallback;
    }

    /** Forgets the names of the previous render; called before each render. */
    void clear() {
        keyed = new HashMap<>();
    }

    /** Names {@code n} {@code key} for this render. */
    void key(Node n, String key) {
        n.getProperties().put(FOCUS_KEY, key);
        keyed.put(key, n);
    }

    /** The node named {@code key} in the current render, or null. */
    Node get(String key) {
        return keyed.get(key);
    }

    /** The scene's focus owner, or null. */
    Node focusOwner() {
        Scene s = owner.getScene();
        return s == null ? null : s.getFocusOwner();
    }

    /**
     * Call before a repaint; run the result after it. A text field that was reused keeps the focus and its
     * selection; a rebuilt node is found by its name (or its nearest named ancestor's).
     */
    Runnable remember() {
        Node focused = focusOwner();
        if (!isInside(focused, content)) {
            return () -> { };
        }
        String key = keyOf(focused);
        int anchor = focused instanceof TextInputControl t ? t.getAnchor() : -1;
        int caret = focused instanceof TextInputControl t ? t.getCaretPosition() : -1;
        return () -> {
            Node target = focused.getScene() != null && isInside(focused, content) ? focused
                    : key == null ? null : keyed.get(key);
            if (target != null) {
                target.requestFocus();
                if (target == focused && focused instanceof TextInputControl t && caret >= 0) {
                    t.selectRange(anchor, caret);
                }
            }
        };
    }

    /**
     * Focuses {@code preferred} when it is still shown and outside the content (whose nodes are rebuilt), else the
     * node named {@code fallbackKey} if enabled, else the fallback.
     */
    void restore(Node preferred, String fallbackKey) {
        if (preferred != null && preferred.getScene() != null && preferred.getScene() == owner.getScene()
                && !isInside(preferred, content)) {
            preferred.requestFocus();
            return;
        }
        Node named = fallbackKey == null ? null : keyed.get(fallbackKey);
        if (named != null && !named.isDisabled()) {
            named.requestFocus();
        } else {
            fallback.requestFocus();
        }
    }

    private static String keyOf(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            Object k = x.getProperties().get(FOCUS_KEY);
            if (k != null) {
                return k.toString();
            }
        }
        return null;
    }
}
