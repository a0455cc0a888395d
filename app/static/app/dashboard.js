/* The dashboard's charts (templates/reporting/dashboard.html): Chart.js, served from /static/vendor/chartjs, draws
   each <canvas data-chart="key"> from the JSON in #dashboard-data. A click on a bar opens the list behind it. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var format = new Intl.NumberFormat(data.locale || "id-ID");
  window.dashboardCharts = {};

  function build(canvas, spec) {
    var horizontal = !!spec.horizontal;
    var datasets = spec.datasets.map(function (ds) {
      return {label: ds.label, data: ds.data, links: ds.links, backgroundColor: ds.color, borderColor: ds.color,
              maxBarThickness: 28};
    });
    var valueAxis = {beginAtZero: true, ticks: {precision: 0, callback: function (v) { return format.format(v); }}};
    var labelAxis = {ticks: {autoSkip: !horizontal, maxRotation: horizontal ? 0 : 60}};
    if (horizontal) {
      // One row per label, whatever their number; long names (KBLI sections) cut on the axis, whole in the tooltip.
      canvas.parentNode.style.height = Math.max(140, spec.labels.length * 34 + 60) + "px";
      var room = Math.max(12, Math.floor(canvas.parentNode.clientWidth / 16));
      labelAxis.ticks.callback = function (value) {
        var text = spec.labels[value];
        return text.length > room ? text.slice(0, room - 1) + "\u2026" : text;
      };
    }
    return new Chart(canvas, {
      type: "bar",
      data: {labels: spec.labels, datasets: datasets},
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: data.locale || "id-ID",
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? {x: valueAxis, y: labelAxis} : {x: labelAxis, y: valueAxis},
        plugins: {
          legend: {display: datasets.length > 1, position: "bottom"},
          tooltip: {callbacks: {title: function (items) { return spec.labels[items[0].dataIndex]; },
                                label: function (item) {
            return item.dataset.label + ": " + format.format(item.raw);
          }}}
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (!elements.length) { return; }
          var hit = elements[0];
          var href = datasets[hit.datasetIndex].links[hit.index];
          if (href) { window.location.href = href; }
        }
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
    var key = canvas.getAttribute("data-chart");
    if (data.charts[key]) { window.dashboardCharts[key] = build(canvas, data.charts[key]); }
  });
}());
