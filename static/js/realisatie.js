// Month entry and import pages: behaviour that CSP keeps out of the templates.
(function () {
  "use strict";

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
