package dev.rustreview.export;

/** The report's inline stylesheet (the CSP allows inline styles only; nothing is fetched). */
final class HtmlStyle {

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;\
            padding:0 1rem;color:#1f2328;background:#fff}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
            .sub{color:#59636e;margin-top:0}
            table{border-collapse:collapse}
            .summary td,.summary th,.decisions td,.decisions th{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
            .verdict{font-weight:600;padding:.1rem .5rem;border-radius:.3rem}
            .verdict.APPROVE{background:#dafbe1}.verdict.REQUEST_CHANGES{background:#ffebe9}.verdict.COMMENT{background:#fff8c5}
            .finding{border:1px solid #d0d7de;border-left:4px solid #8c959f;border-radius:.3rem;padding:.5rem 1rem;margin:1rem 0}
            .finding.critical{border-left-color:#82071e}.finding.high{border-left-color:#cf222e}
            .finding.medium{border-left-color:#bf8700}.finding.low{border-left-color:#0969da}
            .hunk{width:100%;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:.5rem 0;\
            border:1px solid #d0d7de}
            .hunk caption{text-align:left;background:#f6f8fa;padding:.25rem .5rem;font-weight:600}
            .hunk td{padding:0 .4rem;vertical-align:top}.hunk .n{color:#59636e;text-align:right;width:3.5em;user-select:none}
            .hunk .m{width:1em;color:#cf222e;font-weight:700}.hunk .code{white-space:pre-wrap;word-break:break-all}
            .add{background:#e6ffec}.del{background:#ffebe9}.risk .code{box-shadow:inset 3px 0 #cf222e}
            .annotation{border:1px solid #d0d7de;border-radius:.3rem;margin:.4rem 0;padding:.2rem .8rem;background:#f6f8fa;\
            font-family:system-ui,sans-serif}
            .annotation.issue{border-color:#cf222e}.annotation.suggestion{border-color:#1a7f37}
            .meta{color:#59636e;margin:.2rem 0}.badge{font-weight:600;text-transform:uppercase;font-size:.75em}
            .reply{border-top:1px dashed #d0d7de}
            .bidi{background:#ffebe9;color:#82071e;border:1px solid #cf222e;font-size:.8em}
            .accepted{color:#1a7f37}.rejected{color:#cf222e}.discuss{color:#9a6700}
            @media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}\
            .finding,.hunk tr,.annotation{break-inside:avoid}a{color:inherit;text-decoration:underline}\
            .add,.del,.risk .code,.verdict,.bidi{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """;

    private HtmlStyle() {
    }
}
