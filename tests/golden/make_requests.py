#!/usr/bin/env python3
"""Writes tests/golden/requests.jsonl: the golden corpus's requests, one JSON object a line.

Each request is sent raw, with `Connection: close`, to one of the servers the golden test
starts (tests/http/golden_test.cpp says how each is started):
  main       the bundled dataset in a GeoPackage store, a token, an exclusion layer and
             candidate sites
  writes     the same store, for the writes (sent in order; later reads see them)
  read_only  a CSV source with a token (writes answer 409)
  no_tokens  a CSV source without tokens (writes answer 403)
Every station query names a fixed `at=`, and every station written has hours that are always
open or unknown, so no answer depends on the clock. `compare` is
"all" (status, every header but Date, body) or "head" (status and headers but Content-Length:
/metrics counts the corpus itself). Run this script again after adding a request, then record
the answers: SF_GOLDEN_RECORD=1 build/release/sf_golden_tests.
"""
import json
import os
from urllib.parse import quote

TOKEN = "golden-corpus-token-0123456789"
AT = "2026-11-25T12:00"
NIGHT = "2026-11-25T23:30"
ID = "bj-110101-00001"
ID2 = "bj-110101-00002"
SQUARE = ('{"type":"Polygon","coordinates":[[[116.38,39.89],[116.42,39.89],[116.42,39.93],'
          '[116.38,39.93],[116.38,39.89]]]}')
SQUARE_GCJ = ('{"type":"Polygon","coordinates":[[[116.386,39.891],[116.426,39.891],'
              '[116.426,39.931],[116.386,39.931],[116.386,39.891]]]}')
MULTI = ('{"type":"MultiPolygon","coordinates":[[[[116.38,39.89],[116.40,39.89],[116.40,39.91],'
         '[116.38,39.89]]],[[[116.45,39.95],[116.47,39.95],[116.47,39.97],[116.45,39.95]]]]}')
ROUTE = ('{"type":"LineString","coordinates":[[116.3975,39.9087],[116.4075,39.9087],'
         '[116.4175,39.9150],[116.4300,39.9200]]}')

out = []


def add(name, method, target, body="", headers=(), token=False, server="main", compare="all",
        raw=None):
    if raw is None:
        r = f"{method} {target} HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
        if token:
            r += f"Authorization: Bearer {TOKEN}\r\n"
        for h in headers:
            r += h + "\r\n"
        b = body.encode("utf-8")
        if body or method in ("POST", "PUT", "PATCH"):
            if not any(h.lower().startswith("content-type") for h in headers):
                r += "Content-Type: application/json\r\n"
            r += f"Content-Length: {len(b)}\r\n"
        raw = r + "\r\n" + body
    assert not any(o["name"] == name for o in out), name
    out.append({"name": name, "server": server, "compare": compare, "raw": raw})


def q(s):
    return quote(s, safe="")


def feature(props, lon=116.40, lat=39.91):
    return ('{"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},"properties":%s}'
            % (lon, lat, props))


def points(n, lon=116.4, lat=39.9):
    return '{"points":[' + ",".join(f"[{lon + i * 0.01:.4f},{lat + i * 0.005:.4f}]"
                                     for i in range(n)) + "]}"


def line(n):
    return ('{"type":"LineString","coordinates":[' +
            ",".join(f"[116.4,{39.9 + i * 1e-5:.5f}]" for i in range(n)) + "]}")


# --- GET /v1/stations/nearest -------------------------------------------------------------
N = "/v1/stations/nearest?lon=116.397&lat=39.908&at=" + AT
for k in (1, 5, 20, 100):
    add(f"nearest-k{k}", "GET", f"{N}&k={k}")
add("nearest-default-k", "GET", N)
add("nearest-offset", "GET", f"{N}&k=5&offset=5")
add("nearest-offset-window-edge", "GET", f"{N}&k=100&offset=9900")
add("nearest-radius", "GET", f"{N}&k=10&radius_m=400")
add("nearest-radius-none", "GET", f"{N}&k=10&radius_m=5")
add("nearest-toilet", "GET", f"{N}&amenities=toilet")
add("nearest-two-amenities", "GET", f"{N}&amenities=toilet,first_aid&k=3")
add("nearest-microwave-alias", "GET", f"{N}&amenities=microwave&k=3")
add("nearest-host-types", "GET", f"{N}&host_types=bank,gas_station&k=4")
add("nearest-q", "GET", f"{N}&q={q('链家')}&k=3")
add("nearest-q-case", "GET", f"{N}&q=eleven&k=3")
add("nearest-open-now", "GET", f"{N}&open_now=true&k=5")
add("nearest-open-now-night", "GET", f"/v1/stations/nearest?lon=116.397&lat=39.908&at={NIGHT}&open_now=true&k=5")
add("nearest-open-now-false", "GET", f"{N}&open_now=false&k=2")
add("nearest-at-offset", "GET", "/v1/stations/nearest?lon=116.397&lat=39.908&k=3&at=" + q("2026-11-25T04:00:00Z"))
add("nearest-at-date-only", "GET", "/v1/stations/nearest?lon=116.397&lat=39.908&k=3&at=2026-11-29T08:00")
add("nearest-fields", "GET", f"{N}&fields=name,distance_m,open_now&k=3")
add("nearest-fields-geojson", "GET", f"{N}&fields=name&format=geojson&k=3")
add("nearest-geojson", "GET", f"{N}&format=geojson&k=3")
add("nearest-json-explicit", "GET", f"{N}&format=json&k=2")
add("nearest-gcj02", "GET", f"/v1/stations/nearest?lon=116.4035&lat=39.9094&crs=gcj02&k=3&at={AT}")
add("nearest-bd09", "GET", f"/v1/stations/nearest?lon=116.4100&lat=39.9150&crs=bd09&k=3&at={AT}")
add("nearest-gcj02-geojson", "GET", f"/v1/stations/nearest?lon=116.4035&lat=39.9094&crs=gcj02&format=geojson&k=2&at={AT}")
add("nearest-bd09-geojson", "GET", f"/v1/stations/nearest?lon=116.4100&lat=39.9150&crs=bd09&format=geojson&k=2&at={AT}")
add("nearest-wgs84-named", "GET", f"{N}&crs=wgs84&k=2")
add("nearest-all-filters", "GET", f"{N}&amenities=toilet&host_types=bank&open_now=true&radius_m=3000&k=5&fields=name,host_type,distance_m")
add("nearest-far-away", "GET", f"/v1/stations/nearest?lon=-74.0&lat=40.7&k=2&at={AT}")
add("nearest-antimeridian", "GET", f"/v1/stations/nearest?lon=180&lat=0&k=1&at={AT}")
add("nearest-pole", "GET", f"/v1/stations/nearest?lon=0&lat=90&k=1&at={AT}")
add("nearest-gzip", "GET", f"{N}&k=20", headers=["Accept-Encoding: gzip"])
add("nearest-head", "HEAD", f"{N}&k=2")
add("nearest-if-none-match", "GET", f"{N}&k=2", headers=['If-None-Match: W/"dd5450052459e9ab-0000000000000000"'])
add("nearest-options", "OPTIONS", f"{N}", headers=["Origin: http://example.org", "Access-Control-Request-Method: GET"])
# errors
add("nearest-missing-lon", "GET", "/v1/stations/nearest?lat=39.9")
add("nearest-missing-lat", "GET", "/v1/stations/nearest?lon=116.4")
add("nearest-lon-abc", "GET", "/v1/stations/nearest?lon=abc&lat=39.9")
add("nearest-lon-hex", "GET", "/v1/stations/nearest?lon=0x1.3ep5&lat=39.9")
add("nearest-lon-plus", "GET", "/v1/stations/nearest?lon=%2B116.4&lat=39.9")
add("nearest-lon-space", "GET", "/v1/stations/nearest?lon=%20116.4&lat=39.9")
add("nearest-lon-nan", "GET", "/v1/stations/nearest?lon=nan&lat=39.9")
add("nearest-lon-inf", "GET", "/v1/stations/nearest?lon=1e999&lat=39.9")
add("nearest-lon-181", "GET", "/v1/stations/nearest?lon=181&lat=39.9")
add("nearest-lat-91", "GET", "/v1/stations/nearest?lon=116.4&lat=91")
add("nearest-lat-minus-90.5", "GET", "/v1/stations/nearest?lon=116&lat=-90.5")
for k in ("0", "101", "2.5", "-1", "abc", "99999999999999999999999"):
    add(f"nearest-k-{k}", "GET", f"{N}&k={k}")
add("nearest-offset-negative", "GET", f"{N}&offset=-1")
add("nearest-offset-over-window", "GET", f"{N}&k=100&offset=9950")
add("nearest-offset-far", "GET", f"{N}&offset=20000")
add("nearest-k-twice", "GET", f"{N}&k=5&k=6")
add("nearest-unknown-parameter", "GET", f"{N}&lonn=1")
add("nearest-unknown-amenity", "GET", f"{N}&amenities=jacuzzi")
add("nearest-empty-amenity", "GET", f"{N}&amenities=")
add("nearest-unknown-host-type", "GET", f"{N}&host_types=castle")
add("nearest-unknown-crs", "GET", f"{N}&crs=epsg4326")
add("nearest-unknown-format", "GET", f"{N}&format=xml")
add("nearest-unknown-field", "GET", f"{N}&fields=name,nope")
add("nearest-bad-at", "GET", "/v1/stations/nearest?lon=116.4&lat=39.9&at=2026-02-30T00:00")
add("nearest-at-garbage", "GET", "/v1/stations/nearest?lon=116.4&lat=39.9&at=tomorrow")
add("nearest-bad-boolean", "GET", f"{N}&open_now=maybe")
add("nearest-q-too-long", "GET", f"{N}&q=" + "a" * 201)
add("nearest-radius-negative", "GET", f"{N}&radius_m=-5")
add("nearest-radius-huge", "GET", f"{N}&radius_m=1e12")
add("nearest-radius-zero", "GET", f"{N}&radius_m=0")
add("nearest-invalid-utf8-lon", "GET", "/v1/stations/nearest?lon=%FF&lat=39.9")
add("nearest-invalid-utf8-amenities", "GET", f"{N}&amenities=toil%C0%AFet")
add("nearest-nul-q", "GET", f"{N}&q=%00")
add("nearest-invalid-utf8-name", "GET", f"{N}&%FF=1")
add("nearest-invalid-utf8-crs", "GET", f"{N}&crs=%E9")
add("nearest-invalid-utf8-fields", "GET", f"{N}&fields=%80")

# --- POST /v1/stations/nearest --------------------------------------------------------------
P = "/v1/stations/nearest?at=" + AT
add("batch-3", "POST", f"{P}&k=2", points(3))
add("batch-1", "POST", f"{P}&k=1", points(1))
add("batch-geojson", "POST", f"{P}&k=2&format=geojson", points(2))
add("batch-multipoint", "POST", f"{P}&k=2", '{"type":"MultiPoint","coordinates":[[116.4,39.9],[116.5,39.95]]}')
add("batch-gcj02", "POST", f"{P}&k=2&crs=gcj02", points(2, 116.406, 39.901))
add("batch-bd09", "POST", f"{P}&k=2&crs=bd09", points(2, 116.413, 39.907))
add("batch-filters", "POST", f"{P}&k=3&amenities=toilet&open_now=true&fields=name,distance_m", points(4))
add("batch-radius", "POST", f"{P}&k=3&radius_m=300", points(3))
add("batch-1000", "POST", f"{P}&k=1&fields=distance_m", points(1000, 116.0, 39.6))
add("batch-empty", "POST", f"{P}&k=1", '{"points":[]}')
add("batch-too-many", "POST", f"{P}&k=2", points(1001))
add("batch-array", "POST", "/v1/stations/nearest", "[1,2,3]")
add("batch-truncated", "POST", "/v1/stations/nearest", '{"points":')
add("batch-no-body", "POST", "/v1/stations/nearest", "")
add("batch-bad-point", "POST", "/v1/stations/nearest", '{"points":[[116.4]]}')
add("batch-lat-out", "POST", "/v1/stations/nearest", '{"points":[[116.4,95]]}')
add("batch-string-coords", "POST", "/v1/stations/nearest", '{"points":[["116.4","39.9"]]}')
add("batch-nul", "POST", "/v1/stations/nearest", '{"points":[["\\u0000",1]]}')
add("batch-deep", "POST", "/v1/stations/nearest", '{"points":' + "[" * 100 + "]" * 100 + "}")
add("batch-k-101", "POST", "/v1/stations/nearest?k=101", points(1))
add("batch-declared-too-large", "POST", "/v1/stations/nearest", raw=(
    "POST /v1/stations/nearest HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
    "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n"))
add("batch-both-framings", "POST", "/v1/stations/nearest", raw=(
    "POST /v1/stations/nearest HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
    "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
add("batch-brotli", "POST", "/v1/stations/nearest", raw=(
    "POST /v1/stations/nearest HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
    "Content-Encoding: br\r\nContent-Length: 5\r\n\r\nhello"))
add("batch-length-abc", "POST", "/v1/stations/nearest", raw=(
    "POST /v1/stations/nearest HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
    "Content-Length: abc\r\n\r\n"))
add("batch-chunked", "POST", "/v1/stations/nearest", raw=(
    "POST /v1/stations/nearest?k=1&at=" + AT + " HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
    "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    "a\r\n{\"points\":\r\n11\r\n[[116.4,39.9]]}\r\n0\r\n\r\n"))
add("batch-expect-over-limit", "POST", "/v1/stations/nearest", raw=(
    "POST /v1/stations/nearest HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
    "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 9000000\r\n\r\n"))

# --- GET /v1/stations/within -----------------------------------------------------------------
W = "/v1/stations/within?lon=116.4&lat=39.9&at=" + AT
add("within-800", "GET", f"{W}&radius_m=800&limit=5")
add("within-800-all", "GET", f"{W}&radius_m=800")
add("within-offset", "GET", f"{W}&radius_m=2000&limit=5&offset=10")
add("within-geojson", "GET", f"{W}&radius_m=500&format=geojson")
add("within-gcj02", "GET", f"/v1/stations/within?lon=116.406&lat=39.901&radius_m=500&crs=gcj02&at={AT}")
add("within-bd09", "GET", f"/v1/stations/within?lon=116.413&lat=39.907&radius_m=500&crs=bd09&format=geojson&at={AT}")
add("within-filters", "GET", f"{W}&radius_m=3000&amenities=toilet&host_types=supermarket&open_now=true&limit=5")
add("within-fields", "GET", f"{W}&radius_m=1000&fields=name,distance_m,bearing_deg&limit=4")
add("within-empty", "GET", f"/v1/stations/within?lon=10&lat=10&radius_m=1000&at={AT}")
add("within-night", "GET", f"/v1/stations/within?lon=116.4&lat=39.9&radius_m=1500&open_now=true&at={NIGHT}")
add("within-radius-huge", "GET", f"{W}&radius_m=1e12")
add("within-radius-negative", "GET", f"{W}&radius_m=-1")
add("within-limit-1001", "GET", f"{W}&radius_m=800&limit=1001")
add("within-limit-0", "GET", f"{W}&radius_m=800&limit=0")
add("within-window", "GET", f"{W}&radius_m=800&limit=1000&offset=9500")
add("within-missing-radius", "GET", W)
add("within-lat-bad", "GET", "/v1/stations/within?lon=116.4&lat=-91&radius_m=5")
add("within-unknown-param", "GET", f"{W}&radius=5")

# --- POST /v1/stations/within ------------------------------------------------------------------
PW = "/v1/stations/within?at=" + AT
add("polygon-square", "POST", f"{PW}&limit=5", SQUARE)
add("polygon-square-all", "POST", f"{PW}&fields=name", SQUARE)
add("polygon-feature", "POST", f"{PW}&limit=3", '{"type":"Feature","properties":{},"geometry":' + SQUARE + "}")
add("polygon-collection", "POST", f"{PW}&limit=3", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":' + SQUARE + "}]}")
add("polygon-multi", "POST", f"{PW}&limit=5", MULTI)
add("polygon-geojson", "POST", f"{PW}&limit=3&format=geojson", SQUARE)
add("polygon-gcj02", "POST", f"{PW}&limit=3&crs=gcj02", SQUARE_GCJ)
add("polygon-bd09", "POST", f"{PW}&limit=3&crs=bd09&format=geojson", SQUARE_GCJ)
add("polygon-filters", "POST", f"{PW}&amenities=toilet&open_now=true&limit=5", SQUARE)
add("polygon-offset", "POST", f"{PW}&limit=5&offset=5", SQUARE)
add("polygon-line", "POST", "/v1/stations/within", line(3))
add("polygon-open-ring", "POST", "/v1/stations/within", '{"type":"Polygon","coordinates":[[[116.4,39.9],[116.5,39.9],[116.5,40],[116.4,39.8]]]}')
add("polygon-lat-out", "POST", "/v1/stations/within", '{"type":"Polygon","coordinates":[[[116.4,99],[116.5,39.9],[116.5,40],[116.4,99]]]}')
add("polygon-empty", "POST", "/v1/stations/within", "")
add("polygon-two-features", "POST", f"{PW}&limit=3", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":' + SQUARE + '},{"type":"Feature","properties":{},"geometry":' + SQUARE + "}]}")
add("polygon-type-number", "POST", "/v1/stations/within", '{"type":5,"coordinates":[]}')
add("polygon-deep", "POST", "/v1/stations/within", '{"type":"Polygon","coordinates":' + "[" * 70 + "]" * 70 + "}")

# --- POST /v1/stations/along-route --------------------------------------------------------------
A = "/v1/stations/along-route?at=" + AT
add("route-default", "POST", A, ROUTE)
add("route-buffer-100", "POST", f"{A}&buffer_m=100", ROUTE)
add("route-limit", "POST", f"{A}&buffer_m=300&limit=3", ROUTE)
add("route-offset", "POST", f"{A}&buffer_m=500&limit=3&offset=3", ROUTE)
add("route-geojson", "POST", f"{A}&buffer_m=200&format=geojson", ROUTE)
add("route-feature", "POST", f"{A}&buffer_m=200", '{"type":"Feature","properties":{},"geometry":' + ROUTE + "}")
add("route-gcj02", "POST", f"{A}&buffer_m=200&crs=gcj02", ROUTE)
add("route-bd09", "POST", f"{A}&buffer_m=200&crs=bd09&format=geojson", ROUTE)
add("route-filters", "POST", f"{A}&buffer_m=800&amenities=toilet&open_now=true&fields=name,route_offset_m,detour_m", ROUTE)
add("route-short", "POST", f"{A}&buffer_m=300&limit=5", line(10))
add("route-buffer-0", "POST", "/v1/stations/along-route?buffer_m=0", line(3))
add("route-buffer-huge", "POST", "/v1/stations/along-route?buffer_m=1e9", line(3))
add("route-polygon", "POST", "/v1/stations/along-route", SQUARE)
add("route-one-point", "POST", "/v1/stations/along-route", '{"type":"LineString","coordinates":[[116.4,39.9]]}')
add("route-too-complex", "POST", "/v1/stations/along-route", line(10001))
add("route-deep", "POST", "/v1/stations/along-route", '{"type":"LineString","coordinates":' + "[" * 65 + "]" * 65 + "}")
add("route-not-json", "POST", "/v1/stations/along-route", "LINESTRING(1 2, 3 4)")

# --- GET /v1/stations (box, district, all, clusters) ------------------------------------------------
L = "/v1/stations?at=" + AT
add("list-bbox", "GET", f"{L}&bbox=116.38,39.89,116.42,39.93&limit=10")
add("list-bbox-offset", "GET", f"{L}&bbox=116.38,39.89,116.42,39.93&limit=10&offset=10")
add("list-bbox-geojson", "GET", f"{L}&bbox=116.38,39.89,116.42,39.93&limit=5&format=geojson")
add("list-bbox-gcj02", "GET", f"{L}&bbox=116.386,39.891,116.426,39.931&limit=5&crs=gcj02")
add("list-bbox-bd09", "GET", f"{L}&bbox=116.39,39.9,116.43,39.94&limit=5&crs=bd09&format=geojson")
add("list-bbox-antimeridian", "GET", f"{L}&bbox=179,-10,-179,10")
add("list-bbox-filters", "GET", f"{L}&bbox=116.3,39.8,116.5,40.0&amenities=toilet&host_types=bank&open_now=true&limit=5")
add("list-district-zh", "GET", f"{L}&district={q('东城区')}&limit=5")
add("list-district-en", "GET", f"{L}&district=Dongcheng&limit=5&offset=100")
add("list-district-code", "GET", f"{L}&district=110105&limit=3")
add("list-district-geojson", "GET", f"{L}&district=Yanqing&limit=3&format=geojson")
add("list-all", "GET", f"{L}&limit=5")
add("list-all-last-page", "GET", f"{L}&limit=5&offset=9598")
add("list-all-fields", "GET", f"{L}&limit=5&fields=name,district")
add("list-q", "GET", f"{L}&q={q('加油站')}&limit=5")
add("list-clusters-10", "GET", f"{L}&bbox=115.4,39.4,117.5,41.0&zoom=10&format=geojson")
add("list-clusters-12", "GET", f"{L}&bbox=116.3,39.85,116.5,39.95&zoom=12&format=geojson")
add("list-clusters-district", "GET", f"{L}&district=Chaoyang&zoom=11&format=geojson")
add("list-clusters-gcj02", "GET", f"{L}&bbox=116.3,39.85,116.5,39.95&zoom=12&format=geojson&crs=gcj02")
add("list-zoom-16", "GET", f"{L}&bbox=116.39,39.90,116.40,39.91&zoom=16&format=geojson")
add("list-bbox-3", "GET", "/v1/stations?bbox=1,2,3")
add("list-bbox-hex", "GET", "/v1/stations?bbox=0x1,2,3,4")
add("list-bbox-south-above-north", "GET", "/v1/stations?bbox=116,40,117,39")
add("list-bbox-lon-190", "GET", "/v1/stations?bbox=116,39,190,40")
add("list-bbox-and-district", "GET", "/v1/stations?bbox=116,39,117,40&district=Dongcheng")
add("list-unknown-district", "GET", "/v1/stations?district=Atlantis")
add("list-district-invalid-utf8", "GET", "/v1/stations?district=%FF%FE")
add("list-limit-2000", "GET", "/v1/stations?limit=2000")
add("list-window", "GET", "/v1/stations?limit=1000&offset=9001")
add("list-zoom-bad", "GET", "/v1/stations?bbox=116,39,117,40&zoom=40&format=geojson")

# --- GET /v1/stations/{id} --------------------------------------------------------------------
add("one", "GET", f"/v1/stations/{ID}?at={AT}")
add("one-geojson", "GET", f"/v1/stations/{ID}?at={AT}&format=geojson")
add("one-gcj02", "GET", f"/v1/stations/{ID}?at={AT}&crs=gcj02")
add("one-bd09-geojson", "GET", f"/v1/stations/{ID2}?at={AT}&crs=bd09&format=geojson")
add("one-fields", "GET", f"/v1/stations/{ID2}?at={AT}&fields=name,phone")
add("one-night", "GET", f"/v1/stations/{ID2}?at={NIGHT}")
add("one-not-found", "GET", "/v1/stations/nope")
add("one-invalid-utf8", "GET", "/v1/stations/bad%FFid")
add("one-bad-field", "GET", f"/v1/stations/{ID}?fields=bogus")
add("one-unknown-param", "GET", f"/v1/stations/{ID}?k=5")

# --- GET /v1/districts ---------------------------------------------------------------------------
add("districts", "GET", "/v1/districts")
add("districts-geojson", "GET", "/v1/districts?format=geojson")
add("districts-geojson-gcj02", "GET", "/v1/districts?format=geojson&crs=gcj02")
add("districts-bd09", "GET", "/v1/districts?crs=bd09")
add("districts-gzip", "GET", "/v1/districts?format=geojson", headers=["Accept-Encoding: gzip"])
add("districts-etag-miss", "GET", "/v1/districts", headers=['If-None-Match: "nope"'])
add("districts-ranges", "GET", "/v1/districts?format=geojson", headers=["Range: bytes=0-,0-,0-,0-"])
add("districts-shp", "GET", "/v1/districts?format=shp")
add("districts-unknown-param", "GET", "/v1/districts?district=Dongcheng")

# --- coverage: gaps --------------------------------------------------------------------------------
G = "/v1/coverage/gaps?district=Dongcheng&cell_m=200"
add("gaps-dongcheng", "GET", f"{G}&radius_m=400")
add("gaps-default-radius", "GET", G)
add("gaps-zh-name", "GET", f"/v1/coverage/gaps?district={q('西城区')}&cell_m=250&radius_m=300")
add("gaps-code", "GET", "/v1/coverage/gaps?district=110101&cell_m=250&radius_m=300&format=json")
add("gaps-json", "GET", f"{G}&radius_m=300&format=json")
add("gaps-csv", "GET", f"{G}&radius_m=300&format=csv")
add("gaps-gpkg", "GET", f"{G}&radius_m=300&format=gpkg")
add("gaps-shp", "GET", f"{G}&radius_m=300&format=shp")
add("gaps-tiff", "GET", f"{G}&radius_m=300&format=tiff")
add("gaps-shp-bbox", "GET", "/v1/coverage/gaps?bbox=116.38,39.89,116.42,39.93&cell_m=100&radius_m=300&format=shp")
add("gaps-tiff-bbox", "GET", "/v1/coverage/gaps?bbox=116.38,39.89,116.42,39.93&cell_m=100&radius_m=300&format=tiff")
add("gaps-tiff-gcj02", "GET", "/v1/coverage/gaps?bbox=116.386,39.891,116.426,39.931&cell_m=100&radius_m=300&format=tiff&crs=gcj02")
add("gaps-walk", "GET", f"{G}&walk_minutes=4")
add("gaps-min-stations", "GET", f"{G}&radius_m=500&min_stations=2&format=json")
add("gaps-at-night", "GET", f"{G}&radius_m=500&at={NIGHT}&format=json")
add("gaps-bbox", "GET", "/v1/coverage/gaps?bbox=116.38,39.89,116.42,39.93&cell_m=100&radius_m=300")
add("gaps-bbox-gcj02", "GET", "/v1/coverage/gaps?bbox=116.386,39.891,116.426,39.931&cell_m=100&radius_m=300&crs=gcj02")
add("gaps-bbox-bd09", "GET", "/v1/coverage/gaps?bbox=116.39,39.9,116.43,39.94&cell_m=100&radius_m=300&crs=bd09&format=json")
add("gaps-no-exclude", "GET", f"{G}&radius_m=400&exclude=false&format=json")
add("gaps-gzip", "GET", f"{G}&radius_m=400", headers=["Accept-Encoding: gzip"])
add("gaps-missing-region", "GET", "/v1/coverage/gaps?radius_m=400")
add("gaps-grid-too-large", "GET", "/v1/coverage/gaps?district=Chaoyang&cell_m=5")
add("gaps-region-too-large", "GET", "/v1/coverage/gaps?bbox=100,20,130,45&cell_m=10000")
add("gaps-radius-and-walk", "GET", "/v1/coverage/gaps?district=Dongcheng&radius_m=400&walk_minutes=5")
add("gaps-unknown-format", "GET", f"{G}&format=kml")
add("gaps-cell-negative", "GET", "/v1/coverage/gaps?district=Dongcheng&cell_m=-1")
add("gaps-radius-zero", "GET", "/v1/coverage/gaps?district=Dongcheng&radius_m=0")
add("gaps-min-stations-0", "GET", "/v1/coverage/gaps?district=Dongcheng&min_stations=0")
add("gaps-unknown-district", "GET", "/v1/coverage/gaps?district=Gotham")
add("gaps-bad-bbox", "GET", "/v1/coverage/gaps?bbox=116,40,117")
add("gaps-unknown-param", "GET", f"{G}&radius=400")
PG = "/v1/coverage/gaps?cell_m=200"
add("gaps-post-polygon", "POST", f"{PG}&format=json", SQUARE)
add("gaps-post-geojson", "POST", f"{PG}&radius_m=300", SQUARE)
add("gaps-post-feature", "POST", f"{PG}&radius_m=300&format=json", '{"type":"Feature","properties":{},"geometry":' + SQUARE + "}")
add("gaps-post-multi", "POST", f"{PG}&radius_m=300&format=json", MULTI)
add("gaps-post-region-add", "POST", f"{PG}&radius_m=300&format=json", '{"region":' + SQUARE + ',"add":[[116.40,39.91],[116.39,39.92]]}')
add("gaps-post-region-remove", "POST", f"{PG}&radius_m=300&format=json", '{"region":' + SQUARE + f',"remove":["{ID2}"]}}')
add("gaps-post-exclude", "POST", f"{PG}&radius_m=300&format=json", '{"region":' + SQUARE + ',"exclude":{"type":"Polygon","coordinates":[[[116.39,39.90],[116.41,39.90],[116.41,39.92],[116.39,39.90]]]}}')
add("gaps-post-shp", "POST", f"{PG}&radius_m=300&format=shp", SQUARE)
add("gaps-post-gcj02", "POST", f"{PG}&radius_m=300&format=json&crs=gcj02", SQUARE_GCJ)
add("gaps-post-district-add", "POST", "/v1/coverage/gaps?district=Dongcheng&cell_m=200&format=json", '{"add":[[116.40,39.91]]}')
add("gaps-post-unknown-remove", "POST", PG, '{"region":' + SQUARE + ',"remove":["nope"]}')
add("gaps-post-deep", "POST", "/v1/coverage/gaps", '{"type":"Polygon","coordinates":[[[116.4,39.9,' + "[" * 70 + "]" * 70 + "]]]}")
add("gaps-post-bogus", "POST", "/v1/coverage/gaps", '{"bogus":1}')
add("gaps-post-not-json", "POST", "/v1/coverage/gaps", "{")
add("gaps-post-line", "POST", "/v1/coverage/gaps", ROUTE)

# --- coverage: the district report -----------------------------------------------------------------
R = "/v1/coverage/districts?cell_m=500"
add("report", "GET", R)
add("report-csv", "GET", f"{R}&format=csv")
add("report-at", "GET", f"{R}&at={AT}")
add("report-at-night-csv", "GET", f"{R}&at={NIGHT}&format=csv")
add("report-radius-walk", "GET", f"{R}&walk_minutes=10")
add("report-min-stations", "GET", f"{R}&min_stations=2&radius_m=800")
add("report-no-exclude", "GET", f"{R}&exclude=false")
add("report-pdf", "GET", f"{R}&format=pdf")
add("report-cell-abc", "GET", "/v1/coverage/districts?cell_m=abc")
add("report-bad-at", "GET", f"{R}&at=2026-13-01T00:00")
add("report-post-empty", "POST", R, "")
add("report-post-add", "POST", R, '{"add":[[116.40,39.91],[116.6,40.1]]}')
add("report-post-remove", "POST", f"{R}&format=csv", f'{{"remove":["{ID}","{ID2}"]}}')
add("report-post-truncated", "POST", R, "{")
add("report-post-add-string", "POST", R, '{"add":"x"}')

# --- coverage: the hourly profile ---------------------------------------------------------------------
PR = "/v1/coverage/profile?district=Dongcheng&cell_m=400"
add("profile-sun", "GET", f"{PR}&weekday=sun")
add("profile-mon-csv", "GET", f"{PR}&weekday=mon&format=csv")
add("profile-radius", "GET", f"{PR}&weekday=sat&radius_m=800")
add("profile-zh", "GET", f"/v1/coverage/profile?district={q('延庆区')}&cell_m=1000&weekday=wed")
add("profile-bad-weekday", "GET", f"{PR}&weekday=someday")
add("profile-missing-weekday", "GET", PR)
add("profile-unknown-district", "GET", "/v1/coverage/profile?district=Nowhere&weekday=sun")
add("profile-geojson", "GET", f"{PR}&weekday=sun&format=geojson")
add("profile-post", "POST", "/v1/coverage/profile?weekday=mon&cell_m=400", SQUARE)
add("profile-post-csv", "POST", "/v1/coverage/profile?weekday=fri&cell_m=400&format=csv", SQUARE)
add("profile-post-gcj02", "POST", "/v1/coverage/profile?weekday=fri&cell_m=400&crs=gcj02", SQUARE_GCJ)
add("profile-post-bad", "POST", "/v1/coverage/profile?weekday=mon", "[1,2")
add("profile-post-crs", "POST", "/v1/coverage/profile?weekday=mon&crs=nad27", SQUARE)

# --- coverage: suggestions ----------------------------------------------------------------------
S = "/v1/coverage/suggest?district=Dongcheng&cell_m=400"
add("suggest-bodiless", "POST", S, raw=(
    f"POST {S}&k=2 HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n\r\n"))
add("suggest-k3", "POST", f"{S}&k=3", "")
add("suggest-target", "POST", f"{S}&k=5&target_pct=95", "")
add("suggest-geojson", "POST", f"{S}&k=2&format=geojson", "")
add("suggest-csv", "POST", f"{S}&k=2&format=csv", "")
add("suggest-gpkg", "POST", f"{S}&k=2&format=gpkg", "")
add("suggest-spacing", "POST", f"{S}&k=2&candidates=grid&candidate_spacing_m=800", "")
add("suggest-server-candidates", "POST", f"{S}&k=2&candidates=server", "")
add("suggest-body-candidates", "POST", "/v1/coverage/suggest?cell_m=200&k=2",
    '{"region":' + SQUARE + ',"candidates":{"type":"FeatureCollection","features":['
    '{"type":"Feature","properties":{"id":"c1","name":"Bank A","host_type":"bank"},"geometry":{"type":"Point","coordinates":[116.39,39.90]}},'
    '{"type":"Feature","properties":{"id":"c2","name":"Shop B","host_type":"supermarket"},"geometry":{"type":"Point","coordinates":[116.41,39.92]}}]}}')
add("suggest-gcj02", "POST", "/v1/coverage/suggest?cell_m=200&k=2&crs=gcj02", SQUARE_GCJ)
add("suggest-too-many-candidates", "POST", "/v1/coverage/suggest?district=Dongcheng&candidates=grid&candidate_spacing_m=5")
add("suggest-k0", "POST", "/v1/coverage/suggest?district=Dongcheng&k=0")
add("suggest-tiff", "POST", "/v1/coverage/suggest?district=Dongcheng&format=tiff")
add("suggest-min-stations", "POST", "/v1/coverage/suggest?district=Dongcheng&min_stations=2")
add("suggest-target-over", "POST", "/v1/coverage/suggest?district=Dongcheng&target_pct=101")
add("suggest-get", "GET", "/v1/coverage/suggest?district=Dongcheng")

# --- downloads ------------------------------------------------------------------------------
add("export-geojson", "GET", "/v1/export?format=geojson")
add("export-csv", "GET", "/v1/export?format=csv")
add("export-gpkg", "GET", "/v1/export?format=gpkg")
add("export-fgb", "GET", "/v1/export?format=fgb")
add("export-fgb-range", "GET", "/v1/export?format=fgb", headers=["Range: bytes=0-7"])
add("export-fgb-head", "HEAD", "/v1/export?format=fgb")
add("export-gcj02-csv", "GET", "/v1/export?format=csv&crs=gcj02")
add("export-range", "GET", "/v1/export?format=csv", headers=["Range: bytes=0-99"])
add("export-range-suffix", "GET", "/v1/export?format=csv", headers=["Range: bytes=-50"])
add("export-two-ranges", "GET", "/v1/export?format=csv", headers=["Range: bytes=0-9,20-29"])
add("export-range-past-end", "GET", "/v1/export?format=csv", headers=["Range: bytes=999999999-"])
add("export-exe", "GET", "/v1/export?format=exe")
add("export-missing-format", "GET", "/v1/export")

# --- the page, the spec, operations -------------------------------------------------------------
add("page", "GET", "/")
add("page-range", "GET", "/", headers=["Range: bytes=0-10"])
add("page-invalid-utf8", "GET", "/?x=%FF")
add("widget", "GET", "/web/widget.js")
add("widget-example", "GET", "/web/widget-example.html")
add("leaflet", "GET", "/vendor/leaflet/leaflet.js", compare="head")
add("static-missing", "GET", "/web/nothing.js")
add("yaml", "GET", "/v1/openapi.yaml")
add("yaml-range", "GET", "/v1/openapi.yaml", headers=["Range: bytes=5-9"])
add("yaml-nul", "GET", "/v1/openapi.yaml?%00")
add("json-spec", "GET", "/v1/openapi.json")
add("json-spec-star", "GET", "/v1/openapi.json", headers=["If-None-Match: *"])
add("json-spec-head", "HEAD", "/v1/openapi.json")
add("json-spec-gzip", "GET", "/v1/openapi.json", headers=["Accept-Encoding: gzip"])
add("healthz", "GET", "/healthz")
add("healthz-head", "HEAD", "/healthz")
add("healthz-options", "GET", "/healthz", headers=["Origin: http://example.org"])
add("readyz", "GET", "/readyz")
add("readyz-invalid-utf8", "GET", "/readyz?%C0")
add("metrics", "GET", "/metrics", compare="head")
add("metrics-gzip", "GET", "/metrics", headers=["Accept-Encoding: gzip"], compare="head")
add("metrics-invalid-utf8", "GET", "/metrics?x=%FF")
add("meta", "GET", "/v1/meta")
add("meta-gcj02", "GET", "/v1/meta?crs=gcj02")
add("meta-gzip", "GET", "/v1/meta", headers=["Accept-Encoding: gzip"])
add("meta-bad-range", "GET", "/v1/meta", headers=["Range: bytes=x"])
add("meta-options", "OPTIONS", "/v1/meta", headers=["Origin: http://example.org", "Access-Control-Request-Method: GET"])
add("nowhere", "GET", "/v1/nowhere")
add("post-meta", "POST", "/v1/meta", "{}")
add("put-stations", "PUT", "/v1/stations", "{}", token=True)
add("brew", "BREW", "/v1/meta")
add("dot-dot", "GET", "/../../etc/passwd")
add("uri-too-long", "GET", "/v1/meta?x=" + "a" * 9000)
add("headers-too-large", "GET", "/v1/meta", raw=(
    "GET /v1/meta HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n"
    + "".join(f"X-{i}: y\r\n" for i in range(300)) + "\r\n"))
add("header-too-long", "GET", "/v1/meta", raw=(
    "GET /v1/meta HTTP/1.1\r\nHost: golden\r\nConnection: close\r\nX-Long: " + "a" * 70000 + "\r\n\r\n"))
add("http-1.0", "GET", "/healthz", raw="GET /healthz HTTP/1.0\r\n\r\n")

# --- demand ---------------------------------------------------------------------------------
add("demand-get-none", "GET", "/v1/demand")
add("demand-post-no-token", "POST", "/v1/demand", "lon,lat\n116.4,39.9\n", headers=["Content-Type: text/csv"])
add("demand-unknown-param", "GET", "/v1/demand?x=1")
add("demand-invalid-utf8", "GET", "/v1/demand?%FF")
add("demand-delete-no-token", "DELETE", "/v1/demand")
add("demand-no-tokens-server", "POST", "/v1/demand", "lon,lat\n116.4,39.9\n", headers=["Content-Type: text/csv"], token=True, server="no_tokens")

# --- the read-only and token-less servers ----------------------------------------------------------
add("ro-meta", "GET", "/v1/meta", server="read_only")
add("ro-nearest", "GET", f"/v1/stations/nearest?lon=116.4&lat=39.9&at={AT}", server="read_only")
add("ro-create", "POST", "/v1/stations", feature('{"name":"x"}'), token=True, server="read_only")
add("ro-delete", "DELETE", "/v1/stations/r1", token=True, server="read_only")
add("ro-bulk", "POST", "/v1/stations/bulk", "id,name,lon,lat\nb,B,116.4,39.9\n", headers=["Content-Type: text/csv"], token=True, server="read_only")
add("ro-readyz", "GET", "/readyz", server="read_only")
add("nt-create", "POST", "/v1/stations", feature('{"name":"x"}'), token=True, server="no_tokens")
add("nt-put", "PUT", "/v1/stations/r1", feature('{"name":"x"}'), token=True, server="no_tokens")
add("nt-history", "GET", "/v1/stations/r1/history", token=True, server="no_tokens")
add("nt-demand-delete", "DELETE", "/v1/demand", token=True, server="no_tokens")

# --- writes, in order, on their own server ---------------------------------------------------------
def wr(name, method, target, body="", headers=(), token=True, compare="all"):
    add(name, method, target, body, headers, token, "writes", compare)


wr("w-create-no-token", "POST", "/v1/stations", feature('{"name":"x"}'), token=False)
wr("w-create-wrong-token", "POST", "/v1/stations", feature('{"name":"x"}'), headers=["Authorization: Bearer wrong"], token=False)
wr("w-create-basic", "POST", "/v1/stations", feature('{"name":"x"}'), headers=["Authorization: Basic eDp5"], token=False)
wr("w-create-query-token", "POST", f"/v1/stations?access_token={TOKEN}", feature('{"name":"x"}'), token=False)
wr("w-create", "POST", "/v1/stations", feature('{"id":"g-1","name":"金库暖心驿站","host_type":"bank","amenities":["water","toilet"],"opening_hours":"24/7","address":"北京市东城区前门大街1号","phone":"010-1"}', 116.3975, 39.9087),
   headers=[f"Authorization: bearer {TOKEN}"], token=False)
wr("w-create-exists", "POST", "/v1/stations", feature('{"id":"g-1","name":"again"}'))
wr("w-create-derived-id", "POST", "/v1/stations", feature('{"name":"派生站","host_type":"supermarket"}', 116.41, 39.92))
wr("w-create-gcj02", "POST", "/v1/stations?crs=gcj02", feature('{"id":"g-gcj","name":"火星站"}', 116.4035, 39.9094))
wr("w-create-bad-host", "POST", "/v1/stations", feature('{"name":"x","host_type":"castle"}'))
wr("w-create-bad-amenity", "POST", "/v1/stations", feature('{"name":"x","amenities":["spa"]}'))
wr("w-create-bad-hours", "POST", "/v1/stations", feature('{"name":"x","opening_hours":"whenever"}'))
wr("w-create-no-name", "POST", "/v1/stations", feature('{"host_type":"bank"}'))
wr("w-create-lat-out", "POST", "/v1/stations", feature('{"name":"x"}', 116.4, 95))
wr("w-create-not-feature", "POST", "/v1/stations", '{"type":"Point","coordinates":[116.4,39.9]}')
wr("w-create-nul-name", "POST", "/v1/stations", feature('{"name":"a\\u0000b"}'))
wr("w-create-deep", "POST", "/v1/stations", '{"type":"Feature","geometry":' + "[" * 80 + "]" * 80 + ',"properties":{}}')
wr("w-read-created", "GET", f"/v1/stations/g-1?at={AT}", token=False)
wr("w-read-gcj", "GET", f"/v1/stations/g-gcj?at={AT}&crs=gcj02", token=False)
wr("w-nearest-created", "GET", f"/v1/stations/nearest?lon=116.3975&lat=39.9087&k=2&at={AT}&fields=name,distance_m", token=False)
wr("w-put-new", "PUT", "/v1/stations/g-2", feature('{"name":"二号站","host_type":"gas_station"}', 116.45, 39.93))
wr("w-put-replace", "PUT", "/v1/stations/g-2", feature('{"name":"二号站 again","host_type":"gas_station"}', 116.45, 39.93))
wr("w-put-invalid-utf8", "PUT", "/v1/stations/bad%FFid", feature('{"name":"x"}'))
wr("w-put-nul", "PUT", "/v1/stations/nul%00id", feature('{"name":"x"}'))
wr("w-put-id-mismatch", "PUT", "/v1/stations/g-3", feature('{"id":"other","name":"x"}'))
wr("w-put-no-token", "PUT", "/v1/stations/g-3", feature('{"name":"x"}'), token=False)
wr("w-patch", "PATCH", "/v1/stations/g-2", '{"properties":{"opening_hours":"24/7","phone":null}}')
wr("w-patch-geometry", "PATCH", "/v1/stations/g-2", '{"geometry":{"type":"Point","coordinates":[116.46,39.94]}}')
wr("w-patch-merge-content-type", "PATCH", "/v1/stations/g-2", '{"properties":{"amenities":["water"]}}', headers=["Content-Type: application/merge-patch+json"])
wr("w-patch-missing", "PATCH", "/v1/stations/nope", "{}")
wr("w-patch-array", "PATCH", "/v1/stations/g-2", "[1]")
wr("w-patch-bad-hours", "PATCH", "/v1/stations/g-2", '{"properties":{"opening_hours":"sometimes"}}')
wr("w-patch-deep", "PATCH", "/v1/stations/g-2", '{"properties":' + "{\"a\":" * 70 + "1" + "}" * 70 + "}")
wr("w-read-patched", "GET", f"/v1/stations/g-2?at={AT}", token=False)
wr("w-delete", "DELETE", "/v1/stations/g-1")
wr("w-delete-again", "DELETE", "/v1/stations/g-1")
wr("w-delete-no-token", "DELETE", "/v1/stations/g-2", token=False)
wr("w-read-deleted", "GET", "/v1/stations/g-1", token=False)
wr("w-history", "GET", "/v1/stations/g-1/history")
wr("w-history-g2", "GET", "/v1/stations/g-2/history")
wr("w-history-never", "GET", "/v1/stations/never/history")
wr("w-history-no-token", "GET", "/v1/stations/g-1/history", token=False)
wr("w-restore", "POST", "/v1/stations/g-1/restore", "")
wr("w-restore-version", "POST", "/v1/stations/g-2/restore?version=1", "")
wr("w-restore-bad-version", "POST", "/v1/stations/g-1/restore?version=999", "")
wr("w-restore-never", "POST", "/v1/stations/never/restore", "")
wr("w-read-restored", "GET", f"/v1/stations/g-1?at={AT}", token=False)
wr("w-bulk-csv", "POST", "/v1/stations/bulk", "id,name,lon,lat,host_type\nb-1,One,116.40,39.90,bank\nb-2,Two,116.41,39.91,supermarket\n", headers=["Content-Type: text/csv"])
wr("w-bulk-csv-again", "POST", "/v1/stations/bulk", "id,name,lon,lat,host_type\nb-1,One,116.40,39.90,bank\nb-2,Two renamed,116.41,39.91,supermarket\n", headers=["Content-Type: text/csv"])
wr("w-bulk-geojson", "POST", "/v1/stations/bulk", '{"type":"FeatureCollection","features":[' + feature('{"id":"b-3","name":"Three"}', 116.42, 39.92) + "," + feature('{"id":"b-4","name":"Four","amenities":["wifi"]}', 116.43, 39.93) + "]}", headers=["Content-Type: application/geo+json"])
wr("w-bulk-gcj02", "POST", "/v1/stations/bulk?crs=gcj02", "id,name,lon,lat\nb-5,Five,116.4035,39.9094\n", headers=["Content-Type: text/csv"])
wr("w-bulk-replace-guard", "POST", "/v1/stations/bulk?mode=replace", "id,name,lon,lat\nb-1,One,116.40,39.90\n", headers=["Content-Type: text/csv"])
wr("w-bulk-replace-wrong-count", "POST", "/v1/stations/bulk?mode=replace&confirm_delete=5", "id,name,lon,lat\nb-1,One,116.40,39.90\n", headers=["Content-Type: text/csv"])
wr("w-bulk-bad-row", "POST", "/v1/stations/bulk", "id,name,lon,lat\nb-6,Six,116.40,95\nb-7,,116.4,39.9\n", headers=["Content-Type: text/csv"])
wr("w-bulk-duplicate", "POST", "/v1/stations/bulk", "id,name,lon,lat\nb-8,Eight,116.40,39.9\nb-8,Eight,116.40,39.9\n", headers=["Content-Type: text/csv"])
wr("w-bulk-plain", "POST", "/v1/stations/bulk", "x", headers=["Content-Type: text/plain"])
wr("w-bulk-mode", "POST", "/v1/stations/bulk?mode=merge", "id\n", headers=["Content-Type: text/csv"])
wr("w-bulk-no-token", "POST", "/v1/stations/bulk", "id,name,lon,lat\nb-9,N,116.4,39.9\n", headers=["Content-Type: text/csv"], token=False)
wr("w-list-bulk", "GET", f"/v1/stations?bbox=116.395,39.895,116.435,39.935&q=o&at={AT}&fields=name", token=False)
wr("w-demand-post", "POST", "/v1/demand", "lon,lat,weight\n116.4,39.9,2\n116.41,39.91,1\n116.5,40.0,3\n", headers=["Content-Type: text/csv"])
wr("w-demand-get", "GET", "/v1/demand", token=False)
wr("w-demand-gaps", "GET", "/v1/coverage/gaps?district=Dongcheng&cell_m=250&radius_m=300&format=json", token=False)
wr("w-demand-report", "GET", "/v1/coverage/districts?cell_m=1000&format=csv", token=False)
wr("w-demand-suggest", "POST", "/v1/coverage/suggest?district=Dongcheng&cell_m=400&k=2", "", token=False)
wr("w-demand-post-geojson", "POST", "/v1/demand?crs=gcj02", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"weight":5},"geometry":{"type":"Point","coordinates":[116.4035,39.9094]}}]}', headers=["Content-Type: application/geo+json"])
wr("w-demand-get-2", "GET", "/v1/demand", token=False)
wr("w-demand-unusable", "POST", "/v1/demand", "lon,lat\nx,y\n", headers=["Content-Type: text/csv"])
wr("w-demand-delete", "DELETE", "/v1/demand")
wr("w-demand-delete-param", "DELETE", "/v1/demand?x=1")
wr("w-demand-get-gone", "GET", "/v1/demand", token=False)
wr("w-meta-after", "GET", "/v1/meta", token=False)
wr("w-export-csv", "GET", "/v1/export?format=csv", token=False)
wr("w-districts-after", "GET", "/v1/districts", token=False)

# --- distance=walk (main and writes walk on the test's street grid, tests/http/golden_test.cpp:
# 116.38-116.42, 39.89-39.93, a river along 39.9105 crossed at 116.39 and 116.41) ------------
W = "/v1/stations/nearest?lon=116.4005&lat=39.9095&at=" + AT
add("walk-nearest", "GET", f"{W}&k=5&distance=walk")
add("walk-nearest-straight", "GET", f"{W}&k=5&distance=straight")
add("walk-nearest-path", "GET", f"{W}&k=3&distance=walk&path=true")
add("walk-nearest-geojson", "GET", f"{W}&k=3&distance=walk&path=true&format=geojson")
add("walk-nearest-offset", "GET", f"{W}&k=5&offset=5&distance=walk")
add("walk-nearest-radius", "GET", f"{W}&k=50&radius_m=600&distance=walk")
add("walk-nearest-filters", "GET", f"{W}&k=3&distance=walk&amenities=toilet&host_types=bank&fields=name,distance_m,walk_m,walk_minutes")
add("walk-nearest-gcj02", "GET", f"/v1/stations/nearest?lon=116.4067&lat=39.9109&crs=gcj02&k=3&distance=walk&path=true&at={AT}")
add("walk-within", "GET", f"/v1/stations/within?lon=116.4005&lat=39.9095&radius_m=700&distance=walk&limit=5&at={AT}")
add("walk-within-path", "GET", f"/v1/stations/within?lon=116.4005&lat=39.9095&radius_m=400&distance=walk&path=true&format=geojson&at={AT}")
add("walk-batch", "POST", f"/v1/stations/nearest?k=2&distance=walk&at={AT}", '{"points":[[116.4005,39.9095],[116.395,39.925]]}')
add("walk-batch-too-many", "POST", "/v1/stations/nearest?distance=walk", points(101, 116.39, 39.9))
add("walk-batch-off-street", "POST", "/v1/stations/nearest?distance=walk", '{"points":[[116.4005,39.9095],[116.6,40.2]]}')
add("walk-off-street", "GET", "/v1/stations/nearest?lon=116.6&lat=40.2&distance=walk")
add("walk-radius-over", "GET", f"{W}&distance=walk&radius_m=50001")
add("walk-radius-straight-ok", "GET", f"{W}&k=1&radius_m=50001")
add("walk-distance-unknown", "GET", f"{W}&distance=crow")
add("walk-path-without-walk", "GET", f"{W}&path=true")
add("walk-path-bad", "GET", f"{W}&distance=walk&path=maybe")
add("walk-along-route", "POST", "/v1/stations/along-route?distance=walk", ROUTE)
add("walk-along-route-straight", "POST", f"/v1/stations/along-route?distance=straight&limit=2&at={AT}", ROUTE)
add("walk-within-polygon", "POST", "/v1/stations/within?distance=walk", SQUARE)
add("walk-no-network", "GET", "/v1/stations/nearest?lon=116.40&lat=39.90&distance=walk", server="read_only")
add("walk-no-network-within", "GET", "/v1/stations/within?lon=116.40&lat=39.90&radius_m=500&distance=walk", server="read_only")
add("walk-meta", "GET", "/v1/meta")
CG = "/v1/coverage/gaps?bbox=116.38,39.89,116.42,39.93&cell_m=200"
add("walk-gaps", "GET", f"{CG}&distance=walk")
add("walk-gaps-json-double", "GET", f"{CG}&distance=walk&min_stations=2&format=json")
add("walk-gaps-csv", "GET", f"{CG}&distance=walk&format=csv")
add("walk-gaps-minutes", "GET", f"{CG}&distance=walk&walk_minutes=6&format=json")
add("walk-gaps-minutes-straight", "GET", f"{CG}&walk_minutes=6&format=json")
add("walk-gaps-three", "GET", f"{CG}&distance=walk&min_stations=3")
add("walk-gaps-unknown", "GET", f"{CG}&distance=foot")
add("walk-gaps-no-network", "GET", f"{CG}&distance=walk", server="read_only")
add("walk-gaps-what-if", "POST", "/v1/coverage/gaps?cell_m=200&distance=walk&format=json", '{"region":' + SQUARE + ',"add":[[116.385,39.925]]}')
add("walk-report", "GET", "/v1/coverage/districts?cell_m=1000&distance=walk")
add("walk-profile", "GET", "/v1/coverage/profile?bbox=116.38,39.89,116.42,39.93&cell_m=400&weekday=mon&distance=walk")
add("walk-suggest", "POST", "/v1/coverage/suggest?bbox=116.38,39.89,116.42,39.93&cell_m=200&k=2&distance=walk")
add("network-box", "GET", "/v1/network?bbox=116.399,39.909,116.402,39.912")
add("network-page", "GET", "/v1/network?bbox=116.38,39.89,116.42,39.93&limit=3&offset=6&crs=gcj02")
add("network-no-bbox", "GET", "/v1/network")
add("network-limit", "GET", "/v1/network?bbox=116.38,39.89,116.42,39.93&limit=0")
add("network-no-network", "GET", "/v1/network?bbox=116.38,39.89,116.42,39.93", server="read_only")
I = "/v1/isochrone?lon=116.4005&lat=39.9095"
add("iso-minutes", "GET", f"{I}&walk_minutes=3,6&cell_m=50")
add("iso-metres-json", "GET", f"{I}&walk_m=500,250,1000&format=json")
add("iso-gcj02", "GET", "/v1/isochrone?lon=116.4067&lat=39.9109&crs=gcj02&walk_minutes=4&cell_m=40")
add("iso-too-many", "GET", f"{I}&walk_minutes=1,2,3,4,5,6,7,8,9")
add("iso-too-long", "GET", f"{I}&walk_minutes=61")
add("iso-both", "GET", f"{I}&walk_minutes=5&walk_m=300")
add("iso-none", "GET", I)
add("iso-empty-value", "GET", f"{I}&walk_minutes=5,")
add("iso-repeated", "GET", f"{I}&walk_minutes=5,5")
add("iso-cell", "GET", f"{I}&walk_minutes=5&cell_m=2")
add("iso-off-street", "GET", "/v1/isochrone?lon=116.6&lat=40.2&walk_minutes=5")
add("iso-no-network", "GET", "/v1/isochrone?lon=116.40&lat=39.90&walk_minutes=5", server="read_only")
add("catchment", "GET", "/v1/stations/bj-110101-00372/catchment?walk_minutes=3&cell_m=50")
add("catchment-off-street", "GET", f"/v1/stations/{ID}/catchment?walk_minutes=3")
add("catchment-json", "GET", "/v1/stations/bj-110101-00372/catchment?walk_m=200,400&format=json")
add("catchment-unknown", "GET", "/v1/stations/nope/catchment?walk_minutes=5")
add("catchment-unknown-param", "GET", f"/v1/stations/{ID}/catchment?walk_minutes=5&lon=116.4")
O = "/ogc/collections"
add("ogc-landing", "GET", "/ogc")
add("ogc-landing-html", "GET", "/ogc?f=html")
add("ogc-landing-proxied", "GET", "/ogc", headers=("X-Forwarded-Proto: https", "X-Forwarded-Host: maps.example.org", "X-Forwarded-Prefix: /sf"))
add("ogc-conformance", "GET", "/ogc/conformance")
add("ogc-conformance-html", "GET", "/ogc/conformance?f=html")
add("ogc-conformance-unknown", "GET", "/ogc/conformance?bbox=1,2,3,4")
add("ogc-api", "GET", "/ogc/api")
add("ogc-api-html", "GET", "/ogc/api?f=html")
add("ogc-api-bad-host", "GET", "/ogc/api", headers=("X-Forwarded-Host: <script>",))
add("ogc-collections", "GET", O)
add("ogc-collections-html", "GET", f"{O}?f=html")
add("ogc-collections-read-only", "GET", O, server="read_only")
add("ogc-stations", "GET", f"{O}/stations")
add("ogc-streets", "GET", f"{O}/streets")
add("ogc-no-streets", "GET", f"{O}/streets", server="read_only")
add("ogc-items", "GET", f"{O}/stations/items?limit=3&at={AT}")
add("ogc-items-next", "GET", f"{O}/stations/items?limit=3&at={AT}&after=bj-110101-00003")
add("ogc-items-filters", "GET", f"{O}/stations/items?limit=5&host_type=bank,supermarket&amenities=toilet&district=Chaoyang&at={AT}")
add("ogc-items-bbox-datetime", "GET", f"{O}/stations/items?limit=5&bbox=116.38,39.89,116.42,39.93&datetime=2024-01-01T00:00:00Z/..&at={AT}")
add("ogc-items-open-now", "GET", f"{O}/stations/items?limit=4&open_now=true&at={NIGHT}")
add("ogc-items-html", "GET", f"{O}/stations/items?limit=3&at={AT}&f=html")
add("ogc-items-districts", "GET", f"{O}/districts/items?limit=2")
add("ogc-items-streets", "GET", f"{O}/streets/items?limit=2&bbox=116.399,39.909,116.402,39.912")
add("ogc-items-limit", "GET", f"{O}/stations/items?limit=10001")
add("ogc-items-datetime", "GET", f"{O}/stations/items?datetime=2025-02-30T00:00:00Z")
add("ogc-items-unknown", "GET", f"{O}/stations/items?offset=10")
add("ogc-items-no-collection", "GET", f"{O}/parks/items")
add("ogc-queryables", "GET", f"{O}/stations/queryables")
add("ogc-queryables-html", "GET", f"{O}/stations/queryables?f=html")
add("ogc-queryables-districts", "GET", f"{O}/districts/queryables")
add("ogc-filter-text", "GET", f"{O}/stations/items?limit=3&at={AT}&filter=" + q("host_type IN ('bank','supermarket') AND A_CONTAINS(amenities, ('toilet')) AND name LIKE '%银行%'"))
add("ogc-filter-json", "GET", f"{O}/stations/items?limit=3&at={AT}&filter-lang=cql2-json&filter=" + q('{"op":"and","args":[{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[116.38,39.89,116.42,39.93]}]},{"op":"t_during","args":[{"property":"updated_at"},{"interval":["2024-01-01",".."]}]}]}'))
add("ogc-filter-bad", "GET", f"{O}/stations/items?filter=" + q("host_type = 3"))
E4326 = q("http://www.opengis.net/def/crs/EPSG/0/4326")
E3857 = q("http://www.opengis.net/def/crs/EPSG/0/3857")
add("ogc-crs-4326", "GET", f"{O}/stations/items?limit=2&at={AT}&crs={E4326}")
add("ogc-crs-3857-bbox", "GET", f"{O}/streets/items?limit=2&crs={E3857}&bbox-crs={E3857}&bbox=12957000,4852000,12958000,4853000")
add("ogc-crs-gcj02", "GET", f"{O}/districts/items/110101?crs=" + q("urn:stationfinder:def:crs:GCJ-02"))
add("ogc-crs-short-name", "GET", f"{O}/stations/items?crs=gcj02")
T = "tiles/WebMercatorQuad"
add("tiles-stations-z9", "GET", f"{O}/stations/{T}/9/194/421")
add("tiles-stations-z16", "GET", f"{O}/stations/{T}/16/24833/53951")
add("tiles-stations-outside", "GET", f"{O}/stations/{T}/5/0/0")
add("tiles-streets-z15", "GET", f"{O}/streets/{T}/15/12416/26979")
add("tiles-streets-z12", "GET", f"{O}/streets/{T}/12/1552/3372")
add("tiles-bad-z", "GET", f"{O}/stations/{T}/25/0/0")
add("tiles-districts", "GET", f"{O}/districts/{T}/9/194/421")
add("tileset-stations", "GET", f"{O}/stations/{T}")
add("tileset-streets", "GET", f"{O}/streets/{T}")
add("tileset-no-streets", "GET", f"{O}/streets/{T}", server="read_only")
add("tilejson-stations", "GET", f"{O}/stations/{T}/tilejson.json")
add("tilejson-streets", "GET", f"{O}/streets/{T}/tilejson.json")
add("tilejson-unknown-param", "GET", f"{O}/stations/{T}/tilejson.json?style=x")
add("tiles-coverage-z13", "GET", f"{O}/coverage/{T}/13/3104/6743?radius_m=400")
add("tiles-coverage-walk", "GET", f"{O}/coverage/{T}/15/12416/26979?distance=walk&walk_minutes=5")
add("tiles-coverage-open-at", "GET", f"{O}/coverage/{T}/12/1552/3372?radius_m=500&at={AT}")
add("tiles-coverage-gcj02", "GET", f"{O}/coverage/{T}/13/3104/6743?crs=gcj02")
add("tiles-coverage-z8", "GET", f"{O}/coverage/{T}/8/97/210")
add("tiles-stations-bd09", "GET", f"{O}/stations/{T}/16/24833/53951?crs=bd09")
add("tiles-stations-filtered-z10", "GET", f"{O}/stations/{T}/10/388/843?host_type=bank,supermarket&amenities=toilet")
add("tiles-stations-filtered-z16", "GET", f"{O}/stations/{T}/16/24833/53951?amenities=wifi&open_now=true&at={AT}")
add("tiles-streets-gcj02", "GET", f"{O}/streets/{T}/15/12416/26979?crs=gcj02")
add("tilesets-coverage", "GET", f"{O}/coverage/tiles?radius_m=400")
add("tilesets-stations", "GET", f"{O}/stations/tiles")
add("tilesets-districts", "GET", f"{O}/districts/tiles")
add("tileset-coverage", "GET", f"{O}/coverage/{T}?walk_minutes=5")
add("tilejson-coverage", "GET", f"{O}/coverage/{T}/tilejson.json?radius_m=300&distance=walk")
add("tile-matrix-sets", "GET", "/ogc/tileMatrixSets")
add("tile-matrix-sets-html", "GET", "/ogc/tileMatrixSets?f=html")
add("tile-matrix-sets-bad", "GET", "/ogc/tileMatrixSets?x=1")
add("web-mercator-quad", "GET", "/ogc/tileMatrixSets/WebMercatorQuad")
add("web-mercator-quad-json", "GET", "/ogc/tileMatrixSets/WebMercatorQuad?f=json")
add("web-mercator-quad-bad", "GET", "/ogc/tileMatrixSets/WebMercatorQuad?f=html")
add("ogc-coverage", "GET", f"{O}/coverage")
add("ogc-coverage-items", "GET", f"{O}/coverage/items")
add("ogc-item", "GET", f"{O}/stations/items/{ID}?at={AT}")
add("ogc-item-html", "GET", f"{O}/stations/items/{ID}?at={AT}&f=html")
add("ogc-item-district", "GET", f"{O}/districts/items/110105")
add("ogc-item-missing", "GET", f"{O}/stations/items/nope")
wr("w-walk-after-writes", "GET", f"/v1/stations/nearest?lon=116.4005&lat=39.9105&k=5&distance=walk&at={AT}", token=False)
wr("w-meta-walk", "GET", "/v1/meta", token=False)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requests.jsonl")
with open(path, "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(f"{len(out)} requests -> {path}")
