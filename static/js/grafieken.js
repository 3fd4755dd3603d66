/* Draws the plotly charts of a page. The figure is built on the server and sits in the page
   as JSON (<script type="application/json">, never executed); plotly.js comes from our own
   static files. No inline script, no eval: the strict CSP holds.

   Phones: the chart follows the width of its container (responsive, autosize). Below
   SMAL pixels the layout takes the overrides the server put in layout.meta.smal (a title
   over two lines, shorter axis titles, the legend lower), so the title stays whole and the
   legend clear of the axis; widening the window puts the wide layout back. */
(function () {
  "use strict";

  var SMAL = 600;

  function lees(obj, pad) {
    var delen = pad.split(".");
    for (var i = 0; i < delen.length; i++) {
      if (obj === undefined || obj === null) {
        return undefined;
      }
      obj = obj[delen[i]];
    }
    return obj;
  }

  function zet(obj, pad, waarde) {
    var delen = pad.split(".");
    for (var i = 0; i < delen.length - 1; i++) {
      if (typeof obj[delen[i]] !== "object" || obj[delen[i]] === null) {
        obj[delen[i]] = {};
      }
      obj = obj[delen[i]];
    }
    obj[delen[delen.length - 1]] = waarde;
  }

  function isSmal(vlak) {
    return (vlak.clientWidth || window.innerWidth) < SMAL;
  }

  function teken(vlak) {
    var bron = document.getElementById(vlak.getAttribute("data-grafiek"));
    if (!bron || !window.Plotly) {
      return;
    }
    var figuur = JSON.parse(bron.textContent);
    var layout = figuur.layout || {};
    var smal = (layout.meta && layout.meta.smal) || {};
    delete layout.meta;
    // The wide value of every path the narrow layout changes, to go back when widened.
    var breed = {};
    for (var pad in smal) {
      if (Object.prototype.hasOwnProperty.call(smal, pad)) {
        var oud = lees(layout, pad);
        breed[pad] = oud === undefined ? null : oud;
      }
    }
    var nuSmal = isSmal(vlak);
    if (nuSmal) {
      for (var p in smal) {
        if (Object.prototype.hasOwnProperty.call(smal, p)) {
          zet(layout, p, smal[p]);
        }
      }
    }
    layout.autosize = true;
    vlak.classList.add("rapportage-grafiek__vlak--getekend");
    window.Plotly.newPlot(vlak, figuur.data, layout, {
      displayModeBar: false,
      responsive: true,
      staticPlot: false
    });
    return { vlak: vlak, smal: smal, breed: breed, nuSmal: nuSmal };
  }

  function start() {
    document.documentElement.classList.add("js");
    var vlakken = document.querySelectorAll("[data-grafiek]");
    var getekend = [];
    for (var i = 0; i < vlakken.length; i++) {
      var g = teken(vlakken[i]);
      if (g) {
        getekend.push(g);
      }
    }
    var wacht = null;
    window.addEventListener("resize", function () {
      clearTimeout(wacht);
      wacht = setTimeout(function () {
        for (var j = 0; j < getekend.length; j++) {
          var g = getekend[j];
          var smal = isSmal(g.vlak);
          if (smal !== g.nuSmal && Object.keys(g.smal).length) {
            g.nuSmal = smal;
            window.Plotly.relayout(g.vlak, smal ? g.smal : g.breed);
          }
        }
      }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
