#!/usr/bin/env python3
"""Write a large book: the guide's chapters repeated N times, every heading made unique
("... (part 7)") and every internal link pointed at its own copy. With CODE "code", each
chapter ends with a code block of its own (bench/code_samples.py: the highlighted languages in
rotation, different in every chapter); with "plain", the same blocks without their fences'
language names, set plain (the baseline that tells what highlighting costs).

usage: make_large_book.py SOURCE_BOOK_DIR OUT_DIR N [code|plain]
"""
import os, re, shutil, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import code_samples


def slug(text):
    s = re.sub(r"[’']", "", text.lower())
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "section"


def main(src, out, n, code=None):
    n = int(n)
    if code not in (None, "code", "plain"):
        sys.exit(f"make_large_book.py: CODE is 'code' or 'plain', not {code!r}")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    manifest = open(os.path.join(src, "book.toml"), encoding="utf-8").read()
    head, _, _ = manifest.partition("[[chapters]]")
    head = re.sub(r'^\[styles\][\s\S]*?(?=^\[|\Z)', "", head, flags=re.M)  # built-in styles
    entries = re.findall(r'\[\[chapters\]\]\s*file = "([^"]+)"\s*kind = "([^"]+)"', manifest)
    chapters = []
    for part in range(1, n + 1):
        for name, kind in entries:
            if kind == "back" and part < n:
                continue  # back matter once, at the end
            text = open(os.path.join(src, name), encoding="utf-8").read()
            stem = name[:-3]
            new_name = f"{stem}-{part:03d}.md"

            def heading(m):
                return f"{m.group(1)} {m.group(2)} (part {part})"

            text = re.sub(r"^(#{1,6}) (.+)$", heading, text, flags=re.M)

            def link(m):
                target, anchor = m.group(1), m.group(2) or ""
                if anchor:
                    anchor = f"{anchor}-part-{part}"
                return f"]({target[:-3]}-{part:03d}.md{anchor})"

            text = re.sub(r"\]\(([\w-]+\.md)(#[\w-]+)?\)", link, text)
            if code:
                text = text.rstrip("\n") + code_samples.fenced(len(chapters), code == "plain")
            open(os.path.join(out, new_name), "w", encoding="utf-8").write(text)
            chapters.append((new_name, "chapter" if kind == "chapter" else kind))
    with open(os.path.join(out, "book.toml"), "w", encoding="utf-8") as f:
        f.write(head.rstrip() + "\n")
        for name, kind in chapters:
            f.write(f'\n[[chapters]]\nfile = "{name}"\nkind = "{kind}"\n')


if __name__ == "__main__":
    main(*sys.argv[1:])
