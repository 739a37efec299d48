/* Upload progress for forms with files. Without JavaScript the same forms post as usual;
   this only adds a progress bar and a clear message when an upload fails. */
(function () {
  "use strict";

  function hasFiles(form) {
    return Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length > 0;
    });
  }

  function replacePage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    document.body.replaceWith(doc.body);
    window.scrollTo(0, 0);
    init();
    document.dispatchEvent(new CustomEvent("vissel:replaced")); // errors.js focuses the summary
  }

  function attach(form) {
    var box = form.querySelector(".progress");
    var bar = box && box.querySelector("progress");
    var text = box && box.querySelector(".progress-text");
    var failed = form.querySelector(".upload-failed");
    var button = form.querySelector("button[type=submit]");

    function fail() {
      if (box) { box.hidden = true; }
      if (button) { button.disabled = false; }
      if (failed) { failed.textContent = form.dataset.failed; failed.hidden = false; }
    }

    form.addEventListener("submit", function (event) {
      if (!hasFiles(form) || !window.FormData || !window.XMLHttpRequest) { return; }
      event.preventDefault();
      if (failed) { failed.hidden = true; }
      if (button) { button.disabled = true; }
      if (box) { box.hidden = false; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable || !bar) { return; }
        var percent = Math.floor((e.loaded / e.total) * 100);
        bar.value = percent;
        text.textContent = form.dataset.uploading + ": " + percent + " %";
      });
      xhr.addEventListener("load", function () {
        if (xhr.status >= 500 || xhr.status === 0 || xhr.status === 413) { fail(); return; }
        var landed = xhr.responseURL && xhr.responseURL.split("#")[0] !== form.action.split("#")[0];
        if (landed && xhr.status < 300) { window.location.assign(xhr.responseURL); return; }
        replacePage(xhr.responseText);
      });
      xhr.addEventListener("error", fail);
      xhr.addEventListener("abort", fail);
      xhr.addEventListener("timeout", fail);
      xhr.send(new FormData(form));
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-upload-form]"), attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
