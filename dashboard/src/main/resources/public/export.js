'use strict';
// Export (docs/dashboard.md, "Run history, export and permalinks"): every chart gets PNG and CSV buttons (the
// picture, and the numbers it was drawn from), and every chamber histogram a ROOT JSON button: the run's
// TH1D from /api/runs/{run}/export/, which JSROOT and ROOT open as they are.
(function () {
  const HISTOGRAM_OF_CHART = { occupancy: 'occupancy', active: 'active_channels_per_orbit', drift: 'drift_time_ns' };

  function download(name, blob) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // The numbers behind a chart, from what MiniPlot was given: one row per bin or point, one column per series.
  function csvOf(chart) {
    // A chart away from the screen keeps its newest drawing pending (plot.js): make it first.
    MiniPlot.paintNow(chart);
    const p = chart.plotSpec;
    if (!p) return null;
    const s = p.spec;
    const cell = v => (typeof v === 'string' && /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : String(v));
    const rows = [];
    if (s.edges) {
      rows.push(['bin_low', 'bin_high'].concat(s.series.map(x => x.name)));
      s.series[0].values.forEach((_, i) => rows.push([s.edges[i], s.edges[i + 1]].concat(s.series.map(x => x.values[i]))));
    } else if (s.categories) {
      rows.push(['category'].concat(s.series.map(x => x.name)));
      s.categories.forEach((c, i) => rows.push([c].concat(s.series.map(x => x.values[i]))));
    } else {
      rows.push(['x', 'y', 'series']);
      (s.series || []).forEach(x => (x.points || []).forEach(pt => rows.push([pt[0], pt[1], x.name])));
    }
    return rows.map(r => r.map(cell).join(',')).join('\n') + '\n';
  }

  // Chamber and histogram of a chart: the run panel's charts say so; the live page's by their id (occupancy-2).
  function rootExportOf(chart) {
    if (chart.dataset.histogram) {
      return { run: chart.dataset.run, chamber: chart.dataset.chamber, histogram: chart.dataset.histogram };
    }
    const m = /^(occupancy|active|drift)-([0-3])$/.exec(chart.id);
    const shown = window.minidtPage && window.minidtPage.shown();
    return m && shown ? { run: shown.run, chamber: m[2], histogram: HISTOGRAM_OF_CHART[m[1]] } : null;
  }

  function addButtons(chart) {
    if (!chart.id || chart.parentElement.querySelector('.export')) return;
    const bar = document.createElement('div');
    bar.className = 'export';
    const button = (label, title, action) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.title = title;
      b.className = 'export-' + label.toLowerCase();
      b.addEventListener('click', action);
      bar.appendChild(b);
    };
    button('PNG', 'Download this plot as a PNG image', () => {
      MiniPlot.paintNow(chart);
      const canvas = chart.querySelector('canvas');
      if (canvas) canvas.toBlob(b => download(chart.id + '.png', b), 'image/png');
    });
    button('CSV', 'Download the numbers of this plot as CSV', () => {
      const csv = csvOf(chart);
      if (csv) download(chart.id + '.csv', new Blob([csv], { type: 'text/csv' }));
    });
    if (rootExportOf(chart) || /^(occupancy|active|drift)-[0-3]$/.test(chart.id)) {
      button('JSON', 'Download the run-cumulative histogram as ROOT JSON (TH1D), for JSROOT or ROOT', () => {
        const e = rootExportOf(chart);
        if (!e || !e.run) return;
        const a = document.createElement('a');
        a.href = '/api/runs/' + encodeURIComponent(e.run) + '/export/chamber' + e.chamber + '_' + e.histogram + '.json';
        a.download = '';
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    }
    chart.parentElement.insertBefore(bar, chart);
  }

  function scan() {
    document.querySelectorAll('.chart').forEach(addButtons);
  }

  window.minidtExport = { csvOf: id => csvOf(document.getElementById(id)), rootExportOf: id => rootExportOf(document.getElementById(id)) };
  scan();
  // Charts made later (the run panel, chambers built by other scripts) get their buttons too.
  new MutationObserver(scan).observe(document.querySelector('main'), { childList: true, subtree: true });
})();
