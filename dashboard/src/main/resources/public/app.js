'use strict';
// miniDT live DQM page. Server-sent events from /events:
//   "snapshot"  {latest, trend, history_ms, thresholds, loading}  first on every (re)connection
//   "window"    {window, received_ms, cumulative, window_status, cumulative_status}  each new window
//   "heartbeat" {server_ms}  every 5 s, so a silent dead connection is noticed
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
  const MAX_RETRY_MS = 30000;
  const DRAW_LOG_LIMIT = 20000;

  const $ = id => document.getElementById(id);
  const text = (el, value) => { (typeof el === 'string' ? $(el) : el).textContent = String(value); };
  const fmt = n => (n === null || n === undefined || Number.isNaN(n)) ? '–' : Number(n).toLocaleString('en-US');
  const utc = ms => new Date(ms).toISOString().substring(11, 19);
  const utcDate = ms => new Date(ms).toISOString().substring(0, 19).replace('T', ' ');

  const page = {
    view: 'cumulative', logY: false, paused: false,
    latest: null, newest: null, pendingWhilePaused: 0, trend: [], historyMs: 15 * 60000, thresholds: null,
    lastEventMs: 0, receivedMs: 0, lostSinceMs: 0, retries: 0, events: null,
    drawLog: [], plotted: {},
  };

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
      node.querySelector('.occupancy').id = 'occupancy-' + i;
      node.querySelector('.active').id = 'active-' + i;
      node.querySelector('.drift').id = 'drift-' + i;
      $('chambers').appendChild(node);
    }
    document.querySelectorAll('.chart').forEach(el => MiniPlot.attachReadout(el, $('readout')));
    let resizing = 0;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => draw('redraw'), 100);
    });
  }

  const binLabel = x => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  const underOver = h => 'under ' + fmt(h.underflow) + ' · over ' + fmt(h.overflow) + ' · entries ' + fmt(h.bin_counts.reduce((a, b) => a + b, 0));

  function drawHistogram(id, title, xName, series) {
    const h0 = series[0].hist;
    const categories = h0.bin_counts.map((_, i) => binLabel(h0.bin_edges[i]));
    MiniPlot.histogram($(id), {
      title, subtitle: underOver(h0), xName, categories, edges: h0.bin_edges, logY: page.logY, binName: xName,
      binRange: i => '[' + binLabel(h0.bin_edges[i]) + ', ' + binLabel(h0.bin_edges[i + 1]) + ')',
      series: series.map(s => ({ name: s.name, colour: s.colour, values: s.hist.bin_counts })),
    });
    page.plotted[id] = { categories, series: series.map(s => ({ name: s.name, data: s.hist.bin_counts.slice() })),
      underflow: h0.underflow, overflow: h0.overflow };
  }

  function drawChambers(u) {
    const source = page.view === 'cumulative' ? u.cumulative : u.window;
    const statuses = page.view === 'cumulative' ? u.cumulative_status : u.window_status;
    source.chambers.forEach((c, i) => {
      const first = c.first_channel;
      drawHistogram('occupancy-' + i, 'Occupancy · FPGA ' + c.fpga + ' ch ' + first + '–' + (first + 63), 'TDC_CHANNEL', [
        { name: 'all hits', hist: c.occupancy, colour: OI.sky },
        { name: 'scint. matched', hist: c.matched_occupancy, colour: OI.blue }]);
      drawHistogram('active-' + i, 'Active channels per orbit', 'distinct channels hit in one orbit',
        [{ name: 'orbits', hist: c.active_channels_per_orbit, colour: OI.orange }]);
      drawHistogram('drift-' + i, 'Drift time (matched hits)', 'ns',
        [{ name: 'hits', hist: c.drift_time_ns, colour: OI.green }]);
      showStatus(i, statuses[i]);
    });
  }

  function showStatus(i, s) {
    const tile = $('status-' + i);
    const look = STATUS[s.level] || { icon: '?', text: s.level };
    tile.dataset.level = s.level;
    text(tile.querySelector('.status-icon'), look.icon);
    text(tile.querySelector('.status-text'), look.text);
    const parts = [];
    if (s.level === 'TOO_FEW_ENTRIES') {
      parts.push('median ' + s.reference_entries.toFixed(1) + ' entries/cell < ' + page.thresholds.min_median_entries + ' needed');
    } else {
      parts.push(s.dead_channels.length + ' dead');
      parts.push(s.noisy_channels.length + ' noisy');
      if (s.dead_channels.length) parts.push('dead: ' + channelList(s.dead_channels));
      if (s.noisy_channels.length) parts.push('noisy: ' + channelList(s.noisy_channels));
      parts.push('median ' + s.reference_entries.toFixed(1) + '/cell');
    }
    text(tile.querySelector('.status-detail'), parts.join(' · '));
    tile.title = 'Chamber ' + i + ': ' + look.text + ' (' + (page.view === 'cumulative' ? 'run cumulative' : 'last window') + ')\n'
      + parts.join('\n') + (s.dead_channels.length > 8 ? '\ndead: ' + s.dead_channels.join(',') : '')
      + (s.noisy_channels.length > 8 ? '\nnoisy: ' + s.noisy_channels.join(',') : '');
  }

  const channelList = chs => (chs.length > 8 ? chs.slice(0, 8).join(',') + ',… (' + chs.length + ')' : chs.join(','));

  function drawChamberHits(u) {
    const source = page.view === 'cumulative' ? u.cumulative : u.window;
    const categories = source.chambers.map(c => 'Ch ' + c.chamber);
    const data = source.chambers.map(c => c.hits);
    MiniPlot.bars($('chamber-hits'), { title: page.view === 'cumulative' ? 'Hits per chamber · run' : 'Hits per chamber · last window',
      categories, values: data, colours: CHAMBER_COLOURS, logY: page.logY });
    page.plotted['chamber-hits'] = { categories, series: [{ name: 'hits', data }] };
  }

  function drawTrend() {
    const rate = (p, n) => [p.wall_start_ms, p.wall_end_ms, n / (p.size_ms / 1000)];
    const series = [{ name: 'total', colour: OI.black, width: 1.8, points: page.trend.map(p => rate(p, p.total_hits)) }];
    for (let i = 0; i < CHAMBERS; i++) {
      series.push({ name: 'ch ' + i, colour: CHAMBER_COLOURS[i], width: 1.2, dash: [5, 2 * (i % 2) + 2],
        points: page.trend.map(p => rate(p, p.chamber_hits[i])) });
    }
    MiniPlot.trend($('trend'), { title: 'Hit rate (hits/s) · last ' + Math.round(page.historyMs / 60000) + ' min',
      series, logY: page.logY, timeLabel: utc });
    page.plotted.trend = { series: series.map(s => ({ name: s.name, data: s.points.map(p => [p[1], p[2]]) })) };
  }

  // ---------- numbers ----------
  function showNumbers(u) {
    const w = u.window, c = u.cumulative;
    text('run', w.run);
    text('window-index', '#' + w.window.index + ' · ' + (w.window.size_ms / 1000) + ' s');
    text('window-time', utc(w.window.wall_start_ms) + ' – ' + utc(w.window.wall_end_ms));
    $('window-time').title = utcDate(w.window.wall_start_ms) + ' UTC; closed by ' + w.window.closed_by;
    text('total-hits', fmt(w.total_hits));
    text('rate', fmt(Math.round(w.total_hits / (w.window.size_ms / 1000))) + ' hits/s');
    text('run-hits', fmt(c.total_hits));
    text('run-windows', fmt(c.windows) + ' windows since ' + utc(c.wall_start_ms));
    text('scint-orbits', fmt(w.scintillator.orbits));
    text('scint-run', fmt(c.scintillator.orbits) + ' in run');
    text('bad-words', fmt(w.accounting.late_words) + ' · ' + fmt(w.accounting.malformed_words));
    text('words-read', fmt(w.accounting.words_read) + ' words read');
    w.chambers.forEach(ch => text('chamber-' + ch.chamber + '-hits', fmt(ch.hits)));
    text('view-note', 'Histograms and status: ' + (page.view === 'cumulative'
      ? 'run ' + c.run + ' cumulative, windows #' + c.first_window_index + '–#' + c.last_window_index
      : 'last window #' + w.window.index));
    showDelay();
  }

  function showDelay() {
    if (!page.latest) return;
    const w = page.latest.window.window;
    const delay = Date.now() - w.wall_end_ms;
    const el = $('delay');
    text(el, (delay / 1000).toFixed(1) + ' s');
    // Late when more than three windows behind: the feed or the processor has stalled.
    el.dataset.level = delay > 3 * w.size_ms + 5000 ? 'late' : 'ok';
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
    const w = u.window.window;
    const scriptMs = performance.now() - t0;
    requestAnimationFrame(() => {
      const drawn = Date.now();
      page.drawLog.push({ run: u.window.run, index: w.index, source: source || 'redraw', emitted_ms: w.emitted_ms,
        server_received_ms: u.received_ms, received_ms: page.receivedMs, script_ms: scriptMs, drawn_ms: drawn });
      if (page.drawLog.length > DRAW_LOG_LIMIT) page.drawLog.shift();
      if (source === 'live') text('draw-latency', 'Window→page: ' + (drawn - w.emitted_ms) + ' ms');
    });
  }

  function addTrendPoint(w) {
    const p = { run: w.run, index: w.window.index, wall_start_ms: w.window.wall_start_ms, wall_end_ms: w.window.wall_end_ms,
      size_ms: w.window.size_ms, total_hits: w.total_hits, chamber_hits: w.chambers.map(c => c.hits) };
    let i = page.trend.length;
    while (i > 0 && page.trend[i - 1].wall_end_ms > p.wall_end_ms) i--;
    page.trend.splice(i, 0, p);
    const newest = page.trend[page.trend.length - 1].wall_end_ms;
    while (page.trend.length && page.trend[0].wall_end_ms < newest - page.historyMs) page.trend.shift();
  }

  // ---------- events ----------
  function onSnapshot(s) {
    page.thresholds = s.thresholds;
    page.historyMs = s.history_ms;
    page.trend = s.trend.slice();
    page.newest = s.latest;
    if (!page.paused || !page.latest) page.latest = s.latest;
    const t = s.thresholds;
    text('thresholds', 'Status thresholds: judged when median ≥ ' + t.min_median_entries + ' entries/cell; dead < '
      + t.dead_fraction + '× median; noisy > ' + t.noisy_factor + '× median');
    if (s.loading) banner('info', 'The service is reading back this run’s history; the page fills in when it is done.');
    else if (!s.latest) banner('info', 'Connected. No window received yet: waiting for the processor’s first window.');
    else banner(null);
    if (s.latest) draw('snapshot');
    else drawTrend();
  }

  // While paused the page keeps showing the window it had; newer ones wait in page.newest.
  function onWindow(u) {
    page.newest = u;
    addTrendPoint(u.window);
    banner(null);
    if (page.paused) {
      page.pendingWhilePaused++;
      text('pause', '▶ Resume (' + page.pendingWhilePaused + ' new)');
      return;
    }
    page.latest = u;
    draw('live');
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
    es.addEventListener('heartbeat', heard);
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
  };

  buildChambers();
  controls();
  connect();
  setInterval(watchdog, 1000);
})();
