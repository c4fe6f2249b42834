"""mypy over the project, against a baseline of known errors that may only shrink.

The baseline (`tools/mypy-baseline.txt`) lists today's errors without line numbers, so an
unrelated edit that moves them does not fail the check. A new error, or one more of a kind
already listed, fails; errors fixed are reported so the baseline can be cut with
`--update`. CI runs it; `make typecheck` too."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tools" / "mypy-baseline.txt"
PACKAGES = ["portal", "collaborators", "surveys", "directives", "reports"]
ERROR = re.compile(r"^(?P<path>[^:]+):\d+: error: (?P<message>.*)$")


def current_errors() -> Counter[str]:
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary",
                          "--hide-error-context", "--no-pretty", *PACKAGES],
                         cwd=ROOT, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"mypy did not run:\n{run.stdout}{run.stderr}")
    found: Counter[str] = Counter()
    for line in run.stdout.splitlines():
        if match := ERROR.match(line):
            found[f"{match['path']}: {match['message']}"] += 1
    return found


def read_baseline() -> Counter[str]:
    if not BASELINE.exists():
        return Counter()
    lines = [line for line in BASELINE.read_text().splitlines() if line.strip()]
    return Counter(lines)


def main(argv: list[str]) -> int:
    found = current_errors()
    if "--update" in argv:
        BASELINE.write_text("".join(f"{e}\n" for e in sorted(found.elements())))
        print(f"typecheck: baseline written, {sum(found.values())} known errors")
        return 0
    baseline = read_baseline()
    new = found - baseline
    fixed = baseline - found
    if new:
        print("typecheck: new mypy errors (fix them; the baseline only shrinks):")
        for error in sorted(new.elements()):
            print(f"  {error}")
        return 1
    print(f"typecheck: {sum(found.values())} known errors, none new"
          + (f"; {sum(fixed.values())} fixed: run `python tools/typecheck.py --update`"
             if fixed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
