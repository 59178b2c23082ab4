"""The domain imports nothing of ours but itself, and of eventsourcing only its domain module.

import-linter checks the layers; this checks what it cannot: subpackages of an external package.
"""

import ast
from pathlib import Path

import domain

DOMAIN = Path(domain.__file__).parent
OUR_PACKAGES = ("domain", "application", "infrastructure", "interfaces", "demo")


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
            layer = module.split(".")[0]
            if layer in OUR_PACKAGES:
                assert layer == "domain", f"{path.name} imports {module}"


def test_the_repository_top_level_is_the_design_card() -> None:
    root = DOMAIN.parent
    for entry in (*OUR_PACKAGES, "tests", "pyproject.toml", "docker-compose.yml", "README.md"):
        assert (root / entry).exists(), entry
    for package in OUR_PACKAGES:
        assert (root / package / "__init__.py").exists(), package
    assert not (root / "src").exists()
