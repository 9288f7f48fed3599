// The demo map page: stations (clustered when zoomed out), the 5 nearest to a click, filters,
// coverage gaps and a district choropleth; with the walking switch (when the server has a
// street network) all of them by walk, the walking routes drawn, and the streets drawn faintly
// under everything from zoom 14. Talks only to the server that served it.
// Page options (query string): tiles=URL template of a raster tile source (off by default);
// tiles_crs=gcj02 when that source draws in GCJ-02 (Amap, Tencent): every API call then asks
// for crs=gcj02 so stations line up with the tiles.
(function () {
  'use strict';
  const pageParams = new URLSearchParams(location.search);
  const tiles = pageParams.get('tiles');
  const crs = pageParams.get('tiles_crs') === 'gcj02' ? 'gcj02' : null;
  const CLUSTER_BELOW_ZOOM = 15;
  const HOST_COLOURS = {
    bank: '#1f77b4', supermarket: '#2ca02c', convenience_store: '#17becf',
    real_estate_agency: '#9467bd', gas_station: '#d62728', union_office: '#ff7f0e', other: '#7f7f7f'
  };
  window.sfTimings = { usable_ms: null, last_click_ms: null };
  window.sfWalkRoutes = [];  // the walking routes drawn for the last click, [[lat, lon], …] each
  const STREETS_FROM_ZOOM = 14;
  const walking = () => document.getElementById('walking').checked;

  const status = document.getElementById('status');
  const setStatus = (text) => { status.textContent = text; };

  function api(path, params) {
    const q = new URLSearchParams(params || {});
    if (crs) q.set('crs', crs);
    return fetch(path + (q.toString() ? '?' + q : '')).then(async (r) => {
      const body = r.headers.get('Content-Type') || '';
      const data = body.includes('json') ? await r.json() : await r.text();
      if (!r.ok) throw new Error((data && data.detail) || r.status + ' ' + r.statusText);
      return data;
    });
  }

  function filterParams() {
    const p = {};
    const amenities = [...document.querySelectorAll('#amenity-filters input:checked')].map((i) => i.value);
    if (amenities.length) p.amenities = amenities.join(',');
    const host = document.getElementById('host-filter').value;
    if (host) p.host_types = host;
    if (document.getElementById('open-now').checked) p.open_now = 'true';
    return p;
  }

  const escapeHtml = (s) => String(s == null ? '' : s).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const metres = (m) => (m < 1000 ? Math.round(m) + ' m' : (m / 1000).toFixed(2) + ' km');

  function popupHtml(p) {
    const open = p.open_now === true ? 'open now' : p.open_now === false ? 'closed now' : 'hours unknown';
    return '<strong>' + escapeHtml(p.name) + '</strong><br>' + escapeHtml(p.host_type) +
      '<br>' + escapeHtml((p.amenities || []).join(', ')) +
      '<br>' + escapeHtml(p.opening_hours || '') + ' — <em>' + open + '</em>' +
      (p.distance_m != null ? '<br>' + metres(p.distance_m) : '');
  }

  if (typeof L === 'undefined') {
    setStatus('Leaflet is not installed on this server (apt-get install libjs-leaflet)');
    return;
  }
  const map = L.map('map').setView([39.92, 116.40], 11);
  window.sfMap = map;  // for embedding pages and tests
  if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  const districtLayer = L.geoJSON(null, {
    style: () => ({ color: '#12395c', weight: 1.2, fillOpacity: 0.04 })
  }).addTo(map);
  map.createPane('streets');  // under the districts' fill and every marker
  map.getPane('streets').style.zIndex = 350;
  const streetLayer = L.layerGroup().addTo(map);
  const stationLayer = L.layerGroup().addTo(map);
  const nearestLayer = L.layerGroup().addTo(map);
  const gapsLayer = L.layerGroup().addTo(map);

  // Stations in view: clusters with counts when zoomed out, stations when zoomed in.
  let stationRequest = 0;
  function loadStations() {
    const b = map.getBounds();
    const zoom = map.getZoom();
    const params = Object.assign({
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(','),
      format: 'geojson'
    }, filterParams());
    if (zoom < CLUSTER_BELOW_ZOOM) params.zoom = zoom; else params.limit = 1000;
    const mine = ++stationRequest;
    return api('/v1/stations', params).then((fc) => {
      if (mine !== stationRequest) return;
      stationLayer.clearLayers();
      let shown = 0, clusters = 0;
      for (const f of fc.features) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        if (p.cluster) {
          clusters++;
          const size = 22 + Math.min(28, Math.round(Math.log2(p.count) * 4));
          L.marker([lat, lon], {
            icon: L.divIcon({ className: 'sf-cluster', iconSize: [size, size],
              html: '<span style="line-height:' + (size - 4) + 'px">' + p.count + '</span>' }),
            title: p.count + ' stations'
          }).on('click', () => map.setView([lat, lon], Math.min(zoom + 2, 18)))
            .addTo(stationLayer);
          shown += p.count;
        } else {
          L.circleMarker([lat, lon], { radius: 6, weight: 1, color: '#fff', fillOpacity: 0.9,
            fillColor: HOST_COLOURS[p.host_type] || '#7f7f7f' })
            .bindPopup(popupHtml(p)).addTo(stationLayer);
          shown++;
        }
      }
      setStatus((fc.numberMatched != null ? fc.numberMatched : shown) + ' stations in view' +
        (clusters ? ' (' + clusters + ' clusters)' : ''));
    }).catch((e) => setStatus('stations: ' + e.message));
  }

  // Click: the 5 nearest, lines to them, the list with distances.
  let lastClick = null;
  function nearest(latlng) {
    lastClick = latlng;
    window.sfLastClick = { lon: latlng.lng.toFixed(6), lat: latlng.lat.toFixed(6) };
    const t0 = performance.now();
    const params = Object.assign({ lon: latlng.lng.toFixed(6), lat: latlng.lat.toFixed(6), k: 5,
      format: 'geojson' }, filterParams());
    const byWalk = walking();
    if (byWalk) Object.assign(params, { distance: 'walk', path: 'true' });
    return api('/v1/stations/nearest', params).then((fc) => {
      nearestLayer.clearLayers();
      window.sfWalkRoutes = [];
      const list = document.getElementById('nearest-list');
      list.innerHTML = '';
      L.circleMarker(latlng, { radius: 5, color: '#000' }).addTo(nearestLayer);
      if (!fc.features.length) list.innerHTML = '<li>no station passes the filters</li>';
      for (const f of fc.features) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        if (byWalk && p.walk_path) {
          const route = p.walk_path.coordinates.map(([x, y]) => [y, x]);
          window.sfWalkRoutes.push(route);
          L.polyline(route, { color: '#0b6e4f', weight: 3, opacity: 0.85, className: 'sf-walk' })
            .addTo(nearestLayer);
        } else {
          L.polyline([latlng, [lat, lon]], { color: '#12395c', weight: 2, dashArray: '4 4' }).addTo(nearestLayer);
        }
        L.circleMarker([lat, lon], { radius: 7, weight: 2, color: '#000', fillOpacity: 1,
          fillColor: HOST_COLOURS[p.host_type] || '#7f7f7f' }).bindPopup(popupHtml(p)).addTo(nearestLayer);
        const li = document.createElement('li');
        li.dataset.id = f.id;
        li.dataset.distance = byWalk ? p.walk_m : p.distance_m;
        li.innerHTML = '<span class="distance">' + metres(byWalk ? p.walk_m : p.distance_m) +
          (byWalk ? ' walk, ' + Math.round(p.walk_minutes) + ' min' : '') + '</span> ' +
          escapeHtml(p.name) + ' <small>(' + escapeHtml(p.host_type) +
          (p.open_now === true ? ', open' : p.open_now === false ? ', closed' : '') + ')</small>';
        list.appendChild(li);
      }
      window.sfTimings.last_click_ms = performance.now() - t0;
    }).catch((e) => {
      document.getElementById('nearest-list').innerHTML = '<li>' + escapeHtml(e.message) + '</li>';
    });
  }
  map.on('click', (e) => nearest(e.latlng));

  // Planner view: gaps in the view, district choropleth, table, legend.
  const radius = () => document.getElementById('radius').value || '500';
  function gapsParams() {
    const b = map.getBounds();
    const widthM = map.distance(b.getNorthWest(), b.getNorthEast());
    const heightM = map.distance(b.getNorthWest(), b.getSouthWest());
    // About a million cells at most (a quarter of that by walk: each cell is snapped to the
    // streets), and never finer than 25 m.
    const cells = walking() ? 2.5e5 : 1e6;
    const cell = Math.max(25, Math.ceil(Math.sqrt(widthM * heightM / cells)));
    const p = { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(','),
      radius_m: radius(), cell_m: cell };
    if (walking()) p.distance = 'walk';
    return p;
  }
  function loadGaps() {
    gapsLayer.clearLayers();
    const link = document.getElementById('gaps-download');
    const summary = document.getElementById('gaps-summary');
    if (!document.getElementById('show-gaps').checked) {
      link.hidden = true;
      summary.textContent = '';
      return Promise.resolve();
    }
    const params = gapsParams();
    const q = new URLSearchParams(params);
    if (crs) q.set('crs', crs);
    link.href = '/v1/coverage/gaps?' + q;
    link.hidden = false;
    summary.textContent = 'computing gaps…';
    return api('/v1/coverage/gaps', params).then((fc) => {
      L.geoJSON(fc, { style: () => ({ color: '#c0392b', weight: 1, fillOpacity: 0.35 }) }).addTo(gapsLayer);
      const s = fc.summary;
      summary.textContent = s.covered_pct + ' % of the view within ' + params.radius_m + ' m' +
        (params.distance === 'walk' ? ' of walking' : '') + '; ' +
        s.gap_count + ' gaps, ' + (s.uncovered_area_m2 / 1e6).toFixed(1) + ' km² uncovered';
    }).catch((e) => { summary.textContent = 'gaps: ' + e.message; });
  }
  const CLASSES = [[90, '#1a9850'], [70, '#91cf60'], [50, '#d9ef8b'], [30, '#fee08b'], [10, '#fc8d59'], [0, '#d73027']];
  const colourFor = (pct) => CLASSES.find(([min]) => pct >= min)[1];
  let districtFeatures = null;
  function loadChoropleth() {
    const table = document.getElementById('district-table');
    const legend = document.getElementById('legend');
    if (!document.getElementById('show-choropleth').checked) {
      districtLayer.setStyle(() => ({ color: '#12395c', weight: 1.2, fillOpacity: 0.04 }));
      table.hidden = true;
      legend.hidden = true;
      return Promise.resolve();
    }
    const reportParams = { radius_m: radius() };
    if (walking()) Object.assign(reportParams, { distance: 'walk', cell_m: 500 });
    return api('/v1/coverage/districts', reportParams).then((report) => {
      const byName = new Map(report.districts.map((d) => [d.district, d]));
      districtLayer.setStyle((f) => {
        const d = byName.get(f.properties.name);
        return { color: '#333', weight: 1, fillOpacity: 0.6, fillColor: d ? colourFor(d.covered_pct) : '#ccc' };
      });
      districtLayer.eachLayer((layer) => {
        const d = byName.get(layer.feature.properties.name);
        if (d) layer.bindTooltip(d.district + ': ' + d.covered_pct + ' %');
      });
      const body = table.querySelector('tbody');
      body.innerHTML = '';
      for (const d of report.districts) {
        const tr = document.createElement('tr');
        tr.dataset.district = d.district;
        tr.innerHTML = '<td>' + escapeHtml(d.district) + '</td><td>' + d.stations + '</td><td>' +
          d.stations_per_km2.toFixed(1) + '</td><td>' + d.covered_pct.toFixed(1) + '</td>';
        body.appendChild(tr);
      }
      table.hidden = false;
      legend.innerHTML = 'covered within ' + radius() + ' m' + (walking() ? ' of walking' : '') +
        ': ' + CLASSES.map(([min, c]) =>
        '<span style="background:' + c + '"></span>≥ ' + min + ' %').join(' ');
      legend.hidden = false;
    }).catch((e) => { legend.hidden = false; legend.textContent = 'report: ' + e.message; });
  }

  // The walkable streets in view, faint, from zoom 14 (a city-wide view would be too many).
  let hasNetwork = false, streetRequest = 0;
  function loadStreets() {
    if (!hasNetwork || map.getZoom() < STREETS_FROM_ZOOM) {
      streetLayer.clearLayers();
      return Promise.resolve();
    }
    const b = map.getBounds();
    const mine = ++streetRequest;
    return api('/v1/network', {
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(','),
      limit: 10000
    }).then((fc) => {
      if (mine !== streetRequest) return;
      streetLayer.clearLayers();
      L.geoJSON(fc, { pane: 'streets', interactive: false,
        style: () => ({ color: '#8a8a8a', weight: 1.5, opacity: 0.55, className: 'sf-street' }) })
        .addTo(streetLayer);
    }).catch(() => streetLayer.clearLayers());
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
    loadStations();
    if (lastClick) nearest(lastClick);
  });
  map.on('moveend', () => {
    loadStations();
    loadStreets();
    if (document.getElementById('show-gaps').checked) loadGaps();
  });

  // Start: vocabularies, district outlines and the first stations; then the page is usable.
  Promise.all([
    api('/v1/meta').then((meta) => {
      const box = document.getElementById('amenity-filters');
      for (const a of meta.amenities) {
        const label = document.createElement('label');
        label.innerHTML = '<input type="checkbox" value="' + escapeHtml(a) + '"> ' + escapeHtml(a);
        box.appendChild(label);
      }
      const select = document.getElementById('host-filter');
      for (const h of meta.host_types) select.add(new Option(h, h));
      hasNetwork = !!meta.network;
      const walkSwitch = document.getElementById('walking');
      walkSwitch.disabled = !hasNetwork;
      if (!hasNetwork) walkSwitch.parentElement.title = 'this server has no street network (--network)';
      loadStreets();
    }),
    api('/v1/districts', { format: 'geojson' }).then((fc) => {
      districtFeatures = fc;
      districtLayer.addData(fc);
    }),
    loadStations()
  ]).then(() => {
    window.sfTimings.usable_ms = performance.now();  // since navigation start
    document.body.dataset.ready = 'true';
  }).catch((e) => setStatus('could not load: ' + e.message));
})();
