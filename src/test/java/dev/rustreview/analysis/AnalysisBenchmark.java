package dev.rustreview.analysis;

import dev.rustreview.analysis.provenance.AgentPatterns;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Analyses a large generated change (thousands of new Rust files, 100k+ added lines) with one thread and
 * with every core, and prints files/s, changed lines/s and peak memory; then times line attribution on the same
 * files committed as a branch of about 200 commits. A benchmark, not a test: run it with
 * {@code ./mvnw -q test-compile exec:exec@analysis-benchmark} (arguments: files, default 2500).
 */
public final class AnalysisBenchmark {

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
        InMemoryChange change = generate(files);
        ChangeSet cs = change.changeSet();
        long lines = cs.additions();
        System.out.printf("generated change: %d files, %d added lines, %.1f MB of Rust%n", files, lines,
                cs.files().stream().mapToLong(f -> f.newSize()).sum() / 1e6);
        int cores = Runtime.getRuntime().availableProcessors();
        run(change, 1, 1);                     // warm-up: JIT and the native library
        for (int threads : cores > 1 ? List.of(1, cores) : List.of(1)) {
            ChangeAnalysis analysis = null;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                analysis = run(change, threads, files);
                best = Math.min(best, System.nanoTime() - start);
            }
            double seconds = best / 1e9;
            System.out.printf("threads=%d: %.2f s (best of 3), %.0f files/s, %.0f changed lines/s, %d findings%n",
                    threads, seconds, files / seconds, lines / seconds, analysis.findings().size());
        }
        System.out.printf("peak heap: %.0f MB; peak resident set (JVM + native trees): %s%n", peakHeapMb(), peakRss());
        // The same files as a branch of about 200 commits: the walk that attributes each added line to its commit.
        GeneratedHistory.time(change.headFiles(), 200);
    }

    private static ChangeAnalysis run(InMemoryChange change, int threads, int files) {
        ChangeAnalyzer analyzer = new ChangeAnalyzer(ChangeAnalyzer.allRules(), AgentPatterns.none(),
                new ChangeAnalyzer.Options(ParseLimits.DEFAULT, threads));
        return analyzer.analyze(change.changeSet(), change, List.of(), ChangeAnalyzer.Listener.NONE, () -> false);
    }

    /** A mix of what agents write: async services with locks, trait impls, serde structs, tests, docs. */
    static InMemoryChange generate(int files) {
        InMemoryChange change = new InMemoryChange();
        for (int i = 0; i < files; i++) {
            String source = switch (i % 4) {
                case 0 -> service(i);
                case 1 -> boilerplate(i);
                case 2 -> schema(i);
                default -> tests(i);
            };
            change.added("crates/c" + (i % 40) + "/src/m" + i + ".rs", source);
        }
        return change;
    }

    private static String service(int i) {
        return """
                //! Worker %1$d: polls jobs and uploads results.
                use std::collections::HashMap;
                use std::sync::{Arc, Mutex};
                use std::sync::atomic::{AtomicBool, Ordering};
                use std::time::Duration;

                pub struct Worker%1$d {
                    jobs: Arc<Mutex<HashMap<u64, String>>>,
                    running: AtomicBool,
                }

                impl Worker%1$d {
                    pub fn new() -> Self {
                        Self { jobs: Arc::new(Mutex::new(HashMap::new())), running: AtomicBool::new(false) }
                    }

                    pub async fn run(&self, id: u64) -> Result<(), String> {
                        if self.running.load(Ordering::Relaxed) {
                            return Err("busy".into());
                        }
                        self.running.store(true, Ordering::Relaxed);
                        let guard = self.jobs.lock().unwrap();
                        let name = guard.get(&id).cloned().unwrap_or_default();
                        upload(&name).await?;
                        let jobs = Arc::clone(&self.jobs);
                        tokio::spawn(async move {
                            jobs.lock().unwrap().remove(&id);
                        });
                        std::thread::sleep(Duration::from_millis(10));
                        let _ = notify(id);
                        Ok(())
                    }
                }

                async fn upload(name: &str) -> Result<(), String> {
                    if name.is_empty() { return Err("empty".into()); }
                    Ok(())
                }

                fn notify(id: u64) -> Result<(), String> {
                    if id == 0 { Err("zero".into()) } else { Ok(()) }
                }
                """.formatted(i);
    }

    private static String boilerplate(int i) {
        return """
                use std::fmt;

                /// A point in a %1$d-dimensional grid.
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
                pub struct Point%1$d {
                    pub x: i64,
                    pub y: i64,
                }

                impl fmt::Display for Point%1$d {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "({}, {})", self.x, self.y)
                    }
                }

                impl From<(i64, i64)> for Point%1$d {
                    fn from((x, y): (i64, i64)) -> Self {
                        Self { x, y }
                    }
                }

                impl Point%1$d {
                    /// The x coordinate.
                    pub fn x(&self) -> i64 {
                        self.x
                    }

                    /// The y coordinate.
                    pub fn y(&self) -> i64 {
                        self.y
                    }

                    /// Manhattan distance to another point.
                    pub fn distance(&self, other: &Self) -> i64 {
                        (self.x - other.x).abs() + (self.y - other.y).abs()
                    }
                }
                """.formatted(i);
    }

    private static String schema(int i) {
        return """
                use serde::{Deserialize, Serialize};

                /// A row of table_%1$d.
                #[derive(Debug, Clone, Serialize, Deserialize)]
                pub struct Row%1$d {
                    pub id: u64,
                    pub name: String,
                    pub tags: Vec<String>,
                    pub created_at: String,
                }

                /// The status of a row.
                #[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
                #[serde(rename_all = "snake_case")]
                pub enum Status%1$d {
                    Active,
                    Archived,
                    Deleted,
                }

                #[derive(Debug, thiserror::Error)]
                pub enum Error%1$d {
                    #[error("not found: {0}")]
                    NotFound(u64),
                    #[error("invalid: {0}")]
                    Invalid(String),
                }
                """.formatted(i);
    }

    private static String tests(int i) {
        return """
                #[cfg(test)]
                mod tests_%1$d {
                    use super::*;
                    use std::time::Duration;

                    #[test]
                    fn parses_a_row() {
                        let row: Row = serde_json::from_str("{}").unwrap();
                        assert_eq!(row.id, 0);
                    }

                    #[tokio::test]
                    async fn waits_for_the_worker() {
                        let worker = Worker::new();
                        tokio::spawn(async move { worker.run(1).await.unwrap() });
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        assert!(true);
                    }

                    #[test]
                    fn distance_is_symmetric() {
                        let a = Point::from((1, 2));
                        let b = Point::from((4, 6));
                        assert_eq!(a.distance(&b), b.distance(&a));
                    }
                }
                """.formatted(i);
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }

    /** VmHWM from /proc on Linux (includes tree-sitter's native memory); "n/a" elsewhere. */
    private static String peakRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring(6).strip()).findFirst().orElse("n/a");
    }
}
