/* Sortable tables: every <th data-sorteer> of a table.rapportage-sorteerbaar gets a button;
   Enter or Space (or a click) sorts the rows by that column, ascending then descending, and
   aria-sort says how it is sorted. Cells carry their raw value in data-waarde (numbers with
   a dot, missing as empty: missing sorts last). Without JavaScript the table keeps the
   server's order. */
(function () {
  "use strict";

  function waarde(rij, index, soort) {
    var cel = rij.cells[index];
    var tekst = cel ? (cel.hasAttribute("data-waarde") ? cel.getAttribute("data-waarde") : cel.textContent.trim()) : "";
    if (tekst === "") {
      return null;
    }
    return soort === "getal" ? parseFloat(tekst) : tekst;
  }

  function sorteer(tabel, kop, melding) {
    var koppen = tabel.querySelectorAll("th[data-sorteer]");
    var index = Array.prototype.indexOf.call(kop.parentNode.cells, kop);
    var soort = kop.getAttribute("data-sorteer");
    var oplopend = kop.getAttribute("aria-sort") !== "ascending";
    for (var i = 0; i < koppen.length; i++) {
      koppen[i].setAttribute("aria-sort", "none");
    }
    kop.setAttribute("aria-sort", oplopend ? "ascending" : "descending");
    var lichaam = tabel.tBodies[0];
    var rijen = Array.prototype.slice.call(lichaam.rows);
    rijen.sort(function (a, b) {
      var x = waarde(a, index, soort);
      var y = waarde(b, index, soort);
      if (x === null && y === null) { return 0; }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      var uitkomst = soort === "getal" ? x - y : String(x).localeCompare(String(y), "nl");
      return oplopend ? uitkomst : -uitkomst;
    });
    for (var j = 0; j < rijen.length; j++) {
      lichaam.appendChild(rijen[j]);
    }
    if (melding) {
      melding.textContent = "Gesorteerd op " + kop.textContent.trim() + ", " + (oplopend ? "oplopend" : "aflopend") + ".";
    }
  }

  function maakSorteerbaar(tabel) {
    var melding = document.getElementById(tabel.getAttribute("data-melding"));
    var koppen = tabel.querySelectorAll("th[data-sorteer]");
    for (var i = 0; i < koppen.length; i++) {
      (function (kop) {
        var knop = document.createElement("button");
        knop.type = "button";
        knop.className = "rapportage-sorteerknop";
        while (kop.firstChild) {
          knop.appendChild(kop.firstChild);
        }
        var pijl = document.createElement("span");
        pijl.className = "rapportage-sorteerpijl";
        pijl.setAttribute("aria-hidden", "true");
        knop.appendChild(pijl);
        kop.appendChild(knop);
        if (!kop.hasAttribute("aria-sort")) {
          kop.setAttribute("aria-sort", "none");
        }
        knop.addEventListener("click", function () { sorteer(tabel, kop, melding); });
      })(koppen[i]);
    }
  }

  var tabellen = document.querySelectorAll("table.rapportage-sorteerbaar");
  for (var i = 0; i < tabellen.length; i++) {
    maakSorteerbaar(tabellen[i]);
  }
})();
