'use strict';
// Run history (docs/dashboard.md, "Run history, export and permalinks"): the runs this dashboard holds live
// and those in the archive bucket (/api/runs), one of them opened below the live page, a second one as the
// reference to compare with (normalised to the opened run's entries), and the permalink: the URL holds
// ?run=&view=cumulative|window&logy=1&ref= so that a copied link shows the same run, view, scale and reference.
// Every value from the server goes onto the page as text or chart data, never as HTML.
(function () {
  const CHAMBERS = 4;
  const RUN_COLOUR = '#0072B2';
  const REF_COLOUR = '#D55E00';
  const HISTOGRAMS = [
    { id: 'occupancy', title: 'Occupancy', x: 'TDC_CHANNEL', y: 'hits' },
    { id: 'drift_time_ns', title: 'Drift time (matched hits)', x: 'ns', y: 'hits' },
  ];
  const $ = id => document.getElementById(id);
  const fmt = n => (n === null || n === undefined) ? '–' : MiniPlot.number(Number(n));
  const utc = ms => new Date(ms).toISOString().substring(0, 19).replace('T', ' ');
  const el = (tag, props, children) => {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    (children || []).forEach(c => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
    return e;
  };

  const url = new URLSearchParams(location.search);
  const state = { run: url.get('run'), ref: url.get('ref'), runs: [], loaded: {} };
  // Chart id -> the values it was last given, by series name.
  const given = new Map();

  const view = () => { const r = document.querySelector('input[name=view]:checked'); return r ? r.value : 'cumulative'; };
  const logY = () => $('log-y').checked;

  // The URL's view and scale go to the page's own controls, as if the user had set them.
  function applyUrlToControls() {
    const v = url.get('view');
    const radio = v && document.querySelector('input[name=view][value="' + (v === 'window' ? 'window' : 'cumulative') + '"]');
    if (radio && !radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event('change'));
    }
    if (url.get('logy') === '1' && !$('log-y').checked) {
      $('log-y').checked = true;
      $('log-y').dispatchEvent(new Event('change'));
    }
  }

  function writePermalink() {
    const p = new URLSearchParams();
    if (state.run) p.set('run', state.run);
    p.set('view', view());
    if (logY()) p.set('logy', '1');
    if (state.ref) p.set('ref', state.ref);
    history.replaceState(null, '', location.pathname + '?' + p.toString());
    $('permalink').href = location.href;
  }

  function buildPanel() {
    const section = el('section', { id: 'runs', className: 'runs' }, [
      el('h2', {}, ['Runs ', el('span', { className: 'hint' }, ['live and archived · open one, compare it with another, '
        + 'or make one the quality reference'])]),
      el('div', { className: 'runs-table-wrap' }, [el('table', { id: 'runs-table' })]),
      el('div', { className: 'runs-head' }, [
        el('span', { id: 'run-opened' }, ['No run opened']),
        el('a', { id: 'permalink', href: location.href, title: 'Link to this view: run, view, log-y and reference' }, ['permalink']),
        el('button', { id: 'run-close', type: 'button' }, ['close']),
        el('span', { id: 'quality-reference', className: 'hint' }, ['Quality reference: –']),
      ]),
      el('div', { id: 'run-charts', className: 'run-charts' }),
    ]);
    document.querySelector('main').appendChild(section);
    for (let c = 0; c < CHAMBERS; c++) {
      HISTOGRAMS.forEach(h => {
        const chart = el('div', { id: 'run-' + h.id + '-' + c, className: 'chart' });
        chart.dataset.chamber = String(c);
        chart.dataset.histogram = h.id;
        $('run-charts').appendChild(el('div', { className: 'panel' }, [chart]));
      });
    }
    $('run-close').addEventListener('click', () => { state.run = null; state.ref = null; show(); });
    document.querySelectorAll('input[name=view]').forEach(r => r.addEventListener('change', show));
    $('log-y').addEventListener('change', show);
  }

  async function fetchJson(path) {
    const r = await fetch(path);
    if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
    return r.json();
  }

  async function loadRuns() {
    try {
      state.runs = await fetchJson('/api/runs');
    } catch (e) {
      state.runs = [];
    }
    const table = $('runs-table');
    table.replaceChildren(el('tr', {}, ['Run', 'Start (UTC)', 'Duration', 'Hits', 'Windows', 'Quality', 'Where', '']
      .map(t => el('th', {}, [t]))));
    state.runs.forEach(r => {
      const open = el('button', { type: 'button', className: 'run-open' }, ['open']);
      open.addEventListener('click', () => { state.run = r.run; show(); });
      const ref = el('button', { type: 'button', className: 'run-ref', title: 'Overlay this run on the opened one' }, ['compare']);
      ref.addEventListener('click', () => { state.ref = r.run; show(); });
      const promote = el('button', { type: 'button', className: 'run-promote',
        title: 'Ask the quality service to judge against this run from now on' }, ['make quality reference']);
      promote.addEventListener('click', () => promoteToReference(r.run));
      const row = el('tr', {}, [r.run, utc(r.start_ms), (r.duration_ms / 1000).toFixed(0) + ' s', fmt(r.hits), fmt(r.windows),
        r.quality || '–', [r.live ? 'live' : null, r.archived ? 'archived' : null].filter(x => x).join(' + ')]
        .map(t => el('td', {}, [t])).concat([el('td', {}, [open, ref, promote])]));
      row.dataset.run = r.run;
      table.appendChild(row);
    });
  }

  // The quality service's reference (docs/quality.md): which run it is, and a request to change it.
  async function showQualityReference() {
    const r = await fetch('/api/quality/reference').then(x => (x.ok ? x.json() : null)).catch(() => null);
    $('quality-reference').textContent = 'Quality reference: ' + (r ? r.run : 'none yet');
  }

  async function promoteToReference(run) {
    const r = await fetch('/api/quality/reference?run=' + encodeURIComponent(run), { method: 'POST' });
    const body = await r.json().catch(() => ({}));
    $('quality-reference').textContent = r.ok ? 'Asked the quality service to make ' + run + ' the reference…'
      : 'Not changed: ' + (body.error || 'HTTP ' + r.status);
    setTimeout(showQualityReference, 3000);
  }

  // The run's histograms in the current view: its sums, or its newest window.
  async function histogramsOf(run) {
    const key = run + '|' + view();
    if (!state.loaded[key]) {
      const body = await fetchJson('/api/runs/' + encodeURIComponent(run));
      let chambers = body.cumulative.chambers;
      let index = null;
      if (view() === 'window') {
        const windows = await fetchJson('/api/runs/' + encodeURIComponent(run) + '/windows').catch(() => []);
        if (windows.length) {
          chambers = windows[windows.length - 1].chambers;
          index = windows[windows.length - 1].window.index;
        }
      }
      state.loaded[key] = { source: body.source, chambers, index };
    }
    return state.loaded[key];
  }

  const total = h => h.bin_counts.reduce((a, b) => a + b, 0);

  async function show() {
    writePermalink();
    const charts = $('run-charts');
    if (!state.run) {
      charts.hidden = true;
      $('run-opened').textContent = 'No run opened';
      return;
    }
    charts.hidden = false;
    let run;
    let ref = null;
    try {
      run = await histogramsOf(state.run);
      ref = state.ref ? await histogramsOf(state.ref) : null;
    } catch (e) {
      $('run-opened').textContent = 'Run ' + state.run + ': ' + e.message;
      return;
    }
    const what = view() === 'window' ? 'last window' + (run.index === null ? '' : ' (' + run.index + ')') : 'run cumulative';
    $('run-opened').textContent = 'Run ' + state.run + ' · ' + what + ' · from the ' + run.source
      + (state.ref ? ' · reference ' + state.ref + ' (normalised)' : '');
    for (let c = 0; c < CHAMBERS; c++) {
      HISTOGRAMS.forEach(spec => {
        const h = run.chambers[c][spec.id];
        // The reference behind the run, on the same axis: where it is higher it shows above the run's bars.
        const series = [{ name: state.run, colour: RUN_COLOUR, values: h.bin_counts }];
        if (ref) {
          const r = ref.chambers[c][spec.id];
          const scale = total(r) > 0 ? total(h) / total(r) : 0;
          series.unshift({ name: 'ref ' + state.ref, colour: REF_COLOUR, values: r.bin_counts.map(n => n * scale) });
        }
        const chart = $('run-' + spec.id + '-' + c);
        chart.dataset.run = state.run;
        given.set(chart.id, Object.fromEntries(series.map(x => [x.name, x.values])));
        MiniPlot.histogram(chart, {
          title: 'Chamber ' + c + ' · ' + spec.title, subtitle: 'entries ' + fmt(total(h)) + ' · under ' + fmt(h.underflow) + ' · over ' + fmt(h.overflow),
          xName: spec.x, yName: spec.y, logY: logY(), edges: h.bin_edges,
          categories: h.bin_counts.map((_, i) => String(h.bin_edges[i])), series,
        });
      });
    }
  }

  // What tests read: the opened run, reference and view, and the values given to each chart (drawn when it is near the
  // screen, see plot.js).
  window.minidtRuns = {
    shown: () => ({ run: state.run, ref: state.ref, view: view(), log_y: logY() }),
    values: id => given.get(id) || null,
    reload: loadRuns,
  };

  buildPanel();
  applyUrlToControls();
  loadRuns().then(show);
  showQualityReference();
  setInterval(loadRuns, 30000);
})();
