//! Compiles the C checksum routine used by `src/checksum.rs`.

fn main() {
    println!("cargo:rerun-if-changed=csrc/crc32c.c");

    cc::Build::new()
        .file("csrc/crc32c.c")
        .flag_if_supported("-std=c99")
        .opt_level(3)
        .warnings(true)
        .compile("crc32c");
}
