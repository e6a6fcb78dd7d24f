package dev.rustreview.analysis.rules;

import static dev.rustreview.analysis.rules.RuleAssert.assertNone;
import static dev.rustreview.analysis.rules.RuleAssert.assertSingle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.analysis.Snippet;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import org.junit.jupiter.api.Test;

class BlockingInAsyncTest {

    private final BlockingInAsync rule = new BlockingInAsync();

    @Test
    void threadSleepInAnAsyncFn() {
        Finding f = assertSingle(rule, Snippet.added("""
                use std::time::Duration;
                impl BackupExecutor {
                    pub async fn throttle(&self) {
                        std::thread::sleep(Duration::from_millis(200));
                    }
                }
                """), "CC6", Severity.HIGH, 4, 4);
        assertThat(f.objects()).containsExactly("std::thread::sleep(Duration::from_millis(200))", "throttle");
        assertThat(f.explanation()).contains("async fn `throttle`", "executor thread");
        assertThat(f.checkBeforeAccepting()).contains("tokio::time::sleep");
        assertSingle(rule, Snippet.added("""
                use std::thread;
                async fn retry() {
                    thread::sleep(BACKOFF);
                }
                """), "CC6", Severity.HIGH, 3, 3);
    }

    @Test
    void stdFsAndNetInAnAsyncBlock() {
        assertSingle(rule, Snippet.added("""
                use std::fs;
                fn start() {
                    tokio::spawn(async move {
                        let text = fs::read_to_string("config.toml").unwrap();
                        apply(text).await;
                    });
                }
                """), "CC6", Severity.HIGH, 4, 4);
        assertSingle(rule, Snippet.added("""
                use std::net::TcpStream;
                async fn probe(addr: &str) -> bool {
                    TcpStream::connect(addr).is_ok()
                }
                """), "CC6", Severity.HIGH, 3, 3);
    }

    @Test
    void stdChannelRecvBlockOnAndReqwestBlocking() {
        assertSingle(rule, Snippet.added("""
                use std::sync::mpsc::Receiver;
                async fn next(rx: &Receiver<Job>) -> Job {
                    rx.recv().unwrap()
                }
                """), "CC6", Severity.HIGH, 3, 3);
        assertSingle(rule, Snippet.added("""
                async fn run() {
                    let v = futures::executor::block_on(fetch());
                }
                """), "CC6", Severity.HIGH, 2, 2);
        assertSingle(rule, Snippet.added("""
                async fn fetch(url: &str) -> String {
                    reqwest::blocking::get(url).unwrap().text().unwrap()
                }
                """), "CC6", Severity.HIGH, 2, 2);
    }

    @Test
    void testCodeIsMedium() {
        assertSingle(rule, Snippet.added("""
                #[tokio::test(flavor = "multi_thread")]
                async fn waits() {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                """), "CC6", Severity.MEDIUM, 3, 3);
    }

    @Test
    void asyncSleepAndAsyncIoAreFine() {
        assertNone(rule, Snippet.added("""
                use tokio::fs;
                use tokio::time::sleep;
                async fn run(addr: std::net::SocketAddr) {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    sleep(Duration::from_millis(5)).await;
                    let text = fs::read_to_string("x").await.unwrap();
                    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
                    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
                }
                """));
    }

    @Test
    void syncCodeAndSpawnBlockingClosuresAreFine() {
        assertNone(rule, Snippet.added("""
                use std::thread;
                fn poll_forever() {
                    thread::sleep(Duration::from_secs(1));
                    let t = std::fs::read("x");
                }
                async fn load() -> Vec<u8> {
                    tokio::task::spawn_blocking(|| std::fs::read("big.bin").unwrap()).await.unwrap()
                }
                """));
    }

    @Test
    void commentsStringsAndUntouchedCodeAreNotReported() {
        assertNone(rule, Snippet.of("src/exec.rs", """
                  async fn throttle() {
                      // std::thread::sleep(Duration::from_millis(200));
                      let s = "std::thread::sleep(d)";
                      std::thread::sleep(Duration::from_millis(200));
                  }
                + fn other() {}
                """));
    }

    /** lance 97ed5ec2, reversed: a blocking channel send inside a stream's map closure, in an async fn. */
    @Test
    void blockingSendInAStreamAdapterClosureRunsOnTheExecutor() {
        Finding f = assertSingle(rule, Snippet.added("""
                impl InvertedIndexBuilder {
                    async fn update_index(&mut self, stream: SendableRecordBatchStream) -> Result<()> {
                        let (sender, receiver) = async_channel::bounded(num_workers);
                        let mut stream = flatten_stream.map(|batch| {
                            let batch = batch?;
                            let num_rows = batch.num_rows();
                            sender.send_blocking(batch).expect("failed to send batch");
                            Result::Ok(num_rows)
                        });
                        while let Some(n) = stream.try_next().await? {
                            last = n;
                        }
                        Ok(())
                    }
                }
                """), "CC6", Severity.HIGH, 7, 7);
        assertThat(f.title()).isEqualTo("Blocking call in a closure that runs when polled in async fn `update_index`");
        assertThat(f.checkBeforeAccepting()).contains("`send(..).await`");
        // The closure of an adapter inside an adapter still runs where the stream is polled.
        assertSingle(rule, Snippet.added("""
                async fn drain(rx: Receiver<Vec<Job>>, tx: Sender<Job>) {
                    rx.for_each(|jobs| jobs.into_iter().for_each(|j| tx.blocking_send(j).unwrap())).await;
                }
                """), "CC6", Severity.HIGH, 2, 2);
    }

    @Test
    void closuresHandedToOtherCallsOrOutsideAsyncCodeStayABoundary() {
        assertNone(rule, Snippet.added("""
                async fn start(tx: async_channel::Sender<Batch>) {
                    // spawn_blocking and a thread run the closure off the executor
                    tokio::task::spawn_blocking(move || batches.iter().map(|b| tx.send_blocking(b.clone())).count());
                    std::thread::spawn(move || tx.send_blocking(batch));
                    // a callback stored for later is not run here
                    self.on_done = Box::new(move |b| tx.send_blocking(b).unwrap());
                    // the async form is fine
                    stream.then(|b| async move { tx.send(b).await }).collect::<Vec<_>>().await;
                }
                fn sync_pipeline(tx: async_channel::Sender<Batch>) {
                    batches.into_iter().map(|b| tx.send_blocking(b)).collect::<Result<Vec<_>, _>>().unwrap();
                }
                """));
    }

    /** lance 28468c2f, reversed: a sync helper of the crate runs block_on, and async fns call it. */
    private static final String LANCE_INDEX = """
              impl DatasetIndexInternalExt for Dataset {
                  async fn open_vector_index(&self, column: &str, uuid: &str) -> Result<Arc<dyn VectorIndex>> {
            -         let frag_reuse_uuid = self.frag_reuse_index_uuid().await;
            +         let frag_reuse_uuid = self.frag_reuse_index_uuid();
                      self.open_index(column, uuid, frag_reuse_uuid).await
                  }
            -     async fn frag_reuse_index_uuid(&self) -> Option<Uuid> {
            -         if let Ok(indices) = self.load_indices().await {
            +     fn frag_reuse_index_uuid(&self) -> Option<Uuid> {
            +         if let Ok(indices) = futures::executor::block_on(self.load_indices()) {
                          indices.iter().find(|idx| idx.name == FRAG_REUSE_INDEX_NAME).map(|idx| idx.uuid)
                      } else {
                          None
                      }
                  }
                  async fn load_indices(&self) -> Result<Arc<Vec<IndexMetadata>>> {
                      self.index_cache.get_or_load(&self.manifest).await
                  }
              }
            """;

    @Test
    void aCallToASyncCrateFnThatBlocks() {
        java.util.List<Finding> f = RuleRun.on(rule, "rust/lance/src/index.rs", LANCE_INDEX);
        assertThat(RuleRun.shape(f)).containsExactly(
                org.assertj.core.api.Assertions.tuple("CC6", Severity.MEDIUM, dev.rustreview.model.Side.NEW, 3, 3));
        assertThat(f.get(0).explanation()).contains("`self.frag_reuse_index_uuid` is a sync fn of this crate that blocks",
                "futures::executor::block_on");
        // the fix: the helper is async and awaited
        assertNone(rule, Snippet.of("rust/lance/src/index.rs", LANCE_INDEX.replaceAll("(?m)^-", "@")
                .replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+")));
    }

    @Test
    void syncCallersSpawnBlockingAndUntouchedCallsOfABlockingHelperAreFine() {
        assertNone(rule, Snippet.of("src/store.rs", """
                  fn load_sync(path: &Path) -> Vec<u8> {
                      std::fs::read(path).unwrap()
                  }
                  async fn read_async(path: &Path) -> Vec<u8> {
                      std::fs::read(path).unwrap()
                  }
                  async fn warm(&self) {
                      let bytes = load_sync(&self.path);
                +     self.count += 1;
                  }
                + fn startup(path: &Path) -> Vec<u8> {
                +     load_sync(path)
                + }
                + async fn via_async(&self) -> Vec<u8> {
                +     read_async(&self.path).await
                + }
                + #[tokio::test]
                + async fn loads() {
                +     load_sync(Path::new("fixture.bin"));
                + }
                + async fn reload(&self) -> Vec<u8> {
                +     let p = self.path.clone();
                +     tokio::task::spawn_blocking(move || load_sync(&p)).await.unwrap()
                + }
                """));
    }

    /**
     * rust-postgres: the sync {@code Client} wraps tokio-postgres' {@code Client}, and both have {@code simple_query}.
     * Inside {@code block_on(async { .. })} the value of {@code inner_client.simple_query("")} is handed to
     * {@code timeout}: it is the async one, whatever the names resolve to.
     */
    @Test
    void aCallWhoseValueIsUsedAsAFutureIsNotTheBlockingNamesake() {
        assertNone(rule, Snippet.added("""
                pub struct Client {
                    connection: Connection,
                    client: tokio_postgres::Client,
                }
                impl Client {
                    pub fn simple_query(&mut self, query: &str) -> Result<Vec<SimpleQueryMessage>, Error> {
                        self.connection.block_on(self.client.simple_query(query))
                    }
                    pub fn query(&mut self, query: &str) -> Result<Vec<Row>, Error> {
                        self.connection.block_on(self.client.query(query, &[]))
                    }
                    pub fn is_valid(&mut self, timeout: Duration) -> Result<(), Error> {
                        let inner_client = &self.client;
                        self.connection.block_on(async {
                            inner_client.query("SET x = 1").await?;
                            let trivial_query = inner_client.simple_query("");
                            tokio::time::timeout(timeout, trivial_query).await?.map(|_| ())
                        })
                    }
                }
                """));
    }

    /** tokio's fs: File::options() builds a std OpenOptions, which does no I/O; only its open() would. */
    @Test
    void theOpenOptionsBuilderIsNotBlocking() {
        assertNone(rule, Snippet.added("""
                use std::fs::OpenOptions as StdOpenOptions;
                pub struct OpenOptions(StdOpenOptions);
                impl OpenOptions {
                    pub fn new() -> OpenOptions {
                        OpenOptions(StdOpenOptions::new())
                    }
                    pub async fn open(&self, path: impl AsRef<Path>) -> io::Result<File> {
                        let opts = self.0.clone();
                        asyncify(move || opts.open(path)).await.map(File::from_std)
                    }
                }
                impl File {
                    pub fn options() -> OpenOptions {
                        OpenOptions::new()
                    }
                    pub async fn create(path: impl AsRef<Path>) -> io::Result<File> {
                        let builder = std::fs::OpenOptions::new();
                        let dirs = std::fs::DirBuilder::new();
                        Self::options().write(true).create(true).truncate(true).open(path).await
                    }
                }
                """));
        // the crate fn that really opens a std file still blocks
        assertSingle(rule, Snippet.added("""
                fn open_sync(path: &Path) -> std::fs::File {
                    std::fs::File::open(path).unwrap()
                }
                async fn load(path: &Path) -> usize {
                    let f = open_sync(path);
                    f.metadata().unwrap().len() as usize
                }
                """), "CC6", Severity.MEDIUM, 5, 5);
    }
}
