// The demo map page, on MapLibre GL JS: stations, coverage gaps and streets drawn from the
// server's vector tiles (/ogc/collections/{stations|coverage|streets}/tiles), the 5 nearest to a
// click with lines (or walking routes), filters (carried into the station tiles and the nearest
// query), the planner view (the gaps tiles for a radius, their summary and download for the
// view, the district choropleth with its table) and, with the walking switch (when the server
// has a street network), all of them by walk. Talks only to the server that served it.
// Page options (query string): tiles=URL template of a raster tile source (off by default);
// tiles_crs=gcj02 when that source draws in GCJ-02 (Amap, Tencent): every API call and every
// tile then asks for crs=gcj02 so stations line up with the basemap.
(function () {
  'use strict';
  const pageParams = new URLSearchParams(location.search);
  const basemap = pageParams.get('tiles');
  const crs = pageParams.get('tiles_crs') === 'gcj02' ? 'gcj02' : null;
  const HOST_COLOURS = {
    bank: '#1f77b4', supermarket: '#2ca02c', convenience_store: '#17becf',
    real_estate_agency: '#9467bd', gas_station: '#d62728', union_office: '#ff7f0e', other: '#7f7f7f'
  };
  const STREETS_FROM_ZOOM = 14;
  const EMPTY = { type: 'FeatureCollection', features: [] };
  window.sfTimings = { usable_ms: null, last_click_ms: null };
  window.sfWalkRoutes = [];  // the walking routes drawn for the last click, [[lon, lat], …] each
  const walking = () => document.getElementById('walking').checked;
  const status = document.getElementById('status');
  const setStatus = (text) => { status.textContent = text; };

  function query(params) {
    const q = new URLSearchParams(params || {});
    if (crs) q.set('crs', crs);
    return q.toString() ? '?' + q : '';
  }
  function api(path, params) {
    return fetch(path + query(params)).then(async (r) => {
      const type = r.headers.get('Content-Type') || '';
      const data = type.includes('json') ? await r.json() : await r.text();
      if (!r.ok) throw new Error((data && data.detail) || r.status + ' ' + r.statusText);
      return data;
    });
  }
  const tileUrl = (collection, params) => location.origin + '/ogc/collections/' + collection +
    '/tiles/WebMercatorQuad/{z}/{y}/{x}' + query(params);

  // The filters as the v1 API names them, and as the tiles (the OGC queryables) do.
  function filterParams() {
    const p = {};
    const amenities = [...document.querySelectorAll('#amenity-filters input:checked')].map((i) => i.value);
    if (amenities.length) p.amenities = amenities.join(',');
    const host = document.getElementById('host-filter').value;
    if (host) p.host_types = host;
    if (document.getElementById('open-now').checked) p.open_now = 'true';
    return p;
  }
  function tileFilterParams() {
    const p = filterParams();
    if (p.host_types) { p.host_type = p.host_types; delete p.host_types; }
    return p;
  }

  const escapeHtml = (s) => String(s == null ? '' : s).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const metres = (m) => (m < 1000 ? Math.round(m) + ' m' : (m / 1000).toFixed(2) + ' km');
  function popupHtml(p) {
    const open = p.open_now === true ? 'open now' : p.open_now === false ? 'closed now' : 'hours unknown';
    const amenities = Array.isArray(p.amenities) ? p.amenities.join(', ') : String(p.amenities || '').replace(/,/g, ', ');
    return '<strong>' + escapeHtml(p.name) + '</strong><br>' + escapeHtml(p.host_type) +
      '<br>' + escapeHtml(amenities) + '<br>' + escapeHtml(p.opening_hours || '') +
      ' — <em>' + open + '</em>' + (p.distance_m != null ? '<br>' + metres(p.distance_m) : '');
  }
  // Great-circle metres between two [lon, lat] (the sphere of the API).
  function distance([lon1, lat1], [lon2, lat2]) {
    const r = Math.PI / 180, a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
      Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
    return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
  }

  if (typeof maplibregl === 'undefined') {
    setStatus('MapLibre GL JS is not installed on this server (npm ci --prefix api/web)');
    return;
  }
  const hostColour = ['match', ['get', 'host_type']];
  for (const [h, c] of Object.entries(HOST_COLOURS)) hostColour.push(h, c);
  hostColour.push('#7f7f7f');
  const style = {
    version: 8,
    sources: {
      districts: { type: 'geojson', data: EMPTY },
      stations: { type: 'vector', tiles: [tileUrl('stations', {})], maxzoom: 16 },
      coverage: { type: 'vector', tiles: [tileUrl('coverage', { radius_m: 500 })], minzoom: 9, maxzoom: 15 },
      nearest: { type: 'geojson', data: EMPTY }
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f5' } },
      { id: 'district-fill', type: 'fill', source: 'districts',
        paint: { 'fill-color': '#12395c', 'fill-opacity': 0.04 } },
      { id: 'district-line', type: 'line', source: 'districts',
        paint: { 'line-color': '#12395c', 'line-width': 1.2 } },
      { id: 'coverage', type: 'fill', source: 'coverage', 'source-layer': 'coverage',
        layout: { visibility: 'none' },
        paint: { 'fill-color': '#c0392b', 'fill-opacity': 0.35, 'fill-outline-color': '#c0392b' } },
      { id: 'clusters', type: 'circle', source: 'stations', 'source-layer': 'stations',
        filter: ['==', ['get', 'cluster'], true],
        paint: { 'circle-color': 'rgba(18, 57, 92, 0.85)', 'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
          'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 2, 9, 50, 15, 1000, 25] } },
      { id: 'stations', type: 'circle', source: 'stations', 'source-layer': 'stations',
        filter: ['!', ['has', 'cluster']],
        paint: { 'circle-radius': 6, 'circle-color': hostColour, 'circle-stroke-color': '#fff',
          'circle-stroke-width': 1, 'circle-opacity': 0.9 } },
      { id: 'nearest-lines', type: 'line', source: 'nearest', filter: ['==', ['get', 'kind'], 'line'],
        paint: { 'line-color': '#12395c', 'line-width': 2, 'line-dasharray': [2, 2] } },
      { id: 'nearest-walks', type: 'line', source: 'nearest', filter: ['==', ['get', 'kind'], 'walk'],
        paint: { 'line-color': '#0b6e4f', 'line-width': 3, 'line-opacity': 0.85 } },
      { id: 'nearest-stations', type: 'circle', source: 'nearest', filter: ['==', ['get', 'kind'], 'station'],
        paint: { 'circle-radius': 7, 'circle-color': hostColour, 'circle-stroke-color': '#000',
          'circle-stroke-width': 2 } },
      { id: 'nearest-click', type: 'circle', source: 'nearest', filter: ['==', ['get', 'kind'], 'click'],
        paint: { 'circle-radius': 5, 'circle-color': '#000' } }
    ]
  };
  if (basemap) {
    style.sources.basemap = { type: 'raster', tiles: [basemap], tileSize: 256, maxzoom: 19 };
    style.layers.splice(1, 0, { id: 'basemap', type: 'raster', source: 'basemap' });
  }
  const map = new maplibregl.Map({ container: 'map', style, center: [116.40, 39.92], zoom: 10,
    attributionControl: false });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  window.sfMap = map;  // for embedding pages and tests

  // Stations in view: how many pass the filters (the API's count) and how many clusters are
  // drawn (the tiles').
  let countRequest = 0;
  function countStations() {
    const b = map.getBounds();
    const mine = ++countRequest;
    return api('/v1/stations', Object.assign({
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(','),
      limit: 1, format: 'geojson'
    }, filterParams())).then((fc) => {
      if (mine !== countRequest) return;
      const clusters = new Set(map.queryRenderedFeatures({ layers: ['clusters'] }).map((f) => f.id)).size;
      setStatus(fc.numberMatched + ' stations in view' + (clusters ? ' (' + clusters + ' clusters)' : ''));
    }).catch((e) => setStatus('stations: ' + e.message));
  }
  function refreshStationTiles() {
    map.getSource('stations').setTiles([tileUrl('stations', tileFilterParams())]);
  }

  // Click: the 5 nearest, lines (or walking routes) to them, the list with distances.
  let lastClick = null;
  function nearest(lngLat) {
    lastClick = lngLat;
    window.sfLastClick = { lon: lngLat.lng.toFixed(6), lat: lngLat.lat.toFixed(6) };
    const t0 = performance.now();
    const params = Object.assign({ lon: window.sfLastClick.lon, lat: window.sfLastClick.lat, k: 5,
      format: 'geojson' }, filterParams());
    const byWalk = walking();
    if (byWalk) Object.assign(params, { distance: 'walk', path: 'true' });
    return api('/v1/stations/nearest', params).then((fc) => {
      const here = [lngLat.lng, lngLat.lat];
      const drawn = [{ type: 'Feature', properties: { kind: 'click' }, geometry: { type: 'Point', coordinates: here } }];
      window.sfWalkRoutes = [];
      const list = document.getElementById('nearest-list');
      list.innerHTML = '';
      if (!fc.features.length) list.innerHTML = '<li>no station passes the filters</li>';
      for (const f of fc.features) {
        const p = f.properties;
        if (byWalk && p.walk_path) {
          window.sfWalkRoutes.push(p.walk_path.coordinates);
          drawn.push({ type: 'Feature', id: f.id, properties: { kind: 'walk', station: f.id }, geometry: p.walk_path });
        } else {
          drawn.push({ type: 'Feature', properties: { kind: 'line', station: f.id },
            geometry: { type: 'LineString', coordinates: [here, f.geometry.coordinates] } });
        }
        drawn.push({ type: 'Feature', properties: Object.assign({ kind: 'station', station: f.id }, p,
          { amenities: (p.amenities || []).join(',') }), geometry: f.geometry });
        const li = document.createElement('li');
        li.dataset.id = f.id;
        li.dataset.distance = byWalk ? p.walk_m : p.distance_m;
        li.innerHTML = '<span class="distance">' + metres(byWalk ? p.walk_m : p.distance_m) +
          (byWalk ? ' walk, ' + Math.round(p.walk_minutes) + ' min' : '') + '</span> ' +
          escapeHtml(p.name) + ' <small>(' + escapeHtml(p.host_type) +
          (p.open_now === true ? ', open' : p.open_now === false ? ', closed' : '') + ')</small>';
        list.appendChild(li);
      }
      map.getSource('nearest').setData({ type: 'FeatureCollection', features: drawn });
      window.sfTimings.last_click_ms = performance.now() - t0;
    }).catch((e) => {
      document.getElementById('nearest-list').innerHTML = '<li>' + escapeHtml(e.message) + '</li>';
    });
  }
  window.sfClickAt = (lon, lat) => nearest({ lng: lon, lat });

  // A click on a station opens its popup (the API's answer, with open now); on a cluster zooms
  // in; anywhere else asks for the nearest.
  map.on('click', (e) => {
    const hit = map.queryRenderedFeatures(e.point, { layers: ['nearest-stations', 'stations', 'clusters'] })[0];
    if (!hit) { nearest(e.lngLat); return; }
    if (hit.properties.cluster) {
      map.easeTo({ center: hit.geometry.coordinates, zoom: Math.min(map.getZoom() + 2, 18) });
      return;
    }
    const id = hit.properties.station || hit.properties.id;
    api('/v1/stations/' + encodeURIComponent(id)).then((s) => {
      new maplibregl.Popup().setLngLat(hit.geometry.coordinates)
        .setHTML(popupHtml(Object.assign({}, s, { distance_m: hit.properties.distance_m }))).addTo(map);
    }).catch(() => {});
  });
  for (const layer of ['stations', 'clusters', 'nearest-stations']) {
    map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
  }

  // Planner view: the gaps tiles for the radius (by walk with the switch), their summary and a
  // download for the view; the district choropleth, its table and legend.
  const radius = () => document.getElementById('radius').value || '500';
  function coverageParams() {
    const p = { radius_m: radius() };
    if (walking()) p.distance = 'walk';
    return p;
  }
  function gapsParams() {
    const b = map.getBounds();
    const widthM = distance([b.getWest(), b.getNorth()], [b.getEast(), b.getNorth()]);
    const heightM = distance([b.getWest(), b.getNorth()], [b.getWest(), b.getSouth()]);
    // About a million cells at most (a quarter of that by walk), and never finer than 25 m.
    const cells = walking() ? 2.5e5 : 1e6;
    const cell = Math.max(25, Math.ceil(Math.sqrt((widthM * heightM) / cells)));
    return Object.assign({
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(','),
      cell_m: cell
    }, coverageParams());
  }
  let gapsRequest = 0;
  function loadGaps() {
    const link = document.getElementById('gaps-download');
    const summary = document.getElementById('gaps-summary');
    const on = document.getElementById('show-gaps').checked;
    map.setLayoutProperty('coverage', 'visibility', on ? 'visible' : 'none');
    if (!on) {
      link.hidden = true;
      summary.textContent = '';
      return Promise.resolve();
    }
    map.getSource('coverage').setTiles([tileUrl('coverage', coverageParams())]);
    const params = gapsParams();
    link.href = '/v1/coverage/gaps' + query(params);
    link.hidden = false;
    summary.textContent = 'computing gaps…';
    const mine = ++gapsRequest;
    return api('/v1/coverage/gaps', Object.assign({}, params, { format: 'json' })).then((g) => {
      if (mine !== gapsRequest) return;
      const s = g.summary;
      summary.textContent = s.covered_pct + ' % of the view within ' + params.radius_m + ' m' +
        (params.distance === 'walk' ? ' of walking' : '') + '; ' +
        s.gap_count + ' gaps, ' + (s.uncovered_area_m2 / 1e6).toFixed(1) + ' km² uncovered';
    }).catch((e) => { summary.textContent = 'gaps: ' + e.message; });
  }
  const CLASSES = [[90, '#1a9850'], [70, '#91cf60'], [50, '#d9ef8b'], [30, '#fee08b'], [10, '#fc8d59'], [0, '#d73027']];
  const colourFor = (pct) => CLASSES.find(([min]) => pct >= min)[1];
  let report = null;
  const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
  map.on('mousemove', 'district-fill', (e) => {
    const d = report && report.get(e.features[0].properties.name);
    if (!d) { hover.remove(); return; }
    hover.setLngLat(e.lngLat).setText(d.district + ': ' + d.covered_pct + ' %').addTo(map);
  });
  map.on('mouseleave', 'district-fill', () => hover.remove());
  function loadChoropleth() {
    const table = document.getElementById('district-table');
    const legend = document.getElementById('legend');
    if (!document.getElementById('show-choropleth').checked) {
      report = null;
      map.setPaintProperty('district-fill', 'fill-color', '#12395c');
      map.setPaintProperty('district-fill', 'fill-opacity', 0.04);
      table.hidden = true;
      legend.hidden = true;
      return Promise.resolve();
    }
    const reportParams = { radius_m: radius() };
    if (walking()) Object.assign(reportParams, { distance: 'walk', cell_m: 500 });
    return api('/v1/coverage/districts', reportParams).then((r) => {
      report = new Map(r.districts.map((d) => [d.district, d]));
      const fill = ['match', ['get', 'name']];
      for (const d of r.districts) fill.push(d.district, colourFor(d.covered_pct));
      fill.push('#ccc');
      map.setPaintProperty('district-fill', 'fill-color', fill);
      map.setPaintProperty('district-fill', 'fill-opacity', 0.6);
      const body = table.querySelector('tbody');
      body.innerHTML = '';
      for (const d of r.districts) {
        const tr = document.createElement('tr');
        tr.dataset.district = d.district;
        tr.innerHTML = '<td>' + escapeHtml(d.district) + '</td><td>' + d.stations + '</td><td>' +
          d.stations_per_km2.toFixed(1) + '</td><td>' + d.covered_pct.toFixed(1) + '</td>';
        body.appendChild(tr);
      }
      table.hidden = false;
      legend.innerHTML = 'covered within ' + radius() + ' m' + (walking() ? ' of walking' : '') +
        ': ' + CLASSES.map(([min, c]) => '<span style="background:' + c + '"></span>≥ ' + min + ' %').join(' ');
      legend.hidden = false;
    }).catch((e) => { legend.hidden = false; legend.textContent = 'report: ' + e.message; });
  }

  // The walkable streets, faint, under everything from zoom 14 (when the server has them).
  function addStreets() {
    map.addSource('streets', { type: 'vector', tiles: [tileUrl('streets', {})], minzoom: 13, maxzoom: 16 });
    map.addLayer({ id: 'streets', type: 'line', source: 'streets', 'source-layer': 'streets',
      minzoom: STREETS_FROM_ZOOM,
      paint: { 'line-color': '#8a8a8a', 'line-width': 1.5, 'line-opacity': 0.55 } }, 'coverage');
  }

  document.getElementById('walking').addEventListener('change', () => {
    if (lastClick) nearest(lastClick);
    loadGaps();
    loadChoropleth();
  });
  document.getElementById('show-gaps').addEventListener('change', loadGaps);
  document.getElementById('show-choropleth').addEventListener('change', loadChoropleth);
  document.getElementById('radius').addEventListener('change', () => { loadGaps(); loadChoropleth(); });
  document.getElementById('filters').addEventListener('change', () => {
    refreshStationTiles();
    countStations();
    if (lastClick) nearest(lastClick);
  });
  map.on('moveend', () => {
    countStations();
    if (document.getElementById('show-gaps').checked) loadGaps();
  });

  // Start: the map's style, vocabularies, district outlines, the first tiles; then the page is
  // usable.
  const styled = new Promise((resolve) => map.on('load', resolve));
  Promise.all([
    Promise.all([styled, api('/v1/meta')]).then(([, meta]) => {
      const box = document.getElementById('amenity-filters');
      for (const a of meta.amenities) {
        const label = document.createElement('label');
        label.innerHTML = '<input type="checkbox" value="' + escapeHtml(a) + '"> ' + escapeHtml(a);
        box.appendChild(label);
      }
      const select = document.getElementById('host-filter');
      for (const h of meta.host_types) select.add(new Option(h, h));
      const walkSwitch = document.getElementById('walking');
      walkSwitch.disabled = !meta.network;
      if (!meta.network) walkSwitch.parentElement.title = 'this server has no street network (--network)';
      else addStreets();
    }),
    Promise.all([styled, api('/v1/districts', { format: 'geojson' })])
      .then(([, fc]) => map.getSource('districts').setData(fc)),
    styled.then(() => new Promise((resolve) => map.once('idle', resolve)))
  ]).then(() => countStations()).then(() => {
    window.sfTimings.usable_ms = performance.now();  // since navigation start
    document.body.dataset.ready = 'true';
  }).catch((e) => setStatus('could not load: ' + e.message));
})();
