#!/usr/bin/env python3
"""Writes a street grid as GeoJSON lines for the network-load benchmark (docs/BENCHMARKS.md):
N x N junctions 0.0009 degrees apart from (115.9, 39.5), one line along each row and column,
all residential. `stationfinder network grid.geojson --out big.osm.pbf` turns it into PBF.
  python3 bench/make_grid_network.py 1100 grid.geojson
"""
import sys

n = int(sys.argv[1])
out = sys.argv[2] if len(sys.argv) > 2 else "grid.geojson"
step = 0.0009
with open(out, "w") as f:
    f.write('{"type":"FeatureCollection","features":[')
    first = True

    def line(points):
        global first
        coords = ",".join("[%.6f,%.6f]" % p for p in points)
        f.write(("" if first else ",") + '{"type":"Feature","properties":{"highway":"residential"},'
                '"geometry":{"type":"LineString","coordinates":[' + coords + "]}}")
        first = False

    for r in range(n):
        line([(115.9 + c * step, 39.5 + r * step) for c in range(n)])
    for c in range(n):
        line([(115.9 + c * step, 39.5 + r * step) for r in range(n)])
    f.write("]}")
