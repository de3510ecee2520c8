// The console's only script besides htmx and uPlot: draws the overview's charts from /charts/runs.json.
// Served from the jar (script-src 'self'); no inline code anywhere.
(function () {
  "use strict";

  const SERIES = {
    runs: { label: "events/s", stroke: "#0b5cad", points: true, index: 1 },
    backlog: { label: "pending", stroke: "#9a6700", points: false, index: 1 },
  };

  function draw(element, data) {
    const spec = SERIES[element.dataset.series];
    const columns = data[element.dataset.series];
    element.replaceChildren();
    if (!columns || columns[0].length === 0) {
      const empty = document.createElement("p");
      empty.className = "hint";
      empty.textContent = "No data yet.";
      element.appendChild(empty);
      return;
    }
    const width = Math.max(element.clientWidth, 320);
    new uPlot({
      width: width,
      height: 220,
      series: [{}, { label: spec.label, stroke: spec.stroke, width: 2, points: { show: spec.points } }],
      axes: [{}, { size: 60 }],
      scales: { x: { time: true } },
    }, [columns[0], columns[spec.index]], element);
  }

  function load() {
    const charts = document.querySelectorAll(".chart[data-src]");
    if (charts.length === 0 || typeof uPlot === "undefined") {
      return;
    }
    fetch(charts[0].dataset.src, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then((response) => response.ok ? response.json() : Promise.reject(response.status))
      .then((data) => charts.forEach((element) => draw(element, data)))
      .catch((status) => charts.forEach((element) => { element.textContent = "Chart data unavailable (" + status + ")."; }));
  }

  document.addEventListener("DOMContentLoaded", () => {
    load();
    setInterval(load, 30000);
  });
})();
