// Prints the page: a button carrying data-print opens the browser's print dialog, and
// print.css leaves only the document on the sheet. The CSP forbids inline onclick handlers.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
