/* A voice recorder beside the file input of an oral report (input[type=file][data-recorder]).
   Without JavaScript, or in a browser that cannot record, the reporter chooses an audio
   file as usual. With it, the recording is made here, played back here, and put into
   that same file input when it stops, so it leaves the browser only with the form: this
   script sends nothing anywhere. The microphone is released as soon as recording stops.
   Every word shown comes from the input's data-* attributes (translated on the server). */
(function () {
  "use strict";

  // Preferred first; the file's name follows the type MediaRecorder really used.
  var TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"];
  // How often the time is read out while recording (seconds): seldom, since a screen
  // reader's voice from a loudspeaker ends up in the recording too.
  var SAY_EVERY = 30;
  var recorders = [];

  function canRecord() {
    if (!window.MediaRecorder || !window.Blob || !window.File || !window.URL || !URL.createObjectURL) {
      return false;
    }
    if (!navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== "function") {
      return false;
    }
    try {
      new window.DataTransfer(); // missing, or not constructible, in some older browsers
    } catch (e) {
      return false;
    }
    return true;
  }

  function chosenType() {
    if (typeof MediaRecorder.isTypeSupported !== "function") { return ""; }
    for (var i = 0; i < TYPES.length; i++) {
      if (MediaRecorder.isTypeSupported(TYPES[i])) { return TYPES[i]; }
    }
    return "";
  }

  // "audio/webm;codecs=opus" -> "audio/webm" (an audio type even if the browser said video).
  function fileType(type) {
    var base = (type || "").split(";")[0].trim().toLowerCase() || "audio/webm";
    return base.replace(/^video\//, "audio/");
  }

  function extensionOf(type) {
    if (/ogg/.test(type)) { return "ogg"; }
    if (/mp4|m4a|aac/.test(type)) { return "m4a"; }
    return "webm";
  }

  function clock(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function release(stream) {
    if (!stream) { return; }
    stream.getTracks().forEach(function (track) { track.stop(); });
  }

  function attach(input) {
    if (input.visselRecorder) { return; }
    function text(name) { return input.getAttribute(name) || ""; }

    var box = make("div", "recorder");
    input.parentNode.insertBefore(box, input);
    if (!canRecord()) {
      input.visselRecorder = {};
      box.appendChild(make("p", "recorder-unsupported", text("data-unsupported")));
      return;
    }

    var maxSeconds = parseInt(input.getAttribute("data-max-seconds"), 10) || 0;
    var row = make("div", "recorder-row");
    var record = make("button", "recorder-record", text("data-record"));
    var stop = make("button", "primary recorder-stop", text("data-stop"));
    var again = make("button", "recorder-again", text("data-again"));
    [record, stop, again].forEach(function (button) {
      button.type = "button";
      row.appendChild(button);
    });
    var status = make("p", "recorder-status");
    var dot = make("span", "recorder-dot");
    var state = make("span", "recorder-state", text("data-recording"));
    var timer = make("span", "recorder-timer");
    timer.setAttribute("aria-hidden", "true"); // every second for the eye; `live` for the ear
    status.appendChild(dot);
    status.appendChild(state);
    status.appendChild(document.createTextNode(" "));
    status.appendChild(timer);
    row.appendChild(status);
    var done = make("p", "recorder-done", text("data-recorded"));
    var audio = make("audio", "recorder-audio");
    audio.controls = true;
    audio.preload = "metadata";
    audio.setAttribute("aria-label", text("data-listen"));
    var live = make("p", "recorder-live");
    live.setAttribute("aria-live", "polite");
    var problem = make("p", "error recorder-problem");
    problem.setAttribute("role", "alert");
    [row, done, audio, live, problem].forEach(function (node) { box.appendChild(node); });

    var session = null; // the recording under way or last made
    var url = null;
    var ticking = null;
    var ownChange = false;
    var afterStop = [];

    // The keyboard follows the recorder: Record -> Stop -> the player (or Record again).
    function show(name) {
      var focused = box.contains(document.activeElement) ? document.activeElement : null;
      box.setAttribute("data-state", name);
      record.hidden = !(name === "idle" || name === "starting");
      stop.hidden = name !== "recording";
      status.hidden = name !== "recording";
      again.hidden = name !== "recorded";
      done.hidden = name !== "recorded";
      audio.hidden = name !== "recorded";
      if (!focused || (!focused.hidden && name !== "recording")) { return; }
      var next = { idle: record, starting: record, recording: stop, recorded: audio }[name];
      if (next === audio && (!url || audio.hidden)) { next = again; }
      next.focus();
    }

    function say(words) {
      live.textContent = words;
    }

    function complain(words) {
      problem.textContent = words;
      problem.hidden = !words;
    }

    function forget() {
      if (url) { URL.revokeObjectURL(url); url = null; }
      audio.removeAttribute("src");
      audio.load();
    }

    function discard() {
      var old = session;
      session = null;
      clearInterval(ticking);
      if (old) {
        old.discarded = true;
        if (old.recorder && old.recorder.state !== "inactive") { old.recorder.stop(); }
        release(old.stream);
      }
      forget();
      say("");
      show("idle");
      runAfterStop();
    }

    function runAfterStop() {
      var waiting = afterStop;
      afterStop = [];
      waiting.forEach(function (then) { then(); });
    }

    function tick() {
      var current = session;
      if (!current || !current.startedAt) { return; }
      var seconds = Math.floor((Date.now() - current.startedAt) / 1000);
      if (maxSeconds && seconds >= maxSeconds) { seconds = maxSeconds; }
      if (seconds !== current.shown) {
        current.shown = seconds;
        timer.textContent = clock(seconds) + (maxSeconds ? " / " + clock(maxSeconds) : "");
        if (seconds === 0 || seconds - current.said >= SAY_EVERY) {
          current.said = seconds;
          say(text("data-recording") + " " + timer.textContent);
        }
      }
      if (maxSeconds && seconds >= maxSeconds) { halt(); }
    }

    function start() {
      if (session && !session.discarded && !session.recorder) { return; } // still asking
      discard();
      complain("");
      var current = { chunks: [], shown: -1, said: 0 };
      session = current;
      show("starting");
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        current.stream = stream;
        if (current.discarded || !box.isConnected) { release(stream); return; }
        var type = chosenType();
        try {
          current.recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
          current.recorder.addEventListener("dataavailable", function (event) {
            if (event.data && event.data.size) { current.chunks.push(event.data); }
            if (session === current) { tick(); } // also where timers are slowed down
          });
          current.recorder.addEventListener("stop", function () { finished(current); });
          current.recorder.addEventListener("error", function () {
            if (session === current) { discard(); complain(text("data-unsupported")); }
          });
          current.recorder.start(1000);
        } catch (e) {
          release(stream);
          session = null;
          show("idle");
          complain(text("data-unsupported"));
          return;
        }
        current.startedAt = Date.now();
        tick();
        ticking = setInterval(tick, 250);
        show("recording");
      }, function () {
        // Refused, no microphone, or the microphone is busy: the file input still works.
        if (session !== current) { return; }
        session = null;
        show("idle");
        complain(text("data-denied"));
      });
    }

    function halt() {
      var current = session;
      if (!current || !current.recorder || current.recorder.state === "inactive") { return; }
      clearInterval(ticking);
      current.recorder.stop(); // the last data, then "stop", arrive after this
      release(current.stream); // the microphone is free at once
    }

    function finished(current) {
      release(current.stream);
      if (current.discarded || session !== current) { return; }
      var type = fileType(current.recorder.mimeType || current.chunks.length && current.chunks[0].type);
      var blob = new Blob(current.chunks, { type: type });
      if (!blob.size) { discard(); complain(text("data-unsupported")); return; }
      var name = "recording." + extensionOf(type);
      var chosen = new DataTransfer();
      chosen.items.add(new File([blob], name, { type: type, lastModified: Date.now() }));
      ownChange = true;
      input.files = chosen.files;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true })); // e.g. file_limits.js
      ownChange = false;
      var kept = input.files && input.files.length === 1 && input.files[0].name === name;
      if (!kept) { discard(); return; } // refused by another check, which says why
      forget();
      url = URL.createObjectURL(blob);
      audio.src = url;
      show("recorded");
      say(text("data-recorded"));
      runAfterStop();
    }

    // Played back under a policy that forbids it (or a type it cannot play): the
    // recording is still in the input, only the player is hidden.
    audio.addEventListener("error", function () {
      if (!url || audio.getAttribute("src") !== url) { return; }
      var focused = document.activeElement === audio;
      audio.hidden = true;
      if (focused) { again.focus(); }
    });

    record.addEventListener("click", start);
    stop.addEventListener("click", halt);
    again.addEventListener("click", function () {
      input.value = "";
      start();
    });
    input.addEventListener("change", function () {
      if (!ownChange) { discard(); complain(""); } // a file chosen by hand replaces the recording
    });

    input.visselRecorder = {
      input: input,
      box: box,
      recording: function () { return !!(session && session.recorder && session.recorder.state === "recording"); },
      stopThen: function (then) { afterStop.push(then); halt(); },
      discard: discard
    };
    recorders.push(input.visselRecorder);
    show("idle");
    complain("");
  }

  function init() {
    // Recorders whose page upload.js has replaced: stop them and free the microphone.
    recorders = recorders.filter(function (r) {
      if (r.box.isConnected) { return true; }
      r.discard();
      return false;
    });
    Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-recorder]"), attach);
  }

  // Sent while recording: stop, put the recording in, then send it as asked.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var busy = recorders.filter(function (r) { return r.input.form === form && r.recording(); });
    if (!busy.length) { return; }
    event.preventDefault();
    event.stopPropagation(); // upload.js sends once the recording is in
    var submitter = event.submitter || null;
    var left = busy.length;
    busy.forEach(function (r) {
      r.stopThen(function () {
        left -= 1;
        if (left || !form.isConnected) { return; }
        if (form.requestSubmit) {
          form.requestSubmit(submitter);
        } else if (submitter) {
          submitter.click();
        } else {
          form.submit();
        }
      });
    });
  }, true);

  document.addEventListener("vissel:replaced", init);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
