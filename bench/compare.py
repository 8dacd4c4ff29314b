#!/usr/bin/env python3
"""Time quire against its peers on the same content, as whole processes, with hyperfine.

quire pdf vs Typst (PyPI `typst`, typst.compile) and quire epub vs pandoc (PyPI
`pypandoc-binary`), on the guide and on generated books 10x and 50x its length. Prints medians,
the quire/peer ratios and peak memory (from /usr/bin/time -v). Run through `bench/run`.
"""
import json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_PY = os.path.join(ROOT, ".venv", "bin", "python3")
QUIRE = os.path.join(ROOT, "target", "release", "quire")
WORK = os.path.join(ROOT, "target", "bench")
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
# Which books to time: BENCH_BOOKS=guide (or "guide x10"); all three by default.
BOOKS = os.environ.get("BENCH_BOOKS", "guide x10 x50").split()

TYPST_PREAMBLE = """#set page(paper: "a5", margin: (inside: 18mm, outside: 14mm, y: 16mm), numbering: "1")
#set text(lang: "en", region: "us", size: 10pt, hyphenate: true)
#set par(justify: true)
#outline()
#pagebreak()
"""


def pandoc():
    out = subprocess.run([VENV_PY, "-c", "import pypandoc; print(pypandoc.get_pandoc_path())"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def chapter_files(book):
    manifest = open(os.path.join(book, "book.toml"), encoding="utf-8").read()
    return [os.path.join(book, f) for f in re.findall(r'file = "([^"]+)"', manifest)]


def prepare(name, book):
    """The peers' inputs for one book: one Markdown file (pandoc) and one Typst file."""
    d = os.path.join(WORK, name)
    os.makedirs(d, exist_ok=True)
    md = os.path.join(d, "book.md")
    with open(md, "w", encoding="utf-8") as f:
        for path in chapter_files(book):
            f.write(open(path, encoding="utf-8").read() + "\n\n")
    body = os.path.join(d, "body.typ")
    subprocess.run([pandoc(), md, "-f", "markdown", "-t", "typst", "-o", body], check=True)
    typ = os.path.join(d, "book.typ")
    with open(typ, "w", encoding="utf-8") as f:
        f.write(TYPST_PREAMBLE + open(body, encoding="utf-8").read())
    return d, md, typ


def hyperfine(commands, export):
    args = ["hyperfine", "--warmup", "2", "--runs", str(RUNS), "--export-json", export, "-N"]
    for label, cmd in commands:
        args += ["-n", label, cmd]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return {r["command"]: r for r in json.load(open(export))["results"]}


def peak_rss_mib(cmd):
    out = subprocess.run(["/usr/bin/time", "-v", "sh", "-c", cmd], capture_output=True, text=True)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    return int(m.group(1)) / 1024 if m else float("nan")


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
    m = re.search(r"Pages:\s+(\d+)", out.stdout)
    return int(m.group(1)) if m else 0


def main():
    os.makedirs(WORK, exist_ok=True)
    books = {"guide": os.path.join(ROOT, "book")}
    for n in (n for n in (10, 50) if f"x{n}" in BOOKS):
        out = os.path.join(WORK, f"x{n}-book")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make_large_book.py"),
                        books["guide"], out, str(n)], check=True)
        books[f"x{n}"] = out
    rows = []
    for name, book in books.items():
        if name not in BOOKS:
            continue
        d, md, typ = prepare(name, book)
        q_pdf, q_epub = os.path.join(d, "quire.pdf"), os.path.join(d, "quire.epub")
        t_pdf, p_epub = os.path.join(d, "typst.pdf"), os.path.join(d, "pandoc.epub")
        typst_cmd = f"{VENV_PY} -c \"import typst; typst.compile('{typ}', output='{t_pdf}')\""
        commands = [
            ("quire pdf", f"{QUIRE} pdf {book} -o {q_pdf} --quiet"),
            ("typst compile", typst_cmd),
            ("quire epub", f"{QUIRE} epub {book} -o {q_epub} --quiet"),
            ("pandoc epub", f"{pandoc()} {md} -o {p_epub} --toc --metadata title=Book"),
            ("python + import typst (overhead in the typst figure)", f"{VENV_PY} -c \"import typst\""),
        ]
        res = hyperfine(commands, os.path.join(d, "hyperfine.json"))
        med = {k: v["median"] * 1000 for k, v in res.items()}
        rss = {label: peak_rss_mib(cmd) for label, cmd in commands[:4]}
        rows.append((name, med, rss, pages(q_pdf), pages(t_pdf)))
    print(f"\nmedians of {RUNS} runs (hyperfine -N, 2 warm-ups), whole processes, ms; peak RSS MiB")
    print(f"{'book':6} {'quire pdf':>10} {'typst':>9} {'ratio':>6} {'quire epub':>11} {'pandoc':>8} {'ratio':>6}  "
          f"{'RSS quire pdf':>13} {'typst':>6} {'quire epub':>10} {'pandoc':>7}  pages quire/typst")
    for name, med, rss, qp, tp in rows:
        print(f"{name:6} {med['quire pdf']:10.1f} {med['typst compile']:9.1f} {med['quire pdf'] / med['typst compile']:6.3f} "
              f"{med['quire epub']:11.1f} {med['pandoc epub']:8.1f} {med['quire epub'] / med['pandoc epub']:6.3f}  "
              f"{rss['quire pdf']:13.1f} {rss['typst compile']:6.1f} {rss['quire epub']:10.1f} {rss['pandoc epub']:7.1f}  {qp}/{tp}")
    print(f"python + import typst alone: {rows[0][1]['python + import typst (overhead in the typst figure)']:.1f} ms "
          "(included in the typst figures above)")


if __name__ == "__main__":
    main()
