"""Network: actors as nodes, edges coloured by cooperation/conflict balance; twin ``/api/network``.

The layout is computed here with networkx's spring layout (seeded, so the picture is stable)
rather than in the browser: the page then only draws SVG, with no layout library to bundle.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kronika.web.templating import query_string, render
from kronika.web.views.common import _iso, actor_url, get_store

router = APIRouter(tags=["network"])


def _key(node: dict[str, Any]) -> str:
    return str(node.get("id") or node.get("key"))


def layout(graph: dict[str, Any]) -> dict[str, Any]:
    """Add ``x``, ``y`` in [0, 1] to every node (spring layout weighted by edge volume)."""
    import networkx as nx

    nodes = list(graph.get("nodes") or [])
    edges = list(graph.get("edges") or [])
    g = nx.Graph()
    g.add_nodes_from(_key(n) for n in nodes)
    for e in edges:
        a, b = str(e.get("source")), str(e.get("target"))
        if a in g and b in g and a != b:
            w = float(e.get("count") or e.get("weight") or 1)
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0})["weight"] + w)
    pos = nx.spring_layout(g, seed=7, weight="weight", iterations=80) if len(g) else {}
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    for n in nodes:
        x, y = pos.get(_key(n), (0.0, 0.0))
        n["x"] = round((x - min(xs)) / span_x, 4)
        n["y"] = round((y - min(ys)) / span_y, 4)
        n["url"] = actor_url(_key(n))
    return {"nodes": nodes, "edges": edges}


def network(request: Request, since: str | None, until: str | None) -> dict[str, Any]:
    graph = get_store(request).network(since=_iso(since, "since"), until=_iso(until, "until"))
    return {"ok": True, "since": since, "until": until, **layout(graph)}


@router.get("/api/network", summary="Actor network: nodes, edges with cooperation/conflict counts, and a layout")
def api_network(request: Request, since: str | None = Query(None), until: str | None = Query(None)) -> dict[str, Any]:
    return network(request, since, until)


@router.get("/network", response_class=HTMLResponse, include_in_schema=False)
def page_network(request: Request, since: str | None = Query(None), until: str | None = Query(None)):
    data = network(request, since, until)
    twin = "/api/network" + query_string({"since": since, "until": until})
    return render(request, "network.html", data, twin=twin)
