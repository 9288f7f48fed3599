// OGC API - Features: the service description /ogc/api is a valid OpenAPI 3.0 document (the
// schema validator of @seriousme/openapi-schema-validator) that describes every /ogc route the
// server has and no other; every items and item answer of every collection is GeoJSON by the
// RFC 7946 schema in geojson.schema.json, with absolute links (Ajv); CORS is on every route; and
// the vector tiles, decoded by @mapbox/vector-tile (what MapLibre reads them with), hold the
// stations, streets and gaps the JSON API gives for their box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { startServer } from './server.mjs';

let server;
before(async () => { server = await startServer(['--network', 'geodata/beijing_streets.osm.pbf']); });
after(async () => { await server.stop(); });

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const geojson = ajv.compile(JSON.parse(readFileSync(new URL('./geojson.schema.json', import.meta.url))));
const feature = ajv.compile({ $ref: 'geojson#/$defs/feature' });

async function json(path, { status = 200 } = {}) {
  const res = await fetch(server.url + path, { headers: { Origin: 'http://example.org' } });
  assert.equal(res.status, status, path);
  assert.equal(res.headers.get('access-control-allow-origin'), '*', `${path}: no CORS`);
  return { body: await res.json(), type: res.headers.get('content-type') };
}

test('the service description is valid OpenAPI 3.0 and describes exactly the /ogc routes', async () => {
  const { body: api, type } = await json('/ogc/api');
  assert.equal(type, 'application/vnd.oai.openapi+json;version=3.0');
  const validator = new Validator();
  const result = await validator.validate(api);
  assert.ok(result.valid, JSON.stringify(result.errors, null, 1)?.slice(0, 2000));
  assert.equal(validator.version, '3.0');
  assert.equal(api.servers[0].url, server.url + '/ogc');
  const meta = await (await fetch(server.url + '/v1/meta')).json();
  const served = meta.routes.filter((r) => r.startsWith('GET /ogc')).map((r) => r.slice(8) || '/');
  // Every collection with items (coverage has tiles only).
  const collections = (await json('/ogc/collections')).body.collections
    .filter((c) => c.links.some((l) => l.rel === 'items')).map((c) => c.id);
  const documented = new Set(Object.keys(api.paths).map((p) =>
    collections.some((c) => p === `/collections/${c}/items`) ? '/collections/{collectionId}/items' : p));
  assert.deepEqual([...new Set(served)].sort(), [...documented].sort());
  for (const c of collections) assert.ok(api.paths[`/collections/${c}/items`], `${c} items are not described`);
});

test('every items page and item is GeoJSON with absolute links, for every collection', async () => {
  const { body: all } = await json('/ogc/collections');
  assert.deepEqual(all.collections.map((c) => c.id), ['stations', 'districts', 'streets', 'coverage']);
  for (const c of all.collections) {
    for (const l of c.links) assert.ok(l.href.startsWith(server.url + '/ogc/'), l.href);
    if (c.id === 'coverage') {  // tiles only: a tilesets link, no items
      assert.ok(c.links.some((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector'));
      assert.ok(!c.links.some((l) => l.rel === 'items'));
      continue;
    }
    const { body: page, type } = await json(`/ogc/collections/${c.id}/items?limit=5`);
    assert.equal(type, 'application/geo+json');
    assert.ok(geojson(page), `${c.id} items: ` + ajv.errorsText(geojson.errors));
    assert.equal(page.numberReturned, page.features.length);
    assert.ok(page.numberMatched >= page.numberReturned);
    const next = page.links.find((l) => l.rel === 'next');
    assert.ok(next, `${c.id}: no next link`);
    const second = await (await fetch(next.href)).json();
    assert.ok(geojson(second), `${c.id} second page: ` + ajv.errorsText(geojson.errors));
    assert.notEqual(second.features[0].id, page.features[0].id);
    const id = page.features[3].id;
    const { body: item } = await json(`/ogc/collections/${c.id}/items/${encodeURIComponent(id)}`);
    assert.ok(feature(item), `${c.id} item: ` + ajv.errorsText(feature.errors));
    assert.equal(item.id, id);
  }
  const { body: problem } = await json('/ogc/collections/stations/items?limit=0', { status: 400 });
  assert.equal(problem.parameter, 'limit');
});

// Tiles: the tile holding a place, its box (with the 64-unit buffer of 4,096), its layer.
function tileOf(lon, lat, z) {
  const n = 2 ** z, r = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
}
function tileBox({ z, x, y }, grow = 0) {
  const n = 2 ** z, lat = (t) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * t) / n))) * 180) / Math.PI;
  return [((x - grow) / n) * 360 - 180, lat(y + 1 + grow), ((x + 1 + grow) / n) * 360 - 180, lat(y - grow)];
}
async function tileLayer(collection, t, query = '') {
  const res = await fetch(`${server.url}/ogc/collections/${collection}/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}${query}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.mapbox-vector-tile');
  const tile = new VectorTile(new Pbf(new Uint8Array(await res.arrayBuffer())));
  return tile.layers[collection];
}
const features = (layer) => Array.from({ length: layer ? layer.length : 0 }, (_, i) => layer.feature(i));
// Even-odd over every ring of a polygon feature, in tile units.
function insidePolygon(rings, [px, py]) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i], b = ring[j];
      if ((a.y > py) !== (b.y > py) && px < ((b.x - a.x) * (py - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
  }
  return inside;
}
function tileUnits({ z, x, y }, lon, lat) {
  const n = 2 ** z, r = (lat * Math.PI) / 180;
  return [(((lon + 180) / 360) * n - x) * 4096,
    (((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n - y) * 4096];
}

test('station tiles hold the stations of their box, where the JSON API puts them', async () => {
  const t = tileOf(116.397, 39.908, 16);
  const layer = await tileLayer('stations', t);
  const drawn = features(layer);
  assert.ok(drawn.length > 0);
  const box = tileBox(t, 64 / 4096);
  const { body: page } = await json(`/ogc/collections/stations/items?limit=10000&bbox=${box.join(',')}`);
  assert.deepEqual(drawn.map((f) => f.properties.id).sort(), page.features.map((f) => f.id).sort());
  const byId = new Map(page.features.map((f) => [f.id, f]));
  for (const f of drawn) {
    const [lon, lat] = f.toGeoJSON(t.x, t.y, t.z).geometry.coordinates;
    const want = byId.get(f.properties.id);
    assert.ok(Math.abs(lon - want.geometry.coordinates[0]) < 1e-5, f.properties.id);
    assert.ok(Math.abs(lat - want.geometry.coordinates[1]) < 1e-5, f.properties.id);
    assert.equal(f.properties.name, want.properties.name);
    assert.equal(f.properties.host_type, want.properties.host_type);
  }
  // Zoom 9: the squares inside the tile count every station of it.
  const city = tileOf(116.397, 39.908, 9);
  let counted = 0;
  for (const f of features(await tileLayer('stations', city))) {
    const [[p]] = f.loadGeometry();
    if (p.x >= 0 && p.x < 4096 && p.y >= 0 && p.y < 4096) counted += f.properties.cluster ? f.properties.count : 1;
  }
  const { body: all } = await json(`/ogc/collections/stations/items?limit=1&bbox=${tileBox(city).join(',')}`);
  assert.equal(counted, all.numberMatched);
});

test('street tiles hold the street pieces of the items, with their names and lengths', async () => {
  const t = tileOf(116.397, 39.908, 15);
  const drawn = features(await tileLayer('streets', t));
  assert.ok(drawn.length > 10);
  for (const f of drawn.slice(0, 20)) {
    const { body: item } = await json(`/ogc/collections/streets/items/${f.id}`);
    assert.ok(Math.abs(item.properties.length_m - f.properties.length_m) < 0.01,
      `${f.id}: ${item.properties.length_m} vs ${f.properties.length_m}`);
    const line = f.toGeoJSON(t.x, t.y, t.z).geometry.coordinates;
    const want = item.geometry.coordinates;
    assert.ok(Math.abs(line[0][0] - want[0][0]) < 1e-4 && Math.abs(line[0][1] - want[0][1]) < 1e-4);
  }
});

test('coverage tiles: a place is in a gap exactly when its nearest station is farther than the radius', async () => {
  const t = tileOf(116.45, 39.95, 13);
  const gaps = features(await tileLayer('coverage', t, '?radius_m=300'));
  assert.ok(gaps.length > 0);
  for (const g of gaps) assert.equal(g.type, 3);  // polygons
  const rings = gaps.map((g) => g.loadGeometry());
  const [w, s, e, n] = tileBox(t);
  const cell = (6371008.8 * ((e - w) * Math.PI) / 180) * Math.cos((((s + n) / 2) * Math.PI) / 180) / 256;
  let agree = 0, checked = 0;
  for (let i = 0; i < 12; i++) {
    for (let j = 0; j < 12; j++) {
      const lon = w + ((e - w) * (i + 0.5)) / 12, lat = s + ((n - s) * (j + 0.5)) / 12;
      const { body: near } = await json(`/v1/stations/nearest?lon=${lon}&lat=${lat}&k=1`);
      const d = near.items[0].distance_m;
      if (Math.abs(d - 300) < 3 * cell) continue;  // within the grid's reach of the edge
      const inGap = rings.some((r) => insidePolygon(r, tileUnits(t, lon, lat)));
      checked++;
      if (inGap === d > 300) agree++;
    }
  }
  assert.ok(checked > 100, `${checked} points checked`);
  assert.equal(agree, checked);
});
