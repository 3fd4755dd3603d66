// Inline entry on the plan, supply and toezicht pages (CSP: no inline script, no eval).
(function () {
  "use strict";

  // A 422 (invalid input) or 409 (conflict) answer carries the form with its Dutch messages:
  // show it instead of dropping it, as htmx does with 4xx by default.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.responseURL && xhr.responseURL.indexOf("/inloggen/") !== -1) {
      // The session ended: go to the log-in page instead of swapping it into a cell.
      event.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
      return;
    }
    if (xhr.status === 422 || xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // After a form swap, put focus on the first field with an error so it is read out;
  // without errors htmx keeps focus on the button (same id). The event fires on the newly
  // settled element (after an outerHTML swap the original target is gone).
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var doel = event.target;
    if (!doel || !doel.querySelector) {
      return;
    }
    var formulier = doel.matches("[data-focus-fout]") ? doel : doel.querySelector("[data-focus-fout]");
    if (!formulier && !doel.closest("[data-focus-fout]")) {
      return;
    }
    var fout = doel.querySelector("[aria-invalid='true'], [role='alert']");
    if (fout) {
      if (!fout.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(fout.tagName)) {
        fout.setAttribute("tabindex", "-1");
      }
      fout.focus();
    }
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
})();
