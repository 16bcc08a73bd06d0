// The main navigation folds behind a menu button on a phone. Loaded in <head>, not deferred, so
// the page is marked as scripted before it is drawn: without JavaScript the links simply show.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".nav-toggle");
    if (!button) {
      return;
    }
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    document.getElementById(button.getAttribute("aria-controls")).classList.toggle("open", open);
  });
})();
