/* hadath map page: filters, a clustered event map on offline outlines, a timeline of
 * daily counts, an event table, and an event panel with the article text and its evidence.
 *
 * Everything that comes from the database (article text, titles, actor names, notes) is
 * untrusted: it is inserted with textContent / text nodes only, never as markup.
 * The page also works without the map libraries (it says how to install them).
 */
(function () {
  'use strict';

  const PAGE = 50;          // table rows per page
  const MAP_LIMIT = 1000;   // events drawn on the map (the API's maximum page)
  // What a marker and its tooltip need; the panel fetches the full event on click.
  const MAP_FIELDS = 'event_type,sub_event_type,event_date,location,country,iso,fatalities';
  const MIDDLE_EAST = [[12.0, 25.0], [42.5, 63.0]];
  const FILTER_KEYS = ['date_from', 'date_to', 'event_type', 'sub_event_type', 'country',
                       'actor', 'q'];

  const state = {
    lang: 'en',
    labels: null,
    config: null,
    filters: {},
    inView: false,
    offset: 0,
    total: 0,
    map: null,
    cluster: null,
    admin1Layer: null,
    admin1Loaded: new Set(),
    markers: new Map(),     // event_id -> circle marker
    selected: null,
    request: 0,             // increments per refresh; stale answers are dropped
    timelineRows: null,     // last daily counts, redrawn when the chart is resized
    countryLayer: null,     // world-atlas outlines, once loaded
    countryLabels: null,
    countriesWithEvents: null,
  };

  // ---------------------------------------------------------------- helpers

  /** Create an element; children are nodes or strings (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'className') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function t(key, vars) {
    const table = (state.labels && state.labels.ui[state.lang]) || {};
    let text = table[key] || (state.labels && state.labels.ui.en[key]) || key;
    for (const [name, value] of Object.entries(vars || {})) {
      text = text.split('{' + name + '}').join(String(value));
    }
    return text;
  }

  function typeLabel(type) {
    const entry = state.labels && state.labels.event_types[type];
    return state.lang === 'ar' && entry ? entry.ar : type;
  }

  function subTypeLabel(sub) {
    const ar = state.labels && state.labels.sub_event_types[sub];
    return state.lang === 'ar' && ar ? ar : sub;
  }

  function typeColor(type) {
    const entry = state.labels && state.labels.event_types[type];
    return entry ? entry.color : '#555';
  }

  function number(n) {
    return new Intl.NumberFormat(state.lang === 'ar' ? 'ar' : 'en').format(n);
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== '') query.set(key, value);
    }
    const qs = query.toString();
    const response = await fetch(path + (qs ? '?' + qs : ''), {headers: {Accept: 'application/json'}});
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      throw new Error((body && body.detail) || response.status + ' ' + response.statusText);
    }
    return body;
  }

  function showNotice(message) {
    const notice = document.getElementById('notice');
    if (!message) { notice.hidden = true; clear(notice); return; }
    clear(notice).appendChild(document.createTextNode(message));
    notice.hidden = false;
  }

  function setStatus(id, message) {
    const node = document.getElementById(id);
    if (node) node.textContent = message || '';
  }

  // ---------------------------------------------------------------- language

  function applyLanguage() {
    const root = document.documentElement;
    root.lang = state.lang;
    root.dir = state.lang === 'ar' ? 'rtl' : 'ltr';
    for (const node of document.querySelectorAll('[data-i18n]')) {
      node.textContent = t(node.dataset.i18n);
    }
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
    }
    for (const node of document.querySelectorAll('[data-i18n-title]')) {
      node.setAttribute('title', t(node.dataset.i18nTitle));
      node.setAttribute('aria-label', t(node.dataset.i18nTitle));
    }
    fillTypeSelects();
    const anyCountry = filterForm().elements.country.querySelector('option[value=""]');
    if (anyCountry) anyCountry.textContent = t('any');
    buildLegend();
  }

  // ---------------------------------------------------------------- filters

  function filterForm() { return document.getElementById('filters'); }

  function option(value, label, selected) {
    const node = el('option', {value: value}, label);
    if (selected) node.selected = true;
    return node;
  }

  function fillTypeSelects() {
    const form = filterForm();
    const typeSelect = form.elements.event_type;
    const current = state.filters.event_type || '';
    clear(typeSelect).appendChild(option('', t('any'), !current));
    for (const type of Object.keys(state.labels.event_types)) {
      typeSelect.appendChild(option(type, typeLabel(type), type === current));
    }
    fillSubTypes();
  }

  function fillSubTypes() {
    const form = filterForm();
    const type = form.elements.event_type.value;
    const subSelect = form.elements.sub_event_type;
    const current = state.filters.sub_event_type || '';
    const subs = state.config && state.config.taxonomy ? state.config.taxonomy : null;
    const allowed = subs && type ? subs[type] : Object.keys(state.labels.sub_event_types);
    clear(subSelect).appendChild(option('', t('any'), !current));
    for (const sub of allowed) subSelect.appendChild(option(sub, subTypeLabel(sub), sub === current));
  }

  async function fillCountries() {
    const select = filterForm().elements.country;
    const current = state.filters.country || '';
    let rows = [];
    try {
      rows = (await api('/api/stats/counts', {by: 'country'})).rows;
    } catch (e) {
      rows = [];
    }
    clear(select).appendChild(option('', t('any'), !current));
    const names = rows.map(r => r.key).filter(Boolean).sort();
    if (current && !names.includes(current)) names.push(current);
    for (const name of names) select.appendChild(option(name, name, name === current));
  }

  function readForm() {
    const form = filterForm();
    const filters = {};
    for (const key of FILTER_KEYS) {
      const value = (form.elements[key].value || '').trim();
      if (value) filters[key] = value;
    }
    state.inView = form.elements.in_view.checked;
    return filters;
  }

  function writeForm() {
    const form = filterForm();
    for (const key of FILTER_KEYS) {
      if (key === 'event_type' || key === 'sub_event_type' || key === 'country') continue;
      form.elements[key].value = state.filters[key] || '';
    }
    form.elements.event_type.value = state.filters.event_type || '';
    fillSubTypes();
    form.elements.country.value = state.filters.country || '';
    form.elements.in_view.checked = state.inView;
  }

  function queryParams() {
    const params = Object.assign({}, state.filters);
    if (state.inView && state.map) {
      const b = state.map.getBounds();
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      params.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
                     clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
        .map(v => v.toFixed(4)).join(',');
    }
    return params;
  }

  function syncUrl() {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state.filters)) if (value) params.set(key, value);
    if (state.selected) params.set('event', state.selected);
    const qs = params.toString();
    history.replaceState(null, '', qs ? '?' + qs : location.pathname);
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) state.filters[key] = value;
    }
    return params.get('event');
  }

  // ---------------------------------------------------------------- map

  function initMap() {
    if (typeof window.L === 'undefined') {
      document.getElementById('map').classList.add('map-missing');
      append(clear(document.getElementById('map')),
        [el('p', {className: 'map-missing-text'}, t('vendor_missing', {setup: state.config.setup}))]);
      showNotice(t('vendor_missing', {setup: state.config.setup}));
      return;
    }
    const L = window.L;
    const map = L.map('map', {zoomControl: true, worldCopyJump: false, minZoom: 2, maxZoom: 14,
                              attributionControl: true});
    map.attributionControl.setPrefix(false);
    map.fitBounds(MIDDLE_EAST);
    map.createPane('outlines');
    map.getPane('outlines').style.zIndex = 250;
    state.map = map;

    const baseLayers = {};
    const outlines = L.layerGroup();
    baseLayers[t('offline_map')] = outlines;
    loadOutlines(outlines);
    state.admin1Layer = L.geoJSON(null, {
      pane: 'outlines', interactive: false,
      style: {color: '#8d9aa6', weight: 0.7, opacity: 0.8, dashArray: '2 3', fill: false},
      onEachFeature: (feature, layer) => {
        layer.bindTooltip(el('span', {}, placeName(feature.properties)),
          {permanent: true, direction: 'center', className: 'admin1-label', interactive: false});
      },
    }).addTo(map);
    const zoomClass = () => {
      map.getContainer().classList.toggle('show-admin1', map.getZoom() >= 7);
      map.getContainer().classList.toggle('show-countries', map.getZoom() >= 3);
    };
    map.on('zoomend', zoomClass);
    zoomClass();
    if (state.config.tiles) {
      const tiles = L.tileLayer(state.config.tiles.url, {
        attribution: state.config.tiles.attribution || '', maxZoom: 19,
      });
      baseLayers[t('tiles')] = tiles;
      tiles.addTo(map);  // the operator asked for them; the outlines stay one click away
      L.control.layers(baseLayers, null, {collapsed: true}).addTo(map);
    } else {
      outlines.addTo(map);
    }

    const clusterOptions = {
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      chunkedLoading: true, iconCreateFunction: clusterIcon,
    };
    state.cluster = L.markerClusterGroup ? L.markerClusterGroup(clusterOptions) : L.featureGroup();
    state.cluster.addTo(map);
    map.on('moveend', () => { if (state.inView) refresh({keepView: true}); });
  }

  function placeName(props) {
    return (state.lang === 'ar' && props.name_ar) || props.name || props.code || '';
  }

  function relabel() {
    if (!state.admin1Layer) return;
    state.admin1Layer.eachLayer(layer => {
      layer.setTooltipContent(el('span', {}, placeName(layer.feature.properties)));
    });
  }

  /** Name the countries that have events, at the middle of their largest polygon. */
  function labelCountries(names) {
    if (!state.countryLayer || !state.countryLabels) return;
    state.countryLabels.clearLayers();
    const wanted = new Set(names);
    state.countryLayer.eachLayer(layer => {
      const name = layer.feature.properties.name;
      if (!wanted.has(name)) return;
      const geometry = layer.feature.geometry || {};
      const outers = geometry.type === 'Polygon' ? [geometry.coordinates[0]]
        : geometry.type === 'MultiPolygon' ? geometry.coordinates.map(p => p[0]) : [];
      let best = null;
      let bestArea = -1;
      for (const ring of outers) {
        const bounds = window.L.latLngBounds(ring.map(([lon, lat]) => [lat, lon]));
        const area = (bounds.getNorth() - bounds.getSouth()) * (bounds.getEast() - bounds.getWest());
        if (area > bestArea) { bestArea = area; best = bounds; }
      }
      if (!best) return;
      window.L.tooltip({permanent: true, direction: 'center', className: 'country-label',
                        interactive: false})
        .setLatLng(best.getCenter())
        .setContent(el('span', {}, countryName(name)))
        .addTo(state.countryLabels);
    });
  }

  function countryName(name) {
    const ar = state.countryNamesAr && state.countryNamesAr[name];
    return state.lang === 'ar' && ar ? ar : name;
  }

  async function loadOutlines(layer) {
    const L = window.L;
    if (typeof window.topojson === 'undefined') return;
    try {
      const response = await fetch('/vendor/world-atlas/countries-50m.json');
      if (!response.ok) throw new Error(response.statusText);
      const topology = await response.json();
      const land = window.topojson.feature(topology, topology.objects.countries);
      state.countryLayer = L.geoJSON(land, {
        pane: 'outlines', interactive: false,
        style: {color: '#9aa5ad', weight: 0.9, fillColor: '#f6f3ec', fillOpacity: 1},
      }).addTo(layer);
      state.countryLabels = L.layerGroup().addTo(layer);
    } catch (e) {
      showNotice(t('vendor_missing', {setup: state.config.setup}));
      return;
    }
    if (state.countriesWithEvents) labelCountries(state.countriesWithEvents);
  }

  async function loadAdmin1(isoCodes) {
    if (!state.admin1Layer || !state.config.admin1) return;
    const missing = isoCodes.filter(c => /^[A-Z]{2}$/.test(c) && !state.admin1Loaded.has(c)).slice(0, 12);
    if (!missing.length) return;
    missing.forEach(c => state.admin1Loaded.add(c));
    try {
      const data = await api('/api/boundaries/admin1', {country: missing.join(',')});
      state.admin1Layer.addData(data);
    } catch (e) {
      /* boundaries are decoration: the map works without them */
    }
  }

  function radius(fatalities) {
    const f = Math.max(0, Number(fatalities) || 0);
    return Math.min(26, 6 + 3.2 * Math.sqrt(f));
  }

  function clusterIcon(cluster) {
    const L = window.L;
    const children = cluster.getAllChildMarkers();
    const byType = new Map();
    for (const m of children) {
      const type = m.options.eventType;
      byType.set(type, (byType.get(type) || 0) + 1);
    }
    const stops = [];
    let acc = 0;
    for (const [type, count] of [...byType.entries()].sort((a, b) => b[1] - a[1])) {
      const start = (acc / children.length) * 360;
      acc += count;
      const end = (acc / children.length) * 360;
      stops.push(typeColor(type) + ' ' + start.toFixed(1) + 'deg ' + end.toFixed(1) + 'deg');
    }
    const n = children.length;
    const size = n < 10 ? 30 : n < 100 ? 38 : n < 1000 ? 46 : 54;
    const ring = el('div', {className: 'cluster-ring'});
    ring.style.background = 'conic-gradient(' + stops.join(', ') + ')';
    const label = el('span', {className: 'cluster-count'}, number(n));
    ring.appendChild(label);
    return L.divIcon({html: ring, className: 'hd-cluster', iconSize: L.point(size, size)});
  }

  function tooltipContent(event) {
    return el('div', {className: 'tip'},
      el('strong', {}, subTypeLabel(event.sub_event_type || event.event_type)),
      el('div', {}, [event.event_date, ' · ', event.location || '']),
      event.fatalities ? el('div', {}, t('fatalities') + ': ' + number(event.fatalities)) : null);
  }

  function drawMarkers(features) {
    const L = window.L;
    if (!state.map) return;
    state.cluster.clearLayers();
    state.markers.clear();
    const markers = [];
    for (const feature of features) {
      if (!feature.geometry) continue;
      const event = feature.properties;
      const [lon, lat] = feature.geometry.coordinates;
      const color = typeColor(event.event_type);
      const marker = L.circleMarker([lat, lon], {
        radius: radius(event.fatalities), color: '#ffffff', weight: 1.5, fillColor: color,
        fillOpacity: 0.88, className: 'hd-marker', eventType: event.event_type,
      });
      marker.bindTooltip(tooltipContent(event), {direction: 'top', offset: [0, -6]});
      marker.on('click', () => openEvent(event.event_id, {fromMap: true}));
      marker.on('add', () => {
        const path = marker.getElement();
        if (path) {
          path.setAttribute('data-event-id', event.event_id);
          path.setAttribute('data-event-type', event.event_type);
        }
      });
      state.markers.set(event.event_id, marker);
      markers.push(marker);
    }
    if (state.cluster.addLayers) state.cluster.addLayers(markers);
    else markers.forEach(m => state.cluster.addLayer(m));
  }

  function fitToEvents(animate) {
    if (!state.map || !state.markers.size) return;
    const bounds = window.L.latLngBounds([...state.markers.values()].map(m => m.getLatLng()));
    state.map.fitBounds(bounds.pad(0.25), {maxZoom: 7, animate: animate});
  }

  // ---------------------------------------------------------------- legend

  function buildLegend() {
    const list = clear(document.getElementById('legend'));
    for (const type of Object.keys(state.labels.event_types)) {
      const swatch = el('span', {className: 'swatch'});
      swatch.style.backgroundColor = typeColor(type);
      const item = el('li', {}, el('button', {
        type: 'button', className: 'legend-item',
        'aria-pressed': state.filters.event_type === type ? 'true' : 'false',
        onclick: () => {
          state.filters.event_type = state.filters.event_type === type ? undefined : type;
          if (!state.filters.event_type) delete state.filters.event_type;
          delete state.filters.sub_event_type;
          writeForm();
          buildLegend();
          refresh();
        },
      }, swatch, typeLabel(type)));
      list.appendChild(item);
    }
  }

  // ---------------------------------------------------------------- timeline

  const DAY_MS = 86400000;

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  /** Bucket the daily counts: by day for short spans, by week or month for long ones,
   * so the bars stay readable. Each bucket knows its first and last day. */
  function buckets(days) {
    const first = days[0].t;
    const last = days[days.length - 1].t;
    const spanDays = Math.round((last - first) / DAY_MS) + 1;
    const unit = spanDays <= 120 ? 'day' : spanDays <= 3 * 365 ? 'week' : 'month';
    const startOf = ms => {
      const d = new Date(ms);
      if (unit === 'day') return ms;
      if (unit === 'week') return ms - ((d.getUTCDay() + 6) % 7) * DAY_MS;  // Monday
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    };
    const endOf = ms => {
      if (unit === 'day') return ms;
      if (unit === 'week') return ms + 6 * DAY_MS;
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - DAY_MS;
    };
    const map = new Map();
    for (const d of days) {
      const key = startOf(d.t);
      const bucket = map.get(key) || {t: key, end: endOf(key), count: 0};
      bucket.count += d.count;
      map.set(key, bucket);
    }
    const out = [...map.values()].sort((a, b) => a.t - b.t);
    return {unit: unit, items: out, first: startOf(first), last: endOf(last)};
  }

  function drawTimeline(rows) {
    state.timelineRows = rows;
    const chart = clear(document.getElementById('timeline'));
    const width = chart.clientWidth || 800;
    const height = chart.clientHeight || 110;
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const days = rows.filter(r => /^\d{4}-\d{2}-\d{2}$/.test(r.key || ''))
      .map(r => ({t: Date.parse(r.key + 'T00:00:00Z'), count: r.count}))
      .sort((a, b) => a.t - b.t);
    document.getElementById('clear-dates').hidden = !(state.filters.date_from || state.filters.date_to);
    if (!days.length) {
      const text = svg('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis'});
      text.textContent = t('no_events');
      chart.appendChild(text);
      return;
    }
    const b = buckets(days);
    setStatus('timeline-unit', t('per_' + b.unit));
    const pad = {l: 34, r: 12, t: 10, b: 22};
    const plotW = width - pad.l - pad.r;
    const plotH = height - pad.t - pad.b;
    const span = (b.last - b.first) / DAY_MS + 1;
    const unitDays = b.unit === 'day' ? 1 : b.unit === 'week' ? 7 : 30.4;
    const slot = plotW * unitDays / span;
    const barW = Math.max(1.5, Math.min(36, slot * 0.8));
    const max = Math.max(...b.items.map(d => d.count));
    const x = ms => pad.l + ((ms - b.first) / DAY_MS) * (plotW / span) + (slot - barW) / 2;
    const y = c => pad.t + plotH - (c / max) * plotH;

    for (const value of [max, Math.round(max / 2)]) {
      if (value <= 0 || (value === Math.round(max / 2) && value === max)) continue;
      chart.appendChild(svg('line', {x1: pad.l, x2: width - pad.r, y1: y(value), y2: y(value),
                                     class: 'grid-line'}));
      const label = svg('text', {x: pad.l - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis'});
      label.textContent = number(value);
      chart.appendChild(label);
    }
    chart.appendChild(svg('line', {x1: pad.l, x2: width - pad.r, y1: pad.t + plotH,
                                   y2: pad.t + plotH, class: 'axis-line'}));
    const from = state.filters.date_from;
    const to = state.filters.date_to;
    for (const d of b.items) {
      const dayFrom = isoDay(d.t);
      const dayTo = isoDay(d.end);
      const bar = svg('rect', {x: x(d.t).toFixed(1), y: y(d.count).toFixed(1), width: barW.toFixed(1),
                               height: Math.max(1, pad.t + plotH - y(d.count)).toFixed(1),
                               class: 'bar' + (from === dayFrom && to === dayTo ? ' selected' : ''),
                               'data-day': dayFrom, tabindex: 0, role: 'button'});
      const title = svg('title');
      title.textContent = (dayFrom === dayTo ? dayFrom : dayFrom + ' – ' + dayTo) + ': ' + number(d.count);
      bar.appendChild(title);
      const pick = () => {
        state.filters.date_from = dayFrom;
        state.filters.date_to = dayTo;
        state.offset = 0;
        writeForm();
        refresh();
      };
      bar.addEventListener('click', pick);
      bar.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') pick(); });
      chart.appendChild(bar);
    }
    const ends = b.items.length === 1 ? [b.items[0]] : [b.items[0], b.items[b.items.length - 1]];
    ends.forEach((d, i) => {
      const single = ends.length === 1;
      const anchor = single ? 'middle' : (i === 0 ? 'start' : 'end');
      const px = single ? x(d.t) + barW / 2 : (i === 0 ? pad.l : width - pad.r);
      const label = svg('text', {x: px, y: height - 6, 'text-anchor': anchor, class: 'axis'});
      label.textContent = b.unit === 'month' ? isoDay(d.t).slice(0, 7) : isoDay(d.t);
      chart.appendChild(label);
    });
  }

  // ---------------------------------------------------------------- table

  function actorText(actor) {
    if (!actor) return '';
    return actor.name || actor.name_ar || '';
  }

  function drawTable(page) {
    const body = clear(document.querySelector('#events-table tbody'));
    if (!page.events.length) {
      body.appendChild(el('tr', {}, el('td', {colspan: 6, className: 'empty'}, t('no_events'))));
    }
    for (const event of page.events) {
      const swatch = el('span', {className: 'swatch'});
      swatch.style.backgroundColor = typeColor(event.event_type);
      const actors = [actorText(event.actor1), actorText(event.actor2)].filter(Boolean).join(' — ');
      const row = el('tr', {
        tabindex: 0, dataset: {eventId: event.event_id},
        className: event.event_id === state.selected ? 'selected' : '',
        onclick: () => openEvent(event.event_id, {}),
        onkeydown: e => { if (e.key === 'Enter') openEvent(event.event_id, {}); },
      },
      el('td', {className: 'nowrap'}, event.event_date || ''),
      el('td', {}, swatch, el('span', {}, subTypeLabel(event.sub_event_type || ''))),
      el('td', {}, [event.location || '', event.country ? ', ' + event.country : '']),
      el('td', {}, actors),
      el('td', {className: 'num'}, number(event.fatalities || 0)),
      el('td', {className: 'num'}, number(event.mention_count || (event.sources || []).length || 1)));
      body.appendChild(row);
    }
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.events.length;
    setStatus('table-range', t('showing', {from: number(from), to: number(to), total: number(page.total)}));
    document.getElementById('prev').disabled = page.offset <= 0;
    document.getElementById('next').disabled = to >= page.total;
  }

  // ---------------------------------------------------------------- event panel

  /** Map Unicode code-point offsets (the API's) to UTF-16 offsets (JavaScript's). */
  function codePointIndex(text) {
    const map = [];
    let unit = 0;
    for (const ch of text) {
      map.push(unit);
      unit += ch.length;
    }
    map.push(unit);
    return cp => map[Math.max(0, Math.min(cp, map.length - 1))];
  }

  /** The UTF-16 ranges to highlight: trust the offsets when they agree with the span text,
   * else find the span text in the article. */
  function evidenceRanges(text, spans) {
    const toUnit = codePointIndex(text);
    const ranges = [];
    for (const span of spans) {
      let start = toUnit(span.start);
      let end = toUnit(span.end);
      if (span.text && text.slice(start, end) !== span.text) {
        const found = text.indexOf(span.text);
        if (found < 0) continue;
        start = found;
        end = found + span.text.length;
      }
      if (end > start) ranges.push([start, end]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of ranges) {
      const lastRange = merged[merged.length - 1];
      if (lastRange && r[0] <= lastRange[1]) lastRange[1] = Math.max(lastRange[1], r[1]);
      else merged.push(r.slice());
    }
    return merged;
  }

  /** The article text as text nodes, with <mark> around each evidence range. */
  function articleTextNode(text, spans) {
    const body = el('div', {className: 'article-text', dir: 'rtl', lang: 'ar'});
    let at = 0;
    for (const [start, end] of evidenceRanges(text, spans)) {
      if (start > at) body.appendChild(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(start, end);
      body.appendChild(mark);
      at = end;
    }
    if (at < text.length) body.appendChild(document.createTextNode(text.slice(at)));
    return body;
  }

  function field(label, value) {
    if (value === null || value === undefined || value === '') return null;
    return [el('dt', {}, label), el('dd', {dir: 'auto'}, value)];
  }

  function actorNode(actor) {
    if (!actor) return null;
    const parts = [actor.name || ''];
    const span = el('span', {}, parts);
    if (actor.name_ar) span.appendChild(el('span', {className: 'ar', dir: 'rtl', lang: 'ar'}, actor.name_ar));
    if (actor.inter !== null && actor.inter !== undefined) {
      span.appendChild(el('span', {className: 'inter'}, t('inter', {n: actor.inter})));
    }
    return span;
  }

  function precision(n) {
    return n ? t('precision_' + n) + ' (' + n + ')' : null;
  }

  async function openEvent(eventId, opts) {
    state.selected = eventId;
    syncUrl();
    for (const row of document.querySelectorAll('#events-table tbody tr')) {
      row.classList.toggle('selected', row.dataset.eventId === eventId);
    }
    const panel = document.getElementById('panel');
    const body = clear(document.getElementById('panel-body'));
    panel.hidden = false;
    document.body.classList.add('panel-open');
    body.appendChild(el('p', {className: 'hint'}, t('loading')));
    if (state.map) state.map.invalidateSize();
    let event;
    try {
      event = await api('/api/events/' + encodeURIComponent(eventId));
    } catch (e) {
      clear(body).appendChild(el('p', {className: 'error'}, t('error', {detail: e.message})));
      return;
    }
    if (state.selected !== eventId) return;
    renderEvent(body, event);
    const marker = state.markers.get(eventId);
    if (marker && state.map && !(opts && opts.fromMap)) revealMarker(marker);
    for (const [id, m] of state.markers) {
      const path = m.getElement && m.getElement();
      if (path) path.classList.toggle('hd-selected', id === eventId);
    }
    await renderArticles(body, event);
  }

  /** Bring a marker into view without losing the context: pan to it and, when it sits
   * in a cluster, fan the cluster out rather than zooming down to street level. */
  function revealMarker(marker) {
    const map = state.map;
    const done = () => {
      const path = marker.getElement && marker.getElement();
      if (path) path.classList.add('hd-selected');
      marker.openTooltip();
    };
    // markercluster re-clusters after the move; wait for it before fanning out.
    map.once('moveend', () => setTimeout(() => {
      const parent = state.cluster.getVisibleParent ? state.cluster.getVisibleParent(marker) : marker;
      if (parent && parent !== marker && parent.spiderfy) {
        state.cluster.once('spiderfied', done);
        parent.spiderfy();
      } else {
        done();
      }
    }, 300));
    map.setView(marker.getLatLng(), Math.max(map.getZoom(), 6));
  }

  function renderEvent(body, event) {
    clear(body);
    const badge = el('span', {className: 'badge'}, typeLabel(event.event_type));
    badge.style.backgroundColor = typeColor(event.event_type);
    body.appendChild(el('div', {className: 'panel-head'}, badge,
      el('h2', {id: 'panel-title'}, subTypeLabel(event.sub_event_type || ''))));
    body.appendChild(el('p', {className: 'event-where'},
      [el('bdi', {}, event.event_date || ''), ' · ', el('bdi', {}, event.location || ''),
       event.location_ar ? ' (' : '', event.location_ar ? el('span', {dir: 'rtl', lang: 'ar'}, event.location_ar) : null,
       event.location_ar ? ')' : '']));
    if (event.notes) body.appendChild(el('p', {className: 'notes', dir: 'ltr', lang: 'en'}, event.notes));

    const assoc = [].concat(event.assoc_actor_1 || [], event.assoc_actor_2 || []).map(actorText).filter(Boolean);
    const coords = typeof event.latitude === 'number' && typeof event.longitude === 'number'
      ? event.latitude.toFixed(4) + ', ' + event.longitude.toFixed(4) : null;
    const dl = el('dl', {className: 'fields'},
      field(t('type'), [typeLabel(event.event_type), ' / ', subTypeLabel(event.sub_event_type || '')].join('')),
      field(t('date'), [event.event_date, event.time_precision ? ' · ' + precision(event.time_precision) : ''].join('')),
      field(t('actor1'), actorNode(event.actor1)),
      field(t('actor2'), event.actor2 ? actorNode(event.actor2) : t('none')),
      field(t('assoc_actors'), assoc.length ? assoc.join('; ') : null),
      field(t('location'), [event.location, event.admin2, event.admin1, event.country]
        .filter(Boolean).join(', ')),
      field(t('coordinates'), coords ? [el('bdi', {dir: 'ltr'}, coords), ' · ',
                                        precision(event.geo_precision)] : null),
      field(t('fatalities'), number(event.fatalities || 0)),
      field(t('injuries'), event.injuries === null || event.injuries === undefined ? null : number(event.injuries)),
      field(t('attribution'), (event.source_attribution || []).join('; ') || null),
      field(t('confidence'), typeof event.confidence === 'number' ? event.confidence.toFixed(2) : null),
      field(t('mentions'), event.mention_count ? number(event.mention_count) : null));
    body.appendChild(el('h3', {}, t('fields')));
    body.appendChild(dl);

    body.appendChild(el('h3', {}, t('sources')));
    const list = el('ul', {className: 'sources'});
    for (const source of event.sources || []) {
      const url = safeUrl(source.url);
      const title = source.title || source.article_id || '';
      list.appendChild(el('li', {},
        el('strong', {}, source.outlet || t('unknown')), ' · ', source.date || '', ' · ',
        el('span', {dir: 'auto'}, title),
        url ? [' · ', el('a', {href: url, target: '_blank', rel: 'noopener noreferrer nofollow'}, t('open_source'))] : null));
    }
    body.appendChild(list);
    body.appendChild(el('div', {id: 'panel-articles'}));
  }

  function articleIds(event) {
    const ids = [];
    const add = id => { if (id && !ids.includes(id)) ids.push(id); };
    for (const e of event.evidence || []) add(e.article_id);
    for (const s of event.sources || []) add(s.article_id);
    for (const m of event.mentions || []) add(m.article_id);
    return ids.slice(0, 10);
  }

  function evidenceFor(event, articleId) {
    const spans = (event.evidence || []).filter(e => !e.article_id || e.article_id === articleId);
    if (spans.length) return spans;
    const mention = (event.mentions || []).find(m => m.article_id === articleId);
    return (mention && mention.evidence) || [];
  }

  async function renderArticles(body, event) {
    const holder = body.querySelector('#panel-articles');
    if (!holder) return;
    for (const id of articleIds(event)) {
      let article;
      try {
        article = await api('/api/articles/' + encodeURIComponent(id));
      } catch (e) {
        holder.appendChild(el('p', {className: 'error'}, t('error', {detail: e.message})));
        continue;
      }
      if (state.selected !== event.event_id) return;
      const section = el('section', {className: 'article', dataset: {articleId: id}},
        el('h3', {}, t('article')),
        el('p', {className: 'article-meta'},
          el('strong', {}, article.outlet || t('unknown')), ' · ', article.date || '', ' · ',
          el('span', {dir: 'auto'}, article.title || '')));
      const spans = evidenceFor(event, id);
      if (spans.length) {
        const quotes = el('div', {className: 'evidence-list'});
        for (const s of spans) quotes.appendChild(el('blockquote', {dir: 'rtl', lang: 'ar'}, s.text || ''));
        section.appendChild(el('h4', {}, t('evidence')));
        section.appendChild(quotes);
      }
      section.appendChild(typeof article.text === 'string' && article.text
        ? articleTextNode(article.text, spans) : el('p', {className: 'hint'}, t('no_text')));
      holder.appendChild(section);
    }
    // Scroll each article box (not the panel) so its first evidence span is in view.
    for (const box of holder.querySelectorAll('.article-text')) {
      const mark = box.querySelector('mark');
      if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
    }
  }

  function closePanel() {
    state.selected = null;
    syncUrl();
    document.getElementById('panel').hidden = true;
    document.body.classList.remove('panel-open');
    for (const row of document.querySelectorAll('#events-table tr.selected')) row.classList.remove('selected');
    for (const path of document.querySelectorAll('.hd-selected')) path.classList.remove('hd-selected');
    if (state.map) state.map.invalidateSize();
  }

  // ---------------------------------------------------------------- loading

  async function loadTable() {
    const params = Object.assign(queryParams(), {limit: PAGE, offset: state.offset});
    const page = await api('/api/events', params);
    drawTable(page);
  }

  async function refresh(opts) {
    const ticket = ++state.request;
    const params = queryParams();
    syncUrl();
    setStatus('map-status', t('loading'));
    try {
      const [geo, days, totals] = await Promise.all([
        api('/api/events', Object.assign({}, params, {format: 'geojson', limit: MAP_LIMIT,
                                                      fields: MAP_FIELDS})),
        api('/api/stats/counts', Object.assign({}, params, {by: 'day'})),
        api('/api/stats/counts', Object.assign({}, params, {by: 'event_type'})),
        loadTable(),
      ]);
      if (ticket !== state.request) return;
      drawMarkers(geo.features);
      if (!(opts && opts.keepView)) fitToEvents(!(opts && opts.first));
      drawTimeline(days.rows);
      const fatalities = totals.rows.reduce((s, r) => s + (r.fatalities || 0), 0);
      setStatus('summary', t('events_total', {total: number(geo.total)}) + ' · ' +
        t('fatalities_total', {total: number(fatalities)}));
      const shown = geo.features.filter(f => f.geometry).length;
      setStatus('map-status', t('map_showing', {shown: number(shown), total: number(geo.total)}) +
        (geo.total > geo.count ? ' (' + t('map_capped', {shown: number(geo.count)}) + ')' : ''));
      loadAdmin1([...new Set(geo.features.map(f => f.properties.iso).filter(Boolean))]);
      state.countriesWithEvents = [...new Set(geo.features.map(f => f.properties.country).filter(Boolean))];
      labelCountries(state.countriesWithEvents);
    } catch (e) {
      if (ticket !== state.request) return;
      setStatus('map-status', t('error', {detail: e.message}));
      showNotice(t('error', {detail: e.message}));
    }
  }

  // ---------------------------------------------------------------- wiring

  function wire() {
    const form = filterForm();
    form.addEventListener('submit', e => {
      e.preventDefault();
      state.filters = readForm();
      state.offset = 0;
      buildLegend();
      refresh();
    });
    form.addEventListener('reset', () => {
      setTimeout(() => {
        state.filters = {};
        state.inView = false;
        state.offset = 0;
        writeForm();
        buildLegend();
        refresh();
      }, 0);
    });
    form.elements.event_type.addEventListener('change', () => {
      state.filters.event_type = form.elements.event_type.value || undefined;
      delete state.filters.sub_event_type;
      fillSubTypes();
    });
    document.getElementById('prev').addEventListener('click', () => {
      state.offset = Math.max(0, state.offset - PAGE);
      loadTable().catch(e => showNotice(t('error', {detail: e.message})));
    });
    document.getElementById('next').addEventListener('click', () => {
      state.offset += PAGE;
      loadTable().catch(e => showNotice(t('error', {detail: e.message})));
    });
    document.getElementById('clear-dates').addEventListener('click', () => {
      delete state.filters.date_from;
      delete state.filters.date_to;
      writeForm();
      refresh();
    });
    document.getElementById('panel-close').addEventListener('click', closePanel);
    if (window.ResizeObserver) {
      let pending = null;
      new ResizeObserver(() => {
        clearTimeout(pending);
        pending = setTimeout(() => { if (state.timelineRows) drawTimeline(state.timelineRows); }, 60);
      }).observe(document.getElementById('timeline'));
    }
    document.addEventListener('keydown', e => { if (e.key === 'Escape') closePanel(); });
    document.getElementById('lang-toggle').addEventListener('click', () => {
      state.lang = state.lang === 'ar' ? 'en' : 'ar';
      try { localStorage.setItem('hadath.lang', state.lang); } catch (e) { /* private mode */ }
      applyLanguage();
      writeForm();
      relabel();
      refresh({keepView: true});
      if (state.selected) openEvent(state.selected, {fromMap: true});
    });
  }

  async function main() {
    try {
      state.lang = localStorage.getItem('hadath.lang') === 'ar' ? 'ar' : 'en';
    } catch (e) {
      state.lang = 'en';
    }
    try {
      const [labels, config] = await Promise.all([
        fetch('/static/labels.json').then(r => r.json()),
        api('/api/ui-config'),
      ]);
      state.labels = labels;
      state.config = config;
    } catch (e) {
      showNotice('hadath: ' + e.message);
      return;
    }
    const selected = readUrl();
    applyLanguage();
    await fillCountries();
    writeForm();
    wire();
    initMap();
    if (state.config && !state.config.vendor) {
      showNotice(t('vendor_missing', {setup: state.config.setup}));
    }
    await refresh({first: true});
    if (selected) openEvent(selected, {});
    document.body.dataset.ready = 'true';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
}());
