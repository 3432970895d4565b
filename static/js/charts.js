// Draws every chart on the page from the figure JSON the server put next to it.
// The numbers are also in a table or the CSV, so the page reads without this.
(function () {
  "use strict";
  if (typeof Plotly === "undefined") return;
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) return;
    var figure = JSON.parse(source.textContent);
    el.classList.add("chart-drawn");
    Plotly.newPlot(el, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["select2d", "lasso2d"],
    });
  });
})();
