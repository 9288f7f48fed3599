// OGC API - Features: the service description /ogc/api is a valid OpenAPI 3.0 document (the
// schema validator of @seriousme/openapi-schema-validator) that describes every /ogc route the
// server has and no other; every items and item answer of every collection is GeoJSON by the
// RFC 7946 schema in geojson.schema.json, with absolute links (Ajv); and CORS is on every route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer } from './server.mjs';

let server;
before(async () => { server = await startServer(); });
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
