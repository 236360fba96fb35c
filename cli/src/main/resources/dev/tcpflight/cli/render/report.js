// Hover details for the Gantt bars, and markers that tests (and curious readers) can check in the DOM.
(function () {
  'use strict';
  var tooltip = document.getElementById('tooltip');
  // The details move from <title> (shown natively when scripts are off) into our tooltip, so that only one shows.
  document.querySelectorAll('svg.gantt rect.span').forEach(function (bar) {
    var title = bar.querySelector('title');
    bar.setAttribute('data-details', title.textContent);
    title.remove();
  });
  document.querySelectorAll('svg.gantt').forEach(function (svg) {
    svg.addEventListener('mousemove', function (event) {
      var bar = event.target.closest('rect.span');
      tooltip.hidden = !bar;
      if (bar) {
        tooltip.textContent = bar.getAttribute('data-details');
        tooltip.style.left = (event.pageX + 14) + 'px';
        tooltip.style.top = (event.pageY + 14) + 'px';
      }
    });
    svg.addEventListener('mouseleave', function () { tooltip.hidden = true; });
  });
  var rendered = Array.prototype.filter.call(document.querySelectorAll('svg.gantt g.row'), function (row) {
    return row.getBoundingClientRect().height > 0;
  });
  document.body.setAttribute('data-rendered-rows', String(rendered.length));
})();
