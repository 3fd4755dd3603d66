/* Draws the plotly charts of a page. The figure is built on the server and sits in the page
   as JSON (<script type="application/json">, never executed); plotly.js comes from our own
   static files. No inline script, no eval: the strict CSP holds. */
(function () {
  "use strict";

  function teken(vlak) {
    var bron = document.getElementById(vlak.getAttribute("data-grafiek"));
    if (!bron || !window.Plotly) {
      return;
    }
    var figuur = JSON.parse(bron.textContent);
    vlak.classList.add("rapportage-grafiek__vlak--getekend");
    window.Plotly.newPlot(vlak, figuur.data, figuur.layout, {
      displayModeBar: false,
      responsive: true,
      staticPlot: false
    });
  }

  function start() {
    document.documentElement.classList.add("js");
    var vlakken = document.querySelectorAll("[data-grafiek]");
    for (var i = 0; i < vlakken.length; i++) {
      teken(vlakken[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
