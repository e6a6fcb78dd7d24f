package dev.rustreview.launch;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 8 so that an older {@code java} can load it: it says in one line that
 * Rust Review needs Java 21 instead of failing with the JVM's {@code UnsupportedClassVersionError} and a stack
 * trace, then hands over to {@code dev.rustreview.Main}. It must stay free of anything newer than Java 8.
 */
public final class Launcher {

    static final int NEEDED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int major = major(System.getProperty("java.specification.version", ""));
        if (major < NEEDED) {
            System.err.println("rust-review: needs Java " + NEEDED + " or newer, but this is Java "
                    + System.getProperty("java.version", "?") + " (" + System.getProperty("java.home", "?")
                    + "); run it with a JDK " + NEEDED + "+ java, e.g. set JAVA_HOME and use $JAVA_HOME/bin/java.");
            System.exit(2);
        }
        try {
            Class.forName("dev.rustreview.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" is 8, "17" is 17; unreadable is 0 (and asks for a newer Java, which is the likely cause). */
    static int major(String specification) {
        String s = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }
}
