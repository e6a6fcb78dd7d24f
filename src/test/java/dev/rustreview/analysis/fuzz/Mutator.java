package dev.rustreview.analysis.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Mutations of a Rust source file's bytes, aimed at what breaks parsers and tree walkers: truncation, byte flips,
 * brackets inserted or removed, deep nesting (thousands of blocks, parens, closures, generics, binary operators,
 * method chains), huge macros ({@code select!}/{@code join!} with thousands of arms), very long lines, non-UTF-8
 * bytes, CRLF and lone CR, a BOM, Trojan-source bidi controls, NUL bytes, unterminated strings and comments,
 * concurrency idioms spliced in (so the lock and await paths run on broken code), crossover with another file,
 * and empty files. Each mutation is named, so a saved input says how it was made.
 */
final class Mutator {

    /** A named mutation of {@code bytes}; {@code other} is another seed for crossover. */
    record Mutation(String name, Op op) {
    }

    @FunctionalInterface
    interface Op {
        byte[] apply(byte[] bytes, byte[] other, Random random);
    }

    private static final String[] BRACKETS = {"{", "}", "(", ")", "[", "]", "<", ">", "\"", "'", "/*", "*/", "#",
            "!", "|", "r#\"", "b'", "::", ";", ",", "=>", "->", "&", "'a", "?", "..", "$"};
    private static final String[] IDIOMS = {
            "let g = self.inner.lock().unwrap();\n", "drop(g);\n", "x.await;\n", ".await", ".lock()", ".write()",
            ".read().await", "unsafe { *p }\n", "unsafe impl Send for S {}\n", "tokio::select! { _ = a => {}, }\n",
            "futures::join!(a, b);\n", "std::thread::sleep(d);\n", "std::fs::read(p);\n", "panic!(\"x\");\n",
            ".unwrap()", ".expect(\"x\")", "assert!(x);\n", "if let Ok(v) = f() { }\n", "while let Some(g) = m.lock() {}\n",
            "match self.m.lock().unwrap().get(k) { Some(v) => v, None => {} }\n", "cv.notify_one();\n",
            "self.flag.store(true, Ordering::SeqCst);\n", "if a.load(Ordering::Relaxed) == 0 { a.store(1, SeqCst) }\n",
            "static mut X: u8 = 0;\n", "#[test]\nfn t() {}\n", "#[cfg(test)]\nmod tests {\n", "async fn f() {\n",
            "async move {", "impl<T> Drop for S<T> { fn drop(&mut self) {} }\n", "struct S { m: Mutex<Vec<u8>> }\n",
            "type L = parking_lot::RwLock<u8>;\n", "use std::sync::{Mutex as M, *};\n", "pub use crate::a::b as c;\n",
            "extern \"C\" { fn f(); }\n", "std::mem::transmute::<u8, i8>(x)", "Pin::new_unchecked(&mut x)",
            "tokio::spawn(async move { x.await });\n", "let _ = f();\n", "#[allow(clippy::all)]\n", "// SAFETY: ok\n",
            "macro_rules! m { ($($t:tt)*) => { $($t)* } }\n", "m!{ { ( [ } ) ] }\n", "'outer: loop { break 'outer; }\n",
            "r#\"raw \" string\"#", "b\"bytes\\xff\"", "'\\u{10FFFF}'", "0x_ff_u8", "1e-9_f64", "/// doc\n", "//! inner\n"};
    private static final int[] BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
            0x200B, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x2028, 0x2029};

    static final List<Mutation> ALL = List.of(
            new Mutation("truncate", (b, o, r) -> java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length))),
            new Mutation("flip", Mutator::flip),
            new Mutation("bracket-insert", (b, o, r) -> repeat(b, r, 1 + r.nextInt(8),
                    x -> insert(x, r, BRACKETS[r.nextInt(BRACKETS.length)]))),
            new Mutation("bracket-remove", Mutator::removeBrackets),
            new Mutation("deep-nesting", Mutator::deepNesting),
            new Mutation("huge-macro", Mutator::hugeMacro),
            new Mutation("long-line", Mutator::longLine),
            new Mutation("non-utf8", (b, o, r) -> repeat(b, r, 1 + r.nextInt(6), x -> insertBytes(x, r, junk(r)))),
            new Mutation("crlf", Mutator::crlf),
            new Mutation("bom", (b, o, r) -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b)),
            new Mutation("bidi", (b, o, r) -> repeat(b, r, 1 + r.nextInt(4),
                    x -> insert(x, r, new String(Character.toChars(BIDI[r.nextInt(BIDI.length)]))))),
            new Mutation("nul", (b, o, r) -> insertBytes(b, r, new byte[] {0})),
            new Mutation("idiom", (b, o, r) -> repeat(b, r, 1 + r.nextInt(6),
                    x -> insertAtLine(x, r, IDIOMS[r.nextInt(IDIOMS.length)]))),
            new Mutation("crossover", Mutator::crossover),
            new Mutation("duplicate-lines", Mutator::duplicateLines),
            new Mutation("delete-lines", Mutator::deleteLines),
            new Mutation("empty", (b, o, r) -> switch (r.nextInt(4)) {
                case 0 -> new byte[0];
                case 1 -> "\n\n\n".getBytes(StandardCharsets.UTF_8);
                case 2 -> new byte[] {(byte) BRACKETS[r.nextInt(BRACKETS.length)].charAt(0)};
                default -> "fn".getBytes(StandardCharsets.UTF_8);
            }));

    /** What one mutation may grow an input to; the harness then cuts it to its own limit. */
    static final int MAX_GROWN_BYTES = 16 * 1024 * 1024;

    private Mutator() {
    }

    /** One to four mutations stacked; their names joined by '+'. */
    static String mutate(byte[][] input, byte[] other, Random random) {
        int n = 1 + random.nextInt(4);
        StringBuilder names = new StringBuilder();
        byte[] bytes = input[0];
        for (int i = 0; i < n; i++) {
            Mutation m = ALL.get(random.nextInt(ALL.size()));
            bytes = m.op().apply(bytes, other, random);
            if (bytes.length > MAX_GROWN_BYTES) {
                bytes = java.util.Arrays.copyOf(bytes, MAX_GROWN_BYTES); // stacked mutations grow no further
            }
            names.append(i == 0 ? "" : "+").append(m.name());
        }
        input[0] = bytes;
        return names.toString();
    }

    /** Bytes decoded as the git layer decodes a blob: strict UTF-8, else ISO-8859-1. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] flip(byte[] b, byte[] o, Random r) {
        if (b.length == 0) {
            return b;
        }
        byte[] out = b.clone();
        for (int i = 1 + r.nextInt(8); i > 0; i--) {
            int at = r.nextInt(out.length);
            out[at] = r.nextBoolean() ? (byte) (out[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(128);
        }
        return out;
    }

    private static byte[] removeBrackets(byte[] b, byte[] o, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        String which = "{}()[]<>\"'".substring(0, 2 + r.nextInt(9));
        double p = r.nextInt(3) == 0 ? 1.0 : 0.05;
        for (byte x : b) {
            if (which.indexOf(x) >= 0 && r.nextDouble() < p) {
                continue;
            }
            out.write(x);
        }
        return out.toByteArray();
    }

    /** Prefix, suffix and core of each nesting shape: {@code prefix^depth core suffix^depth}. */
    static final String[][] NESTING = {
            {"{", "}", "x"}, {"(", ")", "x"}, {"[", "]", "x"}, {"if a { ", " }", "x"}, {"|| ", "", "x"},
            {"Vec<", ">", "u8"}, {"match x { _ => ", " }", "y"}, {"async { ", ".await }", "x"},
            {"unsafe { ", " }", "*p"}, {"m!(", ")", "x"}, {"loop { ", " }", "break"}, {"-", "", "x"},
            {"&", "", "x"}, {"!", "", "x"}, {"x + ", "", "1"}, {"", ".lock()", "m"}, {"", "?", "f()"},
            {"", ".await", "f"}, {"mod m { ", " }", ""}, {"impl S { fn f() { ", " } }", ""}, {"#[a(", ")]", ""},
            {"/* ", " */", ""}, {"{", "", ""}, {"(", "", ""}, {"", "}", ""}, {"let x = ", ";", "0"},
            {"'a: { ", " }", ""}, {"f(", ", 1)", "0"}, {"x[", "]", "0"}, {"(", ",)", "1"}};

    /** Arm openers of {@link #hugeMacro(int, int)}. */
    static final String[] MACROS = {"tokio::select! {\n", "futures::join!(\n", "tokio::try_join!(\n", "select! {\n",
            "vec![\n", "m! {\n", "println!(\"{}\", \n", "macro_rules! big {\n"};

    /** A fn whose body nests {@code NESTING[shape]} {@code depth} times. */
    static String nesting(int shape, int depth) {
        String[] s = NESTING[shape];
        return "fn deep() {\n    let _ = " + s[0].repeat(depth) + s[2] + s[1].repeat(depth) + ";\n}\n";
    }

    /** An async fn holding a std guard around one macro call of {@code arms} arms. */
    static String hugeMacro(int kind, int arms) {
        StringBuilder s = new StringBuilder("async fn huge() {\n    let g = self.m.lock().unwrap();\n    ");
        s.append(MACROS[kind]);
        for (int i = 0; i < arms; i++) {
            s.append(switch (kind) {
                case 0, 3 -> "        v" + i + " = rx" + i + ".recv() => { g.push(v" + i + "); f(" + i + ").await }\n";
                case 1, 2 -> "        async { m.lock().await; " + i + " },\n";
                case 7 -> "    (" + i + " $x:expr) => { $x + " + i + " };\n";
                default -> "        " + i + ",\n";
            });
        }
        return s.append(kind == 0 || kind == 3 || kind == 5 || kind == 7 ? "    }\n" : "    );\n").append("}\n")
                .toString();
    }

    private static byte[] deepNesting(byte[] b, byte[] o, Random r) {
        int depth = switch (r.nextInt(3)) {
            case 0 -> 50 + r.nextInt(500);
            case 1 -> 1_000 + r.nextInt(5_000);
            default -> 10_000 + r.nextInt(10_000);
        };
        return insertAtLine(b, r, nesting(r.nextInt(NESTING.length), depth));
    }

    private static byte[] hugeMacro(byte[] b, byte[] o, Random r) {
        int arms = 500 + r.nextInt(r.nextBoolean() ? 2_000 : 20_000);
        return insertAtLine(b, r, hugeMacro(r.nextInt(MACROS.length), arms));
    }

    private static byte[] longLine(byte[] b, byte[] o, Random r) {
        String[] units = {"a", "x.y", "1 + ", "\"s\", ", "m.lock().unwrap(); ", "// ", "{} ", "é", "\t", " "};
        String unit = units[r.nextInt(units.length)];
        int times = (100_000 + r.nextInt(400_000)) / unit.length();
        return insertAtLine(b, r, "fn long() { let _ = " + unit.repeat(times) + " }\n");
    }

    private static byte[] crlf(byte[] b, byte[] o, Random r) {
        int mode = r.nextInt(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + b.length / 20);
        for (byte x : b) {
            if (x == '\n') {
                switch (mode) {
                    case 0 -> out.write('\r');
                    case 1 -> {
                        if (r.nextBoolean()) {
                            out.write('\r');
                        }
                    }
                    default -> {
                        out.write('\r');
                        continue;
                    }
                }
            }
            out.write(x);
        }
        return out.toByteArray();
    }

    private static byte[] crossover(byte[] b, byte[] o, Random r) {
        if (o.length == 0) {
            return b;
        }
        int from = r.nextInt(o.length);
        int len = Math.min(o.length - from, 1 + r.nextInt(4_000));
        return insertBytes(b, r, java.util.Arrays.copyOfRange(o, from, from + len));
    }

    private static byte[] duplicateLines(byte[] b, byte[] o, Random r) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\n", -1);
        int from = r.nextInt(lines.length);
        int to = Math.min(lines.length, from + 1 + r.nextInt(20));
        String chunk = String.join("\n", java.util.Arrays.asList(lines).subList(from, to)) + "\n";
        int times = 1 + r.nextInt(r.nextBoolean() ? 10 : 1_000);
        // Twenty lines of a generated file can be megabytes: a thousand copies of them filled the harness's 2 GB
        // heap in fuzz run 80 (the input is cut to 6 MiB afterwards anyway).
        times = (int) Math.max(1, Math.min(times, MAX_GROWN_BYTES / Math.max(1, chunk.length())));
        return insertAtLine(b, r, chunk.repeat(times));
    }

    private static byte[] deleteLines(byte[] b, byte[] o, Random r) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<String> lines = new java.util.ArrayList<>(List.of(s.split("\n", -1)));
        int from = r.nextInt(lines.size());
        int to = Math.min(lines.size(), from + 1 + r.nextInt(30));
        lines.subList(from, to).clear();
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] junk(Random r) {
        byte[][] choices = {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x80},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) (0x80 + r.nextInt(128))}};
        return choices[r.nextInt(choices.length)];
    }

    private static byte[] repeat(byte[] b, Random r, int times, java.util.function.UnaryOperator<byte[]> op) {
        byte[] out = b;
        for (int i = 0; i < times; i++) {
            out = op.apply(out);
        }
        return out;
    }

    private static byte[] insert(byte[] b, Random r, String text) {
        return insertBytes(b, r, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] insertBytes(byte[] b, Random r, byte[] piece) {
        int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }

    /** Inserts at the start of a random line, so whole items land between items or inside bodies. */
    private static byte[] insertAtLine(byte[] b, Random r, String text) {
        int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
        while (at > 0 && b[at - 1] != '\n') {
            at--;
        }
        byte[] piece = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
