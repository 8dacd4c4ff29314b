#!/usr/bin/env python3
"""Time quire against its peers on the same content, as whole processes, with hyperfine.

quire pdf vs Typst (PyPI `typst`, typst.compile) and quire epub vs pandoc (PyPI
`pypandoc-binary`), on the guide and on generated books 10x and 50x its length. Prints medians,
the quire/peer ratios and peak memory (from /usr/bin/time -v). Run through `bench/run`.

With `x50code` in BENCH_BOOKS (not by default: it takes a few minutes), it times what
highlighting costs instead: the 50x book with a code block in every chapter
(bench/code_samples.py) against the same book with the fences' languages left out (the code set
plain), for `quire epub`, `quire pdf` and `quire build`, the two books' runs alternating, and
prints each command's share of highlighting, (with - without) / with, of wall and of CPU time.
"""
import json, os, re, resource, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_PY = os.path.join(ROOT, ".venv", "bin", "python3")
# BENCH_QUIRE: another binary to time (a build of main, say); the release build by default.
QUIRE = os.environ.get("BENCH_QUIRE", os.path.join(ROOT, "target", "release", "quire"))
WORK = os.path.join(ROOT, "target", "bench")
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
# Which books to time: BENCH_BOOKS=guide (or "guide x10", or "x50code"); the guide, x10 and x50
# by default.
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


def timed(cmd):
    """One run of `cmd` (an argument list, its output discarded): wall and CPU (user + system)
    seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def highlighting_share():
    """What highlighting costs on the 50x book with code in every chapter: each command on the
    book with highlighted fences and on the same book set plain, in alternation (the machine's
    load then weighs on both alike), RUNS times after a warm-up."""
    guide = os.path.join(ROOT, "book")
    books = {}
    for variant in ("code", "plain"):
        out = os.path.join(WORK, f"x50{variant}-book")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make_large_book.py"),
                        guide, out, "50", variant], check=True)
        books[variant] = out
    d = os.path.join(WORK, "x50code")
    os.makedirs(d, exist_ok=True)
    commands = {
        "quire epub": lambda book, v: [QUIRE, "epub", book, "-o", os.path.join(d, f"{v}.epub"), "--quiet"],
        "quire pdf": lambda book, v: [QUIRE, "pdf", book, "-o", os.path.join(d, f"{v}.pdf"), "--quiet"],
        "quire build": lambda book, v: [QUIRE, "build", book, "-o", os.path.join(d, f"{v}-dist"), "--quiet"],
    }
    print(f"\nhighlighting on x50code: medians of {RUNS} alternating runs, ms (wall / CPU)")
    print(f"{'command':12} {'with':>15} {'without':>15} {'share wall':>11} {'share CPU':>10}")
    for label, make in commands.items():
        runs = {v: [] for v in books}
        for v, book in books.items():
            timed(make(book, v))  # warm-up
        for _ in range(RUNS):
            for v, book in books.items():
                runs[v].append(timed(make(book, v)))
        wall = {v: statistics.median(r[0] for r in runs[v]) * 1000 for v in runs}
        cpu = {v: statistics.median(r[1] for r in runs[v]) * 1000 for v in runs}
        share_wall = (wall["code"] - wall["plain"]) / wall["code"]
        share_cpu = (cpu["code"] - cpu["plain"]) / cpu["code"]
        print(f"{label:12} {wall['code']:7.1f} /{cpu['code']:6.1f} {wall['plain']:7.1f} /{cpu['plain']:6.1f} "
              f"{share_wall:10.1%} {share_cpu:10.1%}")


def main():
    os.makedirs(WORK, exist_ok=True)
    if "x50code" in BOOKS:
        highlighting_share()
    if not any(b in BOOKS for b in ("guide", "x10", "x50")):
        return
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
