package dev.rustreview.git;
import dev.rustreview.model.Commit;
import dev.rustreview.model.Person;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Converts a parsed JGit commit into the model's {@link Commit}. */
final class CommitMapper {

    private CommitMapper() {
    }

    /** {@code commit} must have been parsed with its body (a RevWalk's default). */
    static Commit toCommit(RevCommit commit) {
        String message = commit.getFullMessage();
        return new Commit(
                commit.name(),
                Arrays.stream(commit.getParents()).map(RevCommit::name).toList(),
                toPerson(commit.getAuthorIdent()),
                toPerson(commit.getCommitterIdent()),
                commit.getShortMessage(),
                message,
                TrailerParser.parse(message));
    }

    /** Keeps the zone git recorded, so times read as the author saw them. */
    static Person toPerson(PersonIdent ident) {
        return new Person(ident.getName(), ident.getEmailAddress(),
                OffsetDateTime.ofInstant(ident.getWhenAsInstant(), ident.getZoneOffset()));
    }
}
