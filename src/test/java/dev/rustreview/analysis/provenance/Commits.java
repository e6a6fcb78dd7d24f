package dev.rustreview.analysis.provenance;

import dev.rustreview.model.Commit;
import dev.rustreview.model.Person;
import dev.rustreview.model.Trailer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Builds model commits for tests, parsing trailers from the message's last paragraph like git does. */
final class Commits {

    static final String HUMAN = "Ada Lovelace <ada@example.com>";
    private static final OffsetDateTime WHEN = OffsetDateTime.parse("2025-06-01T12:00:00+02:00");

    private Commits() {
    }

    static Commit by(String author, String message) {
        return by(author, author, message);
    }

    static Commit by(String author, String committer, String message) {
        String subject = message.lines().findFirst().orElse("");
        return new Commit("c0ffee" + Integer.toHexString(message.hashCode()), List.of("abc123"),
                person(author), person(committer), subject, message, trailers(message));
    }

    static Person person(String identity) {
        int lt = identity.lastIndexOf('<');
        return new Person(identity.substring(0, lt).strip(), identity.substring(lt + 1, identity.length() - 1), WHEN);
    }

    private static List<Trailer> trailers(String message) {
        String[] paragraphs = message.strip().split("\n\\s*\n");
        if (paragraphs.length < 2) {
            return List.of();
        }
        List<Trailer> trailers = new ArrayList<>();
        for (String line : paragraphs[paragraphs.length - 1].split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).contains(" ")) {
                return List.of();
            }
            trailers.add(new Trailer(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return trailers;
    }
}
