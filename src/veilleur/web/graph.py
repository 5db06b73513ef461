"""Server-side layout of the arms-flow graph (inline SVG, no JavaScript, no library).

States sit on a circle; an arrow per supplier → recipient flow, its width growing
with the number of stories, its dash pattern telling the modality (so the graph
reads without colour), bent so that A → B and B → A do not overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from ..api.views import Flow

DASH = {"asserted": "", "alleged": "8 5", "planned": "2 5", "possible": "2 5", "conditional": "12 4 2 4",
        "negated": "1 7"}
MODALITY_FR = {"asserted": "affirmé", "alleged": "allégué", "planned": "prévu", "possible": "possible",
               "conditional": "conditionnel", "negated": "démenti"}


@dataclass
class Node:
    code: str
    x: float
    y: float
    href: str


@dataclass
class Edge:
    path: str
    width: float
    dash: str
    label: str
    lx: float
    ly: float
    href: str
    title: str
    supplier: str
    recipient: str


@dataclass
class Graph:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


R_NODE = 22


def layout(flows: list[Flow], width: int = 900, height: int = 640, max_edges: int = 60) -> Graph:
    flows = flows[:max_edges]  # the strongest flows; the table below lists them all
    codes = sorted({c for f in flows for c in (f.supplier, f.recipient)})
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 60
    pos: dict[str, tuple[float, float]] = {}
    for i, c in enumerate(codes):
        a = 2 * math.pi * i / max(1, len(codes)) - math.pi / 2
        pos[c] = (cx + radius * math.cos(a), cy + radius * math.sin(a))
    nodes = [Node(c, x, y, "/timeline?" + urlencode({"actor": c})) for c, (x, y) in pos.items()]
    edges: list[Edge] = []
    for f in flows:
        (x1, y1), (x2, y2) = pos[f.supplier], pos[f.recipient]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1.0
        ux, uy = dx / d, dy / d
        # start and end on the node circles, bend to the right of the direction of travel
        sx, sy = x1 + ux * R_NODE, y1 + uy * R_NODE
        ex, ey = x2 - ux * (R_NODE + 6), y2 - uy * (R_NODE + 6)
        bend = min(60.0, d / 5)
        qx, qy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
        n = len(f.stories) or f.events
        modality = f.label or "asserted"
        label = f"{n} récit{'s' if n > 1 else ''} · {MODALITY_FR.get(modality, modality)}"
        cats = ", ".join(f"{c} ({k})" for c, k in f.categories.most_common(3))
        edges.append(Edge(
            path=f"M{sx:.1f},{sy:.1f} Q{qx:.1f},{qy:.1f} {ex:.1f},{ey:.1f}",
            width=round(1.5 + 2.5 * math.log2(1 + n), 1), dash=DASH.get(modality, ""), label=label,
            # the label sits beside the curve's midpoint, on its outer side, so the line never crosses it
            lx=(sx + 2 * qx + ex) / 4 - uy * 14, ly=(sy + 2 * qy + ey) / 4 + ux * 14,
            href="/stories?" + urlencode({"type": "AID", "actor": f.supplier, "recipient": f.recipient}),
            title=f"{f.supplier} → {f.recipient}: {label}" + (f"; {cats}" if cats else ""),
            supplier=f.supplier, recipient=f.recipient))
    return Graph(width, height, nodes, edges)
