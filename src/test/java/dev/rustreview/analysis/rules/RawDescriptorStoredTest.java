package dev.rustreview.analysis.rules;

import static dev.rustreview.model.Severity.MEDIUM;
import static dev.rustreview.model.Side.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rustreview.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SS19: a borrowed raw descriptor stored in a struct. */
class RawDescriptorStoredTest {

    private final RawDescriptorStored rule = new RawDescriptorStored();

    @Test
    void aStructFieldSetFromAsRawFdIsReported() {
        // nydus's LocalDisk::get_blob with the fix (d5cdc78d) reversed
        List<Finding> f = RuleRun.on(rule, "storage/src/backend/localdisk.rs", """
                  impl LocalDisk {
                      fn get_blob(&self, name: String, base_offset: u64, length: u64) -> Result<Arc<LocalDiskBlob>> {
                -         let device_file = self.device_file.try_clone()?;
                          let partition = Arc::new(LocalDiskBlob {
                              blob_id: name.clone(),
                -             device_file,
                +             device_fd: self.device_file.as_raw_fd(),
                              blob_offset: base_offset,
                          });
                          Ok(partition)
                      }
                  }
                """);
        assertThat(RuleRun.shape(f)).containsExactly(tuple("SS19", MEDIUM, NEW, 5, 5));
        assertThat(f.get(0).title()).isEqualTo("field `device_fd` keeps a borrowed raw fd (`as_raw_fd()`)");
    }

    @Test
    void anOwnedOrABorrowCheckedDescriptorOrACallArgumentIsNotReported() {
        assertThat(RuleRun.on(rule, "src/lib.rs", """
                  fn f(file: File) -> Blob {
                +     pread(file.as_raw_fd(), &mut buf, 0)?;
                +     let b = Blob { fd: file.into_raw_fd() };
                +     let c = Blob { fd: file.as_fd() };
                +     let n = file.as_raw_fd();
                +     std::io::stdout().as_raw_fd()
                      b
                  }
                """)).isEmpty();
    }
}
