// <station-finder>: the nearest rest stations to a point, as a small map and a list, from any
// stationfinder server (CORS). One script tag, then the element:
//   <script src="http://HOST:PORT/web/widget.js"></script>
//   <station-finder server="http://HOST:PORT" lon="116.397" lat="39.908" k="5"
//                   amenities="toilet" host-types="bank" open-now></station-finder>
// Attributes: server (default: where this script came from), lon and lat (WGS84, required),
// k (1–100, default 5), amenities and host-types (comma-separated), open-now, crs (gcj02|bd09:
// lon/lat given and shown in that datum), map="off" for the list alone. A wrong attribute or
// an unreachable server shows a readable message inside the element, never a blank box.
(function () {
  'use strict';
  const scriptBase = (() => {
    const src = document.currentScript && document.currentScript.src;
    return src ? src.replace(/\/web\/widget\.js(\?.*)?$/, '') : '';
  })();
  const leafletReady = {};
  function loadLeaflet(server) {
    if (window.L) return Promise.resolve(window.L);
    if (leafletReady[server]) return leafletReady[server];
    leafletReady[server] = new Promise((resolve, reject) => {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = server + '/vendor/leaflet/leaflet.css';
      document.head.appendChild(css);
      const js = document.createElement('script');
      js.src = server + '/vendor/leaflet/leaflet.js';
      js.onload = () => resolve(window.L);
      js.onerror = () => reject(new Error('cannot load the map library from ' + server));
      document.head.appendChild(js);
    });
    return leafletReady[server];
  }
  const escapeHtml = (s) => String(s == null ? '' : s).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const metres = (m) => (m < 1000 ? Math.round(m) + ' m' : (m / 1000).toFixed(2) + ' km');

  class StationFinder extends HTMLElement {
    static get observedAttributes() {
      return ['server', 'lon', 'lat', 'k', 'amenities', 'host-types', 'open-now', 'crs', 'map'];
    }
    connectedCallback() { this.render(); }
    attributeChangedCallback() { if (this.isConnected) this.render(); }

    // The attributes, checked; throws an Error whose message names the attribute and the rule.
    options() {
      const number = (name, min, max, required, fallback) => {
        const text = this.getAttribute(name);
        if (text == null || text.trim() === '') {
          if (required) throw new Error('attribute ' + name + ' is required');
          return fallback;
        }
        const v = Number(text);
        if (!Number.isFinite(v)) throw new Error('attribute ' + name + '="' + text + '" is not a number');
        if (v < min || v > max) throw new Error('attribute ' + name + '="' + text + '" must be from ' + min + ' to ' + max);
        return v;
      };
      const crs = this.getAttribute('crs');
      if (crs && !['wgs84', 'gcj02', 'bd09'].includes(crs)) throw new Error('attribute crs="' + crs + '" must be wgs84, gcj02 or bd09');
      const k = number('k', 1, 100, false, 5);
      if (!Number.isInteger(k)) throw new Error('attribute k must be a whole number');
      return {
        server: (this.getAttribute('server') || scriptBase || '').replace(/\/$/, ''),
        lon: number('lon', -180, 180, true), lat: number('lat', -90, 90, true), k,
        amenities: this.getAttribute('amenities'), hostTypes: this.getAttribute('host-types'),
        openNow: this.hasAttribute('open-now'), crs, map: this.getAttribute('map') !== 'off'
      };
    }

    render() {
      const token = (this._token = (this._token || 0) + 1);
      this.innerHTML = '<div class="sf-widget" style="font:13px/1.4 system-ui,sans-serif;border:1px solid #ccd;' +
        'border-radius:6px;padding:6px;max-width:420px">' +
        '<div class="sf-map" style="height:200px;display:none"></div>' +
        '<div class="sf-body">loading the nearest stations…</div></div>';
      const body = this.querySelector('.sf-body');
      const fail = (message) => {
        if (token !== this._token) return;
        body.innerHTML = '<p class="sf-error" role="alert" style="color:#a00;margin:0">station-finder: ' +
          escapeHtml(message) + '</p>';
      };
      let o;
      try { o = this.options(); } catch (e) { fail(e.message); return; }
      if (!o.server) { fail('attribute server is required (the stationfinder base URL)'); return; }
      const q = new URLSearchParams({ lon: o.lon, lat: o.lat, k: o.k, format: 'geojson' });
      if (o.amenities) q.set('amenities', o.amenities);
      if (o.hostTypes) q.set('host_types', o.hostTypes);
      if (o.openNow) q.set('open_now', 'true');
      if (o.crs) q.set('crs', o.crs);
      fetch(o.server + '/v1/stations/nearest?' + q)
        .catch(() => { throw new Error('cannot reach the stationfinder server at ' + o.server); })
        .then(async (r) => {
          const data = await r.json().catch(() => null);
          if (!r.ok) throw new Error((data && (data.detail || data.title)) || 'the server answered ' + r.status);
          return data;
        })
        .then((fc) => {
          if (token !== this._token) return;
          const items = fc.features.map((f) =>
            '<li data-distance="' + f.properties.distance_m + '"><strong>' + metres(f.properties.distance_m) +
            '</strong> ' + escapeHtml(f.properties.name) + ' <small>' + escapeHtml(f.properties.host_type) +
            (f.properties.open_now === true ? ', open' : f.properties.open_now === false ? ', closed' : '') +
            '</small></li>').join('');
          body.innerHTML = fc.features.length
            ? '<ol class="sf-list" style="margin:4px 0;padding-left:1.4em">' + items + '</ol>'
            : '<p class="sf-empty">no station passes the filters</p>';
          if (!o.map) return;
          return loadLeaflet(o.server).then((L) => {
            if (token !== this._token) return;
            const el = this.querySelector('.sf-map');
            el.style.display = 'block';
            const m = L.map(el, { attributionControl: false }).setView([o.lat, o.lon], 15);
            const points = [[o.lat, o.lon]];
            L.circleMarker([o.lat, o.lon], { radius: 5, color: '#000' }).addTo(m);
            for (const f of fc.features) {
              const [lon, lat] = f.geometry.coordinates;
              points.push([lat, lon]);
              L.circleMarker([lat, lon], { radius: 6, color: '#12395c', fillOpacity: 0.9 })
                .bindTooltip(f.properties.name).addTo(m);
            }
            m.fitBounds(points, { padding: [16, 16], maxZoom: 17 });
          }).catch((e) => {
            const note = document.createElement('p');
            note.className = 'sf-error';
            note.textContent = 'station-finder: ' + e.message;
            body.appendChild(note);
          });
        })
        .catch((e) => fail(e.message));
    }
  }
  if (!customElements.get('station-finder')) customElements.define('station-finder', StationFinder);
})();
