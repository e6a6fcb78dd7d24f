package dev.rustreview.git;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * The JSON description of a sample repository: identities, commits (each a first-parent tree plus
 * {@code files} minus {@code delete}), branches, optional lightweight tags, and the branch HEAD names.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SampleManifest(String name, Map<String, Identity> identities, List<CommitSpec> commits,
                      Map<String, String> branches, Map<String, String> tags, String head) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Who authored or committed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Identity(String name, String email) {
    }

    /** One commit; {@code files} maps repository paths to content paths relative to the sample folder. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommitSpec(String key, List<String> parents, String author, String committer, String authored,
                      String committed, String message, Map<String, String> files, List<String> delete) {

        List<String> parentKeys() {
            return parents == null ? List.of() : parents;
        }

        Map<String, String> fileMap() {
            return files == null ? Map.of() : files;
        }

        List<String> deletions() {
            return delete == null ? List.of() : delete;
        }
    }

    static SampleManifest parse(byte[] json, String where) {
        SampleManifest manifest;
        try {
            manifest = new ObjectMapper().readValue(json, SampleManifest.class);
        } catch (JsonProcessingException e) {
            throw new BadInputException("sample manifest " + where + " is not valid JSON ("
                    + GitErrors.oneLine(e.getOriginalMessage()) + "): fix the file");
        } catch (IOException e) {
            throw new BadInputException("sample manifest " + where + " could not be read ("
                    + GitErrors.oneLine(e.getMessage()) + ")");
        }
        manifest.validate(where);
        return manifest;
    }

    Map<String, String> tagMap() {
        return tags == null ? Map.of() : tags;
    }

    /** Every content path the commits refer to, sorted, so the content hash does not depend on order. */
    Set<String> contentPaths() {
        Set<String> paths = new TreeSet<>();
        commits.forEach(c -> paths.addAll(c.fileMap().values()));
        return paths;
    }

    static OffsetDateTime time(String value, String what) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BadInputException("sample manifest: " + what + " '" + value
                    + "' is not an ISO date-time with offset like 2026-09-01T09:12:00+02:00");
        }
    }

    private void validate(String where) {
        String prefix = "sample manifest " + where + ": ";
        require(name != null && NAME.matcher(name).matches(), prefix + "'name' must be letters, digits, . _ or -");
        require(identities != null && commits != null && !commits.isEmpty(), prefix + "needs identities and commits");
        identities.forEach((k, v) -> require(v != null && v.name() != null && v.email() != null,
                prefix + "identity '" + k + "' needs a name and an email"));
        Set<String> seen = new HashSet<>();
        for (CommitSpec c : commits) {
            require(c.key() != null && seen.add(c.key()), prefix + "commit key '" + c.key() + "' is missing or repeated");
            for (String parent : c.parentKeys()) {
                require(seen.contains(parent) && !parent.equals(c.key()),
                        prefix + "commit '" + c.key() + "' names parent '" + parent + "', which is not an earlier commit");
            }
            require(identities.containsKey(c.author()) && identities.containsKey(c.committer()),
                    prefix + "commit '" + c.key() + "' names an author or committer missing from identities");
            require(c.message() != null, prefix + "commit '" + c.key() + "' has no message");
            time(c.authored(), "commit '" + c.key() + "' authored");
            time(c.committed(), "commit '" + c.key() + "' committed");
        }
        require(branches != null && !branches.isEmpty(), prefix + "needs at least one branch");
        branches.forEach((b, key) -> {
            require(Repository.isValidRefName(Constants.R_HEADS + b), prefix + "'" + b + "' is not a valid branch name");
            require(seen.contains(key), prefix + "branch '" + b + "' points to unknown commit '" + key + "'");
        });
        tagMap().forEach((t, key) -> {
            require(Repository.isValidRefName(Constants.R_TAGS + t), prefix + "'" + t + "' is not a valid tag name");
            require(seen.contains(key), prefix + "tag '" + t + "' points to unknown commit '" + key + "'");
        });
        require(head != null && branches.containsKey(head), prefix + "'head' must name one of the branches");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new BadInputException(message);
        }
    }
}
