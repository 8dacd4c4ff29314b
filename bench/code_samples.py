"""Realistic code blocks for the benchmark's "x50code" book, one per chapter.

`block(n)` is chapter n's block: the languages issue 16 names, in rotation, each 15-40 lines,
with identifiers and values taken from n, so that no two chapters hold the same text (a cache
of identical blocks cannot make highlighting look cheaper than it is). Templates mark what
varies with @N@ (the chapter number), @K@ (a value from it), @ID@ (an identifier) and @TY@
(the identifier as a type name).
"""

WORDS = ["sample", "reagent", "panel", "assay", "specimen", "batch", "result", "order",
         "patient", "tube", "rack", "shift", "report", "device", "control", "slide"]

RUST = """use std::collections::HashMap;

/// A @ID@ as the analyser reports it (chapter @N@).
#[derive(Debug, Clone, PartialEq)]
pub struct @TY@@N@ {
    pub id: u32,
    pub label: String,
    pub values: Vec<f64>,
}

impl @TY@@N@ {
    pub fn new(id: u32, label: &str) -> Self {
        Self { id, label: label.to_string(), values: Vec::with_capacity(@K@) }
    }

    /// The mean of the values, None without any.
    pub fn mean(&self) -> Option<f64> {
        if self.values.is_empty() {
            return None;
        }
        Some(self.values.iter().sum::<f64>() / self.values.len() as f64)
    }
}

fn count_@ID@s_@N@(items: &[@TY@@N@]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for item in items.iter().filter(|i| i.id > @K@) {
        *counts.entry(item.label.as_str()).or_insert(0) += 1;
    }
    counts
}
"""

PYTHON = """import csv
from dataclasses import dataclass, field
from pathlib import Path

LIMIT_@N@ = @K@.5  # upper reference limit


@dataclass
class @TY@@N@:
    \"\"\"One @ID@ read from the export (chapter @N@).\"\"\"
    code: str
    values: list[float] = field(default_factory=list)

    def flagged(self) -> bool:
        return any(v > LIMIT_@N@ for v in self.values)


def load_@ID@s_@N@(path: Path) -> list[@TY@@N@]:
    rows = []
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            item = @TY@@N@(row["code"], [float(x) for x in row["values"].split(";")])
            if item.flagged():
                print(f"{item.code}: above {LIMIT_@N@} in chapter @N@")
            rows.append(item)
    return rows


if __name__ == "__main__":
    print(len(load_@ID@s_@N@(Path("export-@N@.csv"))))
"""

JAVASCRIPT = """// Fetches the @ID@ list and renders it as a table (chapter @N@).
const ENDPOINT_@N@ = "/api/v@K@/@ID@s";

async function load@TY@s@N@(signal) {
  const response = await fetch(ENDPOINT_@N@, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`request failed: ${response.status}`);
  }
  return response.json();
}

function render@TY@Row@N@(item, index) {
  const row = document.createElement("tr");
  row.dataset.index = String(index + @K@);
  for (const key of ["id", "label", "value"]) {
    const cell = document.createElement("td");
    cell.textContent = item[key] ?? "-";
    row.appendChild(cell);
  }
  return row;
}

export async function show@TY@s@N@(table) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), @K@00);
  const items = await load@TY@s@N@(controller.signal);
  items.filter((i) => i.value > @K@).map(render@TY@Row@N@).forEach((r) => table.append(r));
}
"""

TYPESCRIPT = """interface @TY@@N@ {
  id: number;
  label: string;
  taken: Date;
  flags?: string[];
}

type Status@N@ = "pending" | "running" | "done";

export class @TY@Queue@N@ {
  private readonly items: Map<number, @TY@@N@> = new Map();
  private status: Status@N@ = "pending";

  constructor(private readonly capacity: number = @K@) {}

  add(item: @TY@@N@): boolean {
    if (this.items.size >= this.capacity) {
      return false;
    }
    this.items.set(item.id, item);
    return true;
  }

  overdue(now: Date, hours = @N@): @TY@@N@[] {
    const limit = now.getTime() - hours * 3_600_000;
    return [...this.items.values()].filter((i) => i.taken.getTime() < limit);
  }

  finish(): void {
    this.status = "done";
  }
}
"""

C = """#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_@TY@S_@N@ @K@

/* One @ID@ line of the instrument's log (chapter @N@). */
struct @ID@_@N@ {
    int id;
    double value;
    char label[32];
};

static int parse_@ID@_@N@(const char *line, struct @ID@_@N@ *out)
{
    if (sscanf(line, "%d %lf %31s", &out->id, &out->value, out->label) != 3) {
        return -1;
    }
    return out->value > @K@.0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    char line[256];
    struct @ID@_@N@ items[MAX_@TY@S_@N@];
    size_t n = 0;
    while (n < MAX_@TY@S_@N@ && fgets(line, sizeof line, stdin) != NULL) {
        if (parse_@ID@_@N@(line, &items[n]) >= 0) {
            n++;
        }
    }
    printf("%zu @ID@s read (%s)\\n", n, argc > 1 ? argv[1] : "stdin");
    return EXIT_SUCCESS;
}
"""

CPP = """#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace lab@N@ {

// A @ID@ with its readings (chapter @N@).
class @TY@ {
public:
    explicit @TY@(std::string label) : label_(std::move(label)) {}

    void add(double value) { readings_.push_back(value); }

    [[nodiscard]] double highest() const {
        if (readings_.empty()) return 0.0;
        return *std::max_element(readings_.begin(), readings_.end());
    }

    const std::string& label() const noexcept { return label_; }

private:
    std::string label_;
    std::vector<double> readings_;
};

}  // namespace lab@N@

int main() {
    lab@N@::@TY@ item{"@ID@-@N@"};
    for (int i = 0; i < @K@; ++i) {
        item.add(i * 0.@N@);
    }
    std::cout << item.label() << ": " << item.highest() << '\\n';
}
"""

JAVA = """package org.example.lab@N@;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps the @ID@s of one shift (chapter @N@). */
public final class @TY@Log@N@ {
    private static final int LIMIT = @K@;
    private final List<@TY@> entries = new ArrayList<>();

    public record @TY@(String code, double value, Instant taken) {}

    public boolean add(String code, double value) {
        if (entries.size() >= LIMIT) {
            return false;
        }
        entries.add(new @TY@(code, value, Instant.now()));
        return true;
    }

    public Optional<@TY@> highest() {
        return entries.stream().max((a, b) -> Double.compare(a.value(), b.value()));
    }

    @Override
    public String toString() {
        return "@TY@Log@N@[" + entries.size() + " of " + LIMIT + "]";
    }
}
"""

GO = """package lab@N@

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// @TY@ is one @ID@ on the bench (chapter @N@).
type @TY@ struct {
	ID    int
	Label string
	Taken time.Time
	Value float64
}

var ErrFull@N@ = errors.New("the rack is full")

// Rack holds up to @K@ items, oldest first.
type Rack struct {
	items []@TY@
}

func (r *Rack) Add(item @TY@) error {
	if len(r.items) >= @K@ {
		return fmt.Errorf("adding %q: %w", item.Label, ErrFull@N@)
	}
	r.items = append(r.items, item)
	sort.Slice(r.items, func(i, j int) bool { return r.items[i].Taken.Before(r.items[j].Taken) })
	return nil
}
"""

SHELL = """#!/usr/bin/env bash
# Archives the @ID@ exports older than @K@ days (chapter @N@).
set -euo pipefail

SRC="${1:-/var/lab/@ID@s-@N@}"
DEST="/srv/archive/$(date +%Y)/@ID@s-@N@"
DAYS=@K@

mkdir -p "$DEST"
count=0
while IFS= read -r -d '' file; do
    name=$(basename "$file" .csv)
    if gzip -c "$file" > "$DEST/$name.csv.gz"; then
        rm -- "$file"
        count=$((count + 1))
    else
        echo "could not archive $file" >&2
    fi
done < <(find "$SRC" -name '*.csv' -mtime +"$DAYS" -print0)

echo "archived $count files into $DEST"
[ "$count" -gt 0 ] && logger -t lab@N@ "archived $count @ID@ exports"
"""

TOML = """# The analyser's settings for the @ID@ bench (chapter @N@).
[analyser]
name = "bench-@N@"
model = "AX-@K@"
serial = "SN-@N@-@K@"
enabled = true

[analyser.network]
host = "10.0.@N@.@K@"
port = 50@K@
timeout-s = 3.5

[[channels]]
id = 1
assay = "@ID@-glucose"
range = [0.5, @K@.0]

[[channels]]
id = 2
assay = "@ID@-sodium"
range = [120, 160]
units = "mmol/L"

[qc]
levels = ["low", "normal", "high"]
every-hours = @N@
"""

YAML = """# Pipeline for the @ID@ service (chapter @N@).
name: @ID@-@N@
on:
  push:
    branches: [main, "release/@N@.*"]
  schedule:
    - cron: "@K@ 3 * * 1"

jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: @K@
    strategy:
      matrix:
        python: ["3.11", "3.12"]
    steps:
      - uses: actions/checkout@v4
      - name: Install
        run: pip install -r requirements-@N@.txt
      - name: Test
        run: pytest -q --maxfail=@N@
        env:
          LAB_ID: "@ID@"
          STRICT: true
"""

JSON = """{
  "id": "@ID@-@N@",
  "version": @N@,
  "patient": {
    "mrn": "MRN-@K@@N@",
    "age": @K@,
    "consented": true
  },
  "orders": [
    {
      "code": "CBC",
      "priority": "routine",
      "tubes": ["lavender"],
      "values": [@N@.1, @K@.2, 4.5]
    },
    {
      "code": "BMP",
      "priority": "stat",
      "tubes": ["green", "gold"],
      "values": null
    }
  ],
  "notes": "drawn at bench @N@",
  "verified": false
}
"""

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>@TY@ @N@</title>
  <link rel="stylesheet" href="lab-@N@.css">
</head>
<body>
  <!-- The @ID@ list of chapter @N@ -->
  <header class="banner">
    <h1 id="title-@N@">@TY@s due today</h1>
  </header>
  <main>
    <table class="@ID@s" data-limit="@K@">
      <thead>
        <tr><th scope="col">Code</th><th scope="col">Due</th></tr>
      </thead>
      <tbody>
        <tr><td>@ID@-@K@</td><td><time datetime="2025-01-@N@">today</time></td></tr>
      </tbody>
    </table>
    <button type="button" onclick="refresh(@N@)" disabled>Refresh</button>
  </main>
</body>
</html>
"""

CSS = """/* The @ID@ board (chapter @N@). */
:root {
  --accent-@N@: #1f3f8f;
  --gap: @K@px;
}

.@ID@s-@N@ {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(@K@0px, 1fr));
  gap: var(--gap);
  font: 0.9rem/1.4 "Source Sans", sans-serif;
}

.@ID@s-@N@ > .card:hover,
.@ID@s-@N@ > .card:focus-within {
  border-color: var(--accent-@N@);
  box-shadow: 0 0 0 2px rgba(31, 63, 143, 0.@N@);
}

@media (max-width: 600px) {
  .@ID@s-@N@ {
    grid-template-columns: 1fr;
  }
}
"""

SQL = """-- Overdue @ID@s per bench (chapter @N@).
CREATE TABLE IF NOT EXISTS @ID@_@N@ (
    id          INTEGER PRIMARY KEY,
    bench       TEXT NOT NULL,
    taken_at    TIMESTAMP NOT NULL,
    value       NUMERIC(8, 2),
    verified    BOOLEAN DEFAULT FALSE
);

INSERT INTO @ID@_@N@ (bench, taken_at, value)
VALUES ('B@N@', '2025-01-15 08:30', @K@.25),
       ('B@K@', '2025-01-15 09:10', NULL);

SELECT bench,
       COUNT(*) AS overdue,
       AVG(value) AS mean_value
FROM @ID@_@N@
WHERE NOT verified
  AND taken_at < CURRENT_TIMESTAMP - INTERVAL '@K@ hours'
GROUP BY bench
HAVING COUNT(*) > @N@
ORDER BY overdue DESC
LIMIT 10;
"""

MARKDOWN = """# @TY@ handling, bench @N@

Before the **first run** of the day, check the *controls* for each `@ID@`:

1. Log in to the analyser (bench @N@).
2. Run the low, normal and high levels.
3. Compare with the [reference ranges](ranges-@N@.md).

> Never release a result when a control is out of range.

| Level  | Target | Limit |
|--------|-------:|------:|
| low    | @N@.0   | ±0.@K@ |
| high   | @K@.0   | ±1.5  |

## Troubleshooting

- Re-run the control once.
- Then open a ticket: `lab-ticket --bench @N@ --code @ID@`.

```sh
lab-ticket --bench @N@
```
"""

# (fence name, template), in the order.
LANGUAGES = [
    ("rust", RUST), ("python", PYTHON), ("javascript", JAVASCRIPT), ("typescript", TYPESCRIPT),
    ("c", C), ("cpp", CPP), ("java", JAVA), ("go", GO), ("sh", SHELL), ("toml", TOML),
    ("yaml", YAML), ("json", JSON), ("html", HTML), ("css", CSS), ("sql", SQL),
    ("markdown", MARKDOWN),
]


def block(n):
    """Chapter n's block: (fence language, code)."""
    language, template = LANGUAGES[n % len(LANGUAGES)]
    word = WORDS[n % len(WORDS)] + "_" + WORDS[(n // len(WORDS)) % len(WORDS)]
    type_name = "".join(part.capitalize() for part in word.split("_"))
    code = (template.replace("@N@", str(n)).replace("@K@", str(10 + n * 7 % 89))
            .replace("@ID@", word).replace("@TY@", type_name))
    return language, code


def fenced(n, plain):
    """Chapter n's block as Markdown: a paragraph naming the language and the fence, its
    language left out when `plain` (the baseline book, whose code is set plain)."""
    language, code = block(n)
    # A Markdown sample holds a fence of its own: the outer fence is longer.
    fence = "````" if "```" in code else "```"
    info = "" if plain else language
    return f"\n\nAn example in {language}:\n\n{fence}{info}\n{code}{fence}\n"
