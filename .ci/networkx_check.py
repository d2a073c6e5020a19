#!/usr/bin/env python3
"""Loads proxymap's GraphML and GEXF exports in networkx and checks that they agree.

Usage: networkx_check.py DIR   (DIR holds network.graphml and network.gexf)
Exits non-zero, saying why, when a file does not load or the two graphs differ.
"""

import sys
from pathlib import Path

import networkx as nx

EDGE_KEYS = ("predicate", "n_claims", "n_evidence", "contested", "strength")


def edges(graph):
    """The edges as (source, target, predicate) with their checked attributes."""
    out = {}
    for u, v, data in graph.edges(data=True):
        out[(u, v, data["predicate"])] = tuple(data.get(k) for k in EDGE_KEYS)
    return out


def check(folder):
    graphml = nx.read_graphml(folder / "network.graphml")
    gexf = nx.read_gexf(folder / "network.gexf")
    for name, g in (("graphml", graphml), ("gexf", gexf)):
        if g.number_of_nodes() == 0 or g.number_of_edges() == 0:
            raise SystemExit(f"{name}: an empty network")
        for node, data in g.nodes(data=True):
            if not data.get("label") or data.get("kind") not in ("person", "org", "place", "group"):
                raise SystemExit(f"{name}: node {node} lacks a label or a kind: {data}")
        for u, v, data in g.edges(data=True):
            if not isinstance(data.get("n_evidence"), int) or not isinstance(data.get("strength"), float):
                raise SystemExit(f"{name}: edge {u}->{v} has untyped attributes: {data}")
            if data["n_evidence"] < 1 or data["n_claims"] < data["n_evidence"]:
                raise SystemExit(f"{name}: edge {u}->{v} counts wrong: {data}")
    if set(graphml.nodes) != set(gexf.nodes):
        raise SystemExit("graphml and gexf have different nodes")
    if edges(graphml) != edges(gexf):
        raise SystemExit("graphml and gexf have different edges")
    print(
        f"networkx {nx.__version__}: {folder}: {graphml.number_of_nodes()} nodes, "
        f"{graphml.number_of_edges()} edges, graphml and gexf agree"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    check(Path(sys.argv[1]))
