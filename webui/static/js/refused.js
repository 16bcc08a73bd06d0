// A refused submission (422, 409) answers the POST with the task page itself, so reloading it
// would post again. Putting the task page's own address in its place in the history makes a
// reload a plain GET of the page; the page then shows the part that was refused (the form or
// the comment box) with its error. The CSP forbids inline scripts: the address and the part
// come from this script element's data-page-url and data-anchor. (The forms' own actions carry
// no anchor: a browser would keep it through the redirect after a successful submission.)
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.history.replaceState) {
    return;
  }
  var anchor = script.getAttribute("data-anchor");
  window.history.replaceState(null, "", script.getAttribute("data-page-url") + "#" + anchor);
  var part = document.getElementById(anchor);
  if (part) {
    part.scrollIntoView();
  }
})();
