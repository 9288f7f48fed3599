// The spec and the server agree: api/openapi.json is the YAML, both are served, every route the
// server has is documented and every documented route exists, and real answers of every route
// validate against their documented schemas (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer } from './server.mjs';
import { apiDir, specFromYaml } from './openapi-json.mjs';

const spec = specFromYaml();
let server;
const TOKEN = 'openapi-test-token-0123456789';
before(async () => { server = await startServer([], { STATIONFINDER_TOKENS: 'tester:' + TOKEN }); });
after(async () => { await server.stop(); });

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addSchema(spec, 'openapi');
const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// The schema the spec gives for (path, method, status, content type), as an Ajv $ref.
function schemaRef(path, method, status, contentType) {
  const op = spec.paths[path]?.[method];
  assert.ok(op, `${method.toUpperCase()} ${path} is not documented`);
  let response = op.responses[String(status)];
  assert.ok(response, `${method.toUpperCase()} ${path} does not document status ${status}`);
  let pointer = `openapi#/paths/${escape(path)}/${method}/responses/${status}`;
  if (response.$ref) {
    const name = response.$ref.split('/').pop();
    response = spec.components.responses[name];
    pointer = `openapi#/components/responses/${escape(name)}`;
  }
  const type = contentType.split(';')[0].trim();
  assert.ok(response.content?.[type], `${method.toUpperCase()} ${path} ${status} does not document ${type}`);
  return `${pointer}/content/${escape(type)}/schema`;
}

async function call(method, path, { query = {}, body, type = 'application/json', route = path, token } = {}) {
  const url = server.url + path + (Object.keys(query).length ? '?' + new URLSearchParams(query) : '');
  const headers = body ? { 'Content-Type': type } : {};
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch(url, { method, body, headers });
  const contentType = res.headers.get('content-type') || '';
  const text = await res.text();
  return { status: res.status, contentType, text, route, method: method.toLowerCase() };
}

function validate(r) {
  const ref = schemaRef(r.route, r.method, r.status, r.contentType);
  if (!/json/.test(r.contentType)) return;  // CSV, binary: documented types, not JSON Schema
  const validator = ajv.getSchema(ref) || ajv.compile({ $ref: ref });
  const ok = validator(JSON.parse(r.text));
  assert.ok(ok, `${r.method.toUpperCase()} ${r.route} ${r.status}: ` +
    ajv.errorsText((validator.errors || []).slice(0, 6)));
}

test('api/openapi.json is api/openapi.yaml, and the server serves both', async () => {
  assert.deepEqual(JSON.parse(readFileSync(apiDir + 'openapi.json', 'utf8')), spec,
    'api/openapi.json is stale: run node tests/web/openapi-json.mjs');
  const yamlRes = await fetch(server.url + '/v1/openapi.yaml');
  assert.equal(yamlRes.status, 200);
  assert.equal(await yamlRes.text(), readFileSync(apiDir + 'openapi.yaml', 'utf8'));
  const jsonRes = await fetch(server.url + '/v1/openapi.json');
  assert.deepEqual(await jsonRes.json(), spec);
});

test('the examples in the spec validate against their own schemas', () => {
  let count = 0;
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    for (const example of schema.examples || []) {
      const validator = ajv.getSchema(`openapi#/components/schemas/${name}`) ||
        ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
      assert.ok(validator(example), `${name} example: ` + ajv.errorsText(validator.errors));
      count++;
    }
  }
  assert.ok(count >= 8, 'examples found: ' + count);
});

test('every route the server has is documented, and every documented route exists', async () => {
  const meta = await (await fetch(server.url + '/v1/meta')).json();
  // The /ogc routes have their own OpenAPI 3.0 description (ogc.test.mjs).
  const served = new Set(meta.routes.filter((r) => !r.startsWith('GET /ogc')));
  const documented = new Set();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const method of Object.keys(ops)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) documented.add(`${method.toUpperCase()} ${path}`);
    }
  }
  assert.deepEqual([...served].filter((r) => !documented.has(r)), [], 'routes the spec does not describe');
  assert.deepEqual([...documented].filter((r) => !served.has(r)), [], 'documented routes the server lacks');
});

test('real answers of every route validate against the spec', async () => {
  const meta = await (await fetch(server.url + '/v1/meta')).json();
  const id = (await (await fetch(server.url + '/v1/stations?limit=1')).json()).items[0].id;
  const region = JSON.stringify({ type: 'Polygon', coordinates: [[[116.38, 39.9], [116.42, 39.9], [116.42, 39.93], [116.38, 39.93], [116.38, 39.9]]] });
  const line = JSON.stringify({ type: 'LineString', coordinates: [[116.38, 39.9], [116.42, 39.92]] });
  const calls = [
    () => call('GET', '/healthz'),
    () => call('GET', '/readyz'),
    () => call('GET', '/metrics'),
    () => call('GET', '/v1/meta'),
    () => call('GET', '/v1/openapi.yaml'),
    () => call('GET', '/v1/openapi.json'),
    () => call('GET', '/', {}),
    () => call('GET', '/v1/stations/nearest', { query: { lon: 116.397, lat: 39.908, k: 5 } }),
    () => call('GET', '/v1/stations/nearest', { query: { lon: 116.397, lat: 39.908, k: 5, format: 'geojson', crs: 'gcj02' } }),
    () => call('GET', '/v1/stations/nearest', { query: { lon: 116.397, lat: 95 } }),
    () => call('POST', '/v1/stations/nearest', { query: { k: 2 }, body: JSON.stringify({ points: [[116.4, 39.9], [116.3, 40.0]] }) }),
    () => call('GET', '/v1/stations/within', { query: { lon: 116.397, lat: 39.908, radius_m: 500 } }),
    // Walking, on the bundled street network the bundled data is served with.
    () => call('GET', '/v1/stations/nearest', { query: { lon: 116.397, lat: 39.908, k: 3, distance: 'walk', path: true } }),
    () => call('GET', '/v1/stations/nearest', { query: { lon: 116.397, lat: 39.908, k: 3, distance: 'walk', path: true, format: 'geojson' } }),
    () => call('GET', '/v1/stations/within', { query: { lon: 116.397, lat: 39.908, radius_m: 600, distance: 'walk' } }),
    () => call('GET', '/v1/network', { query: { bbox: '116.39,39.90,116.40,39.91', limit: 50 } }),
    () => call('GET', '/v1/network', { query: {} }),
    () => call('GET', '/v1/isochrone', { query: { lon: 116.397, lat: 39.908, walk_minutes: '5,10' } }),
    () => call('GET', '/v1/isochrone', { query: { lon: 116.397, lat: 39.908, walk_m: '400', format: 'json', crs: 'gcj02' } }),
    () => call('GET', '/v1/isochrone', { query: { lon: 116.397, lat: 39.908, walk_minutes: '61' } }),
    () => call('GET', '/v1/stations/{id}/catchment'.replace('{id}', encodeURIComponent(id)), { route: '/v1/stations/{id}/catchment', query: { walk_minutes: '5' } }),
    () => call('GET', '/v1/stations/no-such-id/catchment', { route: '/v1/stations/{id}/catchment', query: { walk_minutes: '5' } }),
    () => call('POST', '/v1/stations/within', { body: region }),
    () => call('POST', '/v1/stations/along-route', { body: line, query: { format: 'geojson' } }),
    () => call('GET', '/v1/stations', { query: { bbox: '116.38,39.9,116.42,39.93' } }),
    () => call('GET', '/v1/stations', { query: { bbox: '116.2,39.8,116.6,40.1', zoom: 12, format: 'geojson' } }),
    () => call('GET', '/v1/stations/{id}'.replace('{id}', encodeURIComponent(id)), { route: '/v1/stations/{id}' }),
    () => call('GET', '/v1/stations/no-such-id', { route: '/v1/stations/{id}' }),
    () => call('GET', '/v1/districts'),
    () => call('GET', '/v1/districts', { query: { format: 'geojson' } }),
    () => call('GET', '/v1/coverage/gaps', { query: { district: 'Dongcheng' } }),
    () => call('GET', '/v1/coverage/gaps', { query: { district: 'Dongcheng', format: 'json' } }),
    () => call('GET', '/v1/coverage/gaps', { query: { district: 'Dongcheng', format: 'csv' } }),
    () => call('GET', '/v1/coverage/gaps', { query: { bbox: '115.4,39.4,117.5,41.1', cell_m: 5 } }),
    () => call('POST', '/v1/coverage/gaps', { body: JSON.stringify({ region: JSON.parse(region), add: [[116.4, 39.91]] }) }),
    () => call('GET', '/v1/coverage/gaps', { query: { district: 'Dongcheng', distance: 'walk', format: 'json' } }),
    () => call('GET', '/v1/coverage/gaps', { query: { district: 'Dongcheng', distance: 'walk', min_stations: 2 } }),
    () => call('GET', '/v1/coverage/districts', { query: { distance: 'walk', cell_m: 1000 } }),
    () => call('GET', '/v1/coverage/districts'),
    () => call('POST', '/v1/coverage/districts', { body: JSON.stringify({ remove: [id] }) }),
    () => call('GET', '/v1/coverage/profile', { query: { district: 'Dongcheng', weekday: 'mon' } }),
    () => call('POST', '/v1/coverage/profile', { query: { weekday: 'sat' }, body: region }),
    () => call('POST', '/v1/coverage/suggest', { query: { district: 'Dongcheng', k: 3 } }),
    () => call('POST', '/v1/coverage/suggest', { query: { district: 'Dongcheng', k: 3, format: 'geojson' } }),
    () => call('GET', '/v1/export', { query: { format: 'geojson' } }),
    () => call('GET', '/v1/export', { query: { format: 'csv' } }),
    () => call('GET', '/v1/export', { query: { format: 'xlsx' } }),
    () => call('POST', '/v1/stations', { token: TOKEN, type: 'application/geo+json', body: JSON.stringify({
      type: 'Feature', geometry: { type: 'Point', coordinates: [116.3975, 39.9087] },
      properties: { id: 'api-test-1', name: 'Test station', host_type: 'bank', amenities: ['water'] } }) }),
    () => call('POST', '/v1/stations', { token: TOKEN, type: 'application/geo+json', body: JSON.stringify({
      type: 'Feature', geometry: { type: 'Point', coordinates: [116.3975, 39.9087] },
      properties: { id: 'api-test-1', name: 'Again' } }) }),
    () => call('POST', '/v1/stations', { body: '{}' }),
    () => call('PUT', '/v1/stations/api-test-1', { route: '/v1/stations/{id}', token: TOKEN, type: 'application/geo+json',
      body: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [116.398, 39.909] },
        properties: { name: 'Renamed', host_type: 'supermarket' } }) }),
    () => call('PATCH', '/v1/stations/api-test-1', { route: '/v1/stations/{id}', token: TOKEN, type: 'application/merge-patch+json',
      body: JSON.stringify({ properties: { opening_hours: 'Mo-Fr 08:00-20:00' } }) }),
    () => call('PATCH', '/v1/stations/api-test-1', { route: '/v1/stations/{id}', token: TOKEN, type: 'application/merge-patch+json',
      body: JSON.stringify({ properties: { host_type: 'castle' } }) }),
    () => call('DELETE', '/v1/stations/api-test-1', { route: '/v1/stations/{id}', token: TOKEN }),
    () => call('DELETE', '/v1/stations/api-test-1', { route: '/v1/stations/{id}', token: TOKEN }),
    () => call('GET', '/v1/stations/api-test-1/history', { route: '/v1/stations/{id}/history', token: TOKEN }),
    () => call('GET', '/v1/stations/api-test-1/history', { route: '/v1/stations/{id}/history' }),
    () => call('POST', '/v1/stations/api-test-1/restore', { route: '/v1/stations/{id}/restore', token: TOKEN }),
    () => call('POST', '/v1/stations/api-test-1/restore', { route: '/v1/stations/{id}/restore', token: TOKEN, query: { version: 999999 } }),
    () => call('POST', '/v1/stations/bulk', { token: TOKEN, type: 'application/geo+json', body: JSON.stringify({
      type: 'FeatureCollection', features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [116.40, 39.91] }, properties: { id: 'api-bulk-1', name: 'Bulk one' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [116.41, 39.92] }, properties: { name: 'Bulk two, derived id' } }] }) }),
    () => call('POST', '/v1/stations/bulk', { token: TOKEN, type: 'text/csv', body: 'id,name,lon,lat\napi-bulk-2,Two,116.42,39.93\napi-bulk-3,Off the map,116.42,95\n' }),
    () => call('POST', '/v1/stations/bulk', { token: TOKEN, type: 'text/csv', query: { mode: 'merge' }, body: 'id,name,lon,lat\n' }),
    () => call('DELETE', '/v1/stations/api-bulk-1', { route: '/v1/stations/{id}', token: TOKEN }),
    () => call('GET', '/v1/demand'),
    () => call('POST', '/v1/demand', { body: 'lon,lat,weight\n116.4,39.9,2\n', type: 'text/csv' }),
    () => call('POST', '/v1/demand', { body: 'lon,lat,weight\n116.4,39.9,2\n', type: 'text/csv', token: TOKEN }),
    () => call('DELETE', '/v1/demand', { token: TOKEN }),
  ];
  const results = [];
  for (const c of calls) results.push(await c());  // one at a time, in order: writes depend on it
  const seen = new Set();
  for (const r of results) {
    if (r.status === 204) {
      assert.ok(spec.paths[r.route][r.method].responses['204'], `${r.route} does not document 204`);
      seen.add(`${r.method.toUpperCase()} ${r.route}`);
      continue;
    }
    validate(r);
    seen.add(`${r.method.toUpperCase()} ${r.route}`);
  }
  for (const route of meta.routes.filter((r) => !r.startsWith('GET /ogc'))) {
    const [method, path] = route.split(' ');
    assert.ok(seen.has(route) || seen.has(`${method.toLowerCase()} ${path}`), `no call exercised ${route}`);
  }
});
