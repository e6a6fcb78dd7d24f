//! CRC-32C checksums for backup parts.
//!
//! The checksum is computed by the C routine in `csrc/crc32c.c`, which the
//! restore tool also uses, so both sides always agree on the result.

extern "C" {
    fn crc32c_update(crc: u32, data: *const u8, len: usize) -> u32;
}

/// Number of checksums computed through [`deployd_checksum`].
static mut CHECKSUM_CALLS: u64 = 0;

/// Computes the CRC-32C (Castagnoli) checksum of `data`.
pub fn crc32c(data: &[u8]) -> u32 {
    // SAFETY: the pointer and length come from a valid slice.
    unsafe { crc32c_update(0, data.as_ptr(), data.len()) }
}

/// Continues a checksum started by [`crc32c`] with more data.
pub fn crc32c_append(crc: u32, data: &[u8]) -> u32 {
    // SAFETY: the pointer and length come from a valid slice.
    unsafe { crc32c_update(crc, data.as_ptr(), data.len()) }
}

/// C entry point for the restore tool, which links against this crate.
#[no_mangle]
pub extern "C" fn deployd_checksum(ptr: *const u8, len: usize) -> u32 {
    let data = unsafe { std::slice::from_raw_parts(ptr, len) };
    unsafe {
        CHECKSUM_CALLS += 1;
    }
    crc32c(data)
}

/// How many times [`deployd_checksum`] has been called.
pub fn checksum_calls() -> u64 {
    unsafe { CHECKSUM_CALLS }
}

/// Raw pointer that can be moved into a spawned task, e.g. to checksum a
/// caller-owned buffer on a blocking thread without copying it.
pub struct SendPtr<T>(pub *mut T);

unsafe impl<T> Send for SendPtr<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
    }

    #[test]
    fn appending_matches_a_single_pass() {
        let head = crc32c(b"12345");
        assert_eq!(crc32c_append(head, b"6789"), crc32c(b"123456789"));
    }
}
