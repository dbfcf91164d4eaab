"""Network: actors as nodes, edges coloured by cooperation/conflict balance; twin ``/api/network``.

The layout is computed here with networkx's spring layout (seeded, so the picture is stable)
rather than in the browser: the page then only draws SVG, with no layout library to bundle.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from kronika.web.templating import query_string, render
from kronika.web.views.common import MAX_LIMIT, actor_url, factual_param, get_store, iso_param

router = APIRouter(tags=["network"])

DEFAULT_TOP = 60


def _key(node: dict[str, Any]) -> str:
    return str(node.get("id") or node.get("key"))


def _spring(g: Any, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Spring layout of one connected component, rescaled to the unit square."""
    import networkx as nx

    n = len(g)
    if n == 1:
        return {next(iter(g)): (0.5, 0.5)}
    pos = nx.spring_layout(g, seed=seed, weight="weight", k=1.5 / n**0.5, iterations=100)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {k: ((p[0] - min(xs)) / sx, (p[1] - min(ys)) / sy) for k, p in pos.items()}


def _cells(count: int, x0: float, x1: float) -> list[tuple[float, float, float, float]]:
    """``count`` equal grid cells (x, y, width, height) covering the strip [x0, x1] x [0, 1]."""
    if count == 0:
        return []
    cols = max(1, round((count * (x1 - x0)) ** 0.5))
    rows = -(-count // cols)
    w, h = (x1 - x0) / cols, 1.0 / rows
    return [(x0 + (i % cols) * w, (i // cols) * h, w, h) for i in range(count)]


def layout(graph: dict[str, Any]) -> dict[str, Any]:
    """Add ``x``, ``y`` in [0, 1] to every node.

    Each connected component gets its own spring layout (weighted by event volume) and its own
    region: components of four or more actors a stripe as wide as their share of actors, the small
    ones a grid in the last stripe, so unrelated pairs do not crowd the picture's edges as one
    global spring layout makes them do.
    """
    import networkx as nx

    nodes = list(graph.get("nodes") or [])
    edges = list(graph.get("edges") or [])
    g = nx.Graph()
    g.add_nodes_from(_key(n) for n in nodes)
    for e in edges:
        a, b = str(e.get("source")), str(e.get("target"))
        if a in g and b in g and a != b:
            w = float(e.get("weight") or 1)
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0})["weight"] + w)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    big = [c for c in comps if len(c) >= 4]
    small = [c for c in comps if len(c) < 4]
    # Big components get vertical stripes as wide as their share of nodes; small ones share a grid.
    weights = [float(len(c)) for c in big] + ([max(2.0, sum(map(len, small)) / 2)] if small else [])
    total, x = sum(weights) or 1.0, 0.0
    regions: list[tuple[float, float, float, float]] = []
    for i, w in enumerate(weights):
        width = w / total
        if i < len(big):
            regions.append((x, 0.0, width, 1.0))
        else:
            regions.extend(_cells(len(small), x, x + width))
        x += width
    comps = big + small
    pos: dict[str, tuple[float, float]] = {}
    for comp, (x, y, w, h) in zip(comps, regions, strict=True):
        for k, (px, py) in _spring(g.subgraph(comp)).items():
            pos[k] = (x + w * (0.12 + 0.76 * px), y + h * (0.12 + 0.76 * py))
    for n in nodes:
        n["x"], n["y"] = (round(v, 4) for v in pos.get(_key(n), (0.5, 0.5)))
        n["url"] = actor_url(_key(n))
    return {"nodes": nodes, "edges": edges}


def network(request: Request, since: str | None, until: str | None, top: int, factual: str = "only") -> dict[str, Any]:
    since, until = iso_param(since, "since"), iso_param(until, "until")
    config = request.app.state.config
    # The graph query and its layout are the slowest answers: reuse them until the database changes.
    result = config.cached(
        ("network", since, until, top, factual), lambda: _network(get_store(request), since, until, top, factual)
    )
    return copy.deepcopy(result)


def _network(store: Any, since: str | None, until: str | None, top: int, factual: str = "only") -> dict[str, Any]:
    graph = store.network(since=since, until=until, factual=factual)
    total = len(graph.get("nodes") or [])
    # The store sorts nodes by event count; keep the most active so the picture stays readable.
    keep = {_key(n) for n in (graph.get("nodes") or [])[:top]}
    graph = {
        "nodes": [n for n in graph.get("nodes") or [] if _key(n) in keep],
        "edges": [e for e in graph.get("edges") or [] if e.get("source") in keep and e.get("target") in keep],
    }
    return {
        "ok": True,
        "since": since,
        "until": until,
        "top": top,
        "factual": factual,
        "total_nodes": total,
        **layout(graph),
    }


@router.get("/api/network", summary="Actor network: nodes, edges with cooperation/conflict counts, and a layout")
def api_network(
    request: Request,
    since: str | None = Query(None),
    until: str | None = Query(None),
    top: int = Query(DEFAULT_TOP, ge=1, le=MAX_LIMIT, description="Keep the most active actors only."),
    factual: str = Depends(factual_param),
) -> dict[str, Any]:
    return network(request, since, until, top, factual)


@router.get("/network", response_class=HTMLResponse, include_in_schema=False)
def page_network(
    request: Request,
    since: str | None = Query(None),
    until: str | None = Query(None),
    top: int = Query(DEFAULT_TOP, ge=1, le=MAX_LIMIT),
    factual: str = Depends(factual_param),
) -> Response:
    data = network(request, since, until, top, factual)
    fq = None if factual == "only" else factual
    twin = "/api/network" + query_string({"since": since, "until": until, "top": top, "factual": fq})
    return render(request, "network.html", data, twin=twin)
