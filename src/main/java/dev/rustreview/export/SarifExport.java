package dev.rustreview.export;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.Json;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The review as SARIF 2.1.0: findings as results (a {@code review} result until acknowledged, then {@code pass},
 * dismissed ones suppressed), annotations as informational results. Per SARIF §3.27.9 a result whose kind is
 * not {@code fail} must have level {@code none}, so the severity's level lives in the rule's default
 * configuration and in the result's {@code severity} property.
 */
public final class SarifExport {

    static final String SRCROOT = "SRCROOT";
    static final String FINDING_PRINT = "rustReviewFinding/v1";
    static final String HUNK_PRINT = "rustReviewHunk/v1";
    static final String ANNOTATION_PRINT = "rustReviewAnnotation/v1";

    private SarifExport() {
    }

    public static ObjectNode toJson(ReviewSession session) {
        return toJson(session, null);
    }

    /** With the stored compiler check (null: none) as {@code fail} results whose rule id is the lint. */
    public static ObjectNode toJson(ReviewSession session, dev.rustreview.model.CompilerCheck check) {
        SarifRules rules = new SarifRules();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "rust-review");
        driver.put("informationUri", "https://github.com/rust-review/rust-review");
        driver.set("rules", rules.descriptors());
        run.putObject("originalUriBaseIds").putObject(SRCROOT).putObject("description")
                .put("text", "The repository's top folder; result paths are relative to it.");
        ArrayNode results = run.putArray("results");
        Review review = session.review();
        for (Finding f : session.index().analysis().findings()) {
            results.add(finding(f, review, session.index(), rules));
        }
        for (Annotation a : review.annotations()) {
            results.add(annotation(a, rules));
        }
        CompilerExport.sarif(run, check);
        return root;
    }

    public static String write(ReviewSession session) {
        return write(session, null);
    }

    public static String write(ReviewSession session, dev.rustreview.model.CompilerCheck check) {
        try {
            return Json.mapper().writeValueAsString(toJson(session, check)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the review could not be written as SARIF", e);
        }
    }

    private static ObjectNode finding(Finding f, Review review, HunkIndex index, SarifRules rules) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("ruleId", f.ruleId());
        int ruleIndex = rules.index(f.ruleId());
        if (ruleIndex >= 0) {
            r.put("ruleIndex", ruleIndex);
        }
        Acknowledgement ack = review.acknowledgements().get(f.id());
        // A finding marked as a problem still needs the agent's fix: it stays under review, never passes.
        r.put("kind", ack == null || ack.kind() == Acknowledgement.Kind.PROBLEM ? "review" : "pass");
        r.put("level", "none");
        r.putObject("message").put("text", f.title() + ". " + f.explanation() + " Check: " + f.checkBeforeAccepting());
        List<String> code = AgentItems.code(index, f);
        r.putArray("locations").add(location(f.path(), f.startLine(), f.endLine(), code));
        ObjectNode prints = r.putObject("partialFingerprints").put(FINDING_PRINT, f.id());
        index.at(f.path(), f.side() != Side.OLD, f.startLine()).ifPresent(e -> prints.put(HUNK_PRINT, e.id()));
        if (ack != null && ack.kind() == Acknowledgement.Kind.DISMISSED) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", ack.note());
        }
        ObjectNode props = r.putObject("properties");
        props.put("severity", f.severity().label());
        props.put("side", f.side() == null ? "new" : f.side().name().toLowerCase(Locale.ROOT));
        if (ack != null) {
            props.put("acknowledgedBy", ack.author());
            props.put("acknowledgement", ack.kind().name().toLowerCase(Locale.ROOT));
            if (ack.note() != null) {
                props.put("note", ack.note());
            }
        }
        return r;
    }

    private static ObjectNode annotation(Annotation a, SarifRules rules) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("ruleId", SarifRules.ANNOTATION_RULE);
        r.put("ruleIndex", rules.index(SarifRules.ANNOTATION_RULE));
        r.put("kind", "informational");
        r.put("level", "none");
        r.putObject("message").put("text", a.kind().label() + ": " + a.text());
        Anchor x = a.anchor();
        if (x.path() != null) {
            r.putArray("locations").add(location(x.path(), x.startLine(), x.endLine(), x.lines()));
        }
        ObjectNode prints = r.putObject("partialFingerprints").put(ANNOTATION_PRINT, a.id());
        if (x.hunkId() != null) {
            prints.put(HUNK_PRINT, x.hunkId());
        }
        ObjectNode props = r.putObject("properties");
        props.put("annotationKind", a.kind().label());
        props.put("author", a.author());
        props.put("resolved", a.resolved());
        props.put("outdated", a.outdated());
        if (a.suggestion() != null) {
            props.put("suggestion", a.suggestion());
        }
        return r;
    }

    private static ObjectNode location(String path, int start, int end, List<String> code) {
        ObjectNode loc = Json.mapper().createObjectNode();
        ObjectNode phys = loc.putObject("physicalLocation");
        phys.putObject("artifactLocation").put("uri", relativeUri(path)).put("uriBaseId", SRCROOT);
        if (start > 0) {
            ObjectNode region = phys.putObject("region").put("startLine", start).put("endLine", Math.max(start, end));
            if (!code.isEmpty()) {
                region.putObject("snippet").put("text", String.join("\n", code));
            }
        }
        return loc;
    }

    /** A repository path as a relative URI reference: spaces, {@code #}, {@code ?} and non-ASCII percent-encoded. */
    static String relativeUri(String path) {
        try {
            // A leading segment with a colon would read as a scheme; "./" keeps it a relative path.
            String p = path.startsWith("/") ? path.substring(1) : path;
            String uri = new URI(null, null, p, null).toASCIIString();
            int slash = uri.indexOf('/');
            String first = slash < 0 ? uri : uri.substring(0, slash);
            return first.contains(":") ? "./" + uri : uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("path '" + path + "' cannot be written as a URI", e);
        }
    }
}
