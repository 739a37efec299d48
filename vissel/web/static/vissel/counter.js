// A counter under every long text field, shown near its limit: text is never cut, the
// server refuses too long a text and keeps it; this only warns in time. No JavaScript:
// no counter, and nothing is lost either.
(function () {
  "use strict";
  function counterFor(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    if (!limit) { return; }
    var note = document.createElement("p");
    note.className = "counter";
    note.setAttribute("aria-live", "polite");
    note.hidden = true;
    field.insertAdjacentElement("afterend", note);
    function update() {
      var left = limit - field.value.length;
      if (left > limit * 0.1) { note.hidden = true; return; }
      note.hidden = false;
      note.classList.toggle("over", left < 0);
      var text = left < 0 ? field.getAttribute("data-over") : field.getAttribute("data-left");
      note.textContent = text.replace("%(count)s", String(Math.abs(left)));
    }
    field.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("textarea[data-limit]").forEach(counterFor);
})();
