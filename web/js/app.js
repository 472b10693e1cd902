// tocsin dashboard: map, timeline, alerts, event feed and evidence, over the JSON API
// (doc/api.md). Plain script: leaflet (L), leaflet.markercluster, d3 and topojson are globals.
'use strict';

(() => {
  const MAX_EVENTS = 5000;
  const POLL_MS = 5000;
  const $ = (id) => document.getElementById(id);
  const K = TOCSIN_KINDS;

  const state = {
    filters: { kind: '', actor: '', country: '', territory: '', violent: false },
    range: null,        // [from, to] "YYYY-MM-DD" from the brush, or null
    events: [],         // summaries loaded for the filters
    total: 0,
    stats: null,
    alerts: [],
    version: -1,
    selected: null,     // event id
    names: {},          // actor code -> name
    territoriesDate: null,
  };

  // ---------------------------------------------------------------------------------------
  // Helpers

  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const fmtInt = (n) => (n == null ? '–' : d3.format(',')(n));
  const enc = new TextEncoder();
  const dec = new TextDecoder();

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
    return body;
  }

  function query(extra) {
    const p = new URLSearchParams();
    const f = state.filters;
    if (f.kind) p.set('kind', f.kind);
    if (f.actor) p.set('actor', f.actor);
    if (f.country) p.set('country', f.country);
    if (f.territory) p.set('territory', f.territory);
    if (f.violent) p.set('violent', 'true');
    for (const [k, v] of Object.entries(extra || {})) if (v != null && v !== '') p.set(k, v);
    const s = p.toString();
    return s ? `?${s}` : '';
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
    iconCreateFunction: (cluster) => {
      const children = cluster.getAllChildMarkers();
      const counts = {};
      const places = new Set();
      for (const m of children) {
        counts[m.options.kind] = (counts[m.options.kind] || 0) + 1;
        places.add(m.options.place);
      }
      const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
      const n = children.length;
      const size = n < 10 ? 34 : n < 100 ? 40 : 46;
      // A ring of the kinds inside, the count in the middle.
      let acc = 0, ring = '';
      const total = n;
      for (const [kind, c] of Object.entries(counts)) {
        const a0 = (acc / total) * 2 * Math.PI, a1 = ((acc + c) / total) * 2 * Math.PI;
        acc += c;
        const r = size / 2 - 2, cx = size / 2, cy = size / 2;
        const large = a1 - a0 > Math.PI ? 1 : 0;
        if (c === total) {
          ring += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${K.info(kind).color}" stroke-width="4"/>`;
        } else {
          ring += `<path d="M${cx + r * Math.sin(a0)},${cy - r * Math.cos(a0)} A${r},${r} 0 ${large} 1 ${cx + r * Math.sin(a1)},${cy - r * Math.cos(a1)}" fill="none" stroke="${K.info(kind).color}" stroke-width="4"/>`;
        }
      }
      const html = `<div class="cluster" data-places="${esc([...places].join('|'))}" data-kind="${esc(top)}" title="${esc([...places].join(', '))}">` +
        `<svg width="${size}" height="${size}"><circle cx="${size / 2}" cy="${size / 2}" r="${size / 2 - 1}" fill="#0b1018"/><circle cx="${size / 2}" cy="${size / 2}" r="${size / 2 - 6}" fill="${K.info(top).color}" stroke="#fff" stroke-width="1.5"/>${ring}<text x="50%" y="50%" dy=".35em" text-anchor="middle" class="cluster-n">${n}</text></svg>` +
        `</div>`;
      return L.divIcon({ html, className: 'cluster-icon', iconSize: [size, size] });
    },
  });
  map.addLayer(clusters);

  function markerIcon(e, p, selected) {
    const k = K.info(e.kind);
    const size = selected ? 34 : 28;
    const terr = p.territory || 'unknown';
    const html = `<div class="marker terr-ring-${esc(terr)}${selected ? ' selected' : ''}" data-place="${esc(p.name || p.text)}" data-kind="${esc(e.kind)}" data-event="${esc(e.id)}" style="--c:${k.color}">` +
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
          icon: markerIcon(e, p, e.id === state.selected),
          kind: e.kind, place: p.name || p.text, eventId: e.id,
          title: `${K.info(e.kind).label} · ${p.name || p.text}`,
          riseOnHover: true,
        });
        m.bindTooltip(`<b>${esc(p.name || p.text)}</b> · ${esc(K.info(e.kind).label)}<br>${esc(e.date || '')} · ${territoryBadge(p)}`,
          { direction: 'top', offset: [0, -14], className: 'map-tip' });
        m.on('click', () => selectEvent(e.id, { fly: false }));
        markers.push(m);
        if (!markersByEvent.has(e.id)) markersByEvent.set(e.id, []);
        markersByEvent.get(e.id).push(m);
        const key = `${(p.name || p.text)}`;
        if (!labels.has(key)) labels.set(key, [p.lat, p.lon]);
      }
    }
    clusters.addLayers(markers);
    for (const [name, ll] of labels) {
      labelLayer.addLayer(L.marker(ll, {
        pane: 'labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'place-label', html: `<span>${esc(name)}</span>`, iconSize: [0, 0], iconAnchor: [-16, 6] }),
      }));
    }
    updateLabelVisibility();
  }

  function updateLabelVisibility() {
    const show = map.getZoom() >= 6;
    map.getPane('labels').style.display = show ? '' : 'none';
    map.getPane('countryLabels').style.display = map.getZoom() >= 4 ? '' : 'none';
  }
  map.on('zoomend', updateLabelVisibility);

  function fitToEvents(events) {
    const pts = [];
    for (const e of events) for (const p of e.places || []) if (p.lat != null) pts.push([p.lat, p.lon]);
    if (!pts.length) return;
    map.fitBounds(L.latLngBounds(pts).pad(0.35), { maxZoom: 8.5, animate: false });
  }

  function drawLegend(events) {
    const kinds = [...new Set(events.map((e) => e.kind))];
    kinds.sort((a, b) => K.info(a).label.localeCompare(K.info(b).label));
    $('legend').innerHTML =
      `<div class="legend-title">Event kinds</div><div class="legend-grid">` +
      kinds.map((k) => `<div class="legend-row">${K.badge(k, 16)}<span>${esc(K.info(k).label)}</span></div>`).join('') + '</div>' +
      `<div class="legend-title">Territory</div>` +
      `<div class="legend-row"><span class="swatch sw-sovereign"></span>sovereign (state border)</div>` +
      `<div class="legend-row"><span class="swatch sw-disputed"></span>disputed area</div>` +
      `<div class="legend-row"><span class="swatch sw-occupied"></span>occupied area</div>`;
  }

  async function loadCountries() {
    try {
      const topo = await fetch('vendor/countries-50m.json').then((r) => r.json());
      const geo = topojson.feature(topo, topo.objects.countries);
      countryLayer.addData(geo);
      // Country names at the centre of each country's largest polygon (no base map names them).
      for (const f of geo.features) {
        if (!f.geometry || !f.properties || !f.properties.name) continue;
        const polys = f.geometry.type === 'MultiPolygon'
          ? f.geometry.coordinates.map((c) => ({ type: 'Polygon', coordinates: c })) : [f.geometry];
        let best = polys[0], area = -1;
        for (const p of polys) { const a = d3.geoArea(p); if (a < 2 * Math.PI && a > area) { area = a; best = p; } }
        const [lon, lat] = d3.geoCentroid(best);
        countryLabels.addLayer(L.marker([lat, lon], {
          pane: 'countryLabels', interactive: false, keyboard: false,
          icon: L.divIcon({ className: 'country-label', html: `<span>${esc(f.properties.name)}</span>`, iconSize: [0, 0] }),
        }));
      }
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
  // Timeline (d3): events per day as bars, fatalities and claimed victims as lines, a brush.

  const tl = { svg: d3.select('#timeline-svg'), x: null, brush: null, domain: null };

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
    tl.x = x; tl.domain = [t0, t1];
    const dayW = Math.max(1, x(d3.utcDay.offset(t0, 1)) - x(t0) - 1);
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
    const line = (key) => d3.line().x((d) => x(d.t) + dayW / 2).y((d) => yF(d[key])).curve(d3.curveMonotoneX);
    if (data.length > 1) {
      svg.append('path').datum(data).attr('class', 'line-victims').attr('d', line('victims'));
      svg.append('path').datum(data).attr('class', 'line-fatalities').attr('d', line('fatalities'));
    }
    svg.append('g').selectAll('circle').data(data.filter((d) => d.fatalities > 0)).join('circle')
      .attr('class', 'dot-fatalities').attr('r', 2.5).attr('cx', (d) => x(d.t) + dayW / 2).attr('cy', (d) => yF(d.fatalities));
    svg.append('g').selectAll('circle').data(data.filter((d) => d.victims > 0)).join('circle')
      .attr('class', 'dot-victims').attr('r', 2.5).attr('cx', (d) => x(d.t) + dayW / 2).attr('cy', (d) => yF(d.victims));

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

  function setRange(range) {
    state.range = range;
    $('range-label').textContent = range ? (range[0] === range[1] ? range[0] : `${range[0]} → ${range[1]}`) : 'All dates';
    $('range-label').classList.toggle('active', !!range);
    // The map shows the brushed period; when the loaded page is truncated, ask the server.
    if (state.total > state.events.length) loadEvents();
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
    const cur = sel.value;
    const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
    sel.innerHTML = `<option value="">${esc(sel.options[0].textContent)}</option>` +
      entries.map(([v, n]) => `<option value="${esc(v)}">${esc(label(v))} (${n})</option>`).join('');
    sel.value = entries.some(([v]) => v === cur) ? cur : '';
  }

  function renderFacets() {
    const f = (state.stats && state.stats.facets) || {};
    fillSelect('f-kind', f.kind, (k) => K.info(k).label);
    fillSelect('f-actor', f.actor, (a) => (state.names[a] ? `${a} · ${state.names[a]}` : a));
    fillSelect('f-country', f.country, (c) => c);
  }

  const ALERT_TYPES = {
    treaty_trigger: 'Treaty trigger', ceasefire_violation: 'Ceasefire violation',
    escalation: 'Escalation', assistance_request: 'Request for assistance', ceasefire: 'Ceasefire',
  };

  function renderAlerts(payload) {
    const list = $('alert-list');
    const alerts = state.alerts;
    $('alerts-source').textContent = payload.source === 'demo' ? 'demo rules · no assessment wired'
      : (payload.source ? `from ${payload.source}` : '');
    if (!alerts.length) {
      list.innerHTML = '<li class="empty">No alert.</li>';
      return;
    }
    list.innerHTML = alerts.map((a, i) => {
      const ev = a.evidence || {};
      return `<li class="alert sev-${esc(a.severity)}" data-alert="${i}" data-type="${esc(a.type)}" tabindex="0">` +
        `<div class="alert-top"><span class="alert-type">${esc(ALERT_TYPES[a.type] || a.type)}</span>` +
        `<span class="alert-date">${esc(a.date || '')}</span></div>` +
        `<div class="alert-title">${esc(a.title || a.message || a.type)}</div>` +
        (a.summary ? `<div class="alert-summary">${esc(a.summary)}</div>` : '') +
        (ev.sentence ? `<blockquote lang="${esc(ev.lang || '')}">${esc(ev.sentence.length > 180 ? ev.sentence.slice(0, 177) + '…' : ev.sentence)}</blockquote>` : '') +
        `</li>`;
    }).join('');
    for (const li of list.querySelectorAll('li.alert')) {
      const open = () => {
        const a = alerts[+li.dataset.alert];
        const ids = a.event_ids || a.events || [];
        if (ids.length) selectEvent(ids[0], { fly: true });
      };
      li.addEventListener('click', open);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    }
  }

  function renderFeed(events) {
    const list = $('feed-list');
    $('feed-count').textContent = `${fmtInt(events.length)}${state.total > state.events.length ? ` of ${fmtInt(state.total)}` : ''} · newest first`;
    const shown = events.slice(0, 400);
    list.innerHTML = shown.map((e) => {
      const sentence = (e.evidence && e.evidence.sentence) || '';
      const lang = (e.doc && e.doc.lang) || '';
      return `<li class="feed-item${e.id === state.selected ? ' selected' : ''}" data-event="${esc(e.id)}">` +
        `<a href="#event=${encodeURIComponent(e.id)}">` +
        `${K.badge(e.kind, 26)}` +
        `<span class="feed-main"><span class="feed-line">${eventLine(e)}</span>` +
        `<span class="feed-meta"><time>${esc(e.date || 'no date')}</time>` +
        `${lang ? `<span class="lang">${esc(lang.toUpperCase())}</span>` : ''}` +
        `${e.modality && e.modality !== 'asserted' ? `<span class="modality">${esc(e.modality)}</span>` : ''}` +
        `${e.fatalities ? `<span class="fat">${e.fatalities} killed</span>` : ''}` +
        `</span><span class="feed-snippet">${esc(sentence.length > 140 ? sentence.slice(0, 137) + '…' : sentence)}</span></span></a></li>`;
    }).join('') + (events.length > shown.length ? `<li class="empty">${fmtInt(events.length - shown.length)} more: narrow the filters or the period.</li>` : '');
    if (!events.length) list.innerHTML = '<li class="empty">No event for these filters.</li>';
  }

  function renderEvents() {
    const events = visibleEvents();
    drawMarkers(events);
    renderFeed(events);
    drawLegend(state.events);
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
    const cas = (e.casualties || []).map((c) =>
      `<li><b>${esc(c.qualifier === 'exact' ? '' : c.qualifier.replace('_', ' '))} ${esc(c.count)}</b> ${esc(c.victims)}` +
      `${c.side ? ` · side ${esc(c.side)}` : ''}${c.attribution ? ` <span class="muted">(${esc(c.attribution.text)})</span>` : ''}` +
      `<blockquote>${highlight(c.evidence, [])}</blockquote></li>`).join('');
    const mentions = (e.mentions || []).map((m) =>
      `<li class="mention">` +
      `<div class="mention-head"><span class="lang">${esc((m.lang || '?').toUpperCase())}</span>` +
      `<time>${esc(m.date || 'no date')}</time>` +
      `${m.source ? `<span class="muted">${esc(m.source)}</span>` : ''}` +
      `<span class="modality m-${esc(m.modality)}">${esc(m.modality)}</span></div>` +
      `<blockquote class="evidence" lang="${esc(m.lang || '')}">${highlight(m.evidence, m.doc_id === e.doc_id ? e.places : [])}</blockquote>` +
      `${m.attribution ? `<div class="muted attribution">${esc(m.attribution.text)}</div>` : ''}` +
      `<div class="mention-links"><a href="#doc=${encodeURIComponent(m.doc_id)}" data-doc="${esc(m.doc_id)}" data-start="${m.evidence.start}" data-end="${m.evidence.end}" data-field="${esc(m.evidence.field)}">${esc(m.title || m.doc_id)}</a>` +
      `${m.url ? ` · <a href="${esc(m.url)}" target="_blank" rel="noopener noreferrer">original ↗</a>` : ''}</div></li>`).join('');
    body.innerHTML =
      `<div class="detail-head">${K.badge(e.kind, 34)}<div><h3>${esc(k.label)}</h3><div class="muted codes">${codes.join(' · ')}</div></div></div>` +
      `<dl class="facts">` +
      `<dt>Who</dt><dd>${actorLabel(e.actor1)} <span class="arrow">→</span> ${actorLabel(e.actor2)}` +
      `${(e.parties || []).length ? ` <span class="muted">parties ${esc(e.parties.join(', '))}</span>` : ''}</dd>` +
      `<dt>When</dt><dd>${esc(e.date || 'unknown')} <span class="muted">${esc(e.date_basis ? `(${e.date_basis === 'text' ? 'from the text' : 'publication date'})` : '')}</span></dd>` +
      `<dt>Status</dt><dd><span class="modality m-${esc(e.modality)}">${esc(e.modality)}</span>` +
      ` <span class="conf" title="confidence"><span style="width:${Math.round((e.confidence || 0) * 100)}%"></span></span> ${(e.confidence || 0).toFixed(2)}</dd>` +
      `${e.attribution ? `<dt>Says who</dt><dd>${esc(e.attribution.text)}</dd>` : ''}` +
      `</dl>` +
      (places ? `<h4>Where</h4><ul class="places">${places}</ul>` : '<h4>Where</h4><p class="muted">No place named.</p>') +
      (cas ? `<h4>Casualties</h4><ul class="casualties">${cas}</ul>` : '') +
      `<h4>Evidence <span class="muted">${(e.mentions || []).length} source${(e.mentions || []).length === 1 ? '' : 's'}</span></h4><ol class="mentions">${mentions}</ol>`;
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
    state.selected = id;
    if (location.hash !== `#event=${encodeURIComponent(id)}`) history.replaceState(null, '', `#event=${encodeURIComponent(id)}`);
    for (const li of document.querySelectorAll('.feed-item')) li.classList.toggle('selected', li.dataset.event === id);
    const sel = document.querySelector(`.feed-item[data-event="${CSS.escape(id)}"]`);
    if (sel) sel.scrollIntoView({ block: 'nearest' });
    const ms = markersByEvent.get(id) || [];
    for (const [eid, list] of markersByEvent) {
      for (const m of list) {
        const e = state.events.find((x) => x.id === eid);
        const p = (e.places || []).find((pl) => (pl.name || pl.text) === m.options.place) || {};
        m.setIcon(markerIcon(e, p, eid === id));
      }
    }
    if (fly && ms.length) {
      const b = L.latLngBounds(ms.map((m) => m.getLatLng()));
      map.flyToBounds(b.pad(0.6), { maxZoom: 9, duration: 0.6 });
    }
    showDetail(id);
  }

  $('detail-close').addEventListener('click', () => {
    $('detail').hidden = true;
    state.selected = null;
    history.replaceState(null, '', location.pathname);
    renderEvents();
  });
  $('feed-list').addEventListener('click', (ev) => {
    const li = ev.target.closest('.feed-item');
    if (!li) return;
    ev.preventDefault();
    selectEvent(li.dataset.event, { fly: true });
  });

  // ---------------------------------------------------------------------------------------
  // Loading

  async function loadEvents() {
    const extra = { limit: MAX_EVENTS };
    if (state.range && state.total > state.events.length) { extra.from = state.range[0]; extra.to = state.range[1]; }
    const page = await api(`/api/events${query(extra)}`);
    state.events = page.events;
    if (!extra.from) state.total = page.total;
    for (const e of page.events) {
      for (const a of [e.actor1, e.actor2]) if (a && a.code && a.name) state.names[a.code] = a.name;
    }
    renderEvents();
  }

  async function loadAll({ refit } = {}) {
    const [stats, alerts] = await Promise.all([api(`/api/stats${query()}`), api('/api/alerts')]);
    state.stats = stats;
    state.version = stats.version;
    state.alerts = alerts.alerts || [];
    await loadEvents();
    renderFacets();
    renderAlerts(alerts);
    renderKpis();
    drawTimeline(stats.by_day || []);
    await loadTerritories(state.range ? state.range[1] : latestDate());
    if (refit) fitToEvents(visibleEvents());
    $('live-status').textContent = `updated ${new Date().toLocaleTimeString()}`;
    document.body.dataset.ready = 'true';
  }

  function onFilter() {
    const f = state.filters;
    f.kind = $('f-kind').value;
    f.actor = $('f-actor').value;
    f.country = $('f-country').value;
    f.territory = $('f-territory').value;
    f.violent = $('f-violent').checked;
    loadAll({ refit: true }).catch(showError);
  }
  for (const id of ['f-kind', 'f-actor', 'f-country', 'f-territory', 'f-violent']) $(id).addEventListener('change', onFilter);
  $('f-reset').addEventListener('click', () => {
    for (const id of ['f-kind', 'f-actor', 'f-country', 'f-territory']) $(id).value = '';
    $('f-violent').checked = false;
    state.range = null;
    setRange(null);
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
  window.addEventListener('resize', () => state.stats && drawTimeline(state.stats.by_day || []));

  function fromHash() {
    const m = /^#event=(.+)$/.exec(location.hash);
    if (m) selectEvent(decodeURIComponent(m[1]), { fly: true });
  }
  window.addEventListener('hashchange', fromHash);

  (async () => {
    await loadCountries();
    await loadAll({ refit: true });
    setLive($('live-toggle').checked);
    fromHash();
  })().catch(showError);
})();
