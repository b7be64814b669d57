'use strict';
// miniDT live DQM page. Server-sent events from /events:
//   "snapshot"  {latest, trend, runs, history_ms, thresholds, cells, loading, server_ms}  first on every (re)connection
//   "window"    {window, received_ms, cumulative, window_status, cumulative_status, trend_point, trend_from_index}
//   "heartbeat" {server_ms}  every 5 s, so a silent dead connection is noticed
// Time (docs/dashboard.md, "Time"): x of every time plot is detector time since the run start, as the
// message carries it; freshness is measured on the service's clock (server_ms) against the windows'
// closable_ms and emitted_ms.
// Other scripts (e.g. quality views) can follow what the page shows through minidtPage.onShow(fn).
// Every value from a message is put on the page as text (textContent) or as chart data, never as HTML.
// Charts are drawn by plot.js (MiniPlot) on canvas.
(function () {
  const CHAMBERS = 4;
  // Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
  const OI = { black: '#000000', orange: '#E69F00', sky: '#56B4E9', green: '#009E73', yellow: '#F0E442',
    blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7', grey: '#8a8f98' };
  const CHAMBER_COLOURS = [OI.blue, OI.orange, OI.green, OI.purple];
  const STATUS = {
    OK: { icon: '✓', text: 'OK' },
    DEAD_CHANNELS: { icon: '✗', text: 'DEAD CHANNELS' },
    NOISY_CHANNELS: { icon: '⚠', text: 'NOISY CHANNELS' },
    TOO_FEW_ENTRIES: { icon: '?', text: 'TOO FEW ENTRIES' },
  };
  const SILENCE_MS = 15000;          // no event for this long: the connection is presumed dead
  const LATE_MS = 5000;              // a window that needed longer from closable to the page: the chain is behind
  const LIVE_RUN_MS = 60000;         // a run with a window emitted this recently is live
  const MAX_RETRY_MS = 30000;
  const DRAW_LOG_LIMIT = 20000;

  const $ = id => document.getElementById(id);
  // Unchanged text is left alone: writing it anyway makes the browser recompute the page's layout.
  const text = (el, value) => {
    const node = typeof el === 'string' ? $(el) : el;
    const v = String(value);
    if (node.textContent !== v) node.textContent = v;
  };
  const fmt = n => (n === null || n === undefined || Number.isNaN(n)) ? '–' : MiniPlot.number(Number(n));
  const utc = ms => new Date(ms).toISOString().substring(11, 19);
  const utcDate = ms => new Date(ms).toISOString().substring(0, 19).replace('T', ' ');

  const page = {
    view: 'cumulative', logY: false, paused: false,
    latest: null, newest: null, pendingWhilePaused: 0, historyMs: 15 * 60000, thresholds: null, cells: [],
    trend: { run: null, points: [] }, pickedRun: null, runs: new Map(),
    clockOffsetMs: 0, delayMs: null,
    lastEventMs: 0, receivedMs: 0, lostSinceMs: 0, retries: 0, events: null,
    drawLog: [], plotted: {}, onShow: [], chamberVerdicts: [null, null, null, null], frameBusy: false, drawPending: false,
  };
  // The service's clock, from the browser's and the offset the last snapshot or heartbeat showed.
  const serverNow = () => Date.now() + page.clockOffsetMs;
  const seconds = ms => (ms / 1000).toFixed(1) + ' s';

  // ---------- charts ----------
  function buildChambers() {
    const tpl = $('chamber-template');
    for (let i = 0; i < CHAMBERS; i++) {
      const node = tpl.content.firstElementChild.cloneNode(true);
      node.id = 'chamber-' + i;
      node.querySelector('.status').id = 'status-' + i;
      node.querySelector('.chamber-hits .n').id = 'chamber-' + i + '-hits';
      text(node.querySelector('.chamber-name'), 'Chamber ' + i);
      node.querySelector('.status-head').style.borderColor = CHAMBER_COLOURS[i];
      node.querySelector('.cells').id = 'cells-' + i;
      node.querySelector('.occupancy').id = 'occupancy-' + i;
      node.querySelector('.active').id = 'active-' + i;
      node.querySelector('.drift').id = 'drift-' + i;
      $('chambers').appendChild(node);
    }
    document.querySelectorAll('.chart').forEach(el => MiniPlot.chart(el, $('readout')));
  }

  const binLabel = x => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  const underOver = h => 'entries ' + fmt(h.bin_counts.reduce((a, b) => a + b, 0)) + ' · under ' + fmt(h.underflow) + ' · over ' + fmt(h.overflow);

  // shownBins: draw only the first bins (the rest are empty), the subtitle still counts them all.
  function drawHistogram(id, title, xName, yName, series, shownBins) {
    const h0 = series[0].hist;
    const n = shownBins || h0.bin_counts.length;
    const categories = h0.bin_counts.slice(0, n).map((_, i) => binLabel(h0.bin_edges[i]));
    MiniPlot.histogram($(id), {
      title, subtitle: underOver(h0), xName, yName, categories, edges: h0.bin_edges.slice(0, n + 1), logY: page.logY, binName: xName,
      binRange: i => '[' + binLabel(h0.bin_edges[i]) + ', ' + binLabel(h0.bin_edges[i + 1]) + ')',
      series: series.map(s => ({ name: s.name, colour: s.colour, values: s.hist.bin_counts.slice(0, n), ownScale: s.ownScale })),
    });
    page.plotted[id] = { categories, series: series.map(s => ({ name: s.name, data: s.hist.bin_counts.slice(0, n) })),
      underflow: h0.underflow, overflow: h0.overflow };
  }

  function drawChambers(u) {
    const source = page.view === 'cumulative' ? u.cumulative : u.window;
    const statuses = page.view === 'cumulative' ? u.cumulative_status : u.window_status;
    const counts = channelCounts(source.chambers);
    // One x range for the four multiplicity charts: comparable at a glance, and one chart layer for all four.
    const activeBins = Math.max(...source.chambers.map(c => shownBinsOf(c.active_channels_per_orbit, 16)));
    source.chambers.forEach((c, i) => {
      const first = c.first_channel;
      drawCells(i, counts);
      drawHistogram('occupancy-' + i, 'Occupancy · FPGA ' + c.fpga + ' ch ' + first + '–' + (first + 63), 'TDC_CHANNEL', 'hits', [
        { name: 'all hits', hist: c.occupancy, colour: OI.sky },
        { name: 'scint. matched (right axis)', hist: c.matched_occupancy, colour: OI.vermillion, ownScale: true }]);
      const active = c.active_channels_per_orbit;
      drawHistogram('active-' + i, 'Active channels per orbit', 'distinct channels hit in one orbit', 'orbits',
        [{ name: 'orbits', hist: active, colour: OI.orange }], activeBins);
      drawHistogram('drift-' + i, 'Drift time (matched hits)', 'ns', 'hits',
        [{ name: 'hits', hist: c.drift_time_ns, colour: OI.green }]);
      showStatus(i, statuses[i]);
    });
  }

  // The first bins up to the last one with entries (at least minBins): multiplicities sit far below 64.
  function shownBinsOf(h, minBins) {
    let last = h.bin_counts.length - 1;
    while (last > 0 && h.bin_counts[last] === 0) last--;
    return Math.min(h.bin_counts.length, Math.max(minBins, last + 2));
  }

  // Hits per (FPGA, TDC_CHANNEL) over every chamber histogram: a cell's channel may lie in the block of the
  // chamber next to it (docs/detector.md, "Channel numbering").
  function channelCounts(chambers) {
    const counts = new Map();
    chambers.forEach(c => c.occupancy.bin_counts.forEach((n, k) => counts.set(c.fpga + '/' + c.occupancy.bin_edges[k], n)));
    return counts;
  }

  function drawCells(i, counts) {
    const cells = (page.cells[i] || []).map(c => {
      const key = c.fpga + '/' + c.channel;
      return { layer: c.layer, wire: c.wire, channel: c.channel, label: c.label, count: counts.has(key) ? counts.get(key) : null };
    });
    const dead = cells.filter(c => c.count === 0).length;
    const view = page.view === 'cumulative' ? 'run' : 'last window';
    MiniPlot.cellMap($('cells-' + i), {
      title: 'Cells · hits (' + view + ')', subtitle: dead + ' cells without hits (dashed) · layer 1 on top', cells,
      describe: c => 'Chamber ' + i + ' · layer ' + c.layer + ' · cell ' + c.wire + ' (' + c.label + ')\nTDC channel ' + c.channel
        + ' · ' + (c.count === null ? 'no data: channel outside the chamber histograms' : fmt(c.count) + ' hits'),
    });
    page.plotted['cells-' + i] = { cells: cells.map(c => ({ label: c.label, channel: c.channel, count: c.count })) };
  }

  // A chamber's tile: the quality service's verdict against the reference run when there is one (data-quality), else the
  // self-check against this run's own median (data-level). A detector with always-dead cells fails the self-check for
  // ever, so where a reference verdict exists the self-check is only a neutral line of counts.
  function showStatus(i, s) {
    const tile = $('status-' + i);
    const look = STATUS[s.level] || { icon: '?', text: s.level };
    const verdict = page.chamberVerdicts[i];
    tile.dataset.level = s.level;
    tile.dataset.quality = verdict ? verdict.quality : 'none';
    text(tile.querySelector('.status-icon'), verdict ? verdict.icon : look.icon);
    text(tile.querySelector('.status-text'), verdict ? verdict.words + ' vs reference' : look.text);
    // The tile says counts only; the channels are in the tooltip and on the cell map.
    const parts = [];
    if (s.level === 'TOO_FEW_ENTRIES') {
      parts.push('median ' + s.reference_entries.toFixed(1) + ' entries/cell < ' + page.thresholds.min_median_entries + ' needed');
    } else {
      parts.push(s.dead_channels.length + ' without hits · ' + s.noisy_channels.length + ' hot');
      parts.push('median ' + s.reference_entries.toFixed(1) + ' hits/cell');
    }
    const selfCheck = (verdict ? 'self-check, this run\'s median: ' : 'no reference verdict; self-check: ') + parts.join(' · ');
    text(tile.querySelector('.status-detail'), selfCheck);
    if (s.dead_channels.length) parts.push('without hits: ' + channelList(s.dead_channels));
    if (s.noisy_channels.length) parts.push('hot: ' + channelList(s.noisy_channels));
    tile.title = 'Chamber ' + i + ' (' + (page.view === 'cumulative' ? 'run cumulative' : 'last window') + ')\n'
      + (verdict ? 'against the reference: ' + verdict.reason + '\n' : '')
      + 'self-check against this run\'s median: ' + look.text + '\n'
      + parts.join('\n') + (s.dead_channels.length > 8 ? '\nwithout hits: ' + s.dead_channels.join(',') : '')
      + (s.noisy_channels.length > 8 ? '\nhot: ' + s.noisy_channels.join(',') : '');
  }

  // The quality service's chamber summaries for the shown view, as quality.js shows them ({quality, reason, icon,
  // words}); null where there is none.
  function showChamberVerdicts(verdicts) {
    page.chamberVerdicts = verdicts;
    const u = page.latest;
    if (!u) return;
    const statuses = page.view === 'cumulative' ? u.cumulative_status : u.window_status;
    for (let i = 0; i < statuses.length; i++) showStatus(i, statuses[i]);
  }

  const channelList = chs => (chs.length > 8 ? chs.slice(0, 8).join(',') + ',… (' + chs.length + ')' : chs.join(','));

  function drawChamberHits(u) {
    const source = page.view === 'cumulative' ? u.cumulative : u.window;
    const categories = source.chambers.map(c => 'Ch ' + c.chamber);
    const data = source.chambers.map(c => c.hits);
    MiniPlot.bars($('chamber-hits'), { title: page.view === 'cumulative' ? 'Hits per chamber · run' : 'Hits per chamber · last window',
      categories, values: data, colours: CHAMBER_COLOURS, logY: page.logY, yName: 'hits' });
    page.plotted['chamber-hits'] = { categories, series: [{ name: 'hits', data }] };
  }

  // The trend of the shown run, as the service built it: x = detector time since the run start (s).
  function drawTrend() {
    const pts = page.trend.points;
    const xy = (p, v) => [p.since_run_start_ms / 1000, (p.since_run_start_ms + p.size_ms) / 1000, v];
    const series = [{ name: 'total', colour: OI.black, width: 1.8, points: pts.map(p => xy(p, p.hits_per_s)) }];
    for (let i = 0; i < CHAMBERS; i++) {
      series.push({ name: 'ch ' + i, colour: CHAMBER_COLOURS[i], width: 1.2, dash: [5, 2 * (i % 2) + 2],
        points: pts.map(p => xy(p, p.chamber_hits_per_s[i])) });
    }
    MiniPlot.trend($('trend'), { title: 'Hit rate · run ' + (page.trend.run || '–'),
      subtitle: 'last ' + Math.round(page.historyMs / 60000) + ' min of detector time; gaps = windows without hits',
      series, logY: page.logY, xName: 'detector time since run start', yName: 'hits/s' });
    page.plotted.trend = { run: page.trend.run, series: series.map(s => ({ name: s.name, data: s.points.map(p => [p[0], p[2]]) })) };
  }

  // The run whose trend is shown: the one picked, else the run of the newest window.
  const trendRun = () => page.pickedRun || (page.newest ? page.newest.window.run : null);

  function showTrendOf(run) {
    if (!run) return;
    fetch('/api/trend?run=' + encodeURIComponent(run)).then(r => (r.ok ? r.json() : { run, points: [] })).then(t => {
      if (trendRun() !== run) return;
      // Points that arrived live while the request was under way stay: merged by window index.
      const byIndex = new Map(t.points.map(p => [p.index, p]));
      if (page.trend.run === run) page.trend.points.forEach(p => byIndex.set(p.index, p));
      page.trend = { run, points: [...byIndex.values()].sort((a, b) => a.index - b.index) };
      drawTrend();
    }).catch(err => console.error('miniDT page: trend of run ' + run, err));
  }

  function showRuns() {
    const pick = $('run-pick');
    const now = serverNow();
    const wanted = [['', 'newest run (follow)']].concat([...page.runs.values()].reverse().map(r =>
      [r.run, r.run + (now - r.newest_emitted_ms < LIVE_RUN_MS ? ' · live' : '') + ' · ' + fmt(r.windows) + ' windows']));
    if (pick.options.length === wanted.length && wanted.every(([v, l], k) => pick.options[k].value === v && pick.options[k].text === l)) return;
    pick.replaceChildren(...wanted.map(([v, l]) => { const o = document.createElement('option'); o.value = v; o.text = l; return o; }));
    pick.value = page.pickedRun || '';
  }

  // ---------- numbers ----------
  function showNumbers(u) {
    const w = u.window, c = u.cumulative;
    const perS = n => Math.round(n / (w.window.size_ms / 1000));
    text('run', w.run);
    $('run').title = 'run started ' + utcDate(w.window.run_start_ms) + ' UTC';
    text('window-index', '#' + w.window.index + ' · ' + (w.window.size_ms / 1000) + ' s');
    text('window-time', 't = ' + w.window.since_run_start_ms / 1000 + '–' + (w.window.since_run_start_ms + w.window.size_ms) / 1000 + ' s');
    $('window-time').title = 'detector time since the run start (' + utcDate(w.window.run_start_ms) + ' UTC); closed by ' + w.window.closed_by;
    text('total-hits', fmt(perS(w.total_hits)));
    text('rate', fmt(w.total_hits) + ' hits in the window');
    text('run-hits', fmt(c.total_hits));
    text('run-windows', fmt(c.windows) + ' windows · run start ' + utc(c.run_start_ms) + ' UTC');
    text('scint-orbits', fmt(w.scintillator.orbits));
    text('scint-run', fmt(c.scintillator.orbits) + ' in run');
    text('bad-words', fmt(w.accounting.late_words) + ' · ' + fmt(w.accounting.malformed_words));
    text('words-read', fmt(w.accounting.words_read) + ' words read');
    w.chambers.forEach(ch => text('chamber-' + ch.chamber + '-hits', fmt(perS(ch.hits))));
    text('view-note', 'Histograms and status: ' + (page.view === 'cumulative'
      ? 'run ' + c.run + ' cumulative, windows #' + c.first_window_index + '–#' + c.last_window_index
      : 'last window #' + w.window.index));
    showDelay();
  }

  // Freshness on the service's clock: the delay of the newest window from closable to this page (LATE
  // above LATE_MS: the chain is behind, whatever the replay pace), and how long ago it was emitted.
  function showDelay() {
    if (!page.newest) return;
    const w = page.newest.window.window;
    const el = $('delay');
    text(el, seconds(page.delayMs));
    el.dataset.level = page.delayMs > LATE_MS ? 'late' : 'ok';
    el.title = 'from the moment the processor could close window #' + w.index + ' to this page';
    text('age', seconds(Math.max(0, serverNow() - w.emitted_ms)));
  }

  // ---------- drawing ----------
  // source: 'live' for a window drawn as it arrived, 'snapshot' / 'redraw' otherwise (not latency samples).
  function draw(source) {
    const u = page.latest;
    if (!u) return;
    const t0 = performance.now();
    showNumbers(u);
    drawChambers(u);
    drawChamberHits(u);
    drawTrend();
    page.onShow.forEach(fn => guard(() => fn(u, page.view)));
    const w = u.window.window;
    const scriptMs = performance.now() - t0;
    requestAnimationFrame(() => {
      const drawn = Date.now();
      page.drawLog.push({ run: u.window.run, index: w.index, source: source || 'redraw', closable_ms: w.closable_ms,
        emitted_ms: w.emitted_ms, server_received_ms: u.received_ms, received_ms: page.receivedMs, script_ms: scriptMs, drawn_ms: drawn });
      if (page.drawLog.length > DRAW_LOG_LIMIT) page.drawLog.shift();
      if (source === 'live') text('draw-latency', 'Window→page: ' + (drawn - w.emitted_ms) + ' ms');
    });
  }

  // A new window's point joins the shown trend if it is of that run; the service says which points it
  // still keeps, and the points stay in window order.
  function addTrendPoint(u) {
    const p = u.trend_point;
    if (p.run !== page.trend.run) {
      if (page.pickedRun) return;
      // Following, and a new run: start its trend with this point and fetch the points before it.
      page.trend = { run: p.run, points: [p] };
      showTrendOf(p.run);
      return;
    }
    const pts = page.trend.points.filter(q => q.index >= u.trend_from_index && q.index !== p.index);
    let i = pts.length;
    while (i > 0 && pts[i - 1].index > p.index) i--;
    pts.splice(i, 0, p);
    page.trend.points = pts;
  }

  function noteRun(u) {
    const w = u.window;
    page.runs.set(w.run, { run: w.run, windows: u.cumulative.windows, newest_emitted_ms: Math.max(w.window.emitted_ms,
      (page.runs.get(w.run) || { newest_emitted_ms: 0 }).newest_emitted_ms) });
  }

  // ---------- events ----------
  function onSnapshot(s) {
    page.thresholds = s.thresholds;
    page.historyMs = s.history_ms;
    page.cells = s.cells;
    page.clockOffsetMs = s.server_ms - Date.now();
    page.runs = new Map(s.runs.map(r => [r.run, r]));
    page.newest = s.latest;
    if (s.latest) page.delayMs = Math.max(0, s.latest.received_ms - s.latest.window.window.closable_ms);
    if (!page.pickedRun || !page.runs.has(page.pickedRun)) {
      page.pickedRun = null;
      page.trend = { run: s.latest ? s.latest.window.run : null, points: s.trend };
    } else {
      showTrendOf(page.pickedRun);
    }
    showRuns();
    if (!page.paused || !page.latest) page.latest = s.latest;
    const t = s.thresholds;
    text('thresholds', 'Status thresholds: judged when median ≥ ' + t.min_median_entries + ' entries/cell; dead < '
      + t.dead_fraction + '× median; noisy > ' + t.noisy_factor + '× median');
    if (s.loading) banner('info', 'The service is reading back this run’s history; the page fills in when it is done.');
    else if (!s.latest) banner('info', 'Connected. No window received yet: waiting for the processor’s first window.');
    else banner(null);
    if (s.latest) draw('snapshot');
    else drawTrend();
    showDelay();
  }

  // While paused the page keeps showing the window it had; newer ones wait in page.newest.
  function onWindow(u) {
    page.newest = u;
    // At least what the service itself measured on one clock (the page's estimate of the service clock is short by
    // the transit of the message it came with), plus the last hop when the page's clock says so.
    const closable = u.window.window.closable_ms;
    page.delayMs = Math.max(0, u.received_ms - closable, serverNow() - closable);
    noteRun(u);
    showRuns();
    addTrendPoint(u);
    showDelay();
    banner(null);
    if (page.paused) {
      page.pendingWhilePaused++;
      text('pause', '▶ Resume (' + page.pendingWhilePaused + ' new)');
      return;
    }
    page.latest = u;
    drawLive();
  }

  // Windows can arrive faster than the page draws them (about 20 a second at 100,000 hits/s, 50-80 ms a drawing on
  // a busy machine): one drawing per animation frame, of the newest window, so the page never falls behind the stream.
  // Every window still adds its trend point and run entry above.
  function drawLive() {
    if (page.frameBusy) {
      page.drawPending = true;
      return;
    }
    page.frameBusy = true;
    page.drawPending = false;
    draw('live');
    requestAnimationFrame(() => {
      page.frameBusy = false;
      if (page.drawPending && !page.paused) drawLive();
    });
  }

  function heard() {
    page.lastEventMs = Date.now();
  }

  function setConnection(state, label) {
    $('connection').dataset.state = state;
    text('connection-text', label);
  }

  function connect() {
    if (page.events) page.events.close();
    setConnection(page.retries ? 'reconnecting' : 'connecting', page.retries ? 'RECONNECTING (attempt ' + page.retries + ')' : 'CONNECTING');
    const es = new EventSource('/events');
    page.events = es;
    es.addEventListener('open', () => {
      page.retries = 0;
      page.lostSinceMs = 0;
      heard();
      setConnection('live', 'LIVE');
    });
    es.addEventListener('snapshot', e => { heard(); guard(() => onSnapshot(JSON.parse(e.data))); });
    es.addEventListener('window', e => { heard(); page.receivedMs = Date.now(); guard(() => onWindow(JSON.parse(e.data))); });
    es.addEventListener('heartbeat', e => { heard(); page.clockOffsetMs = JSON.parse(e.data).server_ms - Date.now(); });
    es.addEventListener('error', () => {
      if (!page.lostSinceMs) page.lostSinceMs = Date.now();
      lost();
      // The browser retries by itself while CONNECTING; once CLOSED (e.g. the server answered with an
      // error) the page retries with back-off.
      if (es.readyState === EventSource.CLOSED) retryLater();
    });
  }

  function lost() {
    setConnection('lost', 'DISCONNECTED — reconnecting');
    banner('warn', 'Connection to the dashboard service lost at ' + utc(page.lostSinceMs) + ' UTC. Showing the last data received'
      + (page.latest ? ' (window #' + page.latest.window.window.index + ')' : '') + '; reconnecting automatically.');
  }

  function retryLater() {
    page.retries++;
    const wait = Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(page.retries, 5));
    setTimeout(connect, wait);
  }

  // A connection that delivers nothing (not even heartbeats) is dead even if the browser has not noticed.
  function watchdog() {
    showDelay();
    if (page.events && page.events.readyState === EventSource.OPEN && Date.now() - page.lastEventMs > SILENCE_MS) {
      page.lostSinceMs = page.lastEventMs;
      lost();
      page.events.close();
      retryLater();
    }
  }

  // One bad message must not stop the page: log it and keep the previous picture.
  function guard(fn) {
    try {
      fn();
    } catch (err) {
      console.error('miniDT page: could not show a message', err);
    }
  }

  function banner(kind, message) {
    const b = $('banner');
    if (!kind) { b.hidden = true; document.body.dataset.stale = 'false'; return; }
    b.dataset.kind = kind;
    text(b, message);
    b.hidden = false;
    document.body.dataset.stale = kind === 'warn' ? 'true' : 'false';
  }

  // ---------- controls ----------
  function controls() {
    document.querySelectorAll('input[name=view]').forEach(r => r.addEventListener('change', () => {
      page.view = r.value;
      draw();
    }));
    $('log-y').addEventListener('change', e => { page.logY = e.target.checked; draw(); });
    $('run-pick').addEventListener('change', e => {
      page.pickedRun = e.target.value || null;
      page.trend = { run: trendRun(), points: [] };
      drawTrend();
      showTrendOf(trendRun());
    });
    $('pause').addEventListener('click', () => {
      page.paused = !page.paused;
      $('pause').setAttribute('aria-pressed', String(page.paused));
      document.body.dataset.paused = String(page.paused);
      text('pause', page.paused ? '▶ Resume' : '❚❚ Pause');
      if (!page.paused) {
        page.pendingWhilePaused = 0;
        page.latest = page.newest;
        draw();
      }
    });
  }

  // What tests and benchmarks read: the values each chart was given, and when each window was drawn.
  window.minidtPage = {
    plotted: id => JSON.parse(JSON.stringify(page.plotted[id] || null)),
    drawLog: () => page.drawLog.slice(),
    shown: () => (page.latest ? { run: page.latest.window.run, index: page.latest.window.window.index, view: page.view } : null),
    freshness: () => ({ delay_ms: page.delayMs, age_ms: page.newest ? Math.max(0, serverNow() - page.newest.window.window.emitted_ms) : null,
      late: $('delay').dataset.level === 'late' }),
    // fn(update, view) after each drawing of the page: the hook for further views (e.g. quality.js). A script loaded
    // after the first drawing (the snapshot can arrive while the browser still fetches it) is called at once.
    onShow: fn => {
      page.onShow.push(fn);
      if (page.latest) guard(() => fn(page.latest, page.view));
    },
    // The quality service's summary verdict per chamber ({quality, reason, icon, words} or null), on the chamber tiles.
    chamberVerdicts: showChamberVerdicts,
  };

  buildChambers();
  controls();
  connect();
  setInterval(watchdog, 1000);
})();
