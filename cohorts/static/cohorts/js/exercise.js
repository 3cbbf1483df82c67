/* The exercise page: sizes the sandboxed player frame and relays its xAPI statements to
   Tremplin, one after the other, with the attempt's ticket. Only messages from that frame
   are read; the server checks every statement again. */
(function () {
  "use strict";
  var box = document.getElementById("exercise");
  var frame = document.getElementById("exercise-frame");
  var status = document.getElementById("exercise-status");
  if (!box || !frame) return;
  var token = box.dataset.token;
  var queue = Promise.resolve();

  function say(text) {
    if (text) status.textContent = text;
  }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function relay(statement) {
    // H5P leaves the statement id to the receiver: give one, so that a resend is known.
    if (!statement.id) statement.id = newId();
    queue = queue.then(function () {
      return fetch(box.dataset.endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf },
        body: JSON.stringify({ token: token, statement: statement })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (body.next_token) token = body.next_token;
          if (response.ok && body.finished) say(body.message);
          else if (!response.ok && body.message) say(body.message);
          box.dataset.lastStatus = String(response.status);
        });
      }).catch(function () {
        say(box.dataset.offline);
      });
    });
  }

  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow) return;
    var message = event.data;
    if (!message || message.tremplin !== "h5p") return;
    if (message.type === "height" && typeof message.height === "number") {
      frame.style.height = Math.min(Math.max(message.height, 240), 5000) + "px";
    } else if (message.type === "xapi" && message.statement) {
      relay(message.statement);
    } else if (message.type === "ready") {
      box.dataset.ready = "true";
    }
  });
})();
