// The secrecy review with a pointer: selecting words in a text puts them in that text's
// "Words to mask" field. Without JavaScript the reader types them; nothing else changes.
(function () {
  "use strict";
  function take(block) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!block.contains(range.commonAncestorContainer)) return;
    var words = selection.toString().replace(/\s+/g, " ").trim();
    var field = document.getElementById(block.getAttribute("data-phrase-input"));
    if (words && field) {
      field.value = words;
    }
  }
  document.querySelectorAll(".markable[data-phrase-input]").forEach(function (block) {
    block.addEventListener("mouseup", function () { take(block); });
    block.addEventListener("keyup", function () { take(block); });
    block.addEventListener("touchend", function () { take(block); });
  });
})();
