#!/usr/bin/env python3
"""Generate the bundled, SYNTHETIC walking network of Beijing: geodata/beijing_streets.osm.pbf.

Deterministic (fixed seed 20221201; it reads the stations, never changes them): run it twice,
get the same file. Made so that walking differs from the straight line the way it does in a
real city:
  * streets: a jittered grid, 150 m apart inside the 4th ring, 250 m out to the 6th ring and
    around the outer districts' towns, with country roads (sampled every 250 m) from the
    centre to each town;
  * barriers: the 2nd to 5th ring expressways (crossed at interchanges about every 1.2 km),
    rivers (the Tonghui, Liangma, Yongding and Chaobai rivers, crossed at bridges every 1.2 km
    in the city and 4 km outside), two railways (crossed every 2 km), and walled compounds
    (blocks of 3 x 3 cells entered at one or two gates);
  * every station lies beside a street: one farther than 60 m from the network gets a lane
    from the nearest junction to a point 15 m from it.
The lines are written as GeoJSON and turned into OpenStreetMap PBF by `stationfinder network`
(one way per segment, tagged highway=footway), which also prints the summary.

Usage: scripts/generate_streets.py STATIONFINDER_BIN [OUT]   (default OUT: geodata/beijing_streets.osm.pbf)
"""

import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile

SEED = 20221201
CENTRE = (116.397, 39.908)
KX = 111_195.0 * math.cos(math.radians(39.908))  # metres per degree of longitude here
KY = 111_195.0


def to_m(lon, lat):
    return ((lon - CENTRE[0]) * KX, (lat - CENTRE[1]) * KY)


def to_deg(x, y):
    return (round(CENTRE[0] + x / KX, 7), round(CENTRE[1] + y / KY, 7))


def superellipse(half_lon, half_lat, power, n=96):
    pts = []
    for i in range(n + 1):
        t = 2 * math.pi * i / n
        c, s = math.cos(t), math.sin(t)
        pts.append(to_m(CENTRE[0] + math.copysign(abs(c) ** (2 / power), c) * half_lon,
                        CENTRE[1] + math.copysign(abs(s) ** (2 / power), s) * half_lat))
    return pts


def inside_superellipse(x, y, half_lon, half_lat, power):
    u, v = abs(x / (half_lon * KX)), abs(y / (half_lat * KY))
    return u ** power + v ** power <= 1


# The ring expressways as generate_beijing.py draws them (2nd to 5th: barriers).
RINGS = [(0.045, 0.036, 4.0), (0.075, 0.058, 4.0), (0.112, 0.087, 4.0), (0.165, 0.128, 4.0)]
SIXTH = (0.31, 0.24, 2.6)
TOWNS = [(116.657, 39.910), (116.654, 40.130), (116.231, 40.220), (116.341, 39.727),
         (116.143, 39.735), (116.102, 39.941), (116.632, 40.316), (116.843, 40.376),
         (117.121, 40.141), (115.975, 40.456), (115.978, 39.682), (116.458, 39.581)]
RIVERS = [  # (lon, lat) polylines
    [(116.30, 39.895), (116.38, 39.893), (116.45, 39.897), (116.52, 39.902), (116.70, 39.895)],
    [(116.43, 39.955), (116.47, 39.948), (116.52, 39.955), (116.58, 39.962)],
    [(116.16, 40.05), (116.18, 39.95), (116.21, 39.85), (116.25, 39.70), (116.30, 39.55)],
    [(116.70, 40.40), (116.72, 40.20), (116.75, 40.00), (116.80, 39.80)],
]
RAILWAYS = [
    [(116.32, 40.20), (116.325, 40.0), (116.322, 39.90), (116.31, 39.75), (116.28, 39.55)],
    [(116.10, 39.875), (116.30, 39.872), (116.50, 39.870), (116.75, 39.868)],
]


def segments_of(line):
    return list(zip(line, line[1:]))


def crosses(p, q, a, b):
    def orient(o, s, t):
        return (s[0] - o[0]) * (t[1] - o[1]) - (s[1] - o[1]) * (t[0] - o[0])
    d1, d2 = orient(a, b, p), orient(a, b, q)
    d3, d4 = orient(p, q, a), orient(p, q, b)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0)


def sample(line, step):
    """Points every `step` metres along a polyline (metres)."""
    out, carry = [], 0.0
    for a, b in segments_of(line):
        length = math.dist(a, b)
        t = carry
        while t < length:
            out.append((a[0] + (b[0] - a[0]) * t / length, a[1] + (b[1] - a[1]) * t / length))
            t += step
        carry = t - length
    return out


class Buckets:
    """Items by the square they fall in, for neighbourhood lookups."""

    def __init__(self, size):
        self.size, self.cells = size, {}

    def key(self, x, y):
        return (int(math.floor(x / self.size)), int(math.floor(y / self.size)))

    def add(self, x, y, item):
        self.cells.setdefault(self.key(x, y), []).append(item)

    def near(self, x, y, reach=1):
        kx, ky = self.key(x, y)
        for i in range(kx - reach, kx + reach + 1):
            for j in range(ky - reach, ky + reach + 1):
                yield from self.cells.get((i, j), ())


class Network:
    def __init__(self):
        self.nodes, self.index, self.segments = [], {}, set()

    def node(self, x, y):
        key = to_deg(x, y)
        if key not in self.index:
            self.index[key] = len(self.nodes)
            self.nodes.append((x, y))
        return self.index[key]

    def street(self, a, b):
        if a != b:
            self.segments.add((min(a, b), max(a, b)))


def grid(net, rng, x0, y0, x1, y1, step, keep):
    """A jittered grid over the box (metres); `keep(x, y)` says where streets are."""
    cols, rows = int((x1 - x0) / step) + 1, int((y1 - y0) / step) + 1
    ids = {}
    for i in range(cols):
        for j in range(rows):
            x, y = x0 + i * step, y0 + j * step
            if not keep(x, y):
                continue
            jx, jy = rng.uniform(-0.15, 0.15) * step, rng.uniform(-0.15, 0.15) * step
            ids[(i, j)] = net.node(x + jx, y + jy)
    for (i, j), n in ids.items():
        for di, dj in ((1, 0), (0, 1)):
            m = ids.get((i + di, j + dj))
            if m is not None and rng.random() > 0.04:  # a few dead ends and missing links
                net.street(n, m)


def compounds(net, rng, count, step):
    """Walled blocks: streets crossing a 3 x 3 cell square's wall are cut but for gates."""
    walls = []
    for _ in range(count):
        cx, cy = rng.uniform(-12000, 12000), rng.uniform(-10000, 10000)
        half = 1.5 * step
        square = [(cx - half, cy - half), (cx + half, cy - half), (cx + half, cy + half),
                  (cx - half, cy + half), (cx - half, cy - half)]
        gates = rng.sample(sample(square, step), rng.randint(1, 2))
        walls.append((square, gates, step * 0.75))
    return walls


def cut(net, barriers):
    """Drops every street that crosses a barrier away from its crossings."""
    index = Buckets(500.0)
    for line, crossings, reach in barriers:
        for a, b in segments_of(line):
            for t in range(0, 11):
                f = t / 10
                index.add(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, (a, b, crossings, reach))
    kept = set()
    for s in net.segments:
        p, q = net.nodes[s[0]], net.nodes[s[1]]
        mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
        blocked = False
        seen = set()
        for a, b, crossings, reach in index.near(*mid):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            if crosses(p, q, a, b) and not any(math.dist(mid, c) <= reach for c in crossings):
                blocked = True
                break
        if not blocked:
            kept.add(s)
    net.segments = kept


def parts(net):
    """Connected parts, largest first: lists of node ids."""
    parent = list(range(len(net.nodes)))

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n
    for a, b in net.segments:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups = {}
    for a, b in net.segments:
        for n in (a, b):
            groups.setdefault(find(n), set()).add(n)
    return sorted((sorted(g) for g in groups.values()), key=len, reverse=True)


def nearest(index, x, y):
    best, best_d = None, float("inf")
    for reach in (1, 3, 10, 40, 160):
        for n, (nx, ny) in index.near(x, y, reach):
            d = math.dist((x, y), (nx, ny))
            if d < best_d:
                best, best_d = n, d
        if best is not None:
            return best, best_d
    return None, best_d


def road(net, a, b):
    """A road from node a to node b, a junction every 250 m."""
    (ax, ay), (bx, by) = net.nodes[a], net.nodes[b]
    steps = max(1, int(math.dist((ax, ay), (bx, by)) / 250))
    prev = a
    for k in range(1, steps):
        n = net.node(ax + (bx - ax) * k / steps, ay + (by - ay) * k / steps)
        net.street(prev, n)
        prev = n
    net.street(prev, b)


def join_parts(net, min_nodes):
    """Every part of at least min_nodes nodes (a town cut off by a barrier) gets a road to the
    largest part, from its node nearest to it; smaller parts stay apart, like mapping gaps."""
    found = parts(net)
    main = Buckets(400.0)
    for n in found[0]:
        main.add(*net.nodes[n], (n, net.nodes[n]))
    joined = 0
    for part in found[1:]:
        if len(part) < min_nodes:
            continue
        best = min(((nearest(main, *net.nodes[n]), n) for n in part[::7]), key=lambda t: t[0][1])
        (target, _), source = best
        road(net, source, target)
        joined += 1
    return joined


def lanes(net, stations):
    """A lane to each station farther than 60 m from the largest part's streets, ending 15 m
    beside it."""
    index = Buckets(400.0)
    for n in parts(net)[0]:
        index.add(*net.nodes[n], (n, net.nodes[n]))
    added = 0
    for x, y in stations:
        best, best_d = nearest(index, x, y)
        if best is None or best_d <= 60:
            continue
        bx, by = net.nodes[best]
        f = (best_d - 15) / best_d
        end = (bx + (x - bx) * f, by + (y - by) * f)
        steps = max(1, int(best_d / 250))
        prev = best
        for k in range(1, steps + 1):
            n = net.node(bx + (end[0] - bx) * k / steps, by + (end[1] - by) * k / steps)
            net.street(prev, n)
            index.add(*net.nodes[n], (n, net.nodes[n]))
            prev = n
        added += 1
    return added


def read_stations(binary, tmp):
    path = os.path.join(tmp, "stations.csv")
    subprocess.run([binary, "export", "--out", path], check=True, stdout=subprocess.DEVNULL)
    with open(path, newline="", encoding="utf-8") as f:
        return [to_m(float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "geodata", "beijing_streets.osm.pbf")
    rng = random.Random(SEED)
    net = Network()
    fourth, sixth = RINGS[2], SIXTH
    span = (sixth[0] * KX, sixth[1] * KY)
    grid(net, rng, -fourth[0] * KX, -fourth[1] * KY, fourth[0] * KX, fourth[1] * KY, 150,
         lambda x, y: inside_superellipse(x, y, *fourth))
    grid(net, rng, -span[0], -span[1], span[0], span[1], 250,
         lambda x, y: inside_superellipse(x, y, *sixth) and not inside_superellipse(x, y, *fourth))
    for lon, lat in TOWNS:
        tx, ty = to_m(lon, lat)
        grid(net, rng, tx - 4000, ty - 4000, tx + 4000, ty + 4000, 250,
             lambda x, y, tx=tx, ty=ty: math.dist((x, y), (tx, ty)) <= 4000
             and not inside_superellipse(x, y, *sixth))
        road = [(0.0, 0.0), ((tx / 2) + 1500, (ty / 2) - 1200), (tx, ty)]
        prev = None
        for p in sample(road, 250) + [road[-1]]:
            n = net.node(*p)
            if prev is not None:
                net.street(prev, n)
            prev = n
    # Join each country road to the grids it passes through: its points become junctions of
    # the nearest grid node within 180 m.
    index = Buckets(300.0)
    for n, (x, y) in enumerate(net.nodes):
        index.add(x, y, n)
    for n, (x, y) in enumerate(list(net.nodes)):
        for m in index.near(x, y):
            if m != n and math.dist((x, y), net.nodes[m]) < 130 and rng.random() < 0.5:
                net.street(n, m)
                break
    barriers = []
    for i, (hl, hla, power) in enumerate(RINGS):
        ring = superellipse(hl, hla, power)
        barriers.append((ring, sample(ring, 1200 if i < 2 else 1500), 160))
    for river in RIVERS:
        line = [to_m(*p) for p in river]
        bridges = [p for p in sample(line, 600)
                   if inside_superellipse(p[0], p[1], *RINGS[3]) or rng.random() < 0.15]
        barriers.append((line, bridges, 160))
    for rail in RAILWAYS:
        line = [to_m(*p) for p in rail]
        barriers.append((line, sample(line, 2000), 160))
    barriers += compounds(net, rng, 120, 150)
    cut(net, barriers)
    joined = join_parts(net, 50)
    with tempfile.TemporaryDirectory() as tmp:
        stations = read_stations(binary, tmp)
        added = lanes(net, stations)
        features = []
        for a, b in sorted(net.segments):
            features.append({"type": "Feature", "properties": {"highway": "residential"},
                             "geometry": {"type": "LineString",
                                          "coordinates": [to_deg(*net.nodes[a]),
                                                          to_deg(*net.nodes[b])]}})
        lines = os.path.join(tmp, "streets.geojson")
        with open(lines, "w") as f:
            json.dump({"type": "FeatureCollection", "features": features}, f)
        print(f"{len(net.nodes)} junctions, {len(net.segments)} streets, {joined} parts joined, "
              f"{added} station lanes")
        subprocess.run([binary, "network", lines, "--out", out], check=True)


if __name__ == "__main__":
    main()
