"""Run the benchmarks: every module of bench/ that defines main(), or those named.

.venv/bin/python -m bench                 # all of them (what `make bench` runs)
.venv/bin/python -m bench public_site     # one
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    here = Path(__file__).parent
    names = sys.argv[1:] or sorted(
        module.name
        for module in pkgutil.iter_modules([str(here)])
        if not module.name.startswith("_")
    )
    for name in names:
        run = getattr(importlib.import_module(f"bench.{name}"), "main", None)
        if callable(run):
            print(f"== bench.{name}", flush=True)
            run()


if __name__ == "__main__":
    main()
