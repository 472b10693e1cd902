// tocsin dashboard: map, timeline, alerts, event feed and evidence, over the JSON API
// (doc/api.md). Plain script: leaflet (L), leaflet.markercluster, d3 and topojson are globals.
// Every filter, the period, the selected event and the selected alert live in the URL hash
// (#kind=..&lang=..&from=..&to=..&event=..), so a view can be shared and reloaded.
'use strict';

(() => {
  const PAGE = 5000;          // the API's largest page
  const MAX_EVENTS = 20000;   // loaded into the page at most (the rest: narrow the filters)
  const POLL_MS = 5000;
  const ROW = 66;             // feed row height (px): the feed is virtualised
  const $ = (id) => document.getElementById(id);
  const K = TOCSIN_KINDS;
  const FILTERS = ['q', 'family', 'kind', 'actor', 'country', 'lang', 'territory', 'violent'];

  // The first load, in ms since this script started (window.tocsinTiming, read by the browser test).
  const timing = { t0: performance.now() };

  const state = {
    filters: { q: '', family: '', kind: '', actor: '', country: '', lang: '', territory: '', violent: false },
    range: null,        // [from, to] "YYYY-MM-DD" from the brush, or null
    events: [],         // summaries loaded for the filters
    byId: new Map(),    // id -> summary
    visible: [],        // events of the period (feed, map)
    total: 0,
    stats: null,
    alerts: [],         // ranked
    alertSource: '',
    version: -1,
    selected: null,     // event id
    alert: null,        // alert id
    highlighted: new Set(),  // event ids of the selected alert
    names: {},          // actor code -> name
    territoriesDate: null,
    legendOpen: true,
  };

  // ---------------------------------------------------------------------------------------
  // Helpers

  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const fmtInt = (n) => (n == null ? '–' : d3.format(',')(n));
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const LANGS = { fr: 'French', en: 'English', ru: 'Russian' };

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
    return body;
  }

  // API parameters of the filters (plus `extra`); a family stands for its kinds.
  function filterParams(extra) {
    const p = new URLSearchParams();
    const f = state.filters;
    if (f.kind) p.set('kind', f.kind);
    else if (f.family) p.set('kind', K.kindsOf(f.family).join(','));
    for (const k of ['actor', 'country', 'territory', 'lang', 'q']) if (f[k]) p.set(k, f[k]);
    if (f.violent) p.set('violent', 'true');
    for (const [k, v] of Object.entries(extra || {})) if (v != null && v !== '') p.set(k, v);
    return p;
  }
  function query(extra) {
    const s = filterParams(extra).toString();
    return s ? `?${s}` : '';
  }

  // ---- URL state --------------------------------------------------------------------------
  function writeUrl() {
    const p = new URLSearchParams();
    const f = state.filters;
    for (const k of FILTERS) {
      if (k === 'violent') { if (f.violent) p.set('violent', '1'); } else if (f[k]) p.set(k, f[k]);
    }
    if (state.range) { p.set('from', state.range[0]); p.set('to', state.range[1]); }
    if (state.alert) p.set('alert', state.alert);
    if (state.selected) p.set('event', state.selected);
    const hash = p.toString() ? `#${p}` : '';
    if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname + location.search);
    updateExportLinks();
  }
  function readUrl() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    const f = state.filters;
    for (const k of FILTERS) f[k] = k === 'violent' ? ['1', 'true'].includes(p.get(k)) : (p.get(k) || '');
    const from = p.get('from'), to = p.get('to');
    state.range = from && to ? [from, to] : null;
    return { event: p.get('event'), alert: p.get('alert') };
  }
  function filtersToControls() {
    const f = state.filters;
    $('f-q').value = f.q;
    for (const k of ['family', 'kind', 'actor', 'country', 'lang', 'territory']) {
      const sel = $(`f-${k}`);
      if (f[k] && ![...sel.options].some((o) => o.value === f[k])) sel.add(new Option(f[k], f[k]));
      sel.value = f[k];
    }
    $('f-violent').checked = f.violent;
    showRange();
  }

  function updateExportLinks() {
    const extra = state.range ? { from: state.range[0], to: state.range[1] } : {};
    for (const fmt of ['csv', 'geojson', 'jsonl']) {
      const p = filterParams({ format: fmt, ...extra });
      $(`export-${fmt}`).href = `/api/export?${p}`;
    }
  }

  function actorLabel(a) {
    if (!a) return '<span class="muted">?</span>';
    const code = a.code || a.text || '?';
    const title = [a.name, a.agent, a.inferred ? 'inferred from the document' : ''].filter(Boolean).join(' · ');
    return `<span class="actor${a.inferred ? ' inferred' : ''}" title="${esc(title)}">${esc(code)}${a.agent ? `<small>/${esc(a.agent)}</small>` : ''}</span>`;
  }

  function placeNames(e) {
    const names = [...new Set((e.places || []).map((p) => p.name || p.text))];
    return names.join(', ');
  }

  function territoryBadge(p) {
    const t = p.territory || 'unknown';
    let title = t;
    if (t === 'disputed' || t === 'occupied') {
      title = `${t}: ${p.area || ''}; claimed by ${(p.claimed_by || []).join(', ') || '?'}` +
              (p.controlled_by ? `; controlled by ${p.controlled_by}` : '');
    } else if (t === 'sovereign') {
      title = `inside ${p.country}'s internationally recognised territory`;
    }
    return `<span class="terr terr-${esc(t)}" title="${esc(title)}">${esc(t)}${p.area ? ` · ${esc(p.area)}` : ''}</span>`;
  }

  function eventLine(e) {
    const k = K.info(e.kind);
    const who = e.actor1 || e.actor2
      ? `${e.actor1 ? esc(e.actor1.code || e.actor1.text || '?') : '?'}${e.actor2 ? ` → ${esc(e.actor2.code || e.actor2.text || '?')}` : ''}`
      : '';
    const where = placeNames(e);
    return `${esc(k.label)}${who ? ` · ${who}` : ''}${where ? ` · ${esc(where)}` : ''}`;
  }

  // The sentence of `ev` (record evidence) as HTML, with the trigger and place names marked.
  // Offsets are bytes into the document field; the sentence starts at ev.start.
  function highlight(ev, places) {
    if (!ev) return '';
    const bytes = enc.encode(ev.sentence || '');
    const spans = [];
    if (Array.isArray(ev.trigger)) spans.push([ev.trigger[0] - ev.start, ev.trigger[1] - ev.start, 'trigger']);
    for (const p of places || []) {
      if (p.span && p.span.length === 2) spans.push([p.span[0] - ev.start, p.span[1] - ev.start, 'place']);
    }
    const ok = spans.filter(([a, b]) => a >= 0 && b <= bytes.length && a < b).sort((x, y) => x[0] - y[0]);
    let out = '', pos = 0;
    for (const [a, b, cls] of ok) {
      if (a < pos) continue;
      out += esc(dec.decode(bytes.slice(pos, a)));
      out += `<mark class="${cls}">${esc(dec.decode(bytes.slice(a, b)))}</mark>`;
      pos = b;
    }
    return out + esc(dec.decode(bytes.slice(pos)));
  }

  // ---------------------------------------------------------------------------------------
  // Map

  const map = L.map('map', {
    zoomControl: true, attributionControl: true, worldCopyJump: true,
    minZoom: 2, maxZoom: 12, zoomSnap: 0.5,
  }).setView([30, 20], 3);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Borders: Natural Earth · Places: GeoNames');
  const canvas = L.canvas({ padding: 0.3 });
  map.createPane('areas'); map.getPane('areas').style.zIndex = 410;
  map.createPane('labels'); map.getPane('labels').style.zIndex = 420;
  map.getPane('labels').style.pointerEvents = 'none';

  const countryLayer = L.geoJSON(null, {
    renderer: canvas,
    style: () => ({ color: '#4b5b71', weight: 0.9, fillColor: '#1d2735', fillOpacity: 1 }),
  }).addTo(map);
  const areaLayer = L.geoJSON(null, {
    pane: 'areas',
    style: (f) => {
      const occ = f.properties.status === 'occupied';
      return {
        color: occ ? '#ff6369' : '#ffb224', weight: 1.5, dashArray: '5 4',
        fillColor: occ ? '#ff6369' : '#ffb224', fillOpacity: 0.13,
      };
    },
    onEachFeature: (f, layer) => {
      const p = f.properties;
      layer.bindTooltip(
        `<b>${esc(p.name)}</b> · ${esc(p.status)}<br>claimed by ${esc((p.claimed_by || []).join(', '))}` +
        `${p.controlled_by ? `<br>controlled by ${esc(p.controlled_by)}` : ''}` +
        `<br><small>${esc(p.valid_from || '…')} → ${esc(p.valid_to || 'today')}</small>`,
        { sticky: true, className: 'map-tip' });
    },
  }).addTo(map);
  const labelLayer = L.layerGroup().addTo(map);
  map.createPane('countryLabels'); map.getPane('countryLabels').style.zIndex = 405;
  map.getPane('countryLabels').style.pointerEvents = 'none';
  const countryLabels = L.layerGroup().addTo(map);

  const clusters = L.markerClusterGroup({
    maxClusterRadius: 34,
    spiderfyOnMaxZoom: true,
    showCoverageOnHover: false,
    disableClusteringAtZoom: 11,
    chunkedLoading: true,
    chunkInterval: 120,
    chunkProgress: (done, total) => {
      if (total > 0 && done === total && timing.clustersMs == null) timing.clustersMs = Math.round(performance.now() - timing.t0);
    },
    iconCreateFunction: (cluster) => {
      const children = cluster.getAllChildMarkers();
      const counts = {};
      const places = new Set();
      let hl = 0;
      for (const m of children) {
        const fam = K.info(m.options.kind).family;
        counts[fam] = (counts[fam] || 0) + 1;
        if (places.size < 12) places.add(m.options.place);
        if (state.highlighted.has(m.options.eventId) || m.options.eventId === state.selected) hl++;
      }
      const order = Object.entries(counts).sort((a, b) => b[1] - a[1]);
      const top = order[0][0];
      const n = children.length;
      const size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 46 : 52;
      const color = (fam) => (K.families[fam] || K.families.other).color;
      // A ring of the families inside, the count in the middle.
      let acc = 0, ring = '';
      for (const [fam, c] of order) {
        const a0 = (acc / n) * 2 * Math.PI, a1 = ((acc + c) / n) * 2 * Math.PI;
        acc += c;
        const r = size / 2 - 2, cx = size / 2, cy = size / 2;
        const large = a1 - a0 > Math.PI ? 1 : 0;
        if (c === n) {
          ring += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${color(fam)}" stroke-width="4"/>`;
        } else {
          ring += `<path d="M${cx + r * Math.sin(a0)},${cy - r * Math.cos(a0)} A${r},${r} 0 ${large} 1 ${cx + r * Math.sin(a1)},${cy - r * Math.cos(a1)}" fill="none" stroke="${color(fam)}" stroke-width="4"/>`;
        }
      }
      const label = `${n} events: ${order.map(([f, c]) => `${c} ${K.families[f] ? K.families[f].label.toLowerCase() : f}`).join(', ')}; ${[...places].join(', ')}`;
      const kinds = [...new Set(children.slice(0, 200).map((m) => m.options.kind))];
      const html = `<div class="cluster${hl ? ' has-selected' : ''}" role="img" aria-label="${esc(label)}" data-places="${esc([...places].join('|'))}" data-kind="${esc(kinds.length === 1 ? kinds[0] : '')}" data-family="${esc(top)}" title="${esc(label)}">` +
        `<svg width="${size}" height="${size}" aria-hidden="true"><circle cx="${size / 2}" cy="${size / 2}" r="${size / 2 - 1}" fill="#0b1018"/><circle cx="${size / 2}" cy="${size / 2}" r="${size / 2 - 6}" fill="${color(top)}" stroke="${hl ? '#ffd166' : '#fff'}" stroke-width="${hl ? 3 : 1.5}"/>${ring}<text x="50%" y="50%" dy=".35em" text-anchor="middle" class="cluster-n">${n}</text></svg>` +
        `</div>`;
      return L.divIcon({ html, className: 'cluster-icon', iconSize: [size, size] });
    },
  });
  map.addLayer(clusters);

  function markerIcon(e, p) {
    const k = K.info(e.kind);
    const selected = e.id === state.selected;
    const hl = state.highlighted.has(e.id);
    const size = selected ? 34 : 28;
    const terr = p.territory || 'unknown';
    const html = `<div class="marker terr-ring-${esc(terr)}${selected ? ' selected' : ''}${hl ? ' highlighted' : ''}" data-place="${esc(p.name || p.text)}" data-kind="${esc(e.kind)}" data-family="${esc(k.family)}" data-event="${esc(e.id)}" style="--c:${k.color}">` +
      `${K.glyph(e.kind, Math.round(size * 0.58))}</div>`;
    return L.divIcon({ html, className: 'marker-icon', iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  }

  let markersByEvent = new Map();

  function drawMarkers(events) {
    clusters.clearLayers();
    labelLayer.clearLayers();
    markersByEvent = new Map();
    const markers = [];
    const labels = new Map();
    for (const e of events) {
      for (const p of e.places || []) {
        if (p.lat == null || p.lon == null) continue;
        const m = L.marker([p.lat, p.lon], {
          icon: markerIcon(e, p),
          kind: e.kind, place: p.name || p.text, eventId: e.id, placeRef: p,
          title: `${K.info(e.kind).label} · ${p.name || p.text} · ${e.date || 'no date'}`,
          alt: `${K.info(e.kind).label} at ${p.name || p.text}`,
          riseOnHover: true,
        });
        markers.push(m);
        let list = markersByEvent.get(e.id);
        if (!list) markersByEvent.set(e.id, (list = []));
        list.push(m);
        const key = p.name || p.text;
        if (!labels.has(key)) labels.set(key, [p.lat, p.lon]);
      }
    }
    clusters.addLayers(markers);
    // Place names: at most 400 (the densest places come first in a large view).
    let n = 0;
    for (const [name, ll] of labels) {
      if (++n > 400) break;
      labelLayer.addLayer(L.marker(ll, {
        pane: 'labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'place-label', html: `<span>${esc(name)}</span>`, iconSize: [0, 0], iconAnchor: [-16, 6] }),
      }));
    }
    updateLabelVisibility();
  }

  // Tooltips and clicks are handled once for the group (10,000 markers, no 10,000 handlers).
  clusters.on('mouseover', (ev) => {
    const m = ev.layer;
    if (!m.options.eventId || m.getTooltip()) return;
    const e = state.byId.get(m.options.eventId);
    if (!e) return;
    const p = m.options.placeRef || {};
    m.bindTooltip(`<b>${esc(p.name || p.text)}</b> · ${esc(K.info(e.kind).label)}<br>${esc(e.date || '')} · ${territoryBadge(p)}`,
      { direction: 'top', offset: [0, -14], className: 'map-tip' }).openTooltip();
  });
  clusters.on('click', (ev) => { if (ev.layer.options.eventId) selectEvent(ev.layer.options.eventId, { fly: false }); });

  // Redraws the markers of these events (selection changes), and their clusters.
  function refreshMarkers(ids) {
    const changed = [];
    for (const id of ids) {
      const e = state.byId.get(id);
      for (const m of markersByEvent.get(id) || []) {
        m.setIcon(markerIcon(e, m.options.placeRef || {}));
        changed.push(m);
      }
    }
    if (changed.length) clusters.refreshClusters(changed);
  }

  function updateLabelVisibility() {
    const show = map.getZoom() >= 6;
    map.getPane('labels').style.display = show ? '' : 'none';
    map.getPane('countryLabels').style.display = map.getZoom() >= 4 ? '' : 'none';
    map.getContainer().classList.toggle('zoom-lt6', map.getZoom() < 6);
  }
  map.on('zoomend', updateLabelVisibility);

  function fitToEvents(events, opts = {}) {
    const pts = [];
    for (const e of events) for (const p of e.places || []) if (p.lat != null) pts.push([p.lat, p.lon]);
    if (!pts.length) return;
    const b = L.latLngBounds(pts).pad(0.35);
    if (opts.fly) map.flyToBounds(b, { maxZoom: 8.5, duration: 0.6 });
    else map.fitBounds(b, { maxZoom: 8.5, animate: false });
  }

  // ---- Legend: the families and kinds of the events in view ---------------------------
  function inView(e, bounds) {
    const ps = (e.places || []).filter((p) => p.lat != null);
    if (!ps.length) return true;  // an event without coordinates is in every view
    return ps.some((p) => bounds.contains([p.lat, p.lon]));
  }
  function drawLegend() {
    let bounds = null;
    try { bounds = map.getBounds(); } catch (err) { bounds = null; }
    const counts = new Map();
    for (const e of state.visible) {
      if (bounds && !inView(e, bounds)) continue;
      counts.set(e.kind, (counts.get(e.kind) || 0) + 1);
    }
    const byFamily = new Map();
    for (const [kind, n] of counts) {
      const fam = K.info(kind).family;
      if (!byFamily.has(fam)) byFamily.set(fam, []);
      byFamily.get(fam).push([kind, n]);
    }
    const order = [...K.familyOrder, 'other'].filter((f) => byFamily.has(f));
    $('legend-count').textContent = `· ${counts.size} kind${counts.size === 1 ? '' : 's'} in view`;
    const active = state.filters.family;
    $('legend-body').innerHTML = (order.length ? order.map((fam) => {
      const kinds = byFamily.get(fam).sort((a, b) => b[1] - a[1]);
      const total = d3.sum(kinds, (k) => k[1]);
      const F = K.families[fam] || K.families.other;
      return `<div class="legend-family" data-family="${esc(fam)}">` +
        `<button type="button" class="legend-family-head${active === fam ? ' active' : ''}" data-family="${esc(fam)}" aria-pressed="${active === fam}" title="Show only this family">` +
        `<span class="fam-swatch" style="background:${F.color}"></span>${esc(F.label)} <span class="muted">${fmtInt(total)}</span></button>` +
        kinds.map(([k, n]) => `<div class="legend-row" data-kind="${esc(k)}">${K.badge(k, 16)}<span>${esc(K.info(k).label)}</span><span class="muted n">${fmtInt(n)}</span></div>`).join('') +
        `</div>`;
    }).join('') : '<div class="muted">No event in view.</div>') +
      `<div class="legend-title">Territory (marker ring, areas)</div>` +
      `<div class="legend-row"><span class="swatch sw-sovereign"></span>sovereign (state border)</div>` +
      `<div class="legend-row"><span class="swatch sw-disputed"></span>disputed area</div>` +
      `<div class="legend-row"><span class="swatch sw-occupied"></span>occupied area</div>`;
  }
  let legendTimer = null;
  map.on('moveend', () => { clearTimeout(legendTimer); legendTimer = setTimeout(drawLegend, 120); });
  function setLegendOpen(open) {
    state.legendOpen = open;
    $('legend-toggle').setAttribute('aria-expanded', String(open));
    $('legend-body').hidden = !open;
    $('legend').classList.toggle('collapsed', !open);
  }
  $('legend-toggle').addEventListener('click', () => setLegendOpen(!state.legendOpen));
  $('legend-body').addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-family]');
    if (!b) return;
    $('f-family').value = state.filters.family === b.dataset.family ? '' : b.dataset.family;
    $('f-kind').value = '';
    onFilter();
  });

  // Borders: the 50m TopoJSON is fetched while the events load, and drawn after them (the
  // conversion costs more than the events' markers); country names follow when idle.
  let countriesJson = null;
  function fetchCountries() {
    if (!countriesJson) countriesJson = fetch('vendor/countries-50m.json').then((r) => r.json()).catch((err) => { console.warn('country borders unavailable', err); return null; });
    return countriesJson;
  }
  // Country names at the centre of each country's largest polygon (no base map names them),
  // created the first time the map is at zoom 4 or more (below, they are hidden).
  let countryFeatures = null, countryNamesDone = false;
  function drawCountryNames() {
    if (countryNamesDone || !countryFeatures || map.getZoom() < 4) return;
    countryNamesDone = true;
    const t = performance.now();
    for (const f of countryFeatures) {
      if (!f.geometry || !f.properties || !f.properties.name) continue;
      const rings = f.geometry.type === 'MultiPolygon'
        ? f.geometry.coordinates.map((c) => c[0]) : [f.geometry.coordinates[0]];
      // Planar area and centroid of each outer ring, in degrees: the largest ring's centroid.
      let best = null, area = 0;
      for (const ring of rings) {
        let a = 0, cx = 0, cy = 0;
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const k = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
          a += k; cx += (ring[j][0] + ring[i][0]) * k; cy += (ring[j][1] + ring[i][1]) * k;
        }
        if (Math.abs(a) > area && a !== 0) { area = Math.abs(a); best = [cx / (3 * a), cy / (3 * a)]; }
      }
      if (!best) continue;
      countryLabels.addLayer(L.marker([best[1], best[0]], {
        pane: 'countryLabels', interactive: false, keyboard: false,
        // Small countries (under half a square degree: Monaco, Malta, Luxembourg…) only from zoom 6.
        icon: L.divIcon({ className: `country-label${area / 2 < 0.5 ? ' small' : ''}`, html: `<span>${esc(f.properties.name)}</span>`, iconSize: [0, 0] }),
      }));
    }
    if (timing.countryNamesMs == null) timing.countryNamesMs = Math.round(performance.now() - t);
  }
  map.on('zoomend', drawCountryNames);

  async function loadCountries() {
    const topo = await fetchCountries();
    if (!topo) return;
    try {
      let t = performance.now();
      const geo = topojson.feature(topo, topo.objects.countries);
      timing.bordersFeatureMs = Math.round(performance.now() - t);
      t = performance.now();
      countryLayer.addData(geo);
      countryLayer.bringToBack();
      timing.bordersDrawMs = Math.round(performance.now() - t);
      countryFeatures = geo.features;
      drawCountryNames();
    } catch (err) {
      console.warn('country borders unavailable', err);
    }
  }

  async function loadTerritories(date) {
    if (state.territoriesDate === date) return;
    state.territoriesDate = date;
    try {
      const fc = await api(`/api/territories${date ? `?date=${date}` : ''}`);
      areaLayer.clearLayers();
      areaLayer.addData(fc);
    } catch (err) {
      console.warn('territories unavailable', err);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Timeline (d3): events per day as bars, fatalities and claimed victims as lines, a brush,
  // and the days of the selected alert's (or event's) events marked.

  const tl = { svg: d3.select('#timeline-svg'), x: null, brush: null, domain: null, marks: null, dayW: 1, height: 0, m: null };

  function drawTimeline(byDay) {
    const node = $('timeline-svg');
    const width = node.clientWidth || 800, height = node.clientHeight || 110;
    const m = { top: 8, right: 44, bottom: 22, left: 36 };
    const svg = tl.svg.attr('viewBox', `0 0 ${width} ${height}`);
    svg.selectAll('*').remove();
    const parse = d3.utcParse('%Y-%m-%d');
    const data = byDay.map((d) => ({ ...d, t: parse(d.date) })).filter((d) => d.t);
    let [t0, t1] = data.length ? d3.extent(data, (d) => d.t) : [new Date(), new Date()];
    // At least two weeks, so a single day stays readable.
    const minSpan = 14 * 864e5;
    if (t1 - t0 < minSpan) {
      const mid = (+t0 + +t1) / 2;
      t0 = new Date(mid - minSpan / 2); t1 = new Date(mid + minSpan / 2);
    }
    t0 = d3.utcDay.floor(t0); t1 = d3.utcDay.offset(d3.utcDay.floor(t1), 1);
    const x = d3.scaleUtc().domain([t0, t1]).range([m.left, width - m.right]);
    const yE = d3.scaleLinear().domain([0, d3.max(data, (d) => d.events) || 1]).nice().range([height - m.bottom, m.top]);
    const yF = d3.scaleLinear().domain([0, d3.max(data, (d) => Math.max(d.fatalities, d.victims)) || 1]).nice().range([height - m.bottom, m.top]);
    tl.x = x; tl.domain = [t0, t1]; tl.height = height; tl.m = m;
    const dayW = Math.max(1, x(d3.utcDay.offset(t0, 1)) - x(t0) - 1);
    tl.dayW = dayW;
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - m.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))).tickSizeOuter(0));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${m.left},0)`)
      .call(d3.axisLeft(yE).ticks(3).tickSizeOuter(0));
    svg.append('g').attr('class', 'axis axis-f').attr('transform', `translate(${width - m.right},0)`)
      .call(d3.axisRight(yF).ticks(3).tickSizeOuter(0));
    svg.append('g').selectAll('rect').data(data).join('rect')
      .attr('class', 'bar').attr('x', (d) => x(d.t)).attr('width', dayW)
      .attr('y', (d) => yE(d.events)).attr('height', (d) => yE(0) - yE(d.events))
      .append('title').text((d) => `${d.date}: ${d.events} events, ${d.fatalities} fatalities, ${d.victims} victims claimed`);
    // Lines join consecutive days only: a day without events breaks them, so that two far-apart
    // days are not joined by a slope that suggests losses in between (the dots mark each day).
    const line = (key) => d3.line().defined((d) => !d.gap).x((d) => x(d.t) + dayW / 2).y((d) => yF(d[key])).curve(d3.curveMonotoneX);
    const byDate = new Map(data.map((d) => [+d.t, d]));
    const days = d3.utcDay.range(t0, t1);
    const series = days.length <= 4000 ? days.map((t) => byDate.get(+t) || { t, gap: true }) : data;
    if (data.length > 1) {
      svg.append('path').datum(series).attr('class', 'line-victims').attr('d', line('victims'));
      svg.append('path').datum(series).attr('class', 'line-fatalities').attr('d', line('fatalities'));
    }
    svg.append('g').selectAll('circle').data(data.filter((d) => d.fatalities > 0)).join('circle')
      .attr('class', 'dot-fatalities').attr('r', 2.5).attr('cx', (d) => x(d.t) + dayW / 2).attr('cy', (d) => yF(d.fatalities));
    svg.append('g').selectAll('circle').data(data.filter((d) => d.victims > 0)).join('circle')
      .attr('class', 'dot-victims').attr('r', 2.5).attr('cx', (d) => x(d.t) + dayW / 2).attr('cy', (d) => yF(d.victims));
    tl.marks = svg.append('g').attr('class', 'sel-marks');
    drawTimelineMarks();

    tl.brush = d3.brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
      .on('end', (ev) => {
        if (!ev.sourceEvent) return;  // programmatic
        if (!ev.selection) { setRange(null); return; }
        const [a, b] = ev.selection.map(x.invert).map((t) => d3.utcDay.round(t));
        if (+a === +b) { setRange(null); return; }
        const fmt = d3.utcFormat('%Y-%m-%d');
        setRange([fmt(a), fmt(d3.utcDay.offset(b, -1))]);
      });
    const g = svg.append('g').attr('class', 'brush').call(tl.brush);
    if (state.range) {
      const a = parse(state.range[0]), b = d3.utcDay.offset(parse(state.range[1]), 1);
      g.call(tl.brush.move, [x(a), x(b)]);
    }
  }

  function drawTimelineMarks() {
    if (!tl.marks || !tl.x) return;
    const ids = state.highlighted.size ? [...state.highlighted] : (state.selected ? [state.selected] : []);
    const days = [...new Set(ids.map((id) => state.byId.get(id)).filter((e) => e && e.date).map((e) => e.date))];
    const parse = d3.utcParse('%Y-%m-%d');
    tl.marks.selectAll('rect').data(days).join('rect')
      .attr('class', 'sel-day').attr('data-date', (d) => d)
      .attr('x', (d) => tl.x(parse(d)) - 1).attr('width', tl.dayW + 2)
      .attr('y', tl.m.top).attr('height', tl.height - tl.m.bottom - tl.m.top);
  }

  function showRange() {
    const range = state.range;
    $('range-label').textContent = range ? (range[0] === range[1] ? range[0] : `${range[0]} → ${range[1]}`) : 'All dates';
    $('range-label').classList.toggle('active', !!range);
  }

  function setRange(range) {
    state.range = range;
    showRange();
    writeUrl();
    // The map shows the brushed period; when the loaded events are truncated, ask the server.
    if (state.total > state.events.length) loadEvents().catch(showError);
    else renderEvents();
    loadTerritories(range ? range[1] : latestDate());
  }

  function latestDate() {
    const f = state.stats && state.stats.facets;
    return (f && f.last_date) || '';
  }

  function visibleEvents() {
    if (!state.range) return state.events;
    const [a, b] = state.range;
    return state.events.filter((e) => e.date && e.date >= a && e.date <= b);
  }

  // ---------------------------------------------------------------------------------------
  // Panels

  function renderKpis() {
    const s = state.stats;
    if (!s) return;
    $('kpi-events').textContent = fmtInt(s.events);
    $('kpi-fatalities').textContent = fmtInt(s.fatalities);
    $('kpi-victims').textContent = fmtInt(d3.sum(s.by_day || [], (d) => d.victims));
    $('kpi-documents').textContent = fmtInt(s.documents);
    $('kpi-alerts').textContent = fmtInt(state.alerts.filter((a) => a.severity === 'high').length);
  }

  function fillSelect(id, counts, label) {
    const sel = $(id);
    const cur = state.filters[id.slice(2)] || sel.value;
    const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
    sel.innerHTML = `<option value="">${esc(sel.options[0].textContent)}</option>` +
      entries.map(([v, n]) => `<option value="${esc(v)}">${esc(label(v))}${n == null ? '' : ` (${n})`}</option>`).join('');
    if (cur && !entries.some(([v]) => v === cur)) sel.add(new Option(label(cur), cur));
    sel.value = cur;
  }

  function renderFacets() {
    const f = (state.stats && state.stats.facets) || {};
    const fam = {};
    for (const [k, n] of Object.entries(f.kind || {})) {
      const family = K.info(k).family;
      fam[family] = (fam[family] || 0) + n;
    }
    fillSelect('f-family', fam, (x) => (K.families[x] || K.families.other).label);
    const kinds = state.filters.family
      ? Object.fromEntries(Object.entries(f.kind || {}).filter(([k]) => K.info(k).family === state.filters.family))
      : f.kind;
    fillSelect('f-kind', kinds, (k) => K.info(k).label);
    fillSelect('f-actor', f.actor, (a) => (state.names[a] ? `${a} · ${state.names[a]}` : a));
    fillSelect('f-country', f.country, (c) => c);
    fillSelect('f-lang', f.lang, (l) => `${l.toUpperCase()}${LANGS[l] ? ` · ${LANGS[l]}` : ''}`);
  }

  // ---- Alerts: ranked, grouped by situation -------------------------------------------
  const ALERT_TYPES = {
    treaty_trigger: 'Treaty trigger', ceasefire_violation: 'Ceasefire violation',
    escalation: 'Escalation', assistance_request: 'Request for assistance', ceasefire: 'Ceasefire',
  };
  const SEVERITY = { high: 0, medium: 1, low: 2 };
  const TREATY_ORGS = new Set(['NATO', 'CSTO', 'EU', 'UN', 'AU', 'OSCE', 'CIS', 'SCO', 'ECOWAS', 'GCC', 'ASEAN', 'ANZUS', 'OAS']);

  function alertEvents(a) { return a.event_ids || a.events || []; }
  function alertTreaty(a) {
    if (a.treaty) return a.treaty;
    const m = /^assess:trigger:([^:]+):/.exec(a.id || '');
    if (m) return m[1];
    for (const x of a.actors || []) if (TREATY_ORGS.has(x)) return x;
    for (const id of alertEvents(a)) {
      const e = state.byId.get(id);
      for (const x of e ? [e.actor1, e.actor2] : []) if (x && TREATY_ORGS.has(x.code)) return x.code;
    }
    const t = /\b(NATO|CSTO|OSCE|ECOWAS)\b/.exec(`${a.title || ''} ${a.summary || ''}`);
    return t ? t[1] : '';
  }
  function alertDyad(a) {
    let codes = (a.actors || []).filter((x) => x && !TREATY_ORGS.has(x));
    if (codes.length < 2) {
      for (const id of alertEvents(a)) {
        const e = state.byId.get(id);
        if (!e) continue;
        for (const x of [e.actor1, e.actor2]) if (x && x.code && !TREATY_ORGS.has(x.code)) codes.push(x.code);
        if (e.parties) codes.push(...e.parties.filter((x) => !TREATY_ORGS.has(x)));
      }
    }
    codes = [...new Set(codes)].sort();
    return codes.slice(0, 2);
  }
  function engaged(a) { return a.type === 'treaty_trigger' || (!!alertTreaty(a) && a.type === 'assistance_request'); }
  // Severity first, then treaty engaged, then the newest.
  function alertRank(a, b) {
    return (SEVERITY[a.severity] ?? 3) - (SEVERITY[b.severity] ?? 3) ||
      (engaged(b) ? 1 : 0) - (engaged(a) ? 1 : 0) ||
      String(b.date || '').localeCompare(String(a.date || '')) ||
      String(a.id || '').localeCompare(String(b.id || ''));
  }
  function situations(alerts) {
    const groups = new Map();
    for (const a of alerts) {
      const dyad = alertDyad(a), treaty = alertTreaty(a);
      const key = `${dyad.join('–') || 'unattributed'}${treaty ? ` · ${treaty}` : ''}`;
      if (!groups.has(key)) groups.set(key, { key, dyad, treaty, alerts: [] });
      groups.get(key).alerts.push(a);
    }
    return [...groups.values()];  // alerts come ranked: a group's rank is its first alert's
  }

  const openGroups = new Set();
  function renderAlerts() {
    const list = $('alert-list');
    const alerts = state.alerts;
    $('alerts-source').textContent = state.alertSource === 'demo' ? 'demo rules · no assessment wired'
      : (state.alertSource ? `from ${state.alertSource}` : '');
    if (!alerts.length) {
      list.innerHTML = '<li class="empty">No alert.</li>';
      return;
    }
    const groups = situations(alerts);
    const SHOW = 2;
    list.innerHTML = groups.map((g, gi) => {
      const sev = { high: 0, medium: 0, low: 0 };
      for (const a of g.alerts) sev[a.severity] = (sev[a.severity] || 0) + 1;
      const open = openGroups.has(g.key) || g.alerts.some((a) => a.id === state.alert);
      const shown = open ? g.alerts : g.alerts.slice(0, SHOW);
      return `<li class="situation" data-situation="${esc(g.key)}">` +
        `<div class="situation-head"><span class="situation-name">${esc(g.dyad.join(' – ') || 'Unattributed')}</span>` +
        `${g.treaty ? `<span class="treaty" title="treaty or organisation engaged">${esc(g.treaty)}</span>` : ''}` +
        `<span class="sev-counts">${['high', 'medium', 'low'].filter((s) => sev[s]).map((s) => `<span class="sev-n sev-n-${s}" title="${s}">${sev[s]}</span>`).join('')}</span></div>` +
        `<ol class="situation-alerts">` +
        shown.map((a) => {
          const ev = a.evidence || {};
          const n = alertEvents(a).length;
          const sel = a.id === state.alert;
          return `<li class="alert sev-${esc(a.severity)}${sel ? ' selected' : ''}${engaged(a) ? ' engaged' : ''}" data-alert="${esc(a.id)}" data-type="${esc(a.type)}" tabindex="0" role="button" aria-pressed="${sel}" aria-label="${esc(`${a.severity} ${ALERT_TYPES[a.type] || a.type}: ${a.title || a.message || ''}; ${n} event${n === 1 ? '' : 's'}`)}">` +
            `<div class="alert-top"><span class="alert-type">${esc(ALERT_TYPES[a.type] || a.type)}</span>` +
            `<span class="alert-date">${esc(a.date || '')}${n ? ` · ${n} event${n === 1 ? '' : 's'}` : ''}</span></div>` +
            `<div class="alert-title">${esc(a.title || a.message || a.type)}</div>` +
            (a.summary && a.summary !== a.title ? `<div class="alert-summary">${esc(a.summary)}</div>` : '') +
            (ev.sentence ? `<blockquote lang="${esc(ev.lang || '')}">${esc(ev.sentence.length > 180 ? ev.sentence.slice(0, 177) + '…' : ev.sentence)}</blockquote>` : '') +
            `</li>`;
        }).join('') + `</ol>` +
        (g.alerts.length > SHOW ? `<button type="button" class="btn-link more" data-group="${gi}" aria-expanded="${open}">${open ? 'fewer' : `${g.alerts.length - SHOW} more`}</button>` : '') +
        `</li>`;
    }).join('');
    for (const b of list.querySelectorAll('button.more')) {
      b.addEventListener('click', () => {
        const key = groups[+b.dataset.group].key;
        if (openGroups.has(key)) openGroups.delete(key); else openGroups.add(key);
        renderAlerts();
      });
    }
  }
  $('alert-list').addEventListener('click', (ev) => {
    const li = ev.target.closest('li.alert');
    if (li) selectAlert(li.dataset.alert);
  });
  $('alert-list').addEventListener('keydown', (ev) => {
    const li = ev.target.closest('li.alert');
    if (!li) return;
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); selectAlert(li.dataset.alert); }
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const all = [...$('alert-list').querySelectorAll('li.alert')];
      const i = all.indexOf(li) + (ev.key === 'ArrowDown' ? 1 : -1);
      if (all[i]) all[i].focus();
    }
  });

  // Selects an alert: its events are marked on the map (and the map fits them) and on the
  // timeline; the first one opens in the event panel.
  function selectAlert(id, { fly = true, open = true } = {}) {
    const a = state.alerts.find((x) => x.id === id);
    const before = [...state.highlighted];
    if (!a || state.alert === id) {
      state.alert = null;
      state.highlighted = new Set();
    } else {
      state.alert = id;
      state.highlighted = new Set(alertEvents(a));
    }
    refreshMarkers(new Set([...before, ...state.highlighted]));
    document.body.classList.toggle('has-alert', !!state.alert);
    renderAlerts();
    drawTimelineMarks();
    writeUrl();
    if (!state.alert) return;
    const evs = [...state.highlighted].map((x) => state.byId.get(x)).filter(Boolean);
    if (fly) fitToEvents(evs, { fly: true });
    const ids = alertEvents(a);
    if (open && ids.length) selectEvent(ids[0], { fly: false });
  }

  // ---- Feed: virtualised list ----------------------------------------------------------
  const feed = { rows: [], first: -1, last: -1 };
  function feedRow(e, i) {
    const sentence = (e.evidence && e.evidence.sentence) || '';
    const lang = (e.doc && e.doc.lang) || '';
    const label = `${K.info(e.kind).label}, ${e.date || 'no date'}${placeNames(e) ? `, ${placeNames(e)}` : ''}`;
    return `<li class="feed-item${e.id === state.selected ? ' selected' : ''}${state.highlighted.has(e.id) ? ' highlighted' : ''}" data-event="${esc(e.id)}" style="top:${i * ROW}px" aria-setsize="${feed.rows.length}" aria-posinset="${i + 1}">` +
      `<a href="#event=${encodeURIComponent(e.id)}" aria-label="${esc(label)}" tabindex="-1">` +
      `${K.badge(e.kind, 26)}` +
      `<span class="feed-main"><span class="feed-line">${eventLine(e)}</span>` +
      `<span class="feed-meta"><time>${esc(e.date || 'no date')}</time>` +
      `${lang ? `<span class="lang">${esc(lang.toUpperCase())}</span>` : ''}` +
      `${e.sources > 1 ? `<span class="nsrc" title="sources">${e.sources} sources</span>` : ''}` +
      `${e.modality && e.modality !== 'asserted' ? `<span class="modality">${esc(e.modality)}</span>` : ''}` +
      `${e.fatalities ? `<span class="fat">${e.fatalities} killed</span>` : ''}` +
      `</span><span class="feed-snippet">${esc(sentence.length > 140 ? sentence.slice(0, 137) + '…' : sentence)}</span></span></a></li>`;
  }
  function renderFeedWindow(force) {
    const box = $('feed-scroll'), list = $('feed-list');
    const n = feed.rows.length;
    const top = box.scrollTop, h = box.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / ROW) - 20);
    const last = Math.min(n, Math.max(first + 60, Math.ceil((top + h) / ROW) + 20));
    if (!force && first === feed.first && last === feed.last) return;
    feed.first = first; feed.last = last;
    let html = '';
    for (let i = first; i < last; i++) html += feedRow(feed.rows[i], i);
    list.innerHTML = html;
  }
  function renderFeed(events) {
    feed.rows = events;
    $('feed-count').textContent = `${fmtInt(events.length)}${state.total > state.events.length ? ` of ${fmtInt(state.total)}` : ''} · newest first`;
    const list = $('feed-list');
    list.style.height = `${events.length * ROW}px`;
    if (!events.length) {
      list.style.height = '';
      list.innerHTML = '<li class="empty">No event for these filters.</li>';
      feed.first = feed.last = -1;
      return;
    }
    renderFeedWindow(true);
  }
  $('feed-scroll').addEventListener('scroll', () => renderFeedWindow(false), { passive: true });
  function scrollFeedTo(id) {
    const i = feed.rows.findIndex((e) => e.id === id);
    if (i < 0) return;
    const box = $('feed-scroll');
    if (i * ROW < box.scrollTop) box.scrollTop = i * ROW;
    else if ((i + 1) * ROW > box.scrollTop + box.clientHeight) box.scrollTop = (i + 1) * ROW - box.clientHeight;
    renderFeedWindow(true);
  }
  // Keyboard: arrows (or j/k) move the selection through the feed, Home/End jump.
  $('feed-scroll').addEventListener('keydown', (ev) => {
    const keys = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, Home: -Infinity, End: Infinity, PageDown: 8, PageUp: -8 };
    if (!(ev.key in keys) || !feed.rows.length) return;
    ev.preventDefault();
    let i = feed.rows.findIndex((e) => e.id === state.selected);
    const d = keys[ev.key];
    i = d === -Infinity ? 0 : d === Infinity ? feed.rows.length - 1 : Math.min(feed.rows.length - 1, Math.max(0, (i < 0 ? -1 : i) + d));
    selectEvent(feed.rows[i].id, { fly: true });
  });

  function renderEvents() {
    const t = performance.now();
    state.visible = visibleEvents();
    drawMarkers(state.visible);
    const t1 = performance.now();
    renderFeed(state.visible);
    drawLegend();
    timing.markersMs = timing.markersMs ?? Math.round(t1 - t);
    timing.feedLegendMs = timing.feedLegendMs ?? Math.round(performance.now() - t1);
  }

  // ---- Event panel ---------------------------------------------------------------------
  function casualtyHtml(e) {
    const cas = e.casualties || [];
    if (!cas.length) return '';
    const srcOf = new Map((e.mentions || []).map((m) => [m.doc_id, m]));
    const bySide = new Map();
    for (const c of cas) {
      const side = c.side || 'side not stated';
      if (!bySide.has(side)) bySide.set(side, []);
      bySide.get(side).push(c);
    }
    const claim = (c) => {
      const q = c.qualifier === 'exact' ? '' : `${c.qualifier.replace('_', ' ')} `;
      const range = c.min != null && c.max != null && c.max !== c.min ? ` (${c.min}–${c.max})` : '';
      return `${esc(q)}<b>${esc(c.count)}</b>${esc(range)} ${esc(c.victims)}`;
    };
    const rows = [...bySide].map(([side, cs]) => `<tbody class="cas-side" data-side="${esc(side)}">` +
      `<tr><th colspan="3" scope="rowgroup">${esc(side)}</th></tr>` +
      cs.map((c) => {
        const m = srcOf.get(c.doc_id) || {};
        const src = m.source || m.title || c.doc_id || '';
        return `<tr><td>${claim(c)}</td><td title="${esc(m.title || c.doc_id || '')}"><span class="lang">${esc((m.lang || '?').toUpperCase())}</span> ${esc(src.length > 44 ? `${src.slice(0, 42)}…` : src)}</td>` +
          `<td class="muted">${c.attribution ? esc(c.attribution.text) : ''}</td></tr>` +
          `<tr class="cas-evidence"><td colspan="3"><blockquote lang="${esc(m.lang || '')}">${highlight(c.evidence, [])}</blockquote></td></tr>`;
      }).join('') + `</tbody>`).join('');
    let reconciled;
    if (Array.isArray(e.fatalities_range)) {
      const [lo, hi] = e.fatalities_range;
      reconciled = `Reconciled: <b>${fmtInt(e.fatalities)}</b> killed, range ${fmtInt(lo)}–${fmtInt(hi)} over ${(e.mentions || []).length} source${(e.mentions || []).length === 1 ? '' : 's'} (doc/fusion.md)`;
    } else {
      const killed = cas.filter((c) => c.victims === 'killed');
      const lo = killed.length ? d3.min(killed, (c) => c.min ?? c.count) : 0;
      const hi = killed.length ? d3.max(killed, (c) => c.max ?? c.count) : 0;
      reconciled = `Killed claims: ${killed.length ? `${fmtInt(lo)}–${fmtInt(hi)}` : 'none'}; summed: <b>${fmtInt(e.fatalities)}</b> (this server does not reconcile sources)`;
    }
    return `<h4>Casualties <span class="muted">by side and source</span></h4>` +
      `<div class="reconciled">${reconciled}</div>` +
      `<table class="casualties"><thead><tr><th scope="col">claim</th><th scope="col">source</th><th scope="col">according to</th></tr></thead>${rows}</table>`;
  }

  function mergeHtml(e) {
    const n = (e.mentions || []).length;
    const mg = e.merge;
    if (mg && typeof mg === 'object') {
      const shared = Array.isArray(mg.shared) ? mg.shared : [];
      return `<h4>Why merged</h4><div class="merge"><span class="merge-rule">${esc(mg.rule || '?')}</span>` +
        `${mg.score != null ? ` <span class="muted">score ${esc(typeof mg.score === 'number' ? mg.score.toFixed(2) : mg.score)}</span>` : ''}` +
        `${shared.length ? `<div class="merge-shared">shared: ${shared.map((s) => `<span class="chip">${esc(typeof s === 'string' ? s : JSON.stringify(s))}</span>`).join(' ')}</div>` : ''}</div>`;
    }
    if (n > 1) return `<h4>Why merged</h4><div class="merge muted">${n} mentions fused by the store (same kind, dates and places: doc/fusion.md); no explanation in this API response.</div>`;
    return '';
  }

  function sourcesHtml(e) {
    const ms = e.mentions || [];
    const groups = new Map();
    for (const m of ms) {
      const l = m.lang || '?';
      if (!groups.has(l)) groups.set(l, []);
      groups.get(l).push(m);
    }
    const order = [...groups.keys()].sort((a, b) => (groups.get(b).length - groups.get(a).length) || a.localeCompare(b));
    const mention = (m) =>
      `<li class="mention">` +
      `<div class="mention-head"><span class="lang">${esc((m.lang || '?').toUpperCase())}</span>` +
      `<time>${esc(m.date || 'no date')}</time>` +
      `${m.source ? `<span class="src">${esc(m.source)}</span>` : ''}` +
      `<span class="modality m-${esc(m.modality)}">${esc(m.modality)}</span></div>` +
      `<blockquote class="evidence" lang="${esc(m.lang || '')}">${highlight(m.evidence, (m.mention_id ? m.mention_id === e.id : m.doc_id === e.doc_id) ? e.places : [])}</blockquote>` +
      `${m.attribution ? `<div class="muted attribution">${esc(m.attribution.text)}</div>` : ''}` +
      `<div class="mention-links"><a href="#doc=${encodeURIComponent(m.doc_id)}" data-doc="${esc(m.doc_id)}" data-start="${m.evidence ? m.evidence.start : 0}" data-end="${m.evidence ? m.evidence.end : 0}" data-field="${esc(m.evidence ? m.evidence.field : '')}">${esc(m.title || m.doc_id)}</a>` +
      `${m.url ? ` · <a href="${esc(m.url)}" target="_blank" rel="noopener noreferrer">original ↗</a>` : ''}</div></li>`;
    return `<h4>Sources <span class="muted">${ms.length} report${ms.length === 1 ? '' : 's'} in ${groups.size} language${groups.size === 1 ? '' : 's'}</span></h4>` +
      order.map((l) => `<section class="lang-group" data-lang="${esc(l)}" aria-label="${esc(`${LANGS[l] || l} sources`)}">` +
        `<h5><span class="lang">${esc(l.toUpperCase())}</span> ${esc(LANGS[l] || l)} <span class="muted">· ${groups.get(l).length}</span></h5>` +
        `<ol class="mentions">${groups.get(l).map(mention).join('')}</ol></section>`).join('');
  }

  async function showDetail(id) {
    const box = $('detail'), body = $('detail-body');
    box.hidden = false;
    body.innerHTML = '<div class="loading">Loading…</div>';
    let e;
    try {
      e = await api(`/api/events/${encodeURIComponent(id)}`);
    } catch (err) {
      body.innerHTML = `<div class="error">${esc(err.message)}</div>`;
      return;
    }
    if (state.selected !== id) return;
    const k = K.info(e.kind);
    const codes = [`CAMEO ${esc(e.cameo)}`];
    if (e.plover) codes.push(`PLOVER ${esc(e.plover.type)}${e.plover.mode ? `/${esc(e.plover.mode)}` : ''}`);
    if (e.acled) codes.push(`ACLED ${esc(e.acled.event_type)} · ${esc(e.acled.sub_event_type)}`);
    const places = (e.places || []).map((p) =>
      `<li><b>${esc(p.name || p.text)}</b> <span class="muted">${esc([p.admin1, p.country].filter(Boolean).join(', '))}</span> ${territoryBadge(p)}` +
      `${p.lat != null ? ` <span class="muted coords">${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}</span>` : ''}</li>`).join('');
    const when = e.date_end && e.date_end !== e.date ? `${e.date} → ${e.date_end}` : (e.date || 'unknown');
    body.innerHTML =
      `<div class="detail-head">${K.badge(e.kind, 34)}<div><h3 id="detail-title">${esc(k.label)}</h3><div class="muted codes"><span class="fam" style="color:${k.color}">${esc(k.familyLabel)}</span> · ${codes.join(' · ')}</div></div></div>` +
      `<dl class="facts">` +
      `<dt>Who</dt><dd>${actorLabel(e.actor1)} <span class="arrow">→</span> ${actorLabel(e.actor2)}` +
      `${(e.parties || []).length ? ` <span class="muted">parties ${esc(e.parties.join(', '))}</span>` : ''}</dd>` +
      `<dt>When</dt><dd>${esc(when)} <span class="muted">${esc(e.date_basis ? `(${e.date_basis === 'text' ? 'from the text' : 'publication date'})` : '')}</span></dd>` +
      `<dt>Status</dt><dd><span class="modality m-${esc(e.modality)}">${esc(e.modality)}</span>` +
      ` <span class="conf" title="confidence"><span style="width:${Math.round((e.confidence || 0) * 100)}%"></span></span> ${(e.confidence || 0).toFixed(2)}</dd>` +
      `${e.attribution ? `<dt>Says who</dt><dd>${esc(e.attribution.text)}</dd>` : ''}` +
      `</dl>` +
      (places ? `<h4>Where <span class="muted">territorial status on the event's date</span></h4><ul class="places">${places}</ul>` : '<h4>Where</h4><p class="muted">No place named.</p>') +
      casualtyHtml(e) +
      mergeHtml(e) +
      sourcesHtml(e);
    box.setAttribute('aria-labelledby', 'detail-title');
    for (const a of body.querySelectorAll('a[data-doc]')) {
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        openDocument(a.dataset.doc, +a.dataset.start, +a.dataset.end, a.dataset.field);
      });
    }
  }

  async function openDocument(id, start, end, field) {
    const dlg = $('doc-dialog'), body = $('doc-body');
    body.innerHTML = '<div class="loading">Loading…</div>';
    if (!dlg.open) dlg.showModal();
    try {
      const d = await api(`/api/documents/${encodeURIComponent(id)}`);
      const mark = (s, on) => {
        if (!on) return esc(s);
        const b = enc.encode(s);
        return esc(dec.decode(b.slice(0, start))) + `<mark class="trigger">${esc(dec.decode(b.slice(start, end)))}</mark>` + esc(dec.decode(b.slice(end)));
      };
      body.innerHTML = `<div class="doc-meta"><span class="lang">${esc((d.lang || '?').toUpperCase())}</span><time>${esc(d.date || '')}</time>` +
        `${d.source ? `<span>${esc(d.source)}</span>` : ''}<span class="muted">${esc(d.doc_id)}</span>` +
        `${d.url ? `<a href="${esc(d.url)}" target="_blank" rel="noopener noreferrer">original ↗</a>` : ''}</div>` +
        `<h3 lang="${esc(d.lang)}">${mark(d.title || '', field === 'title')}</h3>` +
        `<div class="doc-text" lang="${esc(d.lang)}">${mark(d.text || '', field === 'text').replace(/\n+/g, '</p><p>').replace(/^/, '<p>')}</p></div>`;
      const m = body.querySelector('mark');
      if (m) m.scrollIntoView({ block: 'center' });
    } catch (err) {
      body.innerHTML = `<div class="error">${esc(err.message)}</div>`;
    }
  }

  function selectEvent(id, { fly } = {}) {
    const before = state.selected;
    state.selected = id;
    writeUrl();
    for (const li of document.querySelectorAll('.feed-item')) li.classList.toggle('selected', li.dataset.event === id);
    scrollFeedTo(id);
    refreshMarkers([before, id].filter(Boolean));
    drawTimelineMarks();
    const ms = markersByEvent.get(id) || [];
    if (fly && ms.length) {
      const b = L.latLngBounds(ms.map((m) => m.getLatLng()));
      map.flyToBounds(b.pad(0.6), { maxZoom: 9, duration: 0.6 });
    }
    showDetail(id);
  }

  function closeDetail() {
    if ($('detail').hidden) return;
    $('detail').hidden = true;
    const before = state.selected;
    state.selected = null;
    writeUrl();
    refreshMarkers([before].filter(Boolean));
    for (const li of document.querySelectorAll('.feed-item.selected')) li.classList.remove('selected');
    drawTimelineMarks();
  }
  $('detail-close').addEventListener('click', closeDetail);
  $('feed-list').addEventListener('click', (ev) => {
    const li = ev.target.closest('.feed-item');
    if (!li) return;
    ev.preventDefault();
    selectEvent(li.dataset.event, { fly: true });
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !$('doc-dialog').open) closeDetail();
    if (ev.key === '/' && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      ev.preventDefault();
      $('f-q').focus();
    }
  });

  // ---------------------------------------------------------------------------------------
  // Loading

  let loadSeq = 0;
  async function loadEvents() {
    const seq = ++loadSeq;
    const extra = { limit: PAGE };
    if (state.range && state.total > state.events.length) { extra.from = state.range[0]; extra.to = state.range[1]; }
    const first = await api(`/api/events${query(extra)}`);
    const pages = [first];
    const want = Math.min(first.total, MAX_EVENTS);
    const rest = [];
    for (let off = PAGE; off < want; off += PAGE) rest.push(api(`/api/events${query({ ...extra, offset: off })}`));
    pages.push(...await Promise.all(rest));
    if (seq !== loadSeq) return;  // a newer load is under way
    timing.fetchMs = timing.fetchMs ?? Math.round(performance.now() - timing.t0);
    state.events = pages.flatMap((p) => p.events);
    state.byId = new Map(state.events.map((e) => [e.id, e]));
    if (!extra.from) state.total = first.total;
    for (const e of state.events) {
      for (const a of [e.actor1, e.actor2]) if (a && a.code && a.name) state.names[a.code] = a.name;
    }
    renderEvents();
  }

  async function loadAll({ refit } = {}) {
    const [stats, alerts] = await Promise.all([api(`/api/stats${query()}`), api('/api/alerts')]);
    state.stats = stats;
    state.version = stats.version;
    await loadEvents();
    state.alertSource = alerts.source || '';
    state.alerts = (alerts.alerts || []).filter((a) => a && typeof a === 'object')
      .map((a, i) => (a.id != null ? a : { ...a, id: `alert-${i}` })).sort(alertRank);
    if (state.alert && !state.alerts.some((a) => a.id === state.alert)) state.alert = null;
    if (state.alert) {
      const a = state.alerts.find((x) => x.id === state.alert);
      state.highlighted = new Set(alertEvents(a));
    }
    renderFacets();
    renderAlerts();
    renderKpis();
    drawTimeline(stats.by_day || []);
    await loadTerritories(state.range ? state.range[1] : latestDate());
    if (refit) fitToEvents(state.visible);
    drawLegend();
    updateExportLinks();
    $('live-status').textContent = `updated ${new Date().toLocaleTimeString()}`;
    document.body.dataset.ready = 'true';
    document.body.dataset.events = String(state.events.length);
  }

  function onFilter() {
    const f = state.filters;
    f.family = $('f-family').value;
    f.kind = $('f-kind').value;
    if (f.kind && f.family && K.info(f.kind).family !== f.family) f.kind = '';
    f.actor = $('f-actor').value;
    f.country = $('f-country').value;
    f.lang = $('f-lang').value;
    f.territory = $('f-territory').value;
    f.violent = $('f-violent').checked;
    f.q = $('f-q').value.trim();
    writeUrl();
    document.body.dataset.ready = 'false';
    loadAll({ refit: true }).catch(showError);
  }
  for (const id of ['f-family', 'f-kind', 'f-actor', 'f-country', 'f-lang', 'f-territory', 'f-violent']) $(id).addEventListener('change', onFilter);
  let qTimer = null;
  $('f-q').addEventListener('input', () => { clearTimeout(qTimer); qTimer = setTimeout(onFilter, 300); });
  $('f-q').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { clearTimeout(qTimer); onFilter(); } });
  $('f-reset').addEventListener('click', () => {
    for (const id of ['f-family', 'f-kind', 'f-actor', 'f-country', 'f-lang', 'f-territory', 'f-q']) $(id).value = '';
    $('f-violent').checked = false;
    state.range = null;
    showRange();
    state.alert = null;
    state.highlighted = new Set();
    document.body.classList.remove('has-alert');
    onFilter();
  });

  function showError(err) {
    $('live-status').textContent = `error: ${err.message}`;
    $('live-status').classList.add('error');
    console.error(err);
  }

  // Live mode: poll the content version; reload when documents were ingested.
  let pollTimer = null;
  async function poll() {
    try {
      const h = await api('/api/health');
      $('live-status').classList.remove('error');
      if (h.version !== state.version) {
        await loadAll({ refit: false });
        $('live-status').textContent = `new data · ${new Date().toLocaleTimeString()}`;
      }
    } catch (err) {
      showError(err);
    }
  }
  function setLive(on) {
    clearInterval(pollTimer);
    pollTimer = on ? setInterval(poll, POLL_MS) : null;
    document.body.classList.toggle('is-live', on);
  }
  $('live-toggle').addEventListener('change', (e) => setLive(e.target.checked));
  window.addEventListener('resize', () => { if (state.stats) drawTimeline(state.stats.by_day || []); renderFeedWindow(true); });

  // A hash typed or pasted by hand (not the ones this page writes): apply it.
  window.addEventListener('hashchange', () => {
    const before = JSON.stringify([state.filters, state.range]);
    const { event, alert } = readUrl();
    filtersToControls();
    const reload = JSON.stringify([state.filters, state.range]) !== before;
    (reload ? loadAll({ refit: true }) : Promise.resolve()).then(() => {
      if (alert && alert !== state.alert) selectAlert(alert, { open: !event });
      if (event && event !== state.selected) selectEvent(event, { fly: true });
    }).catch(showError);
  });

  (async () => {
    const { event, alert } = readUrl();
    filtersToControls();
    setLegendOpen(window.innerWidth > 900);
    fetchCountries();
    await loadAll({ refit: true });
    timing.eventsMs = Math.round(performance.now() - timing.t0);
    await loadCountries();
    timing.firstRenderMs = Math.round(performance.now() - timing.t0);
    timing.sinceNavigationMs = Math.round(performance.now());
    timing.events = state.events.length;
    window.tocsinTiming = timing;
    document.body.dataset.rendered = 'true';
    setLive($('live-toggle').checked);
    if (alert) selectAlert(alert, { fly: !event, open: !event });
    if (event) selectEvent(event, { fly: true });
  })().catch(showError);
})();
