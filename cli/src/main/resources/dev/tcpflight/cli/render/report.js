// The report's timeline, drawn from the JSON in #report-data: an overview of every connection (how many were in each
// state over time), the connections of the sample in the time range shown, filters, zoom and pan, and a click on a
// connection for its transitions with their stack traces. For automated checks it marks the page: on the body
// data-rendered-rows (rows drawn), data-matching (rows that match the filters in the range), data-view-from and
// data-view-to (the range, in microseconds from the start); on #details data-connection (the one shown).
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var LABEL = 380, PLOT = 850, ROW = 20, AXIS = 24, MAX_DRAWN = 500, OVERVIEW_HEIGHT = 80;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var view = { from: 0, to: Math.max(1, data.total) };
  var tooltip = document.getElementById('tooltip');
  var body = document.body;

  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function human(micros) {
    var abs = Math.abs(micros);
    if (abs >= 60e6) { return (micros / 60e6).toFixed(2) + ' min'; }
    if (abs >= 1e6) { return (micros / 1e6).toFixed(3) + ' s'; }
    if (abs >= 1e3) { return (micros / 1e3).toFixed(3) + ' ms'; }
    return micros.toFixed(0) + ' µs';
  }

  // Filters: the state and anomaly lists hold what the recording has.
  var stateFilter = document.getElementById('filter-state');
  data.states.forEach(function (state) { stateFilter.add(new Option(state, state)); });
  var anomalyFilter = document.getElementById('filter-anomaly');
  var kinds = {};
  data.rows.forEach(function (row) { row.anomalies.forEach(function (kind) { kinds[kind] = true; }); });
  Object.keys(kinds).sort().forEach(function (kind) { anomalyFilter.add(new Option(kind, kind)); });

  function matches(row) {
    var state = stateFilter.value, port = document.getElementById('filter-port').value;
    var host = document.getElementById('filter-host').value.trim(), role = document.getElementById('filter-role').value;
    var anomaly = anomalyFilter.value;
    if (state && !row.spans.some(function (span) { return span[0] === state; })) { return false; }
    if (port && row.ports.indexOf(Number(port)) < 0) { return false; }
    if (host && (row.local + ' ' + row.remote).indexOf(host) < 0) { return false; }
    if (role && row.role !== role) { return false; }
    if (anomaly === '*' && row.anomalies.length === 0) { return false; }
    if (anomaly && anomaly !== '*' && row.anomalies.indexOf(anomaly) < 0) { return false; }
    return true;
  }

  function inView(row) {
    var first = row.spans.length ? row.spans[0][1] : 0, last = row.spans.length ? row.spans[row.spans.length - 1][2] : 0;
    return last >= view.from && first <= view.to;
  }

  // The overview: per state, how many connections were in it in each slice; the range shown is shaded.
  var overview = document.getElementById('overview');
  function drawOverview() {
    while (overview.firstChild) { overview.removeChild(overview.firstChild); }
    var width = (LABEL + PLOT) / data.buckets;
    var totals = new Array(data.buckets).fill(0);
    data.states.forEach(function (state) { data.overview[state].forEach(function (n, i) { totals[i] += n; }); });
    var highest = Math.max.apply(null, totals.concat([1]));
    var stacked = new Array(data.buckets).fill(0);
    data.states.forEach(function (state) {
      data.overview[state].forEach(function (n, i) {
        if (n === 0) { return; }
        var h = OVERVIEW_HEIGHT * n / highest;
        el('rect', { x: (i * width).toFixed(1), y: (OVERVIEW_HEIGHT - stacked[i] - h).toFixed(1),
          width: Math.max(width, 1).toFixed(1), height: h.toFixed(1), fill: data.colors[state],
          'class': 'bucket', 'data-state': state }, overview);
        stacked[i] += h;
      });
    });
    var x1 = (LABEL + PLOT) * view.from / data.total, x2 = (LABEL + PLOT) * view.to / data.total;
    el('rect', { 'class': 'window', x: x1.toFixed(1), y: 0, width: Math.max(2, x2 - x1).toFixed(1),
      height: OVERVIEW_HEIGHT }, overview);
    el('text', { 'class': 'tick', x: 2, y: OVERVIEW_HEIGHT + 16 }, overview).textContent = '+0';
    el('text', { 'class': 'tick end', x: LABEL + PLOT - 2, y: OVERVIEW_HEIGHT + 16 }, overview).textContent =
        '+' + human(data.total);
    el('text', { 'class': 'tick', x: 2, y: 12 }, overview).textContent = highest + ' connections';
  }

  // Drag across the overview to zoom into that range.
  var dragFrom = null;
  function overviewMicros(event) {
    var box = overview.getBoundingClientRect();
    return Math.max(0, Math.min(data.total, (event.clientX - box.left) / box.width * data.total));
  }
  overview.addEventListener('mousedown', function (event) { dragFrom = overviewMicros(event); event.preventDefault(); });
  window.addEventListener('mouseup', function (event) {
    if (dragFrom === null) { return; }
    var to = overviewMicros(event), from = dragFrom;
    dragFrom = null;
    if (Math.abs(to - from) > data.total / 1000) {
      setView(Math.min(from, to), Math.max(from, to));
    } else {
      var half = (view.to - view.from) / 2;
      setView(to - half, to + half);
    }
  });

  function setView(from, to) {
    var span = Math.max(1, Math.min(data.total, to - from));
    from = Math.max(0, Math.min(data.total - span, from));
    view = { from: from, to: from + span };
    draw();
  }
  function zoom(factor) {
    var middle = (view.from + view.to) / 2, half = (view.to - view.from) * factor / 2;
    setView(middle - half, middle + half);
  }
  function pan(fraction) {
    var shift = (view.to - view.from) * fraction;
    setView(view.from + shift, view.to + shift);
  }
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(0.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(2); });
  document.getElementById('pan-left').addEventListener('click', function () { pan(-0.5); });
  document.getElementById('pan-right').addEventListener('click', function () { pan(0.5); });
  document.getElementById('zoom-reset').addEventListener('click', function () { setView(0, data.total); });
  document.getElementById('filters').addEventListener('input', function () { draw(); });
  document.getElementById('filters').addEventListener('change', function () { draw(); });

  // The rows of the range shown: one bar per state, clipped to the range.
  var rowsBox = document.getElementById('rows');
  function x(micros) { return LABEL + PLOT * (micros - view.from) / (view.to - view.from); }
  function drawRows(rows) {
    while (rowsBox.firstChild) { rowsBox.removeChild(rowsBox.firstChild); }
    var shown = rows.slice(0, MAX_DRAWN);
    var height = AXIS + shown.length * ROW + 4;
    var svg = el('svg', { 'class': 'gantt', width: LABEL + PLOT + 10, height: height,
      viewBox: '0 0 ' + (LABEL + PLOT + 10) + ' ' + height }, rowsBox);
    for (var t = 0; t <= 5; t++) {
      var at = view.from + (view.to - view.from) * t / 5, tx = x(at);
      el('line', { 'class': 'grid', x1: tx, y1: AXIS - 4, x2: tx, y2: height }, svg);
      el('text', { 'class': t === 5 ? 'tick end' : 'tick', x: tx, y: 14 }, svg).textContent = '+' + human(at);
    }
    shown.forEach(function (row, i) {
      var y = AXIS + i * ROW;
      var g = el('g', { 'class': 'row', 'data-connection': row.id,
        'data-states': row.spans.map(function (s) { return s[0]; }).join(' ') }, svg);
      el('text', { 'class': 'label', x: 4, y: y + 14 }, g).textContent = row.label;
      row.spans.forEach(function (span, s) {
        if (span[2] < view.from || span[1] > view.to) { return; }
        var x1 = Math.max(LABEL, x(span[1])), x2 = Math.min(LABEL + PLOT, x(span[2]));
        var open = row.open && s === row.spans.length - 1;
        el('rect', { 'class': 'span' + (open ? ' open' : ''), x: x1.toFixed(1), y: y + 3,
          width: Math.max(1, x2 - x1).toFixed(1), height: ROW - 6, fill: data.colors[span[0]] || '#777777',
          'data-details': row.label + '\n' + span[0] + ' for ' + human(span[2] - span[1])
              + (open ? ' (still open when the recording ended)' : '') + ', from +' + human(span[1]) }, g);
      });
      g.addEventListener('click', function () { showDetails(row); });
    });
    return shown.length;
  }

  // A connection's transitions, each with its stack trace (folded).
  var details = document.getElementById('details');
  function showDetails(row) {
    details.hidden = false;
    details.setAttribute('data-connection', String(row.id));
    details.textContent = '';
    var title = document.createElement('h3');
    title.textContent = row.label;
    details.appendChild(title);
    row.evidence.forEach(function (text) {
      var p = document.createElement('p');
      p.className = 'evidence';
      p.textContent = text;
      details.appendChild(p);
    });
    var table = document.createElement('table');
    table.innerHTML = '<tr><th>time</th><th>transition</th><th>trigger</th><th>source</th><th>thread</th>'
        + '<th>code</th></tr>';
    row.transitions.forEach(function (t) {
      var tr = table.insertRow();
      tr.className = 'transition';
      [('+' + human(t[0])), t[1] + ' → ' + t[2], t[3], t[4], t[5]].forEach(function (text) {
        tr.insertCell().textContent = text;
      });
      var code = tr.insertCell();
      var frames = data.stacks[t[7]] || [];
      if (frames.length) {
        var fold = document.createElement('details');
        var summary = document.createElement('summary');
        summary.textContent = (t[6] || frames[0]) + (t[8] ? ' — ' + t[8] : '');
        fold.appendChild(summary);
        var list = document.createElement('ol');
        frames.forEach(function (frame) {
          var li = document.createElement('li');
          li.className = 'frame';
          li.textContent = frame;
          list.appendChild(li);
        });
        fold.appendChild(list);
        code.appendChild(fold);
      } else {
        code.textContent = t[8];
      }
    });
    details.appendChild(table);
    details.scrollIntoView({ block: 'nearest' });
  }

  rowsBox.addEventListener('mousemove', function (event) {
    var bar = event.target.closest('rect.span');
    tooltip.hidden = !bar;
    if (bar) {
      tooltip.textContent = bar.getAttribute('data-details');
      tooltip.style.left = (event.pageX + 14) + 'px';
      tooltip.style.top = (event.pageY + 14) + 'px';
    }
  });
  rowsBox.addEventListener('mouseleave', function () { tooltip.hidden = true; });

  function draw() {
    var matching = data.rows.filter(function (row) { return inView(row) && matches(row); });
    drawOverview();
    var drawn = drawRows(matching);
    document.getElementById('view-note').textContent = 'From +' + human(view.from) + ' to +' + human(view.to) + ': '
        + matching.length + ' of the ' + data.rows.length + ' connections drawn in detail match'
        + (matching.length > drawn ? '; the first ' + drawn + ' are shown (narrow the range or the filters)' : '')
        + '. Drag across the overview to zoom; click a connection for its transitions and stack traces.';
    body.setAttribute('data-rendered-rows', String(drawn));
    body.setAttribute('data-matching', String(matching.length));
    body.setAttribute('data-view-from', String(Math.round(view.from)));
    body.setAttribute('data-view-to', String(Math.round(view.to)));
  }
  draw();
})();
