#!/usr/bin/python3
"""Generate the bundled, SYNTHETIC Beijing dataset: 16 district polygons and ~9,600 stations.

Nobody publishes the real list of Beijing's outdoor-worker rest stations, so this script makes a
plausible one, deterministically (fixed seed): run it twice, get the same stations.

How stations are placed (see geodata/README.md for the numbers):
  * half around the urban core and its sub-centres (CBD, Zhongguancun, Wangjing, ...), dense;
  * a quarter along main roads: the 2nd to 6th ring roads, Chang'an Avenue and the radial
    expressways to the district towns;
  * a fifth around the outer districts' towns;
  * the rest scattered over the outer districts, thinned in the western and northern mountains.
Host types, amenities and opening hours follow the host: banks keep office hours, convenience
stores and gas stations are mostly 24/7, and so on.

The district polygons are a Voronoi partition of hand-placed seed points clipped to a rough
outline of the municipality, with hand-drawn Dongcheng and Xicheng in the centre: named like
Beijing's 16 districts, shaped only roughly like them.

Usage: scripts/generate_beijing.py [OUT_DIR]   (default: geodata/ beside this script)
Needs Debian's python3-gdal (run with /usr/bin/python3).
"""

import math
import os
import random
import sys

from osgeo import ogr, osr

SEED = 20220801  # the month the Beijing Federation of Trade Unions reported 9,000+ stations
STATION_COUNT = 9600
CENTRE = (116.397, 39.908)  # Tiananmen

# A rough outline of the municipality (lon, lat), clockwise from the south-west.
OUTLINE = [
    (115.52, 39.60), (115.72, 39.52), (116.00, 39.53), (116.22, 39.48), (116.42, 39.44),
    (116.68, 39.52), (116.80, 39.62), (116.92, 39.70), (116.95, 39.88), (117.08, 40.00),
    (117.32, 40.05), (117.50, 40.20), (117.48, 40.48), (117.30, 40.68), (117.05, 40.72),
    (116.90, 40.95), (116.70, 41.05), (116.45, 40.98), (116.30, 40.78), (116.05, 40.80),
    (115.80, 40.62), (115.70, 40.48), (115.82, 40.30), (115.62, 40.18), (115.45, 40.05),
    (115.43, 39.85), (115.52, 39.60),
]

# name, English name, adcode
DISTRICTS = [
    ("东城区", "Dongcheng", "110101"), ("西城区", "Xicheng", "110102"),
    ("朝阳区", "Chaoyang", "110105"), ("丰台区", "Fengtai", "110106"),
    ("石景山区", "Shijingshan", "110107"), ("海淀区", "Haidian", "110108"),
    ("门头沟区", "Mentougou", "110109"), ("房山区", "Fangshan", "110111"),
    ("通州区", "Tongzhou", "110112"), ("顺义区", "Shunyi", "110113"),
    ("昌平区", "Changping", "110114"), ("大兴区", "Daxing", "110115"),
    ("怀柔区", "Huairou", "110116"), ("平谷区", "Pinggu", "110117"),
    ("密云区", "Miyun", "110118"), ("延庆区", "Yanqing", "110119"),
]
CORE = {"110101", "110102", "110105", "110106", "110107", "110108"}

# Hand-drawn centre districts.
DONGCHENG = [(116.382, 39.862), (116.452, 39.866), (116.448, 39.905), (116.444, 39.966),
             (116.400, 39.972), (116.386, 39.950), (116.382, 39.862)]
XICHENG = [(116.322, 39.870), (116.382, 39.862), (116.386, 39.950), (116.400, 39.972),
           (116.352, 39.970), (116.330, 39.950), (116.318, 39.900), (116.322, 39.870)]

# Voronoi seeds of the other districts.
SEEDS = {
    "110105": [(116.49, 39.95), (116.53, 39.90), (116.47, 40.02), (116.45, 39.86)],
    "110108": [(116.30, 39.97), (116.25, 40.04), (116.15, 40.07), (116.33, 40.03)],
    "110106": [(116.29, 39.85), (116.17, 39.83), (116.40, 39.83), (116.33, 39.87)],
    "110107": [(116.20, 39.92)],
    "110109": [(115.98, 39.95), (115.72, 40.00), (115.55, 39.93)],
    "110111": [(116.08, 39.72), (115.85, 39.68), (115.62, 39.68)],
    "110112": [(116.67, 39.90), (116.73, 39.74)],
    "110113": [(116.66, 40.14), (116.82, 40.18)],
    "110114": [(116.23, 40.22), (116.05, 40.27), (116.40, 40.13)],
    "110115": [(116.34, 39.72), (116.45, 39.58), (116.57, 39.72)],
    "110116": [(116.63, 40.35), (116.57, 40.62), (116.62, 40.90)],
    "110117": [(117.12, 40.14), (117.28, 40.24)],
    "110118": [(116.86, 40.39), (117.00, 40.56), (117.30, 40.50)],
    "110119": [(115.97, 40.47), (116.25, 40.55), (115.84, 40.56)],
}

# Sub-centres of the urban core: (lon, lat, sd in degrees of latitude, weight).
CORE_CENTRES = [
    (116.397, 39.908, 0.045, 30), (116.460, 39.912, 0.020, 10),  # centre, CBD
    (116.315, 39.982, 0.020, 9), (116.475, 40.000, 0.018, 7),    # Zhongguancun, Wangjing
    (116.290, 39.858, 0.022, 7), (116.222, 39.906, 0.018, 5),    # Fengtai, Shijingshan
    (116.330, 40.070, 0.020, 5), (116.505, 39.795, 0.020, 4),    # Huilongguan, Yizhuang
    (116.420, 40.020, 0.020, 5), (116.560, 39.925, 0.025, 4),    # Yayuncun, Dingfuzhuang
]

# Outer district towns: (adcode, lon, lat, weight).
TOWNS = [
    ("110112", 116.657, 39.910, 14), ("110113", 116.654, 40.130, 10),
    ("110114", 116.231, 40.220, 11), ("110115", 116.341, 39.727, 12),
    ("110111", 116.143, 39.735, 8), ("110109", 116.102, 39.941, 4),
    ("110116", 116.632, 40.316, 4), ("110118", 116.843, 40.376, 4),
    ("110117", 117.121, 40.141, 4), ("110119", 115.975, 40.456, 3),
    ("110111", 115.978, 39.682, 2), ("110115", 116.458, 39.581, 2),
]

NEIGHBOURHOODS = {
    "110101": ["东直门", "王府井", "崇文门", "和平里", "东四", "建国门", "天坛", "交道口"],
    "110102": ["西单", "金融街", "德胜门", "月坛", "广安门", "陶然亭", "什刹海", "展览路"],
    "110105": ["望京", "三里屯", "国贸", "双井", "劲松", "酒仙桥", "亚运村", "朝外", "十里堡", "常营"],
    "110106": ["丰台", "方庄", "六里桥", "卢沟桥", "宋家庄", "青塔", "科技园", "马家堡"],
    "110107": ["古城", "八角", "鲁谷", "苹果园", "老山", "金顶街"],
    "110108": ["中关村", "五道口", "学院路", "公主坟", "万柳", "西三旗", "上地", "北太平庄"],
    "110109": ["大峪", "城子", "永定", "龙泉", "斋堂"],
    "110111": ["良乡", "长阳", "城关", "燕山", "窦店", "琉璃河"],
    "110112": ["新华", "梨园", "永顺", "宋庄", "台湖", "马驹桥"],
    "110113": ["胜利", "后沙峪", "空港", "仁和", "杨镇"],
    "110114": ["城北", "回龙观", "天通苑", "南口", "沙河", "小汤山"],
    "110115": ["黄村", "亦庄", "西红门", "旧宫", "庞各庄", "采育"],
    "110116": ["泉河", "龙山", "雁栖", "庙城", "杨宋"],
    "110117": ["滨河", "兴谷", "马坊", "金海湖"],
    "110118": ["鼓楼", "果园", "溪翁庄", "十里堡", "穆家峪"],
    "110119": ["儒林", "百泉", "香水园", "康庄", "永宁"],
}
STREET_SUFFIXES = ["路", "大街", "北路", "南路", "东路", "西路", "街", "中路"]

HOSTS = {  # host type: (brands, weight in the core, weight on roads, weight in towns)
    "bank": (["中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "北京银行", "邮储银行",
              "北京农商银行"], 22, 12, 25),
    "supermarket": (["物美超市", "超市发", "永辉超市", "华联超市", "京客隆"], 14, 8, 20),
    "convenience_store": (["便利蜂", "7-Eleven", "好邻居便利店", "全家便利店", "多点便利店"], 20, 12, 14),
    "real_estate_agency": (["链家", "我爱我家", "麦田房产", "中原地产"], 26, 10, 12),
    "gas_station": (["中国石化加油站", "中国石油加油站"], 2, 40, 10),
    "union_office": (["街道总工会服务站", "社区工会服务站"], 9, 8, 11),
    "other": (["社区服务中心", "公园管理处", "环卫工作站"], 7, 10, 8),
}

HOURS = {
    "bank": [("Mo-Fr 09:00-17:00; Sa-Su 09:30-16:00", 55), ("Mo-Fr 09:00-17:00", 30),
             ("Mo-Su 09:00-17:00", 15)],
    "supermarket": [("Mo-Su 08:00-22:00", 50), ("Mo-Su 07:00-23:00", 30),
                    ("Mo-Su 08:30-21:30", 20)],
    "convenience_store": [("24/7", 65), ("Mo-Su 07:00-23:00", 25), ("Mo-Su 06:00-02:00", 10)],
    "real_estate_agency": [("Mo-Su 09:00-21:00", 60), ("Mo-Su 08:30-20:30", 40)],
    "gas_station": [("24/7", 80), ("Mo-Su 06:00-22:00", 20)],
    "union_office": [("Mo-Fr 08:30-17:30", 60),
                     ("Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00", 40)],
    "other": [("Mo-Su 08:00-20:00", 50), ("24/7", 30), ("Mo-Sa 09:00-18:00", 20)],
}

AMENITY_ODDS = {  # amenity: base probability, with per-host overrides
    "water": (0.97, {}),
    "rest": (0.95, {}),
    "charging": (0.85, {"gas_station": 0.7}),
    "hot_meal": (0.65, {"union_office": 0.9, "convenience_store": 0.8}),
    "toilet": (0.55, {"gas_station": 0.95, "union_office": 0.9, "supermarket": 0.7,
                      "convenience_store": 0.3, "real_estate_agency": 0.45}),
    "first_aid": (0.8, {}),
    "sewing_kit": (0.55, {"union_office": 0.85}),
    "wifi": (0.6, {"bank": 0.8}),
    "shelter": (0.5, {"gas_station": 0.9}),
    "air_conditioning": (0.8, {"gas_station": 0.5}),
}


def ring_road(half_lon, half_lat, n=48, power=4.0):
    """A rounded-rectangle ring around the centre (a superellipse)."""
    pts = []
    for i in range(n + 1):
        t = 2 * math.pi * i / n
        c, s = math.cos(t), math.sin(t)
        x = math.copysign(abs(c) ** (2 / power), c) * half_lon
        y = math.copysign(abs(s) ** (2 / power), s) * half_lat
        pts.append((CENTRE[0] + x, CENTRE[1] + y))
    return pts


def roads():
    out = [ring_road(0.045, 0.036), ring_road(0.075, 0.058), ring_road(0.112, 0.087),
           ring_road(0.165, 0.128), ring_road(0.31, 0.24, power=2.6)]
    out.append([(116.18, 39.907), (116.397, 39.908), (116.66, 39.905)])  # Chang'an Avenue
    for _, lon, lat, _ in TOWNS:  # radial expressways, slightly bent
        mid = ((CENTRE[0] + lon) / 2 + 0.02, (CENTRE[1] + lat) / 2 - 0.015)
        out.append([CENTRE, mid, (lon, lat)])
    return out


def polyline_length(line):
    return sum(math.dist(a, b) for a, b in zip(line, line[1:]))


def point_on(line, rng):
    target = rng.random() * polyline_length(line)
    for a, b in zip(line, line[1:]):
        seg = math.dist(a, b)
        if target <= seg:
            f = target / seg if seg else 0
            return (a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]))
        target -= seg
    return line[-1]


def polygon(points):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in points:
        ring.AddPoint_2D(x, y)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def clip_halfplane(poly, p, q):
    """Keeps the part of a convex polygon (list of points) closer to p than to q."""
    mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
    nx, ny = q[0] - p[0], q[1] - p[1]
    side = lambda v: (v[0] - mx) * nx + (v[1] - my) * ny  # <= 0: p's side
    out = []
    for a, b in zip(poly, poly[1:] + poly[:1]):
        sa, sb = side(a), side(b)
        if sa <= 0:
            out.append(a)
        if (sa < 0 < sb) or (sb < 0 < sa):
            f = sa / (sa - sb)
            out.append((a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])))
    return out


def district_polygons():
    # Voronoi cells are computed in a locally isotropic frame (longitude scaled by cos lat).
    k = math.cos(math.radians(40))
    seeds = [(code, (lon * k, lat)) for code, pts in SEEDS.items() for lon, lat in pts]
    frame = [(114.0 * k, 38.0), (119.0 * k, 38.0), (119.0 * k, 42.0), (114.0 * k, 42.0)]
    outline = polygon(OUTLINE)
    centre = polygon(DONGCHENG).Union(polygon(XICHENG))
    cells = {}
    for i, (code, p) in enumerate(seeds):
        cell = list(frame)
        for j, (_, q) in enumerate(seeds):
            if i != j:
                cell = clip_halfplane(cell, p, q)
        pts = [(x / k, y) for x, y in cell]
        geom = polygon(pts + pts[:1]).Intersection(outline).Difference(centre)
        cells[code] = geom if code not in cells else cells[code].Union(geom)
    cells["110101"] = polygon(DONGCHENG)
    cells["110102"] = polygon(XICHENG)
    return cells


def weighted(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "geodata")
    rng = random.Random(SEED)
    cells = district_polygons()
    outline = polygon(OUTLINE)
    names = {code: (zh, en) for zh, en, code in DISTRICTS}
    road_lines = roads()
    road_weights = [polyline_length(r) for r in road_lines]
    k = math.cos(math.radians(40))

    def district_of(lon, lat):
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(lon, lat)
        if not outline.Contains(pt):
            return None
        for code, geom in cells.items():
            if geom.Contains(pt):
                return code
        return None

    def draw(kind):
        while True:
            if kind == "core":
                lon, lat, sd, _ = rng.choices(CORE_CENTRES, weights=[c[3] for c in CORE_CENTRES])[0]
                p = (rng.gauss(lon, sd / k), rng.gauss(lat, sd))
            elif kind == "road":
                x, y = point_on(rng.choices(road_lines, weights=road_weights)[0], rng)
                p = (x + rng.gauss(0, 0.0015 / k), y + rng.gauss(0, 0.0015))
            elif kind == "town":
                _, lon, lat, _ = rng.choices(TOWNS, weights=[t[3] for t in TOWNS])[0]
                p = (rng.gauss(lon, 0.025 / k), rng.gauss(lat, 0.025))
            else:  # scattered, thinned in the mountains (west and north)
                p = (rng.uniform(115.42, 117.51), rng.uniform(39.44, 41.06))
                mountain = p[0] < 116.10 or p[1] > 40.40
                if mountain and rng.random() > 0.25:
                    continue
            code = district_of(*p)
            if code is None or (kind == "scattered" and code in CORE):
                continue
            return p, code

    kinds = [("core", 0.50), ("road", 0.25), ("town", 0.20), ("scattered", 0.05)]
    plan = []
    for kind, share in kinds:
        plan += [kind] * round(STATION_COUNT * share)
    stations = []
    per_district = {}
    for kind in plan:
        (lon, lat), code = draw(kind)
        column = {"core": 1, "road": 2, "town": 3, "scattered": 3}[kind]
        host = weighted(rng, [(h, v[column]) for h, v in HOSTS.items()])
        brand = rng.choice(HOSTS[host][0])
        place = rng.choice(NEIGHBOURHOODS[code])
        zh, en = names[code]
        seq = per_district.get(code, 0) + 1
        per_district[code] = seq
        amenities = [a for a, (p, over) in AMENITY_ODDS.items() if rng.random() < over.get(host, p)]
        day = rng.randint(0, 1550)  # 2022-08-01 + up to ~4.2 years
        y, m, d = days_to_date(19205 + day)
        stations.append({
            "id": "bj-%s-%05d" % (code, seq),
            "name": "%s（%s店）暖心驿站" % (brand, place),
            "lon": round(lon, 6), "lat": round(lat, 6),
            "host_type": host,
            "amenities": ",".join(amenities),
            "opening_hours": weighted(rng, HOURS[host]),
            "address": "北京市%s%s%s%d号" % (zh, place, rng.choice(STREET_SUFFIXES), rng.randint(1, 300)),
            "district": zh, "district_en": en,
            "phone": "010-%d%07d" % (rng.randint(5, 8), rng.randint(0, 9999999)),
            "updated_at": "%04d-%02d-%02dT%02d:%02d:00+08:00" % (y, m, d, rng.randint(8, 19),
                                                               rng.randint(0, 59)),
        })
    write(out_dir, stations, cells, names)
    print("wrote %d stations and %d districts to %s" % (len(stations), len(cells), out_dir))


def days_to_date(days):
    """Days since 1970-01-01 to (year, month, day), proleptic Gregorian."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if m <= 2 else 0), m, d


def write(out_dir, stations, cells, names):
    os.makedirs(out_dir, exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    gpkg = os.path.join(out_dir, "beijing.gpkg")
    geojson = os.path.join(out_dir, "beijing_districts.geojson")
    for path in (gpkg, geojson):
        if os.path.exists(path):
            os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(gpkg)
    layer = ds.CreateLayer("stations", srs, ogr.wkbPoint)
    fields = ["id", "name", "host_type", "amenities", "opening_hours", "address", "district",
              "district_en", "phone", "updated_at"]
    for f in fields:
        layer.CreateField(ogr.FieldDefn(f, ogr.OFTString))
    ds.StartTransaction()
    for s in stations:
        feat = ogr.Feature(layer.GetLayerDefn())
        for f in fields:
            feat.SetField(f, s[f])
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(s["lon"], s["lat"])
        feat.SetGeometry(pt)
        layer.CreateFeature(feat)
    ds.CommitTransaction()
    write_districts(ds, srs, cells, names)
    ds = None
    gj = ogr.GetDriverByName("GeoJSON").CreateDataSource(geojson)
    write_districts(gj, srs, cells, names, ["COORDINATE_PRECISION=6"])
    gj = None


def write_districts(ds, srs, cells, names, options=None):
    layer = ds.CreateLayer("districts", srs, ogr.wkbMultiPolygon, options=options or [])
    for f in ("name", "name_en", "code"):
        layer.CreateField(ogr.FieldDefn(f, ogr.OFTString))
    for zh, en, code in DISTRICTS:
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("name", zh)
        feat.SetField("name_en", en)
        feat.SetField("code", code)
        feat.SetGeometry(ogr.ForceToMultiPolygon(cells[code]))
        layer.CreateFeature(feat)


if __name__ == "__main__":
    main()
