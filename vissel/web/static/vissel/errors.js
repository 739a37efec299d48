/* A page that shows an error summary gives it the focus, so that a screen reader reads it
   out first and the keyboard starts there (WCAG 3.3.1). The same when upload.js has put
   the server's answer in place of the page: it says so with the event "vissel:replaced". */
(function () {
  "use strict";

  var SUMMARY = ".error-summary, .error[role=alert]:not([hidden])";

  function focusErrors() {
    var summary = document.querySelector(SUMMARY);
    if (!summary) { return; }
    if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
    summary.focus();
  }

  document.addEventListener("vissel:replaced", focusErrors);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrors);
  } else {
    focusErrors();
  }
})();
