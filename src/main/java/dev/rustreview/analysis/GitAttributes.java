package dev.rustreview.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code linguist-generated} settings of {@code .gitattributes} files, matched with git's rules: a pattern
 * without a slash matches the file name at any depth; a pattern with a slash is anchored at the directory of
 * the attributes file; {@code *} and {@code ?} do not cross {@code /}; {@code **} does; the last matching line
 * wins. Only this one attribute is read; other attributes and macro definitions are ignored.
 */
public final class GitAttributes {

    private record Rule(Pattern pattern, boolean basenameOnly, String directory, Boolean generated) {
    }

    private static final GitAttributes NONE = new GitAttributes(List.of());

    private final List<Rule> rules;

    private GitAttributes(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No attributes: nothing is marked generated. */
    public static GitAttributes none() {
        return NONE;
    }

    /** The repository's top-level {@code .gitattributes}. */
    public static GitAttributes parse(String text) {
        return parse("", text);
    }

    /** A {@code .gitattributes} file in {@code directory} (repository-relative, "" for the top level). */
    public static GitAttributes parse(String directory, String text) {
        String dir = directory.replace('\\', '/').replaceAll("^/+|/+$", "");
        List<Rule> rules = new ArrayList<>();
        if (text == null) {
            return new GitAttributes(rules);
        }
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("[attr]")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 2 || fields.get(0).startsWith("!")) {
                continue; // negative patterns are not allowed in attributes files
            }
            Boolean generated = null;
            boolean mentioned = false;
            for (String attr : fields.subList(1, fields.size())) {
                switch (attr) {
                    case "linguist-generated", "linguist-generated=true" -> {
                        generated = true;
                        mentioned = true;
                    }
                    case "-linguist-generated", "linguist-generated=false" -> {
                        generated = false;
                        mentioned = true;
                    }
                    case "!linguist-generated" -> {
                        generated = null;
                        mentioned = true;
                    }
                    default -> {
                    }
                }
            }
            if (!mentioned) {
                continue;
            }
            String pattern = fields.get(0);
            if (pattern.endsWith("/")) {
                continue; // a directory pattern matches no file in an attributes file (git documents this)
            }
            boolean basenameOnly = !pattern.contains("/");
            String anchored = pattern.startsWith("/") ? pattern.substring(1) : pattern;
            rules.add(new Rule(Pattern.compile(toRegex(anchored)), basenameOnly, dir, generated));
        }
        return new GitAttributes(rules);
    }

    /** These rules followed by {@code deeper}'s, which win where both match (a subdirectory's file). */
    public GitAttributes and(GitAttributes deeper) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(deeper.rules);
        return new GitAttributes(all);
    }

    /** true/false when a line sets or unsets {@code linguist-generated} for the path, empty when none does. */
    public Optional<Boolean> linguistGenerated(String path) {
        String p = path.replace('\\', '/').replaceAll("^/+", "");
        Boolean result = null;
        boolean decided = false;
        for (Rule rule : rules) {
            String relative = p;
            if (!rule.directory().isEmpty()) {
                if (!p.startsWith(rule.directory() + "/")) {
                    continue;
                }
                relative = p.substring(rule.directory().length() + 1);
            }
            String subject = rule.basenameOnly() ? relative.substring(relative.lastIndexOf('/') + 1) : relative;
            if (rule.pattern().matcher(subject).matches()) {
                result = rule.generated();
                decided = true;
            }
        }
        return decided ? Optional.ofNullable(result) : Optional.empty();
    }

    /** Whether the path is marked {@code linguist-generated}. */
    public boolean isGenerated(String path) {
        return linguistGenerated(path).orElse(false);
    }

    /** A pattern and its attributes; a pattern may be quoted ("a b.rs") with C-style escapes. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        if (line.startsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            i = 1;
            while (i < line.length() && line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    char n = line.charAt(++i);
                    sb.append(switch (n) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        default -> n;
                    });
                } else {
                    sb.append(c);
                }
                i++;
            }
            out.add(sb.toString());
            i++;
        }
        for (String part : line.substring(Math.min(i, line.length())).trim().split("\\s+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /** Git wildmatch (with FNM_PATHNAME) as a regular expression over the whole subject. */
    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < n && glob.charAt(i + 1) == '*';
                boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
                if (doubleStar && atSegmentStart && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                    if (i + 2 == n) {
                        re.append(".*");          // "dir/**": everything inside
                        i += 2;
                    } else {
                        re.append("(?:.*/)?");    // "**/" : zero or more directories
                        i += 3;
                    }
                    continue;
                }
                while (i < n && glob.charAt(i) == '*') {
                    i++;                          // any other run of stars is one "*"
                }
                re.append("[^/]*");
                continue;
            }
            if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!") || body.startsWith("^")) {
                        body = "^/" + body.substring(1); // a bracket never matches the separator
                    }
                    re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }
}
