"""Print kronika's import graph: package levels, cycles, stage-border breaches and the largest modules.

Run from the repository root: ``python tools/import_graph.py`` (``--json`` for a machine-readable
dump, ``--top N`` for more of the largest modules). It reads the source with :mod:`ast` and imports
nothing, so it works on a broken tree and costs a fraction of a second.

Two graphs are shown because they answer different questions: *load-time* imports (module level)
are what Python executes when a module is imported, so a cycle there can break imports; *all*
imports also count those inside functions, which hide a dependency without removing it.

Our own rather than grimp or pydeps: the whole job is forty lines of :mod:`ast` walking plus
Tarjan's algorithm, and a dependency-free script runs in any checkout.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "kronika"
# What a pipeline stage may import besides itself (DESIGN.md: "Stages import record and nlp").
STAGES = ("read", "actors", "time", "events")
STAGE_MAY_IMPORT = {"record", "errors", "settings", "pipeline", "nlp", "normalize"}


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of the package."""
    out = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that ``name`` is or lies in (``kronika.read.x.f`` -> ``kronika.read.x``)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports(mod: str, path: Path, known: dict[str, Path]) -> list[tuple[str, bool]]:
    """``(imported module, at load time?)`` for every kronika import in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_pkg = path.name == "__init__.py"
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                continue  # annotations only: no runtime dependency
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == PACKAGE:
                        found.append((alias.name, top))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    pkg = mod if is_pkg else mod.rpartition(".")[0]
                    for _ in range(child.level - 1):
                        pkg = pkg.rpartition(".")[0]
                    base = f"{pkg}.{base}".rstrip(".")
                if base.split(".")[0] != PACKAGE:
                    continue
                for alias in child.names:  # "from kronika.read import formats" imports a module
                    sub = f"{base}.{alias.name}"
                    found.append((sub if sub in known else base, top))
            visit(child, inner)

    visit(tree, True)
    out = []
    for name, top in found:
        target = _resolve(name, known)
        if target and target != mod:
            out.append((target, top))
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def component(mod: str) -> str:
    """The first-level part of kronika a module belongs to (``kronika.read.html`` -> ``read``)."""
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else "(kronika)"


def sccs(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def levels(graph: dict[str, set[str]]) -> dict[str, int]:
    """Level 0 imports nothing; level n imports only lower levels (a cycle shares one level)."""
    comps = sccs(graph)
    comp_of = {v: i for i, c in enumerate(comps) for v in c}
    memo: dict[int, int] = {}

    def level(i: int) -> int:
        if i not in memo:
            deps = {comp_of[w] for v in comps[i] for w in graph.get(v, ()) if comp_of[w] != i}
            memo[i] = 1 + max((level(d) for d in deps), default=-1)
        return memo[i]

    return {v: level(comp_of[v]) for v in graph}


def analyse(root: Path = ROOT) -> dict[str, object]:
    known = modules(root)
    mod_all: dict[str, set[str]] = {m: set() for m in known}
    mod_load: dict[str, set[str]] = {m: set() for m in known}
    for m, path in known.items():
        for target, top in imports(m, path, known):
            mod_all[m].add(target)
            if top:
                mod_load[m].add(target)

    def by_component(g: dict[str, set[str]]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for m, targets in g.items():
            out[component(m)].update(component(t) for t in targets if component(t) != component(m))
        return {k: out[k] for k in sorted(out)}

    comp_all = by_component(mod_all)
    comp_load = by_component(mod_load)
    breaches = sorted(
        f"{m} -> {t}"
        for m, ts in mod_all.items()
        for t in ts
        if component(m) in STAGES and component(t) != component(m) and component(t) not in STAGE_MAY_IMPORT
    )
    breaches += sorted(
        f"{m} -> {t}" for m, ts in mod_all.items() if component(m) == "nlp" for t in ts if component(t) in STAGES
    )
    sizes = sorted(((len(p.read_text(encoding="utf-8").splitlines()), m) for m, p in known.items()), reverse=True)
    return {
        "levels": levels(comp_all),
        "components": {k: sorted(v) for k, v in comp_all.items()},
        "component_cycles_all": [c for c in sccs(comp_all) if len(c) > 1],
        "component_cycles_load": [c for c in sccs(comp_load) if len(c) > 1],
        "module_cycles_all": [c for c in sccs(mod_all) if len(c) > 1],
        "module_cycles_load": [c for c in sccs(mod_load) if len(c) > 1],
        "stage_border_breaches": breaches,
        "largest": [{"module": m, "lines": n} for n, m in sizes],
        "modules": len(known),
        "lines": sum(n for n, _ in sizes),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print the whole analysis as JSON")
    ap.add_argument("--top", type=int, default=12, help="how many of the largest modules to list")
    args = ap.parse_args(argv)
    res = analyse()
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    lv: dict[str, int] = res["levels"]  # type: ignore[assignment]
    comps: dict[str, list[str]] = res["components"]  # type: ignore[assignment]
    print(f"kronika: {res['modules']} modules, {res['lines']} lines")
    print("\nLevels (a part imports only parts on lower levels; all imports, lazy ones included):")
    for n in range(max(lv.values()) + 1):
        names = sorted(k for k, v in lv.items() if v == n)
        print(f"  {n}: " + ", ".join(f"{k} -> [{', '.join(comps[k])}]" if comps[k] else k for k in names))
    for key, title in (
        ("component_cycles_load", "Cycles between parts, load-time imports"),
        ("component_cycles_all", "Cycles between parts, all imports"),
        ("module_cycles_load", "Cycles between modules, load-time imports"),
        ("module_cycles_all", "Cycles between modules, all imports"),
    ):
        cycles: list[list[str]] = res[key]  # type: ignore[assignment]
        print(f"\n{title}: {len(cycles) or 'none'}")
        for c in cycles:
            print("  " + " <-> ".join(c))
    breaches: list[str] = res["stage_border_breaches"]  # type: ignore[assignment]
    print(
        "\nStage-border breaches (a stage importing beyond record/errors/settings/pipeline/nlp/normalize): "
        f"{len(breaches) or 'none'}"
    )
    for b in breaches:
        print("  " + b)
    print("\nLargest modules (the project's limit is about 500 lines):")
    for row in res["largest"][: args.top]:  # type: ignore[index]
        print(f"  {row['lines']:5d}  {row['module']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
