'use strict';
// Small canvas plots for the DQM page: binned histograms (with overlays), step-line trends and labelled
// bars. Text goes through fillText only: nothing is parsed as HTML.
//
// Every chart is drawn through paint(el, fn): a chart on screen (or within a quarter screen of it) is drawn at once,
// one further away only remembers its newest drawing and makes it when it scrolls near. A new window then costs the
// charts the operator can see, not all thirty (docs/dashboard.md, "Drawing: what is in view"). Sizes come from a ResizeObserver, so
// drawing never forces the browser to lay the page out again after the text of the numbers changed.
window.MiniPlot = (function () {
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  const INK = '#1d2733', MUTED = '#4b5563', GRID = '#e5e7eb', AXIS = '#6b7280';
  const M = { left: 46, right: 10, top: 40, bottom: 30 };
  // Numbers as the page writes them (12,345.678): one formatter for the page. toLocaleString makes a new one on every
  // call, which was a tenth of the drawing time of a window (axis labels, counts).
  const NUMBER = new Intl.NumberFormat('en-US');
  const number = v => NUMBER.format(v);

  // Per chart element: near the screen or not (unknown until the observer first reports, within a frame: nothing is drawn
  // before), its size, its newest drawing and whether that is still to be made.
  const charts = new WeakMap();
  const near = new IntersectionObserver(entries => entries.forEach(e => {
    const c = charts.get(e.target);
    c.near = e.isIntersecting;
    if (c.near) paintNow(e.target);
  }), { rootMargin: '25% 0px' });
  const sized = new ResizeObserver(entries => entries.forEach(e => {
    const c = charts.get(e.target);
    const w = e.target.clientWidth, h = e.target.clientHeight;
    if (c.w === w && c.h === h) return;
    c.w = w;
    c.h = h;
    c.dirty = c.draw !== null;
    if (c.near) paintNow(e.target);
  }));

  // Starts following el: whether it is near the screen, and its size.
  function track(el) {
    let c = charts.get(el);
    if (!c) {
      c = { near: null, w: el.clientWidth, h: el.clientHeight, draw: null, dirty: false };
      charts.set(el, c);
      near.observe(el);
      sized.observe(el);
    }
    return c;
  }

  // Declares a chart when the page is built, so the observers have said which charts are in view before the first
  // window comes: that window then draws those only, not all thirty. Until its first drawing a chart in view says that
  // it waits for data; making that canvas also takes the browser's first-canvas costs (backing store, fonts) out of the
  // first window. With readout, its hover read-out too.
  function chart(el, readout) {
    const c = track(el);
    if (c.draw === null) {
      c.draw = () => waiting(el);
      c.dirty = true;
    }
    if (readout) attachReadout(el, readout);
  }

  // The first text of a font on a canvas costs its glyphs; the page writes every character it uses once, in each of its
  // fonts, on a canvas of its own while it waits for data, so that the first window does not pay for them.
  function warmFonts() {
    const ctx = document.createElement('canvas').getContext('2d');
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '·–—→×≥<>…✓✗';
    for (const font of ['600 12px ', '11px ', '10px ', '9px ']) {
      ctx.font = font + FONT;
      ctx.fillText(chars, 0, 10);
    }
  }
  requestIdleCallback(warmFonts, { timeout: 1000 });

  function waiting(el) {
    title(surface(el).ctx, 'Waiting for the first window', 'no data yet');
  }

  // Draws fn on el now if it is near the screen, else when it comes near; only the newest fn of an element is kept.
  function paint(el, fn) {
    const c = track(el);
    c.draw = fn;
    c.dirty = true;
    if (c.near) paintNow(el);
  }

  // Makes el's pending drawing now, wherever it is (hover read-outs and exports need the current picture).
  function paintNow(el) {
    const c = charts.get(el);
    if (!c || !c.dirty) return;
    c.dirty = false;
    // One chart that cannot be drawn must not stop the page's other charts and numbers.
    try {
      c.draw();
    } catch (err) {
      console.error('miniDT page: could not draw ' + (el.id || 'a chart'), err);
    }
  }

  // A canvas filling the element, sharp on high-density screens.
  function surface(el) {
    let canvas = el.querySelector('canvas');
    if (!canvas) {
      canvas = document.createElement('canvas');
      el.appendChild(canvas);
    }
    const dpr = window.devicePixelRatio || 1;
    const c = charts.get(el);
    const w = c ? c.w : el.clientWidth, h = c ? c.h : el.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = w + 'px';
      canvas.style.height = h + 'px';
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    return { ctx, w, h, area: { x0: M.left, x1: w - M.right, y0: M.top, y1: h - M.bottom } };
  }

  // A chart's title and subtitle at its top left, the same on every chart of the page (quality.js draws with it too).
  function title(ctx, text, subtitle) {
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillStyle = INK;
    ctx.font = '600 12px ' + FONT;
    ctx.fillText(text, 6, 4);
    if (subtitle) subtitleText(ctx, subtitle);
  }

  function subtitleText(ctx, subtitle) {
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillStyle = MUTED;
    ctx.font = '10px ' + FONT;
    ctx.fillText(subtitle, 6, 19);
  }

  // The parts of a chart that stay the same from one window to the next (title, legend, axis names, bin labels) are
  // drawn once into an off-screen layer and then copied: text is most of a chart's cost on a software-drawn canvas
  // (about 1.7 ms a histogram in headless Chromium, 30 texts each). kind and key name everything the layer shows, so
  // charts that look alike (the four chambers' drift times, their cell maps) share one layer. A layer not made yet is
  // made when the page is idle, not while a window is being drawn: a new canvas cost about 10 ms in headless Chromium
  // (the page's first window made 16 of them: 96 ms of its 140); meanwhile the chart draws those parts itself.
  // The newest LAYERS_KEPT layers are kept (a few MB).
  const LAYERS_KEPT = 48;
  const layers = new Map();
  const layersToMake = new Map();
  function staticLayer(s, kind, key, draw) {
    const dpr = window.devicePixelRatio || 1;
    const fullKey = kind + '|' + s.w + 'x' + s.h + '@' + dpr + '|' + key;
    const layer = layers.get(fullKey);
    if (!layer) {
      draw(s);
      // A chart without a size yet (hidden, not laid out) has nothing to copy a layer to.
      if (s.w && s.h && !layersToMake.has(fullKey)) {
        layersToMake.set(fullKey, { w: s.w, h: s.h, dpr, area: { ...s.area }, draw });
        if (layersToMake.size === 1) requestIdleCallback(makeLayers, { timeout: 1000 });
      }
      return;
    }
    layers.delete(fullKey);
    layers.set(fullKey, layer);
    s.ctx.drawImage(layer, 0, 0, s.w, s.h);
  }

  function makeLayers(deadline) {
    for (const [fullKey, l] of layersToMake) {
      if (deadline.timeRemaining() <= 0 && !deadline.didTimeout) break;
      const layer = document.createElement('canvas');
      layer.width = Math.round(l.w * l.dpr);
      layer.height = Math.round(l.h * l.dpr);
      const ctx = layer.getContext('2d');
      ctx.setTransform(l.dpr, 0, 0, l.dpr, 0, 0);
      l.draw({ ctx, w: l.w, h: l.h, area: l.area });
      layersToMake.delete(fullKey);
      if (layers.size >= LAYERS_KEPT) layers.delete(layers.keys().next().value);
      layers.set(fullKey, layer);
    }
    if (layersToMake.size) requestIdleCallback(makeLayers, { timeout: 1000 });
  }

  function header(s, text, subtitle, legend) {
    const { ctx, w } = s;
    title(ctx, text, subtitle);
    if (legend && legend.length) {
      ctx.font = '10px ' + FONT;
      let x = w - 6;
      for (let i = legend.length - 1; i >= 0; i--) {
        const item = legend[i];
        const tw = ctx.measureText(item.name).width;
        x -= tw;
        ctx.fillStyle = INK;
        ctx.fillText(item.name, x, 19);
        x -= 16;
        ctx.fillStyle = item.colour;
        if (item.line) {
          ctx.fillRect(x, 24, 12, item.width || 1.5);
        } else {
          ctx.fillRect(x, 20, 12, 8);
        }
        x -= 10;
      }
    }
  }

  function niceStep(span, n) {
    const raw = span / n;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  // y scale over [0, max] (linear, integer-friendly) or decades (log); returns the mapping and ticks.
  function yScale(max, log, area) {
    if (log) {
      const top = Math.max(1, Math.pow(10, Math.ceil(Math.log10(Math.max(max, 1)))));
      const bottom = 0.5;
      const span = Math.log10(top) - Math.log10(bottom);
      const y = v => area.y1 - (Math.log10(Math.max(v, bottom)) - Math.log10(bottom)) / span * (area.y1 - area.y0);
      const ticks = [];
      for (let t = 1; t <= top; t *= 10) ticks.push(t);
      return { y, ticks, base: area.y1 };
    }
    const step = max <= 5 ? 1 : niceStep(max, 5);
    const top = Math.max(step, Math.ceil(max / step) * step);
    const y = v => area.y1 - v / top * (area.y1 - area.y0);
    const ticks = [];
    for (let t = 0; t <= top + step / 2; t += step) ticks.push(t);
    return { y, ticks, base: area.y1 };
  }

  const tickLabel = v => (v >= 10000 ? number(v / 1000) + 'k' : number(v));

  function yAxis(s, scale) {
    const { ctx, area } = s;
    ctx.font = '10px ' + FONT;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 1;
    for (const t of scale.ticks) {
      const y = Math.round(scale.y(t)) + 0.5;
      ctx.strokeStyle = GRID;
      ctx.beginPath();
      ctx.moveTo(area.x0, y);
      ctx.lineTo(area.x1, y);
      ctx.stroke();
      ctx.fillStyle = MUTED;
      ctx.fillText(tickLabel(t), area.x0 - 4, y);
    }
  }

  function xBase(s) {
    const { ctx, area } = s;
    ctx.strokeStyle = AXIS;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(area.x0, area.y1 + 0.5);
    ctx.lineTo(area.x1, area.y1 + 0.5);
    ctx.stroke();
  }

  function xName(s, name) {
    if (!name) return;
    const { ctx, area } = s;
    ctx.font = '10px ' + FONT;
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(name, (area.x0 + area.x1) / 2, s.h - 1);
  }

  // The y quantity, written upwards along the left edge.
  function yName(s, name) {
    if (!name) return;
    const { ctx, area } = s;
    ctx.save();
    ctx.font = '10px ' + FONT;
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.translate(2, (area.y0 + area.y1) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(name, 0, 0);
    ctx.restore();
  }

  const maxOf = series => series.reduce((m, sr) => sr.values.reduce((a, v) => Math.max(a, v), m), 0);

  // Histogram: equal-width bins as filled bars. A series with ownScale is an overlay drawn as a step line on
  // its own y scale (ticks on the right, in its colour), so a small subset stays readable beside the whole.
  function histogram(el, spec) {
    paint(el, () => drawHistogram(el, spec));
  }

  function drawHistogram(el, spec) {
    const s = surface(el);
    const { ctx, area } = s;
    const overlays = spec.series.filter(sr => sr.ownScale);
    if (overlays.length) area.x1 -= 30;
    const n = spec.categories.length;
    const bw = (area.x1 - area.x0) / n;
    const legend = spec.series.length > 1 ? spec.series.map(sr => ({ name: sr.name, colour: sr.colour, line: sr.ownScale, width: 2 })) : null;
    const filled = spec.series.filter(sr => !sr.ownScale);
    const scale = yScale(maxOf(filled), spec.logY, area);
    const own = overlays.map(sr => yScale(Math.max(1, maxOf([sr])), spec.logY, area));
    // The y axes change only when the counts pass a round step, so they are part of the layer too: a window then writes
    // one text per histogram (its subtitle) instead of a dozen.
    staticLayer(s, 'histogram', [spec.title, spec.xName, spec.yName, overlays.length, (legend || []).map(l => l.name + l.colour).join(),
      spec.categories.join(), spec.logY, scale.ticks.join(), own.map(o => o.ticks.join()).join(';')].join('|'), t => {
      header(t, spec.title, null, legend);
      yName(t, spec.yName);
      binLabels(t, spec, bw);
      xName(t, spec.xName);
      yAxis(t, scale);
      overlays.forEach((sr, k) => {
        t.ctx.font = '10px ' + FONT;
        t.ctx.fillStyle = sr.colour;
        t.ctx.textAlign = 'left';
        t.ctx.textBaseline = 'middle';
        for (const tick of own[k].ticks) t.ctx.fillText(tickLabel(tick), t.area.x1 + 4, own[k].y(tick));
      });
    });
    subtitleText(ctx, spec.subtitle);
    for (const sr of filled) {
      ctx.fillStyle = sr.colour;
      for (let i = 0; i < n; i++) {
        const v = sr.values[i];
        if (!(v > 0)) continue;
        const top = scale.y(v);
        ctx.fillRect(area.x0 + i * bw, top, Math.max(bw - (bw > 4 ? 0.5 : 0), 0.5), scale.base - top);
      }
    }
    overlays.forEach((sr, k) => {
      ctx.strokeStyle = sr.colour;
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const y = own[k].y(sr.values[i]);
        if (i === 0) ctx.moveTo(area.x0, y); else ctx.lineTo(area.x0 + i * bw, y);
        ctx.lineTo(area.x0 + (i + 1) * bw, y);
      }
      ctx.stroke();
    });
    xBase(s);
    if (maxOf(spec.series) === 0) {
      ctx.font = '11px ' + FONT;
      ctx.fillStyle = MUTED;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('no entries', (area.x0 + area.x1) / 2, (area.y0 + area.y1) / 2);
    }
    el.plotSpec = { kind: 'histogram', spec, area, bw };
  }

  // Tick marks and labels under the bins whose lower edge is round.
  function binLabels(s, spec, bw) {
    const { ctx, area } = s;
    ctx.font = '9px ' + FONT;
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.strokeStyle = AXIS;
    ctx.lineWidth = 1;
    for (const i of labelledBins(spec.edges)) {
      const x = Math.round(area.x0 + i * bw) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, area.y1);
      ctx.lineTo(x, area.y1 + 3);
      ctx.stroke();
      ctx.fillText(spec.categories[i], x, area.y1 + 4);
    }
  }

  // Bins whose lower edge is a multiple of a round step (1, 2 or 5 x 10^k) giving at most 12 labels.
  function labelledBins(edges) {
    const n = edges.length - 1;
    const span = edges[n] - edges[0];
    let step = niceStep(span, 12);
    if (step < (edges[1] - edges[0])) step = edges[1] - edges[0];
    const out = [];
    for (let i = 0; i < n; i++) {
      const r = edges[i] / step;
      if (Math.abs(r - Math.round(r)) < 1e-6) out.push(i);
    }
    return out.length >= 2 ? out : [0, n - 1];
  }

  // Bars with a value label on each: a handful of categories.
  function bars(el, spec) {
    paint(el, () => drawBars(el, spec));
  }

  function drawBars(el, spec) {
    const s = surface(el);
    const { ctx, area } = s;
    const n = spec.categories.length;
    const slot = (area.x1 - area.x0) / n;
    staticLayer(s, 'bars', [spec.title, spec.yName, spec.categories.join()].join('|'), t => {
      header(t, spec.title);
      yName(t, spec.yName);
      t.ctx.font = '10px ' + FONT;
      t.ctx.textAlign = 'center';
      t.ctx.textBaseline = 'top';
      t.ctx.fillStyle = MUTED;
      spec.categories.forEach((c, i) => t.ctx.fillText(c, area.x0 + (i + 0.5) * slot, area.y1 + 4));
    });
    const scale = yScale(spec.values.reduce((a, v) => Math.max(a, v), 0) * 1.1, spec.logY, area);
    yAxis(s, scale);
    ctx.font = '10px ' + FONT;
    ctx.textAlign = 'center';
    for (let i = 0; i < n; i++) {
      const cx = area.x0 + (i + 0.5) * slot;
      const v = spec.values[i];
      const top = v > 0 ? scale.y(v) : scale.base;
      ctx.fillStyle = spec.colours[i];
      ctx.fillRect(cx - slot * 0.28, top, slot * 0.56, scale.base - top);
      ctx.fillStyle = INK;
      ctx.textBaseline = 'bottom';
      ctx.fillText(number(Math.round(v)), cx, top - 2);
    }
    xBase(s);
    el.plotSpec = { kind: 'bars', spec, area, bw: slot };
  }

  const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  const runTime = sec => (sec < 60 ? sec + ' s' : Math.floor(sec / 60) + ':' + String(Math.round(sec % 60)).padStart(2, '0'));

  // Step lines over detector time since the run start: each point is [start_s, end_s, value], drawn flat
  // over its window, in the order given (the server's window order). A point that does not start where the
  // previous one ended (windows without hits, a silence) breaks the line instead of bridging it.
  function trend(el, spec) {
    paint(el, () => drawTrend(el, spec));
  }

  function drawTrend(el, spec) {
    const s = surface(el);
    const { ctx, area } = s;
    const legend = spec.series.map(sr => ({ name: sr.name, colour: sr.colour, line: true, width: sr.width }));
    staticLayer(s, 'trend', [spec.title, spec.subtitle, spec.xName, spec.yName, legend.map(l => l.name + l.colour + l.width).join()].join('|'), t => {
      header(t, spec.title, spec.subtitle, legend);
      yName(t, spec.yName);
      xName(t, spec.xName);
    });
    const all = spec.series.flatMap(sr => sr.points);
    const t0 = all.length ? Math.min(...all.map(p => p[0])) : 0;
    const t1 = all.length ? Math.max(...all.map(p => p[1])) : 60;
    const span = Math.max(t1 - t0, 10);
    const x = t => area.x0 + (t - t0) / span * (area.x1 - area.x0);
    const scale = yScale(Math.max(1, ...all.map(p => p[2])) * 1.05, spec.logY, area);
    yAxis(s, scale);
    xBase(s);
    const step = TIME_STEPS.find(st => span / st <= 8) || 3600;
    ctx.font = '10px ' + FONT;
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let t = Math.ceil(t0 / step) * step; t <= t0 + span; t += step) {
      ctx.fillText(runTime(t), x(t), area.y1 + 4);
    }
    for (const sr of spec.series) {
      ctx.strokeStyle = sr.colour;
      ctx.lineWidth = sr.width || 1;
      ctx.setLineDash(sr.dash || []);
      ctx.beginPath();
      sr.points.forEach((p, i) => {
        const y = scale.y(p[2]);
        if (i === 0 || p[0] !== sr.points[i - 1][1]) ctx.moveTo(x(p[0]), y);
        else ctx.lineTo(x(p[0]), y);
        ctx.lineTo(x(p[1]), y);
      });
      ctx.stroke();
    }
    ctx.setLineDash([]);
    el.plotSpec = { kind: 'trend', spec, area };
  }

  // A chamber's cells as in the detector: layer 1 on top, 16 cells per layer, layers 2 and 4 shifted right
  // by half a cell. Colour = count on a sequential scale from the chamber's largest count; a cell with no
  // hits is left white with a dashed outline (dead), a cell no histogram covers is hatched (no data).
  const SEQ = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
  function shade(f) {
    const x = Math.min(Math.max(f, 0), 1) * (SEQ.length - 1);
    const i = Math.min(Math.floor(x), SEQ.length - 2);
    const a = SEQ[i], b = SEQ[i + 1], t = x - i;
    const c = k => Math.round(parseInt(a.substr(k, 2), 16) * (1 - t) + parseInt(b.substr(k, 2), 16) * t);
    return 'rgb(' + c(1) + ',' + c(3) + ',' + c(5) + ')';
  }
  // The scale in 256 steps, worked out once: 256 cells a window would otherwise each build a colour string.
  const SHADES = Array.from({ length: 256 }, (_, i) => shade(i / 255));

  function cellMap(el, spec) {
    paint(el, () => drawCellMap(el, spec));
  }

  function drawCellMap(el, spec) {
    const s = surface(el);
    const { ctx, w, h } = s;
    const top = 36, left = 26, right = 8, bottom = 16;
    const cw = (w - left - right) / 16.5, ch = Math.min((h - top - bottom) / 4, cw * 0.75);
    staticLayer(s, 'cells', spec.title, t => {
      header(t, spec.title);
      const c = t.ctx;
      c.font = '10px ' + FONT;
      c.fillStyle = MUTED;
      c.textBaseline = 'middle';
      c.textAlign = 'right';
      for (let layer = 1; layer <= 4; layer++) c.fillText('L' + layer, left - 4, top + (layer - 0.5) * ch);
      c.textAlign = 'center';
      c.textBaseline = 'top';
      for (const wire of [1, 4, 8, 12, 16]) c.fillText('W' + wire, left + (wire - 0.5) * cw, top + 4 * ch + 2);
    });
    subtitleText(ctx, spec.subtitle);
    const max = Math.max(1, ...spec.cells.map(c => c.count || 0));
    const boxes = [];
    for (const c of spec.cells) {
      const x = left + (c.wire - 1 + (c.layer % 2 === 0 ? 0.5 : 0)) * cw, y = top + (c.layer - 1) * ch;
      boxes.push({ x: x + 1, y: y + 1, w: cw - 2, h: ch - 2, cell: c });
    }
    // Cells of one look are filled or outlined together: one path each, not a change of style per cell.
    const noData = boxes.filter(b => b.cell.count === null);
    const dead = boxes.filter(b => b.cell.count === 0);
    for (const b of boxes) {
      if (!(b.cell.count > 0)) continue;
      ctx.fillStyle = SHADES[Math.round((0.15 + 0.85 * b.cell.count / max) * 255)];
      ctx.fillRect(b.x, b.y, b.w, b.h);
    }
    if (noData.length) {
      ctx.fillStyle = '#e5e7eb';
      noData.forEach(b => ctx.fillRect(b.x, b.y, b.w, b.h));
      ctx.strokeStyle = '#9ca3af';
      ctx.beginPath();
      for (const b of noData) {
        for (let k = -b.h; k < b.w; k += 5) {
          ctx.moveTo(b.x + Math.max(k, 0), b.y + Math.max(-k, 0));
          ctx.lineTo(b.x + Math.min(k + b.h, b.w), b.y + Math.min(b.h, b.w - k));
        }
      }
      ctx.stroke();
    }
    if (dead.length) {
      ctx.fillStyle = '#ffffff';
      dead.forEach(b => ctx.fillRect(b.x, b.y, b.w, b.h));
      ctx.setLineDash([3, 2]);
      ctx.strokeStyle = '#D55E00';
      ctx.beginPath();
      dead.forEach(b => ctx.rect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    el.plotSpec = { kind: 'cells', spec, boxes };
  }

  // Hover read-out for histograms and bars: the bin and each series' value, as text.
  function attachReadout(el, readout) {
    el.addEventListener('mousemove', e => {
      paintNow(el);
      const p = el.plotSpec;
      if (!p || p.kind === 'trend') return;
      const r = el.getBoundingClientRect();
      const mx = e.clientX - r.left, my = e.clientY - r.top;
      if (p.kind === 'cells') {
        const b = p.boxes.find(q => mx >= q.x && mx < q.x + q.w && my >= q.y && my < q.y + q.h);
        if (!b) { readout.hidden = true; return; }
        readout.textContent = p.spec.describe(b.cell);
        readout.style.left = Math.min(e.clientX + 14, window.innerWidth - 220) + 'px';
        readout.style.top = Math.max(e.clientY - 10, 0) + 'px';
        readout.hidden = false;
        return;
      }
      const i = Math.floor((mx - p.area.x0) / p.bw);
      const n = p.spec.categories.length;
      if (i < 0 || i >= n || my < p.area.y0 || my > p.area.y1) {
        readout.hidden = true;
        return;
      }
      const lines = p.kind === 'bars'
        ? [p.spec.categories[i] + ': ' + number(p.spec.values[i])]
        : [(p.spec.binName || 'bin') + ' ' + p.spec.binRange(i)].concat(p.spec.series.map(sr => sr.name + ': ' + number(sr.values[i])));
      readout.textContent = lines.join('\n');
      readout.style.left = Math.min(e.clientX + 14, window.innerWidth - 170) + 'px';
      readout.style.top = Math.max(e.clientY - 10, 0) + 'px';
      readout.hidden = false;
    });
    el.addEventListener('mouseleave', () => { readout.hidden = true; });
  }

  return { histogram, bars, trend, cellMap, chart, title, paint, paintNow, surface, number };
})();
