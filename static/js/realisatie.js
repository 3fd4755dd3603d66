// Month entry and import pages: behaviour that CSP keeps out of the templates.
(function () {
  "use strict";

  // htmx leaves 4xx answers unswapped; ours carry the form with its Dutch messages
  // (422: bad input, 409: someone else saved first), so show them in place.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    if (status === 422 || status === 409) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  // After a save was swapped in, the button that had focus is gone: move focus to the
  // message (saved, errors or conflict) so keyboard and screen-reader users hear the outcome.
  function focusMelding() {
    var doel = document.querySelector("[data-focus]");
    if (doel) {
      doel.removeAttribute("data-focus");
      doel.focus();
    }
  }
  document.addEventListener("htmx:afterSettle", focusMelding);
  document.addEventListener("DOMContentLoaded", focusMelding);
})();
