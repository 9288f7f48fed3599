#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/), one small valid or
almost-valid input per file: every route and method for the whole-request target, every body
shape for the JSON target, and so on. Run again after adding seeds; the files are committed."""
import gzip
import json
import os
import struct
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
TOKEN = "fuzz-token-0123456789"


def write(target, name, data):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def request(method, path, body=b"", headers=(), token=False):
    if isinstance(body, str):
        body = body.encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: fuzz\r\n"
    if token:
        head += f"Authorization: Bearer {TOKEN}\r\n"
    for h in headers:
        head += h + "\r\n"
    if body or method in ("POST", "PUT", "PATCH"):
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.40, 39.90]},
         "properties": {"name": "站", "host_type": "bank", "amenities": ["water", "toilet"],
                        "opening_hours": "Mo-Fr 09:00-17:00"}}
square = {"type": "Polygon", "coordinates": [[[116.36, 39.88], [116.42, 39.88], [116.42, 39.92],
                                               [116.36, 39.92], [116.36, 39.88]]]}
route = {"type": "LineString", "coordinates": [[116.36, 39.88], [116.40, 39.90], [116.42, 39.91]]}
points = {"points": [[116.40, 39.90], [116.41, 39.91]]}
coverage = {"region": square, "add": [[116.38, 39.89]], "remove": ["g0_0"],
            "candidates": {"type": "FeatureCollection", "features": [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.39, 39.9]},
                 "properties": {"id": "c1", "name": "银行", "host_type": "bank"}}]}}
csv = "id,name,lon,lat,amenities\nb1,One,116.40,39.90,water\nb2,Two,116.41,39.91,toilet\n"

http = [
    ("GET", "/v1/stations/nearest?lon=116.397&lat=39.908&k=5&amenities=toilet&open_now=true&at=2026-11-25T22:00", "", (), False),
    ("GET", "/v1/stations/nearest?lon=116.4&lat=39.9&k=3&offset=2&radius_m=2000&crs=gcj02&format=geojson&fields=name,distance_m", "", (), False),
    ("GET", "/v1/stations/nearest?lon=1e999&lat=0x10&k=%FF", "", (), False),
    ("POST", "/v1/stations/nearest?k=2", json.dumps(points), ("Content-Type: application/json",), False),
    ("GET", "/v1/stations/within?lon=116.4&lat=39.9&radius_m=1500&limit=10&q=%E7%AB%99", "", (), False),
    ("POST", "/v1/stations/within?limit=5", json.dumps(square), ("Content-Type: application/geo+json",), False),
    ("POST", "/v1/stations/along-route?buffer_m=300", json.dumps(route), (), False),
    ("GET", "/v1/stations?bbox=116.35,39.87,116.45,39.93&zoom=12&format=geojson", "", (), False),
    ("GET", "/v1/stations?district=%E8%A5%BF%E5%8C%BA&host_types=bank", "", (), False),
    ("GET", "/v1/stations/g1_1?at=2026-11-25T08:00:00Z", "", (), False),
    ("GET", "/v1/districts?format=geojson", "", ("Accept-Encoding: gzip",), False),
    ("GET", "/v1/coverage/gaps?district=West&radius_m=400&cell_m=200", "", (), False),
    ("POST", "/v1/coverage/gaps?cell_m=200&format=json", json.dumps(coverage), (), False),
    ("GET", "/v1/coverage/districts?format=csv&walk_minutes=5&cell_m=250", "", (), False),
    ("GET", "/v1/coverage/profile?district=East&weekday=sun&cell_m=300", "", (), False),
    ("POST", "/v1/coverage/suggest?k=2&cell_m=300&target_pct=50&district=West", "", (), False),
    ("POST", "/v1/demand", "lon,lat,weight\n116.4,39.9,2\n", ("Content-Type: text/csv",), True),
    ("GET", "/v1/demand", "", (), False),
    ("DELETE", "/v1/demand", "", (), True),
    ("GET", "/v1/meta", "", ("If-None-Match: *",), False),
    ("GET", "/v1/export?format=csv", "", ("Range: bytes=0-99",), False),
    ("GET", "/healthz", "", (), False),
    ("GET", "/readyz", "", (), False),
    ("GET", "/metrics", "", (), False),
    ("POST", "/v1/stations", json.dumps(point), ("Content-Type: application/geo+json",), True),
    ("PUT", "/v1/stations/new-1", json.dumps(point), (), True),
    ("PATCH", "/v1/stations/g1_1", json.dumps({"properties": {"opening_hours": "24/7"}}), (), True),
    ("DELETE", "/v1/stations/g1_1", "", (), True),
    ("POST", "/v1/stations/bulk?mode=replace&confirm_delete=64", csv, ("Content-Type: text/csv",), True),
    ("GET", "/v1/stations/g1_1/history", "", (), True),
    ("POST", "/v1/stations/g1_1/restore?version=1", "", (), True),
    ("OPTIONS", "/v1/stations/nearest", "", ("Origin: http://x", "Access-Control-Request-Method: POST"), False),
]
for i, (m, p, b, h, t) in enumerate(http):
    write("fuzz_http_request", f"route-{i:02d}", request(m, p, b, h, t))
chunked = (b"POST /v1/stations/nearest?k=1 HTTP/1.1\r\nHost: fuzz\r\nTransfer-Encoding: chunked\r\n\r\n"
           b"10\r\n{\"points\":[[116.\r\n0e\r\n4,39.9]]}      \r\n0\r\n\r\n")
write("fuzz_http_request", "chunked", chunked)
gz = gzip.compress(json.dumps(points).encode())
write("fuzz_http_request", "gzip", b"POST /v1/stations/nearest HTTP/1.1\r\nHost: fuzz\r\nContent-Encoding: gzip\r\n"
      + f"Content-Length: {len(gz)}\r\n\r\n".encode() + gz)
write("fuzz_http_request", "pipelined", request("GET", "/v1/meta") + request("GET", "/v1/stations/g0_0") +
      request("POST", "/v1/stations/nearest", json.dumps(points)))
write("fuzz_http_request", "expect", b"POST /v1/stations/nearest HTTP/1.1\r\nHost: fuzz\r\nExpect: 100-continue\r\n"
      b"Content-Length: 30\r\n\r\n{\"points\":[[116.4,39.9]]}     ")

for i, (sel, body) in enumerate([
        (0, square), (0, {"type": "Feature", "geometry": square, "properties": {}}),
        (0, {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [square["coordinates"]]}}]}),
        (1, route), (1, {"type": "Feature", "geometry": route}), (2, points),
        (2, {"type": "MultiPoint", "coordinates": [[116.4, 39.9]]}), (3, coverage), (4, {"exclude": square}),
        (3, square), (5, {"properties": {"name": "新", "amenities": None, "extra": {"a": [1, 2, {"b": "c"}]}}}),
        (0x80, square), (5, [1, [2, [3, [4, [5]]]]])]):
    write("fuzz_json_body", f"body-{i:02d}", bytes([sel]) + json.dumps(body, ensure_ascii=False).encode())

for i, q in enumerate([
        "lon=116.4&lat=39.9&k=5", "lon=-116.4e0&lat=39.9&crs=bd09&format=geojson",
        "at=2026-11-25T22:00+08:00&open_now=true&amenities=toilet,microwave&host_types=bank,supermarket",
        "bbox=116.3,39.8,116.5,40.0&fields=name,distance_m,open_now&q=链家", "k=0x10&lon=+1&lat= 2",
        "radius_m=1e999&lon=nan&lat=inf", "_=1&unknown=2", "lon=116\xff&lat=\x00"]):
    write("fuzz_query", f"query-{i:02d}", q)

for i, h in enumerate(["24/7", "Mo-Fr 09:00-17:00", "Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-14:00",
                       "Fr-Mo 22:00-06:00", "Mo-Su 18:00-26:00", "Su off", "Mo-Sa 08:00-20:00; Su closed",
                       "Sa,Su 10:00-16:00"]):
    write("fuzz_opening_hours", f"hours-{i:02d}", h)

for i, t in enumerate(["2026-11-25T22:00", "2026-11-25T14:30:00Z", "2026-11-25T06:30:00+08:00",
                       "2026-02-28T23:59:59.999-05:30", "2024-02-29T00:00", "1970-01-01T00:00:00Z"]):
    write("fuzz_time", f"time-{i:02d}", t)

for i, (lon, lat, name) in enumerate([(116.397, 39.908, "gcj02"), (121.47, 31.23, "bd09"), (-70.0, -33.4, "wgs84"),
                                      (179.999, 89.999, "GCJ-02"), (0.0, 0.0, "BD09")]):
    write("fuzz_datum", f"datum-{i:02d}", struct.pack("<dd", lon, lat) + name.encode())

write("fuzz_import", "csv-00", b"\x01" + csv.encode())
write("fuzz_import", "csv-01", b"\x01" + "编号,名称,经度,纬度,设施,营业时间\n1,站,116.4,39.9,\"water,toilet\",24/7\n".encode())
write("fuzz_import", "csv-02", b"\x01id,name,lon,lat\na,A,0x74,39.9\nb,B,116.4,\"39.9\n")
fc = {"type": "FeatureCollection", "features": [point, {"type": "Feature", "geometry": square, "properties": {"name": "面"}}]}
write("fuzz_import", "geojson-00", b"\x00" + json.dumps(fc, ensure_ascii=False).encode())
# Deep but within reach of the nesting check (and a start for mutations towards more).
write("fuzz_json_body", "deep-route-1000", b"\x01" + b'{"type":"LineString","coordinates":' + b"[" * 1000 + b"]" * 1000 + b"}")
write("fuzz_json_body", "deep-patch-1000", b"\x05" + b'{"properties":' + b'{"a":' * 1000 + b"1" + b"}" * 1000 + b"}")
print("seeds written under", root)

# fuzz_network: the first byte picks OSM XML (0), PBF (1), OPL (2) or a GeoJSON line layer (3).
nodes = "".join(f'<node id="{i}" lat="{40 + i * 0.0005:.7f}" lon="{116.3 + (i % 3) * 0.0005:.7f}"/>'
                for i in range(1, 7))
ways = ('<way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>'
        '<way id="11"><nd ref="3"/><nd ref="4"/><tag k="highway" v="trunk"/>'
        '<tag k="sidewalk" v="both"/></way>'
        '<way id="12"><nd ref="4"/><nd ref="9"/><nd ref="5"/><tag k="highway" v="path"/></way>'
        '<way id="13"><nd ref="5"/><nd ref="6"/><tag k="highway" v="motorway"/>'
        '<tag k="foot" v="yes"/></way>')
write("fuzz_network", "osm-00", b"\x00" + f'<?xml version="1.0"?><osm version="0.6">{nodes}{ways}</osm>'.encode())
write("fuzz_network", "osm-01", b"\x00<osm version=\"0.6\"><node id=\"1\" lat=\"91\" lon=\"0\"/></osm>")
opl = "".join(f"n{i} v1 x{116.3 + (i % 3) * 0.0005:.7f} y{40 + i * 0.0005:.7f}\n" for i in range(1, 7))
opl += "w10 v1 Thighway=residential Nn1,n2,n3\nw11 v1 Thighway=footway,foot=yes Nn3,n4,n5,n6\n"
write("fuzz_network", "opl-00", b"\x02" + opl.encode())
lines = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"highway": "footway"},
     "geometry": {"type": "LineString", "coordinates": [[116.30, 40.0], [116.31, 40.0]]}},
    {"type": "Feature", "properties": {"walkable": "no"},
     "geometry": {"type": "MultiLineString", "coordinates": [[[116.31, 40.0], [116.31, 40.01]]]}}]}
write("fuzz_network", "geojson-00", b"\x03" + json.dumps(lines).encode())
# A PBF seed when a stationfinder binary is given (it writes PBF with libosmium).
if len(sys.argv) > 1:
    import subprocess, tempfile
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "n.osm"), os.path.join(tmp, "n.osm.pbf")
        with open(src, "w") as f:
            f.write(f'<?xml version="1.0"?><osm version="0.6">{nodes}{ways}</osm>')
        subprocess.run([sys.argv[1], "network", src, "--min-part-nodes", "1", "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
        with open(out, "rb") as f:
            write("fuzz_network", "pbf-00", b"\x01" + f.read())
