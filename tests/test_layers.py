"""The package follows the data flow: a stage imports only its own and earlier stages.

Order (DESIGN.md's data flow): the shared top-level modules, then text -> nlp -> actors ->
kb_import -> coding -> corpus -> scale -> evaluation -> web -> cli. Every import counts, also
the ones inside functions and under TYPE_CHECKING: a lazy import of a later stage is still a
dependency on it. One exemption, the package root (`eventwire/__init__.py`, `__main__.py`): it is
the public facade that hands out `eventwire.Coder` and runs the CLI, so it may import any stage,
and any stage may read `eventwire.__version__` from it.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import eventwire

PACKAGE = Path(eventwire.__file__).parent
ORDER = ["", "text", "nlp", "actors", "kb_import", "coding", "corpus", "scale", "evaluation"]
ORDER += ["web", "cli"]
# `data/` holds the build scripts of the shipped tables: they read the actor tables, as the
# knowledge-base importers do.
SAME_AS = {"data": "kb_import"}
# The shared modules every stage reads; a new top-level module must be placed deliberately.
TOP_LEVEL = {"models", "errors", "config", "ontology", "deprecated_paths"}
FACADE = {"eventwire", "eventwire.__main__"}


def module_name(path: Path) -> str:
    parts = ("eventwire", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}


MODULES = modules()


def stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 2 and not (PACKAGE / parts[1]).is_dir():
        return ""
    return SAME_AS.get(parts[1], parts[1]) if len(parts) > 1 else ""


def imports(module: str) -> set[str]:
    """Every eventwire module `module` imports, wherever in the file the import stands."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = absolute(node, package)
            found |= {
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            }
    return {name for name in found if name.split(".")[0] == "eventwire"}


def absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    base = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def test_every_module_belongs_to_a_known_stage():
    stray = sorted(m for m in MODULES if m not in FACADE and stage(m) not in ORDER)
    top = {m.split(".")[1] for m in MODULES if m not in FACADE and stage(m) == ""}
    assert not stray, f"modules outside the stages {ORDER}: {stray}"
    assert top == TOP_LEVEL, f"top-level modules changed: {sorted(top ^ TOP_LEVEL)}"


def test_every_import_names_a_module_that_exists():
    missing = {
        f"{m} -> {target}" for m in MODULES for target in imports(m) if target not in MODULES
    }
    assert not missing, f"imports of modules that do not exist (old paths?): {sorted(missing)}"


def test_no_stage_imports_a_later_stage():
    upward = []
    for module in sorted(set(MODULES) - FACADE):
        rank = ORDER.index(stage(module))
        for target in sorted(imports(module) - FACADE):
            if ORDER.index(stage(target)) > rank:
                upward.append(f"{module} ({stage(module) or 'top'}) imports {target}")
    assert not upward, "imports of a later stage:\n" + "\n".join(upward)


def test_no_import_cycle():
    graph = graphlib.TopologicalSorter()
    for module in sorted(set(MODULES) - FACADE):
        graph.add(module, *sorted(imports(module) & set(MODULES)))
    try:
        graph.prepare()
    except graphlib.CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None


def test_the_checks_see_imports():
    """The walk finds the imports it judges: the coder reads the actor resolver."""
    assert "eventwire.actors" in imports("eventwire.coding.coder")
    assert stage("eventwire.coding.coder") == "coding" and stage("eventwire.models") == ""
