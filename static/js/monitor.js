// Behaviour of every page that CSP keeps out of the templates (no inline script, no eval).
// Loaded once, from base.html, for the month entry, the import, the plan, the supply and
// the toezicht pages alike.
(function () {
  "use strict";

  var INLOGGEN = "/inloggen/";

  // The session ended while the page was open. The server answers an anonymous htmx
  // request with HX-Redirect, which htmx follows itself; should an answer still be the
  // log-in page (a redirect the browser followed), go there instead of swapping it into
  // the form or the cell.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || !xhr.responseURL) {
      return;
    }
    if (new URL(xhr.responseURL, window.location.href).pathname.indexOf(INLOGGEN) === 0) {
      event.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
    }
  });

  // After a swap the button that had focus may be gone: move focus to the outcome, so
  // keyboard and screen-reader users hear it. An element marked data-focus (a message:
  // saved, errors, conflict) comes first; otherwise, in a form marked data-focus-fout, the
  // first field with an error or the alert. Without errors htmx keeps focus on the button.
  function focusNaarMelding(gewisseld) {
    var doel = document.querySelector("[data-focus]");
    if (doel) {
      doel.removeAttribute("data-focus");
      doel.focus();
      return;
    }
    if (!gewisseld || !gewisseld.querySelector) {
      return;
    }
    var formulier = gewisseld.matches("[data-focus-fout]") ? gewisseld : gewisseld.querySelector("[data-focus-fout]");
    if (!formulier && !gewisseld.closest("[data-focus-fout]")) {
      return;
    }
    var fout = gewisseld.querySelector("[aria-invalid='true'], [role='alert']");
    if (fout) {
      if (!fout.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(fout.tagName)) {
        fout.setAttribute("tabindex", "-1");
      }
      fout.focus();
    }
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    focusNaarMelding(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    focusNaarMelding(null);
  });

  // Plan grid: Enter moves to the same month of the next action (like a spreadsheet); leaving
  // the cell saves it. Without this, Enter would submit the whole grid form.
  document.addEventListener("keydown", function (event) {
    var invoer = event.target;
    if (event.key !== "Enter" || !invoer.classList || !invoer.classList.contains("plan-invoer")) {
      return;
    }
    event.preventDefault();
    var kolom = invoer.getAttribute("data-kolom");
    var alle = Array.prototype.slice.call(
      document.querySelectorAll(".plan-invoer[data-kolom='" + kolom + "']")
    );
    var volgende = alle[alle.indexOf(invoer) + 1];
    if (volgende) {
      volgende.focus();
      volgende.select();
    } else {
      invoer.blur();
      invoer.focus();
    }
  });

  // Printing: a closed <details> (the table beside a chart) prints open; afterwards the ones
  // that were closed close again.
  var geopend = [];
  window.addEventListener("beforeprint", function () {
    var dicht = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < dicht.length; i++) {
      dicht[i].open = true;
      geopend.push(dicht[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (geopend.length) {
      geopend.pop().open = false;
    }
  });
})();
