// Interactive flame graph: hover shows a frame's details, click zooms into it, Search highlights
// frames whose name (full path for files and directories) matches a regular expression, Reset
// zoom and Escape go back. Scoped to the <svg> whose id is passed in, so several graphs can live
// in one HTML page. Standalone, the URL can say ?s=REGEX to search and ?zoom=NAME to zoom.
(function (id) {
  'use strict';
  var svg = document.getElementById(id);
  if (!svg) return;
  var X0 = +svg.getAttribute('data-pad'), W = +svg.getAttribute('data-inner');
  var total = +svg.getAttribute('data-total');
  var CHAR = 12 * 0.59;
  var details = svg.querySelector('.details'), matched = svg.querySelector('.matched');
  var resetButton = svg.querySelector('.reset'), searchButton = svg.querySelector('.search');
  var clearButton = svg.querySelector('.clear');
  var frames = [];
  var nodes = svg.querySelectorAll('g.f');
  for (var i = 0; i < nodes.length; i++) {
    var g = nodes[i];
    frames.push({
      g: g, r: g.querySelector('rect'), t: g.querySelector('text'),
      name: g.getAttribute('data-n'), full: g.getAttribute('data-p') || g.getAttribute('data-n'),
      tip: g.querySelector('title').textContent,
      s: +g.getAttribute('data-s'), w: +g.getAttribute('data-w'), d: +g.getAttribute('data-d')
    });
    g.__frame = frames.length - 1;
  }

  function fit(name, width) {
    var n = Math.floor((width - 6) / CHAR);
    if (n < 3) return '';
    return name.length <= n ? name : name.substring(0, n - 2) + '..';
  }

  function place(f, x, width) {
    f.r.setAttribute('x', (X0 + x).toFixed(2));
    f.r.setAttribute('width', Math.max(width, 0).toFixed(2));
    f.t.setAttribute('x', (X0 + x + 3).toFixed(2));
    f.t.textContent = fit(f.name, width);
  }

  function zoom(z) {
    var s = z.s, w = z.w || 1;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i], show, parent = false;
      if (f.d < z.d) {
        show = f.s <= s && f.s + f.w >= s + w;
        parent = show;
        if (show) place(f, 0, W);
      } else {
        var width = f.w / w * W;
        show = f.s >= s && f.s + f.w <= s + w && width >= 0.1;
        if (show) place(f, (f.s - s) / w * W, width);
      }
      f.g.style.display = show ? '' : 'none';
      if (parent) f.g.classList.add('parent'); else f.g.classList.remove('parent');
    }
    var root = z.d === 0;
    resetButton.classList.toggle('hidden', root);
    svg.setAttribute('data-ior-zoom', root ? '' : z.full);
  }

  function reset() {
    for (var i = 0; i < frames.length; i++) if (frames[i].d === 0) { zoom(frames[i]); return; }
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  function search(term) {
    if (!term) { clearSearch(); return; }
    var re;
    try { re = new RegExp(term, 'i'); } catch (e) { re = new RegExp(escapeRegExp(term), 'i'); }
    var spans = [];
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i], m = f.d > 0 && re.test(f.full);
      if (m) { f.g.classList.add('match'); spans.push([f.s, f.s + f.w]); } else f.g.classList.remove('match');
    }
    // nested matches cover the same weight once: add up the union of the matched spans
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var sum = 0, end = -Infinity;
    for (var j = 0; j < spans.length; j++) {
      var a = Math.max(spans[j][0], end), b = spans[j][1];
      if (b > a) sum += b - a;
      end = Math.max(end, b);
    }
    var pct = total > 0 ? sum / total * 100 : 0;
    matched.textContent = 'Matched: ' + pct.toFixed(1) + '% (' + spans.length + ' frames)';
    clearButton.classList.remove('hidden');
    svg.setAttribute('data-ior-matched', String(sum));
    svg.setAttribute('data-ior-matched-frames', String(spans.length));
  }

  function clearSearch() {
    for (var i = 0; i < frames.length; i++) frames[i].g.classList.remove('match');
    matched.textContent = '';
    clearButton.classList.add('hidden');
    svg.removeAttribute('data-ior-matched');
    svg.removeAttribute('data-ior-matched-frames');
  }

  function ask() {
    var term = window.prompt('Search frames (regular expression, case-insensitive):', '');
    if (term !== null) search(term);
  }

  function frameOf(target) {
    for (var n = target; n && n !== svg; n = n.parentNode) if (n.__frame !== undefined) return frames[n.__frame];
    return null;
  }

  svg.addEventListener('mouseover', function (e) {
    var f = frameOf(e.target);
    if (f) details.textContent = f.tip;
  });
  svg.addEventListener('mouseout', function (e) {
    if (frameOf(e.target)) details.textContent = ' ';
  });
  svg.addEventListener('click', function (e) {
    var f = frameOf(e.target);
    if (f) zoom(f);
  });
  resetButton.addEventListener('click', reset);
  searchButton.addEventListener('click', ask);
  clearButton.addEventListener('click', clearSearch);

  // shortcuts only when the graph is the whole document, not one of several in a page
  if (document.documentElement === svg) {
    document.addEventListener('keydown', function (e) {
      if ((e.ctrlKey || e.metaKey) && (e.key === 'f' || e.key === 'F')) { e.preventDefault(); ask(); }
      else if (e.key === 'Escape') { clearSearch(); reset(); }
    });
    var params = new URLSearchParams(window.location.search);
    if (params.get('zoom')) {
      for (var k = 0; k < frames.length; k++) if (frames[k].full === params.get('zoom')) { zoom(frames[k]); break; }
    }
    if (params.get('s')) search(params.get('s'));
  }
  svg.setAttribute('data-ior-frames', String(frames.length));
  svg.setAttribute('data-ior-ready', 'true');
})
