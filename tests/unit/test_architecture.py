"""The domain imports nothing of ours but itself, and of eventsourcing only its domain module.

import-linter checks the layers; this checks what it cannot: subpackages of an external package.
"""

import ast
from pathlib import Path

import chengxin.domain

DOMAIN = Path(chengxin.domain.__file__).parent


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_the_domain_uses_only_eventsourcing_domain() -> None:
    for path in DOMAIN.rglob("*.py"):
        for module in imported_modules(path):
            if module.startswith("eventsourcing"):
                assert module == "eventsourcing.domain", f"{path.name} imports {module}"
            if module.startswith("chengxin"):
                assert module.startswith("chengxin.domain"), f"{path.name} imports {module}"
