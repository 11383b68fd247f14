"""The apps import one another in one direction only, the shared floor (core/) imports no app,
and no app imports the project's roof (vetgroup/: settings, root URLs, Celery, the demo loader).
Run it alone with `python3 dev.py test tests/test_import_graph.py`; every import counts,
including those inside functions (a cycle hidden in a function is still a cycle)."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR).resolve()
# The project's roof wires every app together; it is left out of the graph and checked apart.
ROOF = "vetgroup"


def _apps() -> set[str]:
    return {
        Path(c.path).name for c in apps.get_app_configs() if Path(c.path).resolve().parent == ROOT
    }


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def import_graph() -> dict[str, set[str]]:
    """app -> the other apps its modules import (migrations and the roof left out)."""
    names = _apps() - {ROOF}
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name in names:
        for path in (ROOT / name).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module in _imported_modules(path):
                top = module.split(".")[0]
                if top in names and top != name:
                    graph[name].add(top)
    return graph


def test_the_shared_floor_imports_no_app():
    assert import_graph()["core"] == set()


def test_no_app_imports_the_projects_roof():
    importers = set()
    for name in _apps() - {ROOF}:
        for path in (ROOT / name).rglob("*.py"):
            if "migrations" not in path.parts and any(
                m.split(".")[0] == ROOF for m in _imported_modules(path)
            ):
                importers.add(path.relative_to(ROOT).as_posix())
    assert importers == set()


def test_the_apps_import_each_other_without_a_cycle():
    graph = import_graph()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle between apps: {exc.args[1]}") from exc
    assert order[0] == "core"
    assert {"members", "datacalls", "notices", "website"} <= set(order)


def test_a_cycle_would_be_found():
    """The check itself: an import back from members to reports is reported."""
    graph = import_graph()
    graph["members"].add("reports")
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError:
        return
    raise AssertionError("the cycle members -> reports -> members went unnoticed")
