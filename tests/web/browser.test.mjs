// The demo page and the widget in headless Chromium (Debian's, driven by playwright-core),
// against a real server with the bundled Beijing dataset: load, click, nearest list against
// the API, a filter, gaps and the choropleth, a phone-sized screen, the widget example.
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const api = async (path) => (await fetch(server.url + path)).json();

test('the demo page: clusters, nearest on click, filters, gaps, choropleth', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  const usable = await page.evaluate(() => window.sfTimings.usable_ms);
  // A city-wide view ships clusters, not 9,600 stations.
  const status = await page.textContent('#status');
  assert.match(status, /stations in view \(\d+ clusters\)/);
  const districtPaths = await page.locator('#map path.leaflet-interactive').count();
  assert.ok(districtPaths >= 16, 'district outlines drawn: ' + districtPaths);

  // Click the map near its middle, where no cluster marker is in the way: five nearest, the
  // same ones and distances as the API.
  const spot = await page.evaluate(() => {
    const r = document.getElementById('map').getBoundingClientRect();
    for (let dy = 0; dy < r.height / 3; dy += 7) {
      for (let dx = 0; dx < r.width / 3; dx += 7) {
        const x = r.left + r.width / 2 + dx, y = r.top + r.height / 2 + dy;
        const el = document.elementFromPoint(x, y);
        if (el && !el.closest('.leaflet-marker-icon') && !el.closest('.leaflet-control')) return { x, y };
      }
    }
    return null;
  });
  assert.ok(spot, 'a free spot on the map');
  const clickAt = Date.now();
  await page.mouse.click(spot.x, spot.y);
  await page.waitForFunction(() => document.querySelectorAll('#nearest-list li[data-id]').length === 5);
  const clickWall = Date.now() - clickAt;
  const shown = await page.$$eval('#nearest-list li[data-id]', (lis) =>
    lis.map((li) => ({ id: li.dataset.id, distance: Number(li.dataset.distance), text: li.textContent })));
  const clickMs = await page.evaluate(() => window.sfTimings.last_click_ms);
  const where = await page.evaluate(() => window.sfLastClick);
  const expected = await api(`/v1/stations/nearest?lon=${where.lon}&lat=${where.lat}&k=5&format=geojson`);
  assert.deepEqual(shown.map((s) => s.id), expected.features.map((f) => f.id));
  assert.deepEqual(shown.map((s) => s.distance), expected.features.map((f) => f.properties.distance_m));
  for (const s of shown) assert.match(s.text, /\d+( m| km)/);
  const lines = await page.locator('#map path[stroke-dasharray]').count();
  assert.equal(lines, 5, 'a line to each of the five');

  // Filter: toilets only; every listed station has one.
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

  // Planner view: gaps in view with a download link, then the district choropleth and table.
  await page.check('#show-gaps');
  await page.waitForFunction(() => /% of the view within 500 m/.test(document.getElementById('gaps-summary').textContent), null, { timeout: 20000 });
  const href = await page.getAttribute('#gaps-download', 'href');
  assert.match(href, /^\/v1\/coverage\/gaps\?bbox=/);
  const gaps = await (await fetch(server.url + href)).json();
  assert.equal(gaps.type, 'FeatureCollection');
  const gapPaths = await page.locator('#map path[fill="#c0392b"]').count();
  assert.equal(gapPaths, gaps.features.length, 'every gap drawn');
  await page.check('#show-choropleth');
  await page.waitForSelector('#district-table:not([hidden]) tbody tr', { timeout: 15000 });
  const rows = await page.locator('#district-table tbody tr').count();
  assert.equal(rows, 17, '16 districts and the city');
  assert.match(await page.textContent('#legend'), /covered within 500 m/);
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

test('the walking switch: routes along the streets, as the API walks them', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  assert.equal(await page.isEnabled('#walking'), true, 'the bundled data is served with its streets');
  // Zoomed in, the streets are drawn faintly under everything, from /v1/network.
  await page.evaluate(() => window.sfMap.setView([39.9095, 116.4005], 16));
  await page.waitForFunction(() => document.querySelectorAll('#map path.sf-street').length > 20, null,
    { timeout: 15000 });
  const streets = await page.locator('#map path.sf-street').count();
  const b = await page.evaluate(() => window.sfMap.getBounds().toBBoxString());
  const listing = await api('/v1/network?limit=10000&bbox=' +
    b.split(',').map((v) => Number(v).toFixed(5)).join(','));
  assert.equal(streets, listing.features.length, 'every street piece in view drawn');

  await page.check('#walking');
  await page.evaluate(() => window.sfMap.fire('click', { latlng: window.L.latLng(39.9095, 116.4005) }));
  await page.waitForFunction(() => document.querySelectorAll('#nearest-list li[data-id]').length === 5 &&
    window.sfWalkRoutes.length === 5, null, { timeout: 10000 });
  const where = await page.evaluate(() => window.sfLastClick);
  const expected = await api(`/v1/stations/nearest?lon=${where.lon}&lat=${where.lat}&k=5` +
    '&distance=walk&path=true&format=geojson');
  const shown = await page.$$eval('#nearest-list li[data-id]', (lis) =>
    lis.map((li) => ({ id: li.dataset.id, distance: Number(li.dataset.distance), text: li.textContent })));
  assert.deepEqual(shown.map((s) => s.id), expected.features.map((f) => f.id));
  assert.deepEqual(shown.map((s) => s.distance), expected.features.map((f) => f.properties.walk_m));
  for (const s of shown) assert.match(s.text, /walk, \d+ min/);
  const routes = await page.evaluate(() => window.sfWalkRoutes);
  assert.deepEqual(routes, expected.features.map((f) =>
    f.properties.walk_path.coordinates.map(([lon, lat]) => [lat, lon])), 'the routes drawn are the API\'s');
  for (const f of expected.features) {
    assert.ok(f.properties.walk_path.coordinates.length > 2, 'a route runs along streets, not straight');
    assert.ok(f.properties.walk_m >= f.properties.distance_m);
  }
  assert.equal(await page.locator('#map path.sf-walk').count(), 5, 'five routes drawn');
  assert.equal(await page.locator('#map path[stroke-dasharray]').count(), 0, 'no straight lines');

  // Gaps by walk in the view.
  await page.check('#show-gaps');
  await page.waitForFunction(() => /within 500 m of walking/.test(document.getElementById('gaps-summary').textContent),
    null, { timeout: 30000 });
  const href = await page.getAttribute('#gaps-download', 'href');
  assert.match(href, /distance=walk/);
  await page.screenshot({ path: join(artifacts, 'demo-page-walking.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('with a GCJ-02 tile source the page asks for GCJ-02 and lines up', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  const urls = [];
  page.on('request', (r) => { if (r.url().includes('/v1/')) urls.push(r.url()); });
  await page.goto(server.url + '/?tiles_crs=gcj02');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  assert.ok(urls.length >= 3);
  for (const u of urls) assert.match(u, /[?&]crs=gcj02/, u);
  const where = await page.evaluate(() => {
    window.sfMap.fire('click', { latlng: window.L.latLng(39.9087, 116.3975) });
    return { lon: '116.397500', lat: '39.908700' };
  });
  await page.waitForFunction(() => document.querySelectorAll('#nearest-list li[data-id]').length === 5);
  const shown = await page.$$eval('#nearest-list li[data-id]', (lis) => lis.map((li) => li.dataset.id));
  const gcj = await api(`/v1/stations/nearest?lon=${where.lon}&lat=${where.lat}&k=5&crs=gcj02&format=geojson`);
  const wgs = await api(`/v1/stations/nearest?lon=${where.lon}&lat=${where.lat}&k=5&format=geojson`);
  assert.deepEqual(shown, gcj.features.map((f) => f.id));
  assert.notDeepEqual(gcj.features.map((f) => f.id), wgs.features.map((f) => f.id),
    'GCJ-02 and WGS84 readings of the same numbers are ~500 m apart');
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
