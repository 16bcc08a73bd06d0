// Asks before an irreversible submission (complete, 代办, reassign). The CSP forbids inline
// scripts, so forms opt in with data-confirm="question". A button carrying its own
// data-confirm asks that instead; one with data-confirm-skip (save draft) never asks.
// Without JavaScript the forms simply submit.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter || null;
    if (button && button.hasAttribute("data-confirm-skip")) {
      return;
    }
    var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
