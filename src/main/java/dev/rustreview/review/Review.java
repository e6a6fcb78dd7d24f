package dev.rustreview.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live state of one review: its rounds, decisions, acknowledgements and annotations. Mutated only through
 * {@link ReviewSession}; {@link #revision()} is the on-disk revision it was loaded from or last saved as, which
 * the store compares to catch a concurrent writer.
 */
public final class Review {

    private final String id;
    private final String repository;
    private String headRef;
    private String baseRef;
    private long revision;
    private long changes;
    private final List<Round> rounds = new ArrayList<>();
    private final Map<String, Decision> decisions = new LinkedHashMap<>();
    private final List<OutdatedDecision> outdated = new ArrayList<>();
    /** Hunk id of the current round → the round whose decision no longer fits it. */
    private final Map<String, Integer> changedSince = new LinkedHashMap<>();
    private final Map<String, Acknowledgement> acks = new LinkedHashMap<>();
    private final Map<String, Annotation> annotations = new LinkedHashMap<>();
    /** Round number → the ids of the units that round showed; absent for rounds saved before ids were kept. */
    private final Map<Integer, List<String>> roundUnits = new LinkedHashMap<>();
    /** Path → the reviewer's "viewed" mark on that file, kept until the agent changes the file. */
    private final Map<String, ViewedFile> viewed = new LinkedHashMap<>();
    /** Rule id → the reviewer's mute (or show) choice for it. */
    private final Map<String, RuleMute> mutes = new LinkedHashMap<>();
    /** Read from a file written when git's hunks were the unit of decision; cleared once migrated to units. */
    private boolean hunkLevel;

    public Review(String id, String repository, String headRef, String baseRef) {
        this.id = ReviewIds.check(id);
        this.repository = repository;
        this.headRef = headRef;
        this.baseRef = baseRef;
    }

    public String id() { return id; }
    public String repository() { return repository; }
    public String headRef() { return headRef; }
    public String baseRef() { return baseRef; }
    public long revision() { return revision; }
    public List<Round> rounds() { return List.copyOf(rounds); }
    public Map<String, Decision> decisions() { return Collections.unmodifiableMap(new LinkedHashMap<>(decisions)); }
    public List<OutdatedDecision> outdatedDecisions() { return List.copyOf(outdated); }
    public Map<String, Integer> changedSince() { return Collections.unmodifiableMap(new LinkedHashMap<>(changedSince)); }
    public Map<String, Acknowledgement> acknowledgements() { return Collections.unmodifiableMap(new LinkedHashMap<>(acks)); }
    public Collection<Annotation> annotations() { return List.copyOf(annotations.values()); }
    public Map<String, RuleMute> mutes() { return Collections.unmodifiableMap(new LinkedHashMap<>(mutes)); }

    /** The ids of the units round {@code number} showed, if that round was saved with them. */
    public Optional<List<String>> unitsOf(int number) {
        return Optional.ofNullable(roundUnits.get(number));
    }

    /** The files marked as viewed, by path, in the order they were marked. */
    public Map<String, ViewedFile> viewedFiles() { return Collections.unmodifiableMap(new LinkedHashMap<>(viewed)); }

    public Optional<Round> lastRound() {
        return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1));
    }

    /** The head the latest round reviewed (the agent's newest branch), else the head the review started on. */
    public String currentHeadRef() {
        return rounds().isEmpty() ? headRef() : rounds().get(rounds().size() - 1).headRef();
    }

    public int currentRound() {
        return rounds.size();
    }

    public DecisionState state(String hunkId) {
        Decision d = decisions.get(hunkId);
        return d == null ? DecisionState.UNREVIEWED : d.state();
    }

    public Optional<Annotation> annotation(String annotationId) {
        return Optional.ofNullable(annotations.get(annotationId));
    }

    // Copies in insertion order, so the file lists things in the order they happened and diffs stay small.

    /** Changes not yet saved; the store skips a save when nothing changed. */
    public long pendingChanges() { return changes; }

    // Package-private mutators: the session and the codec are the only writers.
    void refs(String head, String base) { headRef = head; baseRef = base; changes++; }
    void addRound(Round round) { rounds.add(round); changes++; }

    /**
     * Records the compiler check {@code file} on the newest round whose head is {@code headCommit}; false when no
     * round has that head (the check is of another push) or it already refers to that file.
     */
    boolean recordCompilerCheck(String headCommit, String file) {
        for (int i = rounds.size() - 1; i >= 0; i--) {
            Round r = rounds.get(i);
            if (r.headCommitId().equals(headCommit)) {
                if (file.equals(r.compilerCheck())) {
                    return false;
                }
                rounds.set(i, r.withCompilerCheck(file));
                changes++;
                return true;
            }
        }
        return false;
    }
    void putDecision(Decision d) { decisions.put(d.hunkId(), d); changedSince.remove(d.hunkId()); changes++; }
    void removeDecision(String hunkId) { decisions.remove(hunkId); changes++; }
    void addOutdated(OutdatedDecision o) { outdated.add(o); changes++; }
    void markChanged(String hunkId, int sinceRound) { changedSince.put(hunkId, sinceRound); changes++; }
    void putAck(Acknowledgement a) { acks.put(a.findingId(), a); changes++; }
    void putAnnotation(Annotation a) { annotations.put(a.id(), a); changes++; }
    void putMute(RuleMute m) { mutes.put(m.rule(), m); changes++; }
    void removeMute(String rule) { mutes.remove(rule); changes++; }
    void savedAs(long newRevision) { revision = newRevision; changes = 0; }
    /** Saved as {@code newRevision} with the first {@code written} changes; changes made since stay pending. */
    void savedPart(long newRevision, long written) { revision = newRevision; changes = Math.max(0, changes - written); }
    void touch() { changes++; }
    boolean hunkLevel() { return hunkLevel; }
    void hunkLevel(boolean value) { hunkLevel = value; }
    void unmarkChanged(String hunkId) { changedSince.remove(hunkId); changes++; }
    void roundUnits(int number, List<String> unitIds) { roundUnits.put(number, List.copyOf(unitIds)); changes++; }
    void putViewed(ViewedFile v) { viewed.put(v.path(), v); changes++; }
    void removeViewed(String path) { if (viewed.remove(path) != null) { changes++; } }
    void replaceOutdated(int index, OutdatedDecision o) { outdated.set(index, o); changes++; }
}
