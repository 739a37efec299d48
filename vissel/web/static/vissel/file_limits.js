// The organisation's file limits, checked as soon as files are chosen: a file over a
// limit is taken out of the selection at once (the others stay chosen) and named in a
// message, so nothing large is uploaded only to be refused. Without JavaScript the
// server applies the same limits and stops reading when one is passed.
(function () {
  "use strict";

  function number(input, name) {
    return parseInt(input.getAttribute(name), 10) || 0;
  }

  function noteFor(input) {
    var id = input.id + "-limits";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("div");
      note.id = id;
      note.className = "file-limits field-error";
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    return note;
  }

  function check(input) {
    var maxFiles = number(input, "data-max-files");
    var maxFile = number(input, "data-max-file-bytes");
    var maxTotal = number(input, "data-max-total-bytes");
    var count = number(input, "data-staged-count");
    var total = number(input, "data-staged-bytes");
    var kept = [];
    var refused = [];
    Array.prototype.forEach.call(input.files, function (file) {
      var problem = null;
      if (file.size > maxFile) {
        problem = "data-too-large";
      } else if (count + 1 > maxFiles) {
        problem = "data-too-many";
      } else if (total + file.size > maxTotal) {
        problem = "data-total-too-large";
      }
      if (problem) {
        refused.push(input.getAttribute(problem).split("{name}").join(file.name));
      } else {
        kept.push(file);
        count += 1;
        total += file.size;
      }
    });
    var note = noteFor(input);
    note.textContent = "";
    if (!refused.length) { return; }
    if (window.DataTransfer) {
      var chosen = new DataTransfer();
      kept.forEach(function (file) { chosen.items.add(file); });
      input.files = chosen.files;
    } else {
      input.value = "";  // an old browser: choose again rather than upload in vain
    }
    refused.forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      note.appendChild(line);
    });
  }

  // Delegated, so that it also holds after upload.js has replaced the page.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.matches && input.matches("input[type=file][data-max-file-bytes]")) {
      check(input);
    }
  });
})();
