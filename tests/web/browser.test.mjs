// The demo page (MapLibre GL JS, drawing the server's vector tiles) and the widget (Leaflet) in
// headless Chromium (Debian's, driven by playwright-core, WebGL by SwiftShader), against a real
// server with the bundled Beijing dataset: what the page draws (stations, clusters, gaps,
// streets, routes, the choropleth) held against the API, the nearest list, a filter, the
// walking switch, a phone-sized screen, GCJ-02 basemaps, the widget example.
// Screenshots go to SF_ARTIFACTS (default tests/web/artifacts). Timings are printed, not asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const artifacts = process.env.SF_ARTIFACTS || fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(artifacts, { recursive: true });
let server, browser;

before(async () => {
  server = await startServer();
  // A new empty profile (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sf-chromium-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const api = async (path) => (await fetch(server.url + path)).json();

// The page at its start, ready: the map styled, the first tiles drawn, the panel filled.
async function openPage(path = '/', size = { width: 1280, height: 800 }) {
  const page = await browser.newPage();
  await page.setViewportSize(size);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + path);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, errors };
}
// Moves the map and waits until every tile in view is drawn.
const moveTo = (page, lon, lat, zoom) => page.evaluate(([lon, lat, zoom]) => new Promise((done) => {
  window.sfMap.once('idle', () => done());
  window.sfMap.jumpTo({ center: [lon, lat], zoom });
}), [lon, lat, zoom]);
const settled = (page) => page.evaluate(() => new Promise((done) => {
  if (window.sfMap.loaded() && window.sfMap.areTilesLoaded()) done(); else window.sfMap.once('idle', () => done());
}));
// The distinct features of the page's layers drawn in view (as MapLibre rendered them).
const drawn = (page, layers, key = 'id') => page.evaluate(([layers, key]) => {
  const seen = new Map();
  for (const f of window.sfMap.queryRenderedFeatures({ layers })) {
    const k = key === 'id' ? f.properties.id : f.properties[key];
    if (!seen.has(k)) seen.set(k, { properties: f.properties, coordinates: f.geometry.coordinates });
  }
  return [...seen.entries()];
}, [layers, key]);
const viewBox = (page, grow = 0) => page.evaluate((grow) => {
  const b = window.sfMap.getBounds(), w = b.getEast() - b.getWest(), h = b.getNorth() - b.getSouth();
  return [b.getWest() - w * grow, b.getSouth() - h * grow, b.getEast() + w * grow, b.getNorth() + h * grow]
    .map((v) => v.toFixed(5)).join(',');
}, grow);
const listed = (page) => page.$$eval('#nearest-list li[data-id]', (lis) =>
  lis.map((li) => ({ id: li.dataset.id, distance: Number(li.dataset.distance), text: li.textContent })));

test('the demo page draws the tiles the API holds: clusters, stations, nearest, filters, gaps, choropleth', async () => {
  const { page, errors } = await openPage();
  const usable = await page.evaluate(() => window.sfTimings.usable_ms);
  // A city-wide view draws clusters, not 9,600 stations, and every district outline.
  assert.match(await page.textContent('#status'), /\d+ stations in view \(\d+ clusters\)/);
  // Zoomed out to the whole city, every district's outline is drawn.
  await moveTo(page, 116.40, 40.25, 7.5);
  const districts = await drawn(page, ['district-line'], 'name');
  const all = await api('/v1/districts?format=geojson');
  assert.deepEqual(districts.map(([name]) => name).sort(), all.features.map((f) => f.properties.name).sort());

  // Zoomed in, the points drawn are the stations of the view, where the API puts them.
  await moveTo(page, 116.397, 39.908, 15);
  const points = await drawn(page, ['stations']);
  const inner = await api('/v1/stations?limit=1000&format=geojson&bbox=' + await viewBox(page, -0.1));
  const outer = await api('/v1/stations?limit=1000&format=geojson&bbox=' + await viewBox(page, 0.1));
  const outerIds = new Map(outer.features.map((f) => [f.id, f]));
  assert.ok(inner.features.length > 10);
  for (const f of inner.features) assert.ok(points.some(([id]) => id === f.id), f.id + ' not drawn');
  for (const [id, p] of points) {
    const want = outerIds.get(id);
    assert.ok(want, id + ' drawn but not in view');
    assert.ok(Math.abs(p.coordinates[0] - want.geometry.coordinates[0]) < 1e-5, id);
    assert.ok(Math.abs(p.coordinates[1] - want.geometry.coordinates[1]) < 1e-5, id);
    assert.equal(p.properties.host_type, want.properties.host_type);
  }

  // A click where no station is drawn: the five nearest, the same ones and distances as the
  // API, with a dashed line to each.
  const spot = await page.evaluate(() => {
    const m = window.sfMap, r = m.getCanvas().getBoundingClientRect();
    for (let dy = 0; dy < r.height / 3; dy += 7) {
      for (let dx = 0; dx < r.width / 3; dx += 7) {
        const x = r.width / 2 + dx, y = r.height / 2 + dy;
        const near = m.queryRenderedFeatures([[x - 12, y - 12], [x + 12, y + 12]], { layers: ['stations', 'clusters'] });
        if (!near.length) return { x: r.left + x, y: r.top + y };
      }
    }
    return null;
  });
  assert.ok(spot, 'a free spot on the map');
  const clickAt = Date.now();
  await page.mouse.click(spot.x, spot.y);
  await page.waitForFunction(() => document.querySelectorAll('#nearest-list li[data-id]').length === 5);
  const clickWall = Date.now() - clickAt;
  const shown = await listed(page);
  const clickMs = await page.evaluate(() => window.sfTimings.last_click_ms);
  const where = await page.evaluate(() => window.sfLastClick);
  const expected = await api(`/v1/stations/nearest?lon=${where.lon}&lat=${where.lat}&k=5&format=geojson`);
  assert.deepEqual(shown.map((s) => s.id), expected.features.map((f) => f.id));
  assert.deepEqual(shown.map((s) => s.distance), expected.features.map((f) => f.properties.distance_m));
  for (const s of shown) assert.match(s.text, /\d+( m| km)/);
  await settled(page);
  const lines = await drawn(page, ['nearest-lines'], 'station');
  assert.deepEqual(lines.map(([id]) => id).sort(), expected.features.map((f) => f.id).sort(), 'a line to each of the five');

  // Filter: toilets only; every listed station has one, and so has every point drawn.
  await page.check('#amenity-filters input[value="toilet"]');
  await page.waitForFunction((before) => {
    const ids = [...document.querySelectorAll('#nearest-list li[data-id]')].map((li) => li.dataset.id).join();
    return ids && ids !== before;
  }, shown.map((s) => s.id).join(), { timeout: 10000 }).catch(() => {});
  const filtered = await page.$$eval('#nearest-list li[data-id]', (lis) => lis.map((li) => li.dataset.id));
  assert.equal(filtered.length, 5);
  for (const id of filtered) {
    const st = await api('/v1/stations/' + encodeURIComponent(id));
    assert.ok(st.amenities.includes('toilet'), id + ' has no toilet');
  }
  await page.waitForFunction(() => window.sfMap.getSource('stations').tiles[0].includes('amenities=toilet'));
  await settled(page);
  const toilets = await drawn(page, ['stations']);
  assert.ok(toilets.length > 0 && toilets.length < points.length, `${toilets.length} of ${points.length} drawn`);
  for (const [id, p] of toilets) assert.ok(p.properties.amenities.split(',').includes('toilet'), id);
  await page.uncheck('#amenity-filters input[value="toilet"]');

  // Planner view: the gaps drawn from the coverage tiles hold exactly the places farther than
  // the radius from every station (within two of the tile's cells), with a summary and a
  // download of the gaps in view.
  // A view around a gap of a few km² (from the API), with covered streets around it.
  const city = await api('/v1/coverage/gaps?bbox=116.2,39.8,116.6,40.05&cell_m=100&radius_m=500');
  const gap = city.features.find((f) => f.properties.area_m2 > 1e6 && f.properties.area_m2 < 5e6);
  assert.ok(gap, 'a gap of 1-5 km² in the city');
  await moveTo(page, gap.properties.farthest_point[0], gap.properties.farthest_point[1], 13);
  await page.check('#show-gaps');
  await page.waitForFunction(() => /% of the view within 500 m/.test(document.getElementById('gaps-summary').textContent), null, { timeout: 20000 });
  await settled(page);
  const href = await page.getAttribute('#gaps-download', 'href');
  assert.match(href, /^\/v1\/coverage\/gaps\?bbox=/);
  const gaps = await (await fetch(server.url + href)).json();
  assert.equal(gaps.type, 'FeatureCollection');
  const samples = await page.evaluate(() => {
    const m = window.sfMap, r = m.getCanvas().getBoundingClientRect(), out = [];
    for (let i = 1; i < 12; i++) {
      for (let j = 1; j < 8; j++) {
        const x = (r.width * i) / 12, y = (r.height * j) / 8, p = m.unproject([x, y]);
        out.push({ lon: p.lng, lat: p.lat, gap: m.queryRenderedFeatures([x, y], { layers: ['coverage'] }).length > 0 });
      }
    }
    return { out, metresPerPixel: 40075016.686 * Math.cos((m.getCenter().lat * Math.PI) / 180) / (512 * 2 ** m.getZoom()) };
  });
  const cell = samples.metresPerPixel * 2;  // 256 cells across a 512-pixel tile
  let inGap = 0, checked = 0;
  for (const s of samples.out) {
    const near = await api(`/v1/stations/nearest?lon=${s.lon}&lat=${s.lat}&k=1`);
    const d = near.items[0].distance_m;
    if (Math.abs(d - 500) < 2 * cell) continue;
    checked++;
    inGap += s.gap;
    assert.equal(s.gap, d > 500, `${s.lon},${s.lat}: nearest ${d} m, drawn as ${s.gap ? 'a gap' : 'covered'}`);
  }
  assert.ok(checked > 40 && inGap > 0 && inGap < checked, `${checked} places checked, ${inGap} in gaps`);

  // The choropleth: each district filled in the class of its covered share in the report.
  await page.check('#show-choropleth');
  await page.waitForSelector('#district-table:not([hidden]) tbody tr', { timeout: 15000 });
  assert.equal(await page.locator('#district-table tbody tr').count(), 17, '16 districts and the city');
  assert.match(await page.textContent('#legend'), /covered within 500 m/);
  const fill = await page.evaluate(() => window.sfMap.getPaintProperty('district-fill', 'fill-color'));
  const report = await api('/v1/coverage/districts?radius_m=500');
  const CLASSES = [[90, '#1a9850'], [70, '#91cf60'], [50, '#d9ef8b'], [30, '#fee08b'], [10, '#fc8d59'], [0, '#d73027']];
  for (const d of report.districts) {
    const at = fill.indexOf(d.district);
    assert.ok(at > 0, d.district + ' not filled');
    assert.equal(fill[at + 1], CLASSES.find(([min]) => d.covered_pct >= min)[1], d.district);
  }
  await page.screenshot({ path: join(artifacts, 'demo-page.png') });

  // A phone-sized screen: map and panel both on screen, one above the other.
  await page.setViewportSize({ width: 390, height: 844 });
  const map = await page.locator('#map').boundingBox();
  const panel = await page.locator('#panel').boundingBox();
  assert.ok(map.width <= 390 && map.height > 200, 'map fits the phone');
  assert.ok(panel.y >= map.y + map.height - 1, 'panel below the map');
  await page.screenshot({ path: join(artifacts, 'demo-page-phone.png') });
  assert.deepEqual(errors, []);
  console.log(`# timings (localhost, bundled Beijing): page usable ${usable.toFixed(0)} ms after ` +
    `navigation; click answered in ${clickMs.toFixed(0)} ms (fetch + draw), ${clickWall} ms as the test saw it`);
  await page.close();
});

test('the walking switch: streets from their tiles, routes along them as the API walks them', async () => {
  const { page, errors } = await openPage();
  assert.equal(await page.isEnabled('#walking'), true, 'the bundled data is served with its streets');
  // Zoomed in, the street pieces drawn are those of /v1/network in view.
  await moveTo(page, 116.4005, 39.9095, 15.5);
  const streets = await drawn(page, ['streets'], 'length_m');
  const pieces = await page.evaluate(() => new Set(window.sfMap.queryRenderedFeatures({ layers: ['streets'] }).map((f) => f.id)).size);
  assert.ok(pieces > 20, pieces + ' street pieces drawn');
  const listing = await api('/v1/network?limit=10000&bbox=' + await viewBox(page, 0.1));
  const lengths = new Set(listing.features.map((f) => f.properties.length_m));
  for (const [length] of streets) assert.ok(lengths.has(length), `a piece of ${length} m drawn that the listing lacks`);

  await page.check('#walking');
  await page.evaluate(() => window.sfClickAt(116.4005, 39.9095));
  await page.waitForFunction(() => document.querySelectorAll('#nearest-list li[data-id]').length === 5 &&
    window.sfWalkRoutes.length === 5, null, { timeout: 10000 });
  const where = await page.evaluate(() => window.sfLastClick);
  const expected = await api(`/v1/stations/nearest?lon=${where.lon}&lat=${where.lat}&k=5` +
    '&distance=walk&path=true&format=geojson');
  const shown = await listed(page);
  assert.deepEqual(shown.map((s) => s.id), expected.features.map((f) => f.id));
  assert.deepEqual(shown.map((s) => s.distance), expected.features.map((f) => f.properties.walk_m));
  for (const s of shown) assert.match(s.text, /walk, \d+ min/);
  const routes = await page.evaluate(() => window.sfWalkRoutes);
  assert.deepEqual(routes, expected.features.map((f) => f.properties.walk_path.coordinates), 'the routes drawn are the API\'s');
  for (const f of expected.features) {
    assert.ok(f.properties.walk_path.coordinates.length > 2, 'a route runs along streets, not straight');
    assert.ok(f.properties.walk_m >= f.properties.distance_m);
  }
  await page.evaluate(() => window.sfMap.fitBounds(window.sfWalkRoutes.flat().reduce(
    (b, p) => b.extend(p), new maplibregl.LngLatBounds(window.sfWalkRoutes[0][0], window.sfWalkRoutes[0][0])), { padding: 40, duration: 0 }));
  await settled(page);
  assert.equal((await drawn(page, ['nearest-walks'], 'station')).length, 5, 'five routes drawn');
  assert.equal((await drawn(page, ['nearest-lines'], 'station')).length, 0, 'no straight lines');

  // Gaps by walk: the coverage tiles and the summary ask by walk.
  await page.check('#show-gaps');
  await page.waitForFunction(() => /within 500 m of walking/.test(document.getElementById('gaps-summary').textContent),
    null, { timeout: 30000 });
  assert.match(await page.getAttribute('#gaps-download', 'href'), /distance=walk/);
  assert.match(await page.evaluate(() => window.sfMap.getSource('coverage').tiles[0]), /distance=walk/);
  await page.screenshot({ path: join(artifacts, 'demo-page-walking.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('with a GCJ-02 tile source the page asks for GCJ-02 everywhere and lines up', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  const urls = [];
  page.on('request', (r) => { if (/\/(v1|ogc)\//.test(r.url())) urls.push(r.url()); });
  await page.goto(server.url + '/?tiles_crs=gcj02');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.ok(urls.some((u) => u.includes('/ogc/collections/stations/tiles/')), 'station tiles asked for');
  assert.ok(urls.length >= 4);
  for (const u of urls) assert.match(u, /[?&]crs=gcj02/, u);
  await page.evaluate(() => window.sfClickAt(116.3975, 39.9087));
  await page.waitForFunction(() => document.querySelectorAll('#nearest-list li[data-id]').length === 5);
  const shown = await page.$$eval('#nearest-list li[data-id]', (lis) => lis.map((li) => li.dataset.id));
  const gcj = await api('/v1/stations/nearest?lon=116.397500&lat=39.908700&k=5&crs=gcj02&format=geojson');
  const wgs = await api('/v1/stations/nearest?lon=116.397500&lat=39.908700&k=5&format=geojson');
  assert.deepEqual(shown, gcj.features.map((f) => f.id));
  assert.notDeepEqual(gcj.features.map((f) => f.id), wgs.features.map((f) => f.id),
    'GCJ-02 and WGS84 readings of the same numbers are ~500 m apart');
  // The points drawn are where GCJ-02 puts them: the API's GCJ-02 positions.
  await moveTo(page, 116.403, 39.910, 15);
  const points = await drawn(page, ['stations']);
  assert.ok(points.length > 5);
  for (const [id, p] of points.slice(0, 10)) {
    const s = await api('/v1/stations/' + encodeURIComponent(id) + '?crs=gcj02');
    assert.ok(Math.abs(p.coordinates[0] - s.lon) < 1e-5 && Math.abs(p.coordinates[1] - s.lat) < 1e-5, id);
  }
  await page.close();
});

test('the widget example: a list with distances, and readable errors', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(server.url + '/web/widget-example.html');
  await page.waitForSelector('#good .sf-list li', { timeout: 15000 });
  const items = await page.$$eval('#good .sf-list li', (lis) => lis.map((li) => Number(li.dataset.distance)));
  const expected = await api('/v1/stations/nearest?lon=116.397&lat=39.908&k=5&amenities=toilet&format=geojson');
  assert.deepEqual(items, expected.features.map((f) => f.properties.distance_m));
  await page.waitForSelector('#good .sf-map.leaflet-container', { timeout: 15000 });
  await page.waitForSelector('#bad-attribute .sf-error');
  assert.match(await page.textContent('#bad-attribute .sf-error'), /lat="95" must be from -90 to 90/);
  await page.waitForSelector('#unreachable .sf-error', { timeout: 15000 });
  assert.match(await page.textContent('#unreachable .sf-error'), /cannot reach the stationfinder server at http:\/\/127\.0\.0\.1:9/);
  await page.screenshot({ path: join(artifacts, 'widget-example.png'), fullPage: true });
  await page.close();
});
