'use strict';
// Quality view of the DQM page (docs/quality.md, docs/dashboard.md "Quality"). The quality service judges every
// window, and the run so far, against the setup's reference run; this script shows its verdicts:
//   - at the top, the detector and the four chambers with their worst reason in words, the reference run's name,
//     a stalled input, the quality-versus-time strip of each chamber, and "make this run the reference";
//   - in each chamber, the cells coloured by their verdict (known-bad cells grey), the occupancy and the drift-time
//     box with the reference drawn normalised to them and the ratio, and the time-box fit with t0, tmax, v_drift.
// Data: GET /api/quality (polled), GET /api/quality/reference (when the reference changes); the page's own window
// and run sums through minidtPage.onShow. Every value goes on the page as text or as canvas drawing, never as HTML.
(function () {
  const POLL_MS = 2000;
  const COLOUR = { GOOD: '#009E73', MEDIUM: '#E69F00', BAD: '#D55E00', NULL: '#e5e7eb', KNOWN: '#8a8f98', STALLED: '#4b5563' };
  const ICON = { GOOD: '✓', MEDIUM: '⚠', BAD: '✗', NULL: '?', KNOWN: '–', STALLED: '⏸' };
  const WORDS = { GOOD: 'GOOD', MEDIUM: 'MEDIUM', BAD: 'BAD', NULL: 'NOT ENOUGH DATA', KNOWN: 'KNOWN', STALLED: 'STALLED' };
  const INK = '#1d2733', MUTED = '#4b5563', FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  const SAMPLE = '#56B4E9', REFERENCE = '#000000', FIT = '#CC79A7';

  const $ = id => document.getElementById(id);
  const text = (el, value) => {
    const v = String(value);
    if (el.textContent !== v) el.textContent = v;
  };
  const q = { view: null, reference: null, referenceKey: null, update: null, pageView: 'cumulative', shown: {}, promoteNote: '' };

  // ---------- layout ----------
  function el(tag, cls, id) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (id) e.id = id;
    return e;
  }

  function build() {
    const section = el('section', 'quality', 'quality');
    const detector = el('div', 'q-tile q-detector', 'q-detector');
    detector.append(el('span', 'q-icon'), el('div', 'q-body'));
    detector.querySelector('.q-body').append(el('div', 'q-head'), el('div', 'q-reason'));
    const chambers = el('div', 'q-chambers');
    for (let i = 0; i < 4; i++) {
      const t = el('div', 'q-tile', 'q-chamber-' + i);
      t.append(el('span', 'q-icon'), el('div', 'q-body'));
      t.querySelector('.q-body').append(el('div', 'q-head'), el('div', 'q-reason'));
      chambers.append(t);
    }
    const side = el('div', 'q-side');
    const ref = el('div', 'q-reference', 'q-reference');
    const input = el('div', 'q-input', 'q-input');
    const promote = el('button', 'q-promote', 'q-promote');
    promote.type = 'button';
    promote.addEventListener('click', promoteShownRun);
    const note = el('div', 'q-note', 'q-promote-note');
    side.append(ref, input, promote, note);
    const strips = el('div', 'panel q-strips-panel');
    strips.append(el('div', 'chart q-strips', 'q-strips'));
    section.append(detector, chambers, side, strips);
    document.querySelector('main').prepend(section);
    MiniPlot.chart($('q-strips'));
    for (let i = 0; i < 4; i++) {
      const article = $('chamber-' + i);
      if (!article) continue;
      for (const [cls, id] of [['q-cells', 'q-cells-' + i], ['q-occupancy', 'q-occupancy-' + i], ['q-drift', 'q-drift-' + i]]) {
        const panel = el('div', 'panel');
        const chart = el('div', 'chart ' + cls, id);
        panel.append(chart);
        article.append(panel);
        MiniPlot.chart(chart, $('readout'));
      }
    }
  }

  // ---------- data ----------
  function poll() {
    fetch('/api/quality').then(r => (r.status === 200 ? r.json() : null)).then(view => {
      q.view = view;
      const ref = view && view.reference;
      const key = ref ? ref.setup + '/' + ref.run + '@' + ref.created_ms : null;
      if (key !== q.referenceKey) {
        q.referenceKey = key;
        if (!key) {
          q.reference = null;
        } else {
          return fetch('/api/quality/reference').then(r => (r.ok ? r.json() : null)).then(full => { q.reference = full; });
        }
      }
      return null;
    }).then(render).catch(err => console.error('miniDT quality view', err));
  }

  function promoteShownRun() {
    const run = q.view && q.view.run;
    if (!run) return;
    q.promoteNote = 'asking…';
    render();
    fetch('/api/quality/reference?run=' + encodeURIComponent(run), { method: 'POST' })
      .then(r => r.json().then(body => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        q.promoteNote = ok ? 'asked the quality service to make run ' + run + ' the reference; the name above changes when it has'
          : 'refused: ' + body.error;
        render();
      })
      .catch(err => { q.promoteNote = 'could not ask: ' + err; render(); });
  }

  // ---------- verdicts ----------
  function verdicts() {
    if (!q.view) return [];
    return q.pageView === 'window' ? q.view.window : q.view.run_so_far;
  }

  const find = (list, kind, chamber, check) => list.find(v => v.scope.kind === kind && (chamber === null || v.scope.chamber === chamber)
    && v.check === check) || null;

  function tile(node, label, v) {
    const quality = v ? v.quality : 'NULL';
    node.dataset.quality = quality;
    text(node.querySelector('.q-icon'), ICON[quality] || '?');
    text(node.querySelector('.q-head'), label + ' · ' + (WORDS[quality] || quality));
    text(node.querySelector('.q-reason'), v ? v.reason : 'no verdict yet');
    node.title = v ? v.reason : '';
    return { quality, reason: v ? v.reason : null };
  }

  function render() {
    const list = verdicts();
    const span = q.pageView === 'window' ? 'last window' : 'run so far';
    q.shown = { run: q.view ? q.view.run : null, span, chambers: [], cells: [], occupancy: [], drift: [], strips: {} };
    q.shown.detector = tile($('q-detector'), 'Detector (' + span + ')', find(list, 'detector', null, 'summary'));
    const chamberSummaries = [0, 1, 2, 3].map(i => find(list, 'chamber', i, 'summary'));
    chamberSummaries.forEach((v, i) => q.shown.chambers.push(tile($('q-chamber-' + i), 'Chamber ' + i, v)));
    if (window.minidtPage) {
      minidtPage.chamberVerdicts(chamberSummaries.map(v => (v ? { quality: v.quality, reason: v.reason, icon: ICON[v.quality] || '?',
        words: WORDS[v.quality] || v.quality } : null)));
    }
    const ref = q.view && q.view.reference;
    q.shown.reference = ref ? ref.run : null;
    text($('q-reference'), ref ? 'Reference: ' + ref.run + ' (setup ' + ref.setup + ', ' + ref.windows + ' windows, '
      + Math.round(ref.seconds) + ' s)' : 'Reference: none — make a good run the reference');
    const input = q.view && q.view.input;
    const stalled = input && input.quality === 'STALLED';
    $('q-input').hidden = !stalled;
    $('q-input').dataset.quality = stalled ? 'STALLED' : 'GOOD';
    text($('q-input'), stalled ? '⏸ INPUT STALLED: ' + input.reason : '');
    q.shown.stalled = Boolean(stalled);
    const promote = $('q-promote');
    promote.disabled = !q.view;
    text(promote, q.view ? 'Make run ' + q.view.run + ' the reference' : 'Make this run the reference');
    text($('q-promote-note'), q.promoteNote);
    for (let i = 0; i < 4; i++) q.shown.cells.push(drawCells(i, list));
    drawStrips();
    drawComparisons();
  }

  // The comparisons with the reference: the only part of the view that changes with each window the page shows.
  function drawComparisons() {
    const list = verdicts();
    q.shown.occupancy = [];
    q.shown.drift = [];
    for (let i = 0; i < 4; i++) {
      q.shown.occupancy.push(drawComparison(i, 'occupancy', list));
      q.shown.drift.push(drawComparison(i, 'drift_time_ns', list));
    }
  }

  // ---------- canvas ----------
  const surface = MiniPlot.surface;
  const title = MiniPlot.title;

  // The chamber's cells as in the detector (layer 1 on top, layers 2 and 4 half a cell right), coloured by verdict.
  function drawCells(i, list) {
    const node = $('q-cells-' + i);
    const cells = list.filter(v => v.check === 'cell-occupancy' && v.scope.chamber === i && v.scope.layer !== null);
    const counts = {};
    cells.forEach(v => { counts[v.quality] = (counts[v.quality] || 0) + 1; });
    const heading = 'Cells · verdict (' + (q.pageView === 'window' ? 'last window' : 'run so far') + ')';
    MiniPlot.paint(node, () => paintCells(node, i, cells, heading, counts));
    return cells.map(v => ({ label: v.scope.label, channel: v.scope.channel, quality: v.quality }));
  }

  function paintCells(node, i, cells, heading, counts) {
    const { ctx, w, h } = surface(node);
    title(ctx, heading,
      ['BAD', 'MEDIUM', 'GOOD', 'KNOWN', 'NULL'].filter(k => counts[k]).map(k => counts[k] + ' ' + WORDS[k].toLowerCase()).join(' · ')
        || 'no verdict yet');
    const top = 36, left = 26, right = 8, bottom = 16;
    const cw = (w - left - right) / 16.5, ch = Math.min((h - top - bottom) / 4, cw * 0.75);
    ctx.font = '10px ' + FONT;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = MUTED;
    for (let layer = 1; layer <= 4; layer++) ctx.fillText('L' + layer, left - 4, top + (layer - 0.5) * ch);
    const boxes = [];
    for (const v of cells) {
      const s = v.scope;
      const x = left + (s.wire - 1 + (s.layer % 2 === 0 ? 0.5 : 0)) * cw, y = top + (s.layer - 1) * ch;
      const box = { x: x + 1, y: y + 1, w: cw - 2, h: ch - 2, cell: v };
      boxes.push(box);
      ctx.fillStyle = COLOUR[v.quality] || COLOUR.NULL;
      ctx.fillRect(box.x, box.y, box.w, box.h);
      if (v.quality === 'BAD' || v.quality === 'MEDIUM') {
        ctx.strokeStyle = INK;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(box.x + 0.75, box.y + 0.75, box.w - 1.5, box.h - 1.5);
        ctx.fillStyle = '#ffffff';
        ctx.textAlign = 'center';
        ctx.fillText(v.quality === 'BAD' ? '✗' : '!', box.x + box.w / 2, box.y + box.h / 2);
      }
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillStyle = MUTED;
    for (const wire of [1, 4, 8, 12, 16]) ctx.fillText('W' + wire, left + (wire - 0.5) * cw, top + 4 * ch + 2);
    node.plotSpec = { kind: 'cells', boxes, spec: { describe: v => 'Chamber ' + i + ' · ' + v.scope.label + ' · TDC channel ' + v.scope.channel
      + '\n' + v.quality + ': ' + v.reason } };
  }

  // The page's histogram of the chamber (run or last window) with the reference scaled to its entries as a line,
  // the ratio below, and for the drift time the fitted edges. Returns what it shows; draws it through MiniPlot.paint.
  function drawComparison(i, which, list) {
    const node = $('q-' + (which === 'occupancy' ? 'occupancy' : 'drift') + '-' + i);
    const u = q.update;
    const source = u ? (q.pageView === 'window' ? u.window : u.cumulative) : null;
    const sample = source ? source.chambers[i][which] : null;
    const refChamber = q.reference ? q.reference.chambers[i] : null;
    const ref = refChamber ? refChamber[which] : null;
    const name = which === 'occupancy' ? 'Occupancy' : 'Time box';
    const fit = which === 'occupancy' ? null : find(list, 'chamber', i, 'time-box-fit');
    let sub = ref ? 'vs reference ' + q.reference.run + ' (black, scaled to the entries) · ratio below'
      : 'no reference to compare with';
    if (fit) sub = fit.quality === 'GOOD' ? fitText(fit) : 'fit: ' + fit.reason.replace(/^chamber \d+ time box: /, '');
    if (!sample) {
      MiniPlot.paint(node, () => title(surface(node).ctx, name + ' vs reference', sub));
      return null;
    }
    const n = sample.bin_counts.length;
    const edges = sample.bin_edges;
    const total = sample.bin_counts.reduce((a, b) => a + b, 0);
    const refTotal = ref ? ref.bin_counts.reduce((a, b) => a + b, 0) : 0;
    const scale = refTotal > 0 && ref.bin_counts.length === n ? total / refTotal : 0;
    const scaled = scale ? ref.bin_counts.map(c => c * scale) : null;
    // ratio: sample over scaled reference, 0..2 on the plot, with the line at 1
    const ratio = scaled ? sample.bin_counts.map((c, k) => (scaled[k] > 0 ? c / scaled[k] : null)) : null;
    const curve = fit && fit.quality === 'GOOD' ? fitCurve(fit.details, edges) : null;
    const c = { name, sub, sample, n, edges, scaled, ratio, curve, fit };
    MiniPlot.paint(node, () => paintComparison(node, which, c));
    return { entries: total, reference: q.reference ? q.reference.run : null, scaled_reference: scaled, ratio, fit: curve ? fitText(fit) : null };
  }

  // The fitted edges sampled four times a bin: [t, value] points.
  function fitCurve(d, edges) {
    const n = edges.length - 1;
    const width = (edges[n] - edges[0]) / n;
    const curve = [];
    for (let t = edges[0]; t <= edges[n]; t += width / 4) curve.push([t, edgeModel(d, t)]);
    return curve;
  }

  function paintComparison(node, which, c) {
    const { ctx, w, h } = surface(node);
    const { sample, n, edges, scaled, ratio, curve } = c;
    title(ctx, c.name + ' vs reference', c.sub);
    const area = { x0: 40, x1: w - 8, y0: 36, y1: h - 56 };
    const ratioArea = { y0: h - 46, y1: h - 16 };
    const bw = (area.x1 - area.x0) / n;
    const max = Math.max(1, ...sample.bin_counts, ...(scaled || [0]));
    const y = v => area.y1 - v / max * (area.y1 - area.y0);
    ctx.fillStyle = SAMPLE;
    sample.bin_counts.forEach((v, k) => { if (v > 0) ctx.fillRect(area.x0 + k * bw, y(v), Math.max(bw - 0.5, 0.5), area.y1 - y(v)); });
    ctx.fillStyle = MUTED;
    ctx.font = '9px ' + FONT;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(MiniPlot.number(Math.round(max)), area.x0 - 3, area.y0);
    ctx.fillText('0', area.x0 - 3, area.y1);
    if (scaled) {
      ctx.strokeStyle = REFERENCE;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      scaled.forEach((v, k) => {
        if (k === 0) ctx.moveTo(area.x0, y(v)); else ctx.lineTo(area.x0 + k * bw, y(v));
        ctx.lineTo(area.x0 + (k + 1) * bw, y(v));
      });
      ctx.stroke();
    }
    if (curve) {
      const x = t => area.x0 + (t - edges[0]) / (edges[n] - edges[0]) * (area.x1 - area.x0);
      ctx.strokeStyle = FIT;
      ctx.lineWidth = 2;
      ctx.beginPath();
      curve.forEach(([t, v], k) => { if (k === 0) ctx.moveTo(x(t), y(v)); else ctx.lineTo(x(t), y(v)); });
      ctx.stroke();
      ctx.setLineDash([3, 3]);
      for (const t of [c.fit.details.t0_ns, c.fit.details.tmax_ns]) {
        ctx.beginPath();
        ctx.moveTo(x(t), area.y0);
        ctx.lineTo(x(t), area.y1);
        ctx.stroke();
      }
      ctx.setLineDash([]);
    }
    const ry = r => ratioArea.y1 - Math.min(r, 2) / 2 * (ratioArea.y1 - ratioArea.y0);
    ctx.strokeStyle = '#d4d8de';
    ctx.strokeRect(area.x0, ratioArea.y0, area.x1 - area.x0, ratioArea.y1 - ratioArea.y0);
    ctx.strokeStyle = MUTED;
    ctx.beginPath();
    ctx.moveTo(area.x0, ry(1));
    ctx.lineTo(area.x1, ry(1));
    ctx.stroke();
    ctx.fillStyle = MUTED;
    ctx.fillText('ratio 1', area.x0 - 3, ry(1));
    if (ratio) {
      ctx.fillStyle = INK;
      ratio.forEach((r, k) => { if (r !== null) ctx.fillRect(area.x0 + (k + 0.5) * bw - 1.5, ry(r) - 1.5, 3, 3); });
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillStyle = MUTED;
    const step = Math.max(1, Math.round(n / 8));
    for (let k = 0; k < n; k += step) ctx.fillText(String(Math.round(edges[k] * 10) / 10), area.x0 + k * bw, ratioArea.y1 + 2);
    node.plotSpec = { kind: 'histogram', area, bw, spec: { categories: edges.slice(0, n).map(String), binName: which === 'occupancy' ? 'TDC_CHANNEL' : 'ns',
      binRange: k => '[' + edges[k] + ', ' + edges[k + 1] + ')', series: [
        { name: 'shown', values: sample.bin_counts },
        { name: 'reference scaled', values: (scaled || []).map(v => Math.round(v * 10) / 10) },
        { name: 'ratio', values: (ratio || []).map(r => (r === null ? 0 : Math.round(r * 100) / 100)) }] } };
  }

  function fitText(fit) {
    const d = fit.details;
    const f = (v, k) => Number(v).toFixed(k);
    return 't0 = ' + f(d.t0_ns, 1) + ' ± ' + f(d.t0_error_ns, 1) + ' ns · tmax = ' + f(d.tmax_ns, 1) + ' ± ' + f(d.tmax_error_ns, 1)
      + ' ns · v_drift = ' + f(d.v_drift_um_per_ns, 1) + ' ± ' + f(d.v_drift_error_um_per_ns, 1) + ' µm/ns';
  }

  // The fitted edges: b + A/2 (1 + erf((t - t0) / (s1 sqrt2))) before the middle of the box, the falling edge after.
  function edgeModel(d, t) {
    const mid = (d.t0_ns + d.tmax_ns) / 2;
    return t < mid ? d.background + d.plateau / 2 * (1 + erf((t - d.t0_ns) / (d.rise_sigma_ns * Math.SQRT2)))
      : d.background + d.plateau / 2 * (1 - erf((t - d.tmax_ns) / (d.fall_sigma_ns * Math.SQRT2)));
  }

  // Abramowitz and Stegun 7.1.26 (error below 1.5e-7): enough to draw a curve.
  function erf(x) {
    const s = Math.sign(x), a = Math.abs(x), t = 1 / (1 + 0.3275911 * a);
    const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return s * (1 - poly * Math.exp(-a * a));
  }

  // Quality versus time: one row per scope, one box per window, coloured by the window's summary verdict.
  const STRIP_ROWS = ['detector', 'chamber 0', 'chamber 1', 'chamber 2', 'chamber 3'];
  function drawStrips() {
    const node = $('q-strips');
    const strips = q.view ? q.view.strips : {};
    const run = q.view ? q.view.run : '–';
    STRIP_ROWS.forEach(r => { q.shown.strips[r] = (strips[r] || []).map(p => p.index + ':' + p.quality); });
    MiniPlot.paint(node, () => paintStrips(node, strips, run));
  }

  function paintStrips(node, strips, run) {
    const { ctx, w, h } = surface(node);
    const rows = STRIP_ROWS;
    const all = rows.flatMap(r => strips[r] || []);
    title(ctx, 'Quality per window · run ' + run, 'green good · orange medium · red bad · light: not enough data');
    if (!all.length) return;
    const first = Math.min(...all.map(p => p.index)), last = Math.max(...all.map(p => p.index));
    const left = 70, right = 8, top = 34, rh = Math.max(6, (h - top - 16) / rows.length);
    const span = Math.max(1, last - first + 1);
    const bw = (w - left - right) / span;
    ctx.font = '10px ' + FONT;
    rows.forEach((r, k) => {
      ctx.fillStyle = MUTED;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(r, left - 4, top + (k + 0.5) * rh);
      for (const p of strips[r] || []) {
        ctx.fillStyle = COLOUR[p.quality] || COLOUR.NULL;
        ctx.fillRect(left + (p.index - first) * bw, top + k * rh + 1, Math.max(bw - (bw > 3 ? 1 : 0), 1), rh - 2);
      }
    });
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText('window ' + first, left, top + rows.length * rh + 2);
    ctx.textAlign = 'right';
    ctx.fillText('window ' + last, w - right, top + rows.length * rh + 2);
  }

  // What tests read: what each part of the view shows.
  window.minidtQuality = { shown: () => JSON.parse(JSON.stringify(q.shown)) };

  build();
  if (window.minidtPage) {
    minidtPage.onShow((update, view) => {
      q.update = update;
      if (view === q.pageView) {
        drawComparisons();
      } else {
        q.pageView = view;
        render();
      }
    });
  }
  poll();
  setInterval(poll, POLL_MS);
})();
