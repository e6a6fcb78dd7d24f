package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes written from held-out sets o3 and p3's misses, each from a reversed real fix. */
class SetO3RulesTest {

    private final PropagationReplacedByLog er25 = new PropagationReplacedByLog();

    /** lsm-tree's RelocatingCompaction::write with 3bca542c reversed. */
    private static final String RELOCATE = """
              impl CompactionFlavour for RelocatingCompaction {
                  fn write(&mut self, item: InternalValue) -> crate::Result<()> {
                      if item.key.value_type.is_indirection() {
                          let mut reader = &item.value[..];
            -             let indirection = BlobIndirection::decode_from(&mut reader).inspect_err(|e| {
            -                 log::error!("Failed to deserialize blob indirection {item:?}: {e:?}");
            -             })?;
            +             let Ok(indirection) = BlobIndirection::decode_from(&mut reader) else {
            +                 log::error!("Failed to deserialize blob indirection: {item:?}");
            +                 return Ok(());
            +             };
                          self.relocate(indirection)?;
                      }
                      Ok(())
                  }
              }
            """;

    @Test
    void aPropagatedDecodeErrorTurnedIntoALoggedLetElseReturningOkIsReported() {
        List<Finding> f = RuleRun.on(er25, "src/compaction/flavour.rs", RELOCATE);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER25", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`BlobIndirection::decode_from(&mut reader)` in `write` now only logs its error");
        assertThat(f.get(0).explanation()).contains("leaves through the `else` as if nothing had failed");
    }

    @Test
    void aLetElseThatSkipsToTheNextItemIsReportedToo() {
        String skip = RELOCATE.replace("+                 return Ok(());", "+                 continue;");
        assertThat(skip).isNotEqualTo(RELOCATE);
        assertThat(RuleRun.shape(RuleRun.on(er25, "src/compaction/flavour.rs", skip)))
                .containsExactly(tuple("ER25", MEDIUM, NEW, 5, 5));
    }

    @Test
    void aLetElseThatStillFailsOrNeverPropagatedIsNotReported() {
        String fails = RELOCATE.replace("+                 return Ok(());", "+                 return Err(Error::Decode);");
        assertThat(fails).isNotEqualTo(RELOCATE);
        assertThat(RuleRun.on(er25, "src/compaction/flavour.rs", fails)).isEmpty();
        String silent = RELOCATE.replace("+                 log::error!(\"Failed to deserialize blob indirection: {item:?}\");\n", "");
        assertThat(silent).isNotEqualTo(RELOCATE);
        assertThat(RuleRun.on(er25, "src/compaction/flavour.rs", silent)).isEmpty();
        String neverPropagated = RELOCATE.replace("""
                -             let indirection = BlobIndirection::decode_from(&mut reader).inspect_err(|e| {
                -                 log::error!("Failed to deserialize blob indirection {item:?}: {e:?}");
                -             })?;
                """, """
                -             let indirection = BlobIndirection::decode_from(&mut reader).unwrap_or_default();
                """);
        assertThat(neverPropagated).isNotEqualTo(RELOCATE);
        assertThat(RuleRun.on(er25, "src/compaction/flavour.rs", neverPropagated)).isEmpty();
    }

    private final PanickingTwinAdded pn5 = new PanickingTwinAdded();

    /** rocketmq-rust's PopMessageRequestHeader with 73b94ce8 reversed. */
    private static final String POP = """
              impl PopMessageRequestHeader {
                  pub fn is_timeout_too_much(&self) -> bool {
            -         get_current_millis() as i64 - self.born_time as i64 - self.poll_time as i64 > 500
            +         get_current_millis() - self.born_time - self.poll_time > 500
                  }
              }
            """;

    @Test
    void aSignedDifferenceTakenWithoutItsCastsIsReported() {
        List<Finding> f = RuleRun.on(pn5, "rocketmq-remoting/src/protocol/header/pop_message_request_header.rs", POP);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`get_current_millis() - self.born_time` replaces "
                + "`get_current_millis() as i64 - self.born_time as i64` in `is_timeout_too_much`");
    }

    @Test
    void aDifferenceStillCastOrSaturatingIsNotReported() {
        String cast = POP.replace("+         get_current_millis() - self.born_time - self.poll_time > 500",
                "+         (get_current_millis() as i64).saturating_sub(self.born_time as i64) > 500");
        assertThat(cast).isNotEqualTo(POP);
        assertThat(RuleRun.on(pn5, "src/header.rs", cast)).isEmpty();
        String saturating = POP.replace("+         get_current_millis() - self.born_time - self.poll_time > 500",
                "+         get_current_millis().saturating_sub(self.born_time) > 500");
        assertThat(saturating).isNotEqualTo(POP);
        assertThat(RuleRun.on(pn5, "src/header.rs", saturating)).isEmpty();
        String unsignedBefore = POP.replace("as i64", "as u64");
        assertThat(unsignedBefore).isNotEqualTo(POP);
        assertThat(RuleRun.on(pn5, "src/header.rs", unsignedBefore)).isEmpty();
    }

    /** readyset's ResultIterator with 5d9c5cee reversed. */
    private static final String OFFSET = """
              impl ResultIterator {
                  pub fn new(mut results: Vec<Row>, offset: Option<usize>) -> Self {
                      if let Some(offset) = offset {
            -             if offset >= results.len() {
            -                 results.clear();
            -             } else {
            -                 results.drain(offset..);
            -             }
            +             results.drain(offset..);
                      }
                      ResultIterator::owned(results)
                  }
              }
            """;

    @Test
    void aDrainTakenOutOfTheElseThatComparedItsStartIsReported() {
        List<Finding> f = RuleRun.on(pn5, "readyset-client/src/view/results.rs", OFFSET);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`results.drain(offset..)` in `new` no longer runs "
                + "in the `else` of `offset >= results.len()`");
    }

    @Test
    void aDrainStillComparedOrClampedIsNotReported() {
        String clamped = OFFSET.replace("+             results.drain(offset..);",
                "+             let offset = offset.min(results.len());\n+             results.drain(offset..);");
        assertThat(clamped).isNotEqualTo(OFFSET);
        assertThat(RuleRun.on(pn5, "src/results.rs", clamped)).isEmpty();
        String checked = OFFSET.replace("+             results.drain(offset..);",
                "+             if offset < results.len() {\n+                 results.drain(offset..);\n+             }");
        assertThat(checked).isNotEqualTo(OFFSET);
        assertThat(RuleRun.on(pn5, "src/results.rs", checked)).isEmpty();
        String unguardedBefore = OFFSET.replace("-             if offset >= results.len() {", "-             if results.is_sorted() {");
        assertThat(unguardedBefore).isNotEqualTo(OFFSET);
        assertThat(RuleRun.on(pn5, "src/results.rs", unguardedBefore)).isEmpty();
    }

    private final MutCastOfSharedPointer us28 = new MutCastOfSharedPointer();

    /** image's Pixel::from_slice_mut (in a macro-built impl) with 5cbe1e67 reversed. */
    private static final String PIXEL = """
              impl<T: Primitive> Pixel for Rgb<T> {
                  fn from_slice(slice: &[T]) -> &Rgb<T> {
                      assert_eq!(slice.len(), 3);
                      unsafe { &*(slice.as_ptr() as *const Rgb<T>) }
                  }

                  fn from_slice_mut(slice: &mut [T]) -> &mut Rgb<T> {
                      assert_eq!(slice.len(), 3);
            -         unsafe { &mut *(slice.as_mut_ptr() as *mut Rgb<T>) }
            +         unsafe { &mut *(slice.as_ptr() as *mut Rgb<T>) }
                  }
              }
            """;

    @Test
    void aMutableReferenceMadeFromAsPtrIsReported() {
        List<Finding> f = RuleRun.on(us28, "src/color.rs", PIXEL);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US28", dev.rustreview.model.Severity.HIGH, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`slice.as_ptr()` cast to `*mut` in `from_slice_mut` and made a `&mut`");
    }

    @Test
    void aCastThatReplacedAsMutPtrIsMediumAndReadsOrTheMutPointerAreQuiet() {
        String passed = PIXEL.replace("+         unsafe { &mut *(slice.as_ptr() as *mut Rgb<T>) }",
                "+         unsafe { fill(slice.as_ptr() as *mut T, 3) }");
        assertThat(passed).isNotEqualTo(PIXEL);
        assertThat(RuleRun.shape(RuleRun.on(us28, "src/color.rs", passed)))
                .containsExactly(tuple("US28", MEDIUM, NEW, 8, 8));
        String fixed = PIXEL.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fixed).isNotEqualTo(PIXEL);
        assertThat(RuleRun.on(us28, "src/color.rs", fixed)).isEmpty();
        String ffi = """
                  fn name(&self) -> String {
                +     unsafe { c_name(self.buf.as_ptr() as *mut c_char) }
                  }
                """;
        assertThat(RuleRun.on(us28, "src/ffi.rs", ffi)).isEmpty();
    }

    private final HeldBindingsReordered cc56 = new HeldBindingsReordered();

    /** rocketmq-rust's tracked task spawn with 5696687c reversed. */
    private static final String SPAWN = """
              pub(crate) fn spawn_tracked_task<F>(task_group: &TaskGroup, task: F, fallback_lease: Lease) -> io::Result<()>
              where
                  F: Future<Output = ()> + Send + 'static,
              {
                  let (completion_tx, completion_rx) = std_mpsc::channel();
                  task_group
                      .spawn_service("tracked", async move {
            +             let _fallback_lease = fallback_lease;
                          let _completion = ClientTrackedTaskCompletion::new(completion_tx);
            -             let _fallback_lease = fallback_lease;
                          task.await;
                      })
                      .map_err(io::Error::other)?;
                  Ok(())
              }
            """;

    @Test
    void twoHeldValuesDeclaredInTheOtherOrderAreReported() {
        List<Finding> f = RuleRun.on(cc56, "rocketmq-client/src/runtime.rs", SPAWN);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("CC56", MEDIUM, NEW, 8, 8));
        assertThat(f.get(0).title()).isEqualTo("`_completion` and `_fallback_lease` in `spawn_tracked_task` now drop in "
                + "the other order");
    }

    @Test
    void theSameOrderARenameOrANewHeldValueIsNotReported() {
        String same = SPAWN.replace("+             let _fallback_lease = fallback_lease;\n", "")
                .replace("-             let _fallback_lease = fallback_lease;", "+             let _fallback_lease = fallback_lease;");
        assertThat(same).isNotEqualTo(SPAWN);
        assertThat(RuleRun.on(cc56, "rocketmq-client/src/runtime.rs", same)).isEmpty();
        String blocks = """
                  fn run(lease: Lease, tx: Sender<()>) {
                +     {
                +         let _done = Completion::new(tx);
                +     }
                      {
                          let _lease = lease;
                      }
                -     {
                -         let _done = Completion::new(tx);
                -     }
                  }
                """;
        assertThat(RuleRun.on(cc56, "src/run.rs", blocks)).isEmpty();
        String added = SPAWN.replace("-             let _fallback_lease = fallback_lease;\n", "");
        assertThat(added).isNotEqualTo(SPAWN);
        assertThat(RuleRun.on(cc56, "rocketmq-client/src/runtime.rs", added)).isEmpty();
    }

    private final BlockOnInDrop al43 = new BlockOnInDrop();

    /** neovide's NeovimRuntime with 28cf508d reversed. */
    private static final String RUNTIME = """
              impl NeovimRuntime {
                  pub fn launch(&mut self, proxy: EventLoopProxy<UserEvent>) -> Result<()> {
                      let handler = start_editor(proxy);
            -         let runtime = self.runtime.as_ref().unwrap();
            -         let session = runtime.block_on(launch(handler))?;
            -         runtime.spawn(run(session));
            +         let session = self.runtime.block_on(launch(handler))?;
            +         self.state = RuntimeState::Attached(self.runtime.spawn(run(session)));
                      Ok(())
                  }
              }

              impl Drop for NeovimRuntime {
                  fn drop(&mut self) {
            -         self.runtime.take().unwrap().shutdown_background();
            +         if let RuntimeState::Attached(join_handle) =
            +             std::mem::replace(&mut self.state, RuntimeState::Idle)
            +         {
            +             let _ = self.runtime.block_on(join_handle);
            +         }
                  }
              }
            """;

    @Test
    void aDropThatBlocksOnATaskIsReportedAndLaunchIsNot() {
        List<Finding> f = RuleRun.on(al43, "src/bridge/mod.rs", RUNTIME);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL43", MEDIUM, NEW, 14, 14));
        assertThat(f.get(0).title()).isEqualTo("`Drop` blocks on `join_handle`");
    }

    @Test
    void theFixAndTestCodeAreQuiet() {
        String fixed = RUNTIME.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(fixed).isNotEqualTo(RUNTIME);
        assertThat(RuleRun.on(al43, "src/bridge/mod.rs", fixed)).isEmpty();
        assertThat(RuleRun.on(al43, "tests/bridge.rs", RUNTIME)).isEmpty();
    }

    private final PendingAfterReady al44 = new PendingAfterReady();

    /** clash-rs's InboundShadowsocksDatagram::poll_next with 1f9db911 reversed. */
    private static final String DATAGRAM = """
              impl futures::Stream for InboundShadowsocksDatagram {
                  type Item = UdpPacket;

                  fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                      let Self { ref mut socket, ref mut buf, .. } = self.get_mut();
            -         loop {
            -             buf.resize(buf.capacity(), 0);
            -             let mut read_buf = ReadBuf::new(buf);
            -             let rv = ready!(socket.poll_recv_from_with_ctrl(cx, &mut read_buf));
            -             match rv {
            -                 Ok((n, src, target, _, ctrl)) => {
            -                     return Poll::Ready(Some(UdpPacket::new(read_buf.filled()[..n].to_vec(), src, target)));
            -                 }
            -                 Err(e) => {
            -                     error!("failed to receive udp packet: {}", e);
            -                 }
            -             }
            -         }
            +         buf.resize(buf.capacity(), 0);
            +         let mut buf = ReadBuf::new(buf);
            +         let rv = ready!(socket.poll_recv_from_with_ctrl(cx, &mut buf));
            +         match rv {
            +             Ok((n, src, target, _, ctrl)) => Poll::Ready(Some(UdpPacket::new(buf.filled()[..n].to_vec(), src, target))),
            +             Err(e) => {
            +                 error!("failed to receive udp packet: {}", e);
            +                 // Don't close the stream.
            +                 Poll::Pending
            +             }
            +         }
                  }
              }
            """;

    @Test
    void pendingReturnedForAReadyErrorIsReported() {
        List<Finding> f = RuleRun.on(al44, "clash-lib/src/proxy/shadowsocks/inbound/datagram.rs", DATAGRAM);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL44", MEDIUM, NEW, 13, 13));
        assertThat(f.get(0).title()).isEqualTo("`poll_next` returns `Poll::Pending` after "
                + "`ready!(socket.poll_recv_from_with_ctrl(cx, &mut buf))` was ready");
    }

    @Test
    void theLoopAWakeAndAnInnerPendingArmAreQuiet() {
        String fixed = DATAGRAM.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(al44, "src/datagram.rs", fixed)).isEmpty();
        String woken = DATAGRAM.replace("+                 // Don't close the stream.", "+                 cx.waker().wake_by_ref();");
        assertThat(woken).isNotEqualTo(DATAGRAM);
        assertThat(RuleRun.on(al44, "src/datagram.rs", woken)).isEmpty();
        String forwarded = """
                  impl Future for Forward {
                      type Output = ();
                      fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                          match self.inner.poll_next(cx) {
                              Poll::Ready(Some(item)) => self.push(item),
                +             Poll::Pending => Poll::Pending,
                              Poll::Ready(None) => Poll::Ready(()),
                          }
                      }
                  }
                """;
        assertThat(RuleRun.on(al44, "src/forward.rs", forwarded)).isEmpty();
        String combined = """
                  fn poll_readiness(ctl: &StreamCtl, ctx: &IoContext, cx: &mut Context<'_>) -> Poll<Status> {
                      let read = match ctx.poll_read_ready(cx) {
                          Poll::Ready(Readiness::Ready) => {
                              ctl.resume_read();
                +             Poll::Pending
                          }
                          Poll::Pending => Poll::Pending,
                      };
                      if read.is_ready() { Poll::Ready(Status::Shutdown) } else { Poll::Pending }
                  }
                """;
        assertThat(RuleRun.on(al44, "ntex-net/src/uring/io.rs", combined)).isEmpty();
    }

    private final ErrorArmMadeSuccess er11 = new ErrorArmMadeSuccess();

    /** readyset's MySQL backend on_init with 08e4f1e2 reversed. */
    private static final String INIT = """
              impl<S> MySqlShim<S> for Backend {
                  async fn on_init(&mut self, database: &str, w: Option<InitWriter<'_, S>>) -> io::Result<()> {
                      match self.set_database(database).await {
                          Ok(()) => {
                              if let Some(w) = w {
                                  w.ok().await
                              } else {
                                  Ok(())
                              }
                          }
                          Err(e) => {
                              if let Some(w) = w {
                                  w.error(ErrorKind::ER_UNKNOWN_ERROR, e.to_string().as_bytes()).await
                              } else {
            -                     Err(io::Error::other(e.to_string()))
            +                     Ok(())
                              }
                          }
                      }
                  }
              }
            """;

    @Test
    void anErrorValueMadeOkInsideTheErrArmIsReported() {
        List<Finding> f = RuleRun.on(er11, "readyset-mysql/src/backend.rs", INIT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER11", MEDIUM, NEW, 15, 15));
        assertThat(f.get(0).title()).isEqualTo("`Ok(())` replaces `Err(io::Error::other(e.to_string()))` under `Err(e) =>`");
    }

    @Test
    void theSameSwapUnderAnOkArmOrTheFixIsQuiet() {
        String okArm = INIT.replace("""
                                  if let Some(w) = w {
                                      w.ok().await
                                  } else {
                                      Ok(())
                                  }
                """, """
                                  if let Some(w) = w {
                                      w.ok().await
                                  } else {
                -                     Err(io::Error::other("no writer"))
                +                     Ok(())
                                  }
                """).replace("""
                -                     Err(io::Error::other(e.to_string()))
                +                     Ok(())
                """, """
                                      Err(io::Error::other(e.to_string()))
                """);
        assertThat(okArm).isNotEqualTo(INIT);
        assertThat(RuleRun.on(er11, "src/backend.rs", okArm)).isEmpty();
        String fixed = INIT.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(er11, "src/backend.rs", fixed)).isEmpty();
    }

    /** A check whose `if let Err(..)` handles the failure; the line changed sits in the if or in its else. */
    private static final String CHECK = """
              impl Replica {
                  fn ready(&self) -> Result<(), ReplicaError> {
                      if let Err(e) = self.validate_snapshot() {
                          tracing::warn!("snapshot invalid: {e}");
            -             Err(ReplicaError::Snapshot(e))
            +             Ok(())
                      } else {
                          Err(ReplicaError::NotCaughtUp)
                      }
                  }
              }
            """;

    @Test
    void anErrMadeOkInTheIfLetErrBlockIsReported() {
        assertThat(RuleRun.shape(RuleRun.on(er11, "src/replica.rs", CHECK)))
                .containsExactly(tuple("ER11", MEDIUM, NEW, 5, 5));
    }

    @Test
    void anErrMadeOkInTheElseOfIfLetErrIsQuiet() {
        String elseBranch = CHECK.replace("""
            -             Err(ReplicaError::Snapshot(e))
            +             Ok(())
                      } else {
                          Err(ReplicaError::NotCaughtUp)
            """, """
                          Err(ReplicaError::Snapshot(e))
                      } else {
            -             Err(ReplicaError::NotCaughtUp)
            +             Ok(())
            """);
        assertThat(elseBranch).isNotEqualTo(CHECK);
        assertThat(RuleRun.on(er11, "src/replica.rs", elseBranch)).isEmpty();
    }

    private final AlignmentStepRemoved us29 = new AlignmentStepRemoved();

    /** rustdesk's PulseAudio capture with 74dd0c8f reversed. */
    private static final String AUDIO = """
              mod pa_impl {
                  pub async fn run(sp: EmptyExtraFieldService) -> ResultType<()> {
                      loop {
                          if let Ok(data) = stream.next_raw().await {
                              if data.len() != AUDIO_DATA_SIZE_U8 {
                                  continue;
                              }
            -                 let data = unsafe { align_to_32(data.into()) };
                              let data = unsafe {
                                  std::slice::from_raw_parts::<f32>(data.as_ptr() as _, data.len() / 4)
                              };
                              send_f32(data, &mut encoder, &sp);
                          }
                      }
                  }
              }
            """;

    @Test
    void anAlignmentStepRemovedBeforeAnF32ViewIsReported() {
        List<Finding> f = RuleRun.on(us29, "src/server/audio_service.rs", AUDIO);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US29", dev.rustreview.model.Severity.HIGH, NEW, 9, 9));
    }

    @Test
    void aByteViewOrAnAlignmentCheckLeftIsQuiet() {
        String bytes = AUDIO.replace("from_raw_parts::<f32>", "from_raw_parts::<u8>");
        assertThat(bytes).isNotEqualTo(AUDIO);
        assertThat(RuleRun.on(us29, "src/server/audio_service.rs", bytes)).isEmpty();
        String checked = AUDIO.replace("  " + " ".repeat(16) + "let data = unsafe {\n",
                "  " + " ".repeat(16) + "assert_eq!(data.as_ptr().align_offset(4), 0);\n  " + " ".repeat(16) + "let data = unsafe {\n");
        assertThat(checked).isNotEqualTo(AUDIO);
        assertThat(RuleRun.on(us29, "src/server/audio_service.rs", checked)).isEmpty();
    }

    private final ChildTokenMadeClone al45 = new ChildTokenMadeClone();

    /** clash-rs's config reload with 5f783e37 reversed. */
    private static final String RELOAD = """
              pub async fn start(opts: Options) -> Result<(), Error> {
                  let reload_token = CancellationToken::new();
                  let api_runner = app::api::get_api_runner(
                      new_components.cache_store.clone(),
            -         Some(reload_token.child_token()),
            +         Some(reload_token.clone()),
                      new_components.dns_listen.clone(),
                  );
                  Ok(())
              }
            """;

    @Test
    void aChildTokenReplacedByACloneIsReported() {
        List<Finding> f = RuleRun.on(al45, "clash-lib/src/lib.rs", RELOAD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("AL45", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("`reload_token.clone()` replaces `reload_token.child_token()` in `start`");
    }

    @Test
    void theFixAndAnotherReceiverAreQuiet() {
        String fixed = RELOAD.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(al45, "clash-lib/src/lib.rs", fixed)).isEmpty();
        String other = RELOAD.replace("+         Some(reload_token.clone()),", "+         Some(shutdown_token.clone()),");
        assertThat(other).isNotEqualTo(RELOAD);
        assertThat(RuleRun.on(al45, "clash-lib/src/lib.rs", other)).isEmpty();
    }

    /** clash-rs's session addresses (another file of the crate): the panicking conversion and its fallible twin. */
    private static final String SESSION = """
            pub enum SocksAddr {
                Ip(SocketAddr),
                Domain(String, u16),
            }

            impl SocksAddr {
                pub fn must_into_socket_addr(self) -> SocketAddr {
                    let self_clone = self.clone();
                    self.try_into_socket_addr()
                        .unwrap_or_else(|| panic!("not a socket address: {self_clone:?}"))
                }

                pub fn try_into_socket_addr(self) -> Option<SocketAddr> {
                    match self {
                        SocksAddr::Ip(addr) => Some(addr),
                        SocksAddr::Domain(..) => None,
                    }
                }
            }
            """;

    /** clash-rs's socks5 client handshake with 56750042 reversed. */
    private static final String HANDSHAKE = """
              pub(crate) async fn client_handshake(s: &mut AnyStream, addr: &SocksAddr, command: u8) -> io::Result<SocksAddr> {
                  if command == socks_command::UDP_ASSOCIATE {
            -         let addr = match addr.clone() {
            -             SocksAddr::Domain(..) => SocksAddr::any_ipv6(),
            -             SocksAddr::Ip(SocketAddr::V4(_)) => SocksAddr::any_ipv4(),
            -             SocksAddr::Ip(SocketAddr::V6(_)) => SocksAddr::any_ipv6(),
            +         let addr = if addr.clone().must_into_socket_addr().is_ipv4() {
            +             SocksAddr::any_ipv4()
            +         } else {
            +             SocksAddr::any_ipv6()
                      };
                      addr.write_buf(&mut buf);
                  }
                  read_reply(s).await
              }
            """;

    @Test
    void aPanickingMustConversionAddedIsReportedThroughTheCrate() {
        List<Finding> f = pn5.check(dev.rustreview.analysis.Snippet.inCrate(
                dev.rustreview.analysis.Snippet.of("clash-lib/src/proxy/socks/socks5.rs", HANDSHAKE),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("clash-lib/src/session.rs", SESSION)));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 3, 3));
        assertThat(f.get(0).title()).isEqualTo("`must_into_socket_addr()` in `client_handshake` panics where the old code "
                + "handled the case");
    }

    @Test
    void aMustFnThatDoesNotPanicOrIsNotTheCratesIsQuiet() {
        String safe = SESSION.replace(".unwrap_or_else(|| panic!(\"not a socket address: {self_clone:?}\"))",
                ".unwrap_or(SocketAddr::from(([0, 0, 0, 0], 0)))");
        assertThat(safe).isNotEqualTo(SESSION);
        assertThat(pn5.check(dev.rustreview.analysis.Snippet.inCrate(
                dev.rustreview.analysis.Snippet.of("clash-lib/src/proxy/socks/socks5.rs", HANDSHAKE),
                dev.rustreview.analysis.crate.Edition.E2021, java.util.Map.of("clash-lib/src/session.rs", safe)))).isEmpty();
        assertThat(RuleRun.on(pn5, "clash-lib/src/proxy/socks/socks5.rs", HANDSHAKE)).isEmpty();
    }

    private final LoopNeverRepeats er43 = new LoopNeverRepeats();

    /** fish-shell's history file lock with 38671631 reversed. */
    private static final String FLOCK = """
              impl HistoryImpl {
                  fn maybe_lock_file(file: &mut File, lock_type: libc::c_int) -> bool {
                      let (ok, start_time) = loop {
                          let start_time = SystemTime::now();
            -             if unsafe { flock(file.as_raw_fd(), lock_type) } != -1 {
            -                 break (true, start_time);
            -             }
            -             if errno::errno().0 != EINTR {
            -                 break (false, start_time);
            +             if unsafe { flock(file.as_raw_fd(), lock_type) } == -1 {
            +                 if errno::errno().0 != EINTR {
            +                     break (false, start_time);
            +                 }
                          }
            +             break (true, start_time);
                      };
                      ok
                  }
              }
            """;

    @Test
    void aRetryLoopThatEndsInAnUnconditionalBreakIsReported() {
        List<Finding> f = RuleRun.on(er43, "src/history.rs", FLOCK);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER43", MEDIUM, NEW, 10, 10));
        assertThat(f.get(0).title()).isEqualTo("The `loop` in `maybe_lock_file` never repeats: it ends in `break (true, start_time)`");
    }

    @Test
    void theFixALoopWithContinueAndALabelledBreakAreQuiet() {
        String fixed = FLOCK.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(er43, "src/history.rs", fixed)).isEmpty();
        String retried = FLOCK.replace("+                 if errno::errno().0 != EINTR {", "+                 if errno::errno().0 == EINTR {\n+                     continue;\n+                 }\n+                 if errno::errno().0 != EINTR {");
        assertThat(retried).isNotEqualTo(FLOCK);
        assertThat(RuleRun.on(er43, "src/history.rs", retried)).isEmpty();
        String labelled = """
                  fn scan(rows: &[Row]) {
                      'outer: for r in rows {
                          loop {
                +             if r.done() { break; }
                              r.step();
                              break 'outer;
                          }
                      }
                  }
                """;
        assertThat(RuleRun.on(er43, "src/scan.rs", labelled)).isEmpty();
    }

    private final AtomicWriteMadeInPlace ss25 = new AtomicWriteMadeInPlace();

    /** ruffle's OpenH264 download with 23d4a61f reversed. */
    private static final String DOWNLOAD = """
              impl ExternalVideoBackend {
                  fn get_openh264() -> Result<PathBuf, Box<dyn Error>> {
                      let filepath = directory.join(filename);
                      if !filepath.is_file() {
                          let response = reqwest::blocking::get(url)?;
            -             let mut bzip2_reader = BzDecoder::new(response);
            -             let mut tempfile = tempfile::NamedTempFile::with_prefix_in(filename, directory)?;
            -             copy(&mut bzip2_reader, &mut tempfile)?;
            -             let _ = tempfile.persist(&filepath);
            +             let bytes = response.bytes()?;
            +             let mut bzip2_reader = BzDecoder::new(bytes.as_ref());
            +             let mut file = File::create(filepath.clone())?;
            +             copy(&mut bzip2_reader, &mut file)?;
                      }
                      Ok(filepath)
                  }
              }
            """;

    @Test
    void aTemporaryFileAndRenameReplacedByAnInPlaceWriteIsReported() {
        List<Finding> f = RuleRun.on(ss25, "video/external/src/backend.rs", DOWNLOAD);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS25", MEDIUM, NEW, 8, 8));
    }

    @Test
    void theFixAndANewFileWithoutAnOldRenameAreQuiet() {
        String fixed = DOWNLOAD.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(ss25, "video/external/src/backend.rs", fixed)).isEmpty();
        String plain = DOWNLOAD.replace("-             let mut tempfile = tempfile::NamedTempFile::with_prefix_in(filename, directory)?;\n", "")
                .replace("-             let _ = tempfile.persist(&filepath);\n", "");
        assertThat(plain).isNotEqualTo(DOWNLOAD);
        assertThat(RuleRun.on(ss25, "video/external/src/backend.rs", plain)).isEmpty();
    }

    /** oxc's arena Box with 7231d554 reversed: the impl's lifetime made anonymous. */
    private static final String ARENA_BOX = """
            - impl<'alloc, T> Box<'alloc, T> {
            + impl<T> Box<'_, T> {
            -     pub fn new_in(value: T, allocator: &'alloc Allocator) -> Self {
            +     pub fn new_in(value: T, allocator: &Allocator) -> Self {
                      Self(NonNull::from(allocator.alloc(value)), PhantomData)
                  }

                  pub fn as_ref(&self) -> &T {
                      unsafe { self.0.as_ref() }
                  }
              }
            """;

    @Test
    void aConstructorOfAnAnonymousLifetimeImplIsReported() {
        List<Finding> f = RuleRun.on(new UnboundReturnLifetime(), "crates/oxc_allocator/src/boxed.rs", ARENA_BOX);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("US15", MEDIUM, NEW, 2, 2));
        assertThat(f.get(0).title()).isEqualTo("`new_in` returns `Self` of `Box<'_, T>`, whose lifetime no argument carries");
        String fixed = ARENA_BOX.replaceAll("(?m)^-", "@").replaceAll("(?m)^\\+", "-").replaceAll("(?m)^@", "+");
        assertThat(RuleRun.on(new UnboundReturnLifetime(), "crates/oxc_allocator/src/boxed.rs", fixed)).isEmpty();
        String traitImpl = ARENA_BOX.replace("+ impl<T> Box<'_, T> {", "+ impl<T> From<T> for Box<'_, T> {");
        assertThat(traitImpl).isNotEqualTo(ARENA_BOX);
        assertThat(RuleRun.on(new UnboundReturnLifetime(), "crates/oxc_allocator/src/boxed.rs", traitImpl)).isEmpty();
    }

    /** ckb's tx pool submission with 12eb4032 reversed. */
    private static final String SUBMIT = """
              fn _submit_entry(tx_pool: &mut TxPool, status: TxStatus, entry: TxEntry, callbacks: &Callbacks) -> Result<(), Reject> {
                  match status {
                      TxStatus::Fresh => {
            -             if tx_pool.add_pending(entry.clone()) {
            -                 callbacks.call_pending(tx_pool, &entry);
            -             } else {
            -                 return Err(Reject::Duplicated(tx_hash));
            -             }
            +             tx_pool.add_pending(entry.clone());
            +             callbacks.call_pending(tx_pool, &entry);
                      }
                      TxStatus::Proposed => {
            -             if tx_pool.add_proposed(entry.clone())? {
            -                 callbacks.call_proposed(tx_pool, &entry, true);
            -             } else {
            -                 return Err(Reject::Duplicated(tx_hash));
            -             }
            +             tx_pool.add_proposed(entry.clone())?;
            +             callbacks.call_proposed(tx_pool, &entry, true);
                      }
                  }
                  Ok(())
              }
            """;

    @Test
    void aBoolAnswerThatDecidedAnIfMadeAStatementIsReported() {
        List<Finding> f = RuleRun.on(new BoolResultIgnored(), "tx-pool/src/process.rs", SUBMIT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER33", MEDIUM, NEW, 4, 4));
        assertThat(f.get(0).title()).isEqualTo("`tx_pool.add_pending(entry.clone());` in `_submit_entry` no longer decides anything");
        String kept = SUBMIT.replace("+             tx_pool.add_pending(entry.clone());", "+             let _ = tx_pool.add_pending(entry.clone()) || force;");
        assertThat(kept).isNotEqualTo(SUBMIT);
        assertThat(RuleRun.shape(RuleRun.on(new BoolResultIgnored(), "tx-pool/src/process.rs", kept)))
                .containsExactly(tuple("ER33", MEDIUM, NEW, 8, 8)); // only the proposed entry's answer is dropped now
    }

    /** rodio's ChannelCountConverter::size_hint with f2cac6ea reversed. */
    private static final String HINT = """
              impl<I> Iterator for ChannelCountConverter<I> {
                  fn size_hint(&self) -> (usize, Option<usize>) {
                      let (min, max) = self.input.size_hint();
            -         let min = ((min + consumed) / self.from as usize * self.to as usize)
            -             .saturating_sub(self.next_output_sample_pos as usize);
            +         let calculate = |size| {
            +             (size + consumed) / self.from as usize * self.to as usize
            +                 - self.next_output_sample_pos as usize
            +         };
            +         let min = calculate(min);
                      (min, max)
                  }
              }
            """;

    @Test
    void aSaturatingSubtrahendTakenOffPlainlyIsReported() {
        List<Finding> f = RuleRun.on(pn5, "src/conversions/channels.rs", HINT);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 6, 6));
        assertThat(f.get(0).title()).isEqualTo("`- self.next_output_sample_pos as usize` replaces "
                + "`.saturating_sub(self.next_output_sample_pos as usize)` in `size_hint`");
        String still = HINT.replace("+                 - self.next_output_sample_pos as usize", "+                 .saturating_sub(self.next_output_sample_pos as usize)");
        assertThat(still).isNotEqualTo(HINT);
        assertThat(RuleRun.on(pn5, "src/conversions/channels.rs", still)).isEmpty();
    }

    /** rodio's output stream (another file of the crate): the panicking twin of the fallible constructor. */
    private static final String DEVICE = """
            pub trait CpalDeviceExt {
                fn new_output_stream(&self) -> (Arc<Mixer>, cpal::Stream);
                fn try_new_output_stream(&self) -> Result<(Arc<Mixer>, cpal::Stream), StreamError>;
            }

            impl CpalDeviceExt for cpal::Device {
                fn new_output_stream(&self) -> (Arc<Mixer>, cpal::Stream) {
                    let format = self.default_output_config().expect("no output config");
                    self.new_output_stream_with_format(format).expect("build_output_stream failed")
                }

                fn try_new_output_stream(&self) -> Result<(Arc<Mixer>, cpal::Stream), StreamError> {
                    let format = self.default_output_config().map_err(|_| StreamError::NoDevice)?;
                    self.new_output_stream_with_format(format).map_err(StreamError::Build)
                }
            }
            """;

    /** rodio's OutputStream::try_from_device with c397a4d8 reversed. */
    private static final String STREAM = """
              impl OutputStream {
                  pub fn try_from_device(device: &cpal::Device) -> Result<(Self, OutputStreamHandle), StreamError> {
            -         let (mixer, _stream) = device.try_new_output_stream()?;
            +         let (mixer, _stream) = device.new_output_stream();
                      _stream.play()?;
                      Ok((Self { mixer, _stream }, OutputStreamHandle { mixer }))
                  }
              }
            """;

    @Test
    void aPropagatedTryTwinReplacedByItsPanickingTwinIsReported() {
        List<Finding> f = new FallibleMadePanicking().check(dev.rustreview.analysis.Snippet.inCrate(
                dev.rustreview.analysis.Snippet.of("src/stream.rs", STREAM), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("src/device.rs", DEVICE)));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER10", MEDIUM, NEW, 3, 3));
        String safe = DEVICE.replace(".expect(\"no output config\")", ".unwrap_or_default()")
                .replace(".expect(\"build_output_stream failed\")", ".unwrap_or_else(|_| fallback())");
        assertThat(safe).isNotEqualTo(DEVICE);
        assertThat(new FallibleMadePanicking().check(dev.rustreview.analysis.Snippet.inCrate(
                dev.rustreview.analysis.Snippet.of("src/stream.rs", STREAM), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("src/device.rs", safe)))).isEmpty();
    }

    /** A relay whose channel is another crate's; the crate's own `Outbox::send` panics on a full box. */
    private static final String RELAY = """
              use std::sync::mpsc;

              pub struct Relay {
                  tx: mpsc::SyncSender<Msg>,
              }

              impl Relay {
                  pub fn forward(&self, msg: Msg) -> Result<(), RelayError> {
            -         self.tx.try_send(msg)?;
            +         self.tx.send(msg);
                      Ok(())
                  }
              }
            """;

    private static final String OUTBOX = """
            pub struct Outbox {
                items: Vec<Msg>,
            }

            impl Outbox {
                pub fn send(&mut self, msg: Msg) {
                    assert!(self.items.len() < 64, "outbox full");
                    self.items.push(msg);
                }

                pub fn try_send(&mut self, msg: Msg) -> Result<(), Full> {
                    if self.items.len() >= 64 {
                        return Err(Full);
                    }
                    self.items.push(msg);
                    Ok(())
                }
            }
            """;

    @Test
    void aTwinOfAnotherTypeWithTheSameNameIsNotTheReceiversTwin() {
        List<Finding> f = new FallibleMadePanicking().check(dev.rustreview.analysis.Snippet.inCrate(
                dev.rustreview.analysis.Snippet.of("src/relay.rs", RELAY), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("src/outbox.rs", OUTBOX)));
        assertThat(f).isEmpty();
        String own = RELAY.replace("tx: mpsc::SyncSender<Msg>,", "tx: crate::outbox::Outbox,");
        assertThat(own).isNotEqualTo(RELAY);
        assertThat(RuleRun.shape(new FallibleMadePanicking().check(dev.rustreview.analysis.Snippet.inCrate(
                dev.rustreview.analysis.Snippet.of("src/relay.rs", own), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("src/outbox.rs", OUTBOX))))).containsExactly(tuple("ER10", MEDIUM, NEW, 7, 7));
    }

    @Test
    void aTwinCalledOnAContinuationLineIsStillFound() {
        String split = STREAM.replace("+         let (mixer, _stream) = device.new_output_stream();",
                "+         let (mixer, _stream) = device\n+             .new_output_stream();");
        assertThat(split).isNotEqualTo(STREAM);
        List<Finding> f = new FallibleMadePanicking().check(dev.rustreview.analysis.Snippet.inCrate(
                dev.rustreview.analysis.Snippet.of("src/stream.rs", split), dev.rustreview.analysis.crate.Edition.E2021,
                java.util.Map.of("src/device.rs", DEVICE)));
        assertThat(RuleRun.shape(f)).containsExactly(tuple("ER10", MEDIUM, NEW, 3, 3));
    }

    /** biome's noUselessBackrefInRegex with bf35fe7f reversed: digits found with is_ascii_digit. */
    private static final String BACKREF = """
              fn collect_backrefs(pattern: &[u8]) -> Vec<u16> {
                  let mut out = Vec::new();
                  let mut i = 0;
                  while i < pattern.len() {
                      let byte = pattern[i];
            -         let mut backref_number = Some((byte - b'1' + 1) as u16);
            +         let mut backref_number = (byte - b'1' + 1) as u16;
                      while let Some(&byte) = pattern.get(i + 1) {
                          if !byte.is_ascii_digit() {
                              break;
                          }
            -             backref_number = backref_number.and_then(|n| n.checked_mul(10)).and_then(|n| n.checked_add((byte - b'0') as u16));
            +             backref_number = backref_number * 10 + (byte - b'0') as u16;
                          i += 1;
                      }
                      out.push(backref_number);
                      i += 1;
                  }
                  out
              }
            """;

    @Test
    void digitsAccumulatedFromIsAsciiDigitAreSeen() {
        List<Finding> f = RuleRun.on(pn5, "crates/biome_js_analyze/src/lint/nursery/no_useless_backref_in_regex.rs", BACKREF);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("PN5", MEDIUM, NEW, 11, 11));
    }
}
