// newsgraph's one script: a tooltip that shows what the record says of a
// mark in an article (its data-tip, and those of the marks around it), on
// hover and on keyboard focus. Text is set with textContent, never as HTML.
(function () {
  'use strict';
  var tip = document.createElement('div');
  tip.id = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  var current = null;

  function tips(el) {
    var out = [];
    for (var e = el; e && e !== document.body; e = e.parentElement) {
      if (e.dataset && e.dataset.tip) out.push(e.dataset.tip);
    }
    return out;
  }

  function place(x, y) {
    var w = tip.offsetWidth;
    var left = Math.max(8, Math.min(x, document.documentElement.clientWidth - w - 8));
    tip.style.left = (left + window.scrollX) + 'px';
    tip.style.top = (y + window.scrollY + 8) + 'px';
  }

  function show(target, x, y) {
    if (target !== current) {
      hide();
      current = target;
      tip.textContent = '';
      tips(target).forEach(function (t) {
        var p = document.createElement('p');
        p.textContent = t;
        tip.appendChild(p);
      });
      tip.hidden = false;
      target.setAttribute('aria-describedby', 'tip');
    }
    place(x, y);
  }

  function hide() {
    if (current) current.removeAttribute('aria-describedby');
    current = null;
    tip.hidden = true;
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.body.appendChild(tip);
  });
  document.addEventListener('mouseover', function (e) {
    var t = e.target.closest ? e.target.closest('[data-tip]') : null;
    if (t) show(t, e.clientX, e.clientY + 12); else if (current && document.activeElement !== current) hide();
  });
  document.addEventListener('focusin', function (e) {
    var t = e.target.closest ? e.target.closest('[data-tip]') : null;
    if (t) {
      var r = t.getClientRects()[0] || t.getBoundingClientRect();
      show(t, r.left, r.bottom);
    }
  });
  document.addEventListener('focusout', hide);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });
})();
