package dev.rustreview.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.AtomicFiles;
import dev.rustreview.io.Json;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The team's muted rules: {@code "mutedRules": ["PN2", ...]} in {@code .rust-review.json} at the repository root.
 * Read from the base revision's tree, never the agent's head, so a branch cannot mute the findings on itself.
 * Written only when the reviewer asks ("Mute for the repository") and only into a work tree's
 * {@code .rust-review.json}, keeping its other settings; the reviewer commits it to share it.
 */
public final class SharedMutes {

    /** The file, at the repository root. */
    public static final String FILE = ".rust-review.json";
    /** The key in it. */
    public static final String KEY = "mutedRules";

    private static final Pattern RULE = Pattern.compile("[A-Za-z][A-Za-z0-9_:-]{0,79}");
    private static final int MAX_BYTES = 1 << 20;

    private SharedMutes() {
    }

    /** Checks a rule id as typed by a reviewer; returns it. */
    public static String checkRule(String rule) {
        if (rule == null || !RULE.matcher(rule).matches()) {
            throw new BadInputException("'" + rule + "' is not a rule id: give one like PN1 or clippy::unwrap_used "
                    + "(the rule column of 'rust-review analyze')");
        }
        return rule;
    }

    /**
     * The rules {@code json} mutes; an unreadable file, a wrong type or a bad id is one line naming the file
     * (the caller reports it as a warning: the review opens without the team's mutes).
     */
    public static Set<String> parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(FILE + ": is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode list = root == null ? null : root.get(KEY);
        if (list == null || list.isNull()) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw new BadInputException(FILE + ": \"" + KEY + "\" must be a list of rule ids, like [\"PN2\"]");
        }
        Set<String> rules = new TreeSet<>();
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                throw new BadInputException(FILE + ": \"" + KEY + "\" must hold rule ids as strings, like \"PN2\"");
            }
            rules.add(checkRule(n.asText()));
        }
        return rules;
    }

    /**
     * Adds ({@code mute}) or removes {@code rule} in {@code workTree}'s {@code .rust-review.json}, keeping every
     * other setting in it, replaced atomically; creates the file when missing. Returns the file written.
     */
    public static Path write(Path workTree, String rule, boolean mute) {
        checkRule(rule);
        Path file = workTree.resolve(FILE);
        ObjectNode root;
        try {
            if (Files.isSymbolicLink(file) || Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file,
                    LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(file + ": is not a regular file; replace it with one to share muted rules");
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.size(file) > MAX_BYTES) {
                    throw new BadInputException(file + ": is larger than 1 MiB; keep only settings in it");
                }
                JsonNode read = Json.mapper().readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                if (read == null || !read.isObject()) {
                    throw new BadInputException(file + ": does not hold a JSON object; fix it, then mute again");
                }
                root = (ObjectNode) read;
            } else {
                root = Json.mapper().createObjectNode();
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": is not valid JSON (" + e.getOriginalMessage() + "); fix it, then mute again");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        JsonNode old = root.get(KEY);
        Set<String> rules = new TreeSet<>();
        if (old != null && old.isArray()) {
            old.forEach(n -> rules.add(n.asText()));
        } else if (old != null && !old.isNull()) {
            throw new BadInputException(file + ": \"" + KEY + "\" is not a list; fix it, then mute again");
        }
        if (mute) {
            rules.add(rule);
        } else {
            rules.remove(rule);
        }
        ArrayNode list = root.putArray(KEY);
        rules.forEach(list::add);
        try {
            byte[] bytes = (Json.mapper().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.replace(file, bytes, null);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be written (" + e.getMessage() + ")");
        }
        return file;
    }

    /**
     * The rules the team mutes, read from {@code .rust-review.json} in the base revision's tree (the commit the
     * diff starts from when there is no base branch). A broken file adds one line to {@code warnings} and mutes
     * nothing, so the review still opens.
     */
    public static Set<String> atBase(dev.rustreview.model.SourceReader sources, dev.rustreview.model.ChangeSet cs,
                                     List<String> warnings) {
        String commit = cs.base() != null && cs.base().commitId() != null ? cs.base().commitId() : cs.fromId();
        if (commit == null) {
            return Set.of();
        }
        try {
            return sources.fileAt(commit, FILE).map(SharedMutes::parse).orElse(Set.of());
        } catch (BadInputException e) {
            warnings.add(e.getMessage() + " (at the base; its muted rules were ignored)");
            return Set.of();
        }
    }

    /** The one line telling a reviewer without a work tree how to share a mute with the team. */
    public static String howToShare(List<String> rules) {
        return "no work tree to write " + FILE + " into: to share this with the team, add \"" + KEY + "\": ["
                + String.join(", ", rules.stream().map(r -> "\"" + r + "\"").toList()) + "] to " + FILE
                + " at the repository root on the base branch and commit it";
    }
}
