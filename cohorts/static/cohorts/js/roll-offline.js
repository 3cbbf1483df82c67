/* Roll call without network. A tap that cannot reach the server (the tablet is offline, or
   the request fails on the way) is kept in localStorage, one per learner (the last tap
   wins), shown as pressed "en attente d'envoi", and counted in a banner. The queue is sent
   again when the browser says the network is back, on the next load of the page, and every
   20 s while it is not empty. The server takes a tap as many times as it comes: one record.
   A 503 (the database restarting) shows the server's message in the learner's row.
   Strings come from the page (data-*), translated there. */
(function () {
  "use strict";
  var section = document.querySelector("[data-roll-offline]");
  if (!section || !window.fetch) return;
  var key = "tremplin:roll:" + section.getAttribute("data-roll-offline");
  var banner = section.querySelector("[data-roll-offline-banner]");
  var sending = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function save(queue) {
    try {
      if (Object.keys(queue).length) window.localStorage.setItem(key, JSON.stringify(queue));
      else window.localStorage.removeItem(key);
    } catch (e) { /* storage full or forbidden: the banner still says what waits */ }
    show(queue);
  }
  function show(queue) {
    var count = Object.keys(queue || load()).length;
    banner.hidden = count === 0;
    banner.textContent = section.getAttribute("data-pending-message").replace("%(count)s", count);
  }
  function rowOf(learner) { return document.getElementById("apprenant-" + learner); }

  function markPending(tap) {
    var row = rowOf(tap.learner);
    if (!row) return;
    row.querySelectorAll("button[name=mark]").forEach(function (button) {
      if (button.closest(".roll-buttons")) {
        button.setAttribute("aria-pressed", button.value === tap.mark ? "true" : "false");
      }
    });
    var state = row.querySelector(".roll-state");
    var pressed = row.querySelector(".roll-buttons button[value='" + tap.mark + "']");
    if (state && pressed) {
      state.textContent = pressed.textContent + " (" + section.getAttribute("data-pending-label") + ")";
    }
  }

  function queueTap(form) {
    var tap = form.__lastTap;
    if (!tap) return;
    var queue = load();
    tap.at = Date.now();
    queue[tap.learner] = tap;
    save(queue);
    markPending(tap);
  }

  /* Which button was tapped, with what the form holds (a late tap carries its minutes). */
  section.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=mark]");
    if (!button || !button.form) return;
    var form = button.form;
    var minutes = form.querySelector("select[name=late_minutes]");
    form.__lastTap = {
      learner: form.querySelector("input[name=learner]").value,
      mark: button.value,
      late_minutes: minutes ? minutes.value : "",
      action: form.getAttribute("action"),
      csrf: form.querySelector("input[name=csrfmiddlewaretoken]").value
    };
  }, true);

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (navigator.onLine === false && form.closest && form.closest("[data-roll-offline]")) {
      event.preventDefault();  /* no network: straight to the queue */
      queueTap(form);
    }
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt;
    if (form.closest && form.closest("[data-roll-offline]")) queueTap(form);
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    /* A tap that reached the server is newer than what waits for that learner. */
    var form = event.detail.elt;
    if (!event.detail.successful || !form.closest || !form.closest("[data-roll-offline]")) return;
    var learner = form.querySelector("input[name=learner]");
    var queue = load();
    if (learner && queue[learner.value]) {
      delete queue[learner.value];
      save(queue);
    }
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt;
    var xhr = event.detail.xhr;
    if (!form.closest || !form.closest("[data-roll-offline]") || xhr.status !== 503) return;
    var old = form.querySelector("[data-roll-unsaved]");
    if (old) old.remove();
    var holder = document.createElement("div");
    holder.innerHTML = xhr.responseText;
    var message = holder.querySelector("[data-roll-unsaved]");
    if (message) form.querySelector(".roll-name").after(message);
  });

  function send(tap) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", tap.csrf);
    body.append("learner", tap.learner);
    body.append("mark", tap.mark);
    if (tap.late_minutes) body.append("late_minutes", tap.late_minutes);
    return fetch(tap.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": tap.csrf }
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server " + response.status);
      return response.ok ? response.text() : "";  /* 4xx: cannot be saved, drop it */
    }).then(function (html) {
      var row = rowOf(tap.learner);
      if (html && row) {
        row.outerHTML = html;
        if (window.htmx) window.htmx.process(rowOf(tap.learner));
      }
    });
  }

  function flush() {
    if (sending || navigator.onLine === false) return;
    var queue = load();
    var learners = Object.keys(queue);
    if (!learners.length) { show(queue); return; }
    sending = true;
    learners.reduce(function (chain, learner) {
      return chain.then(function () {
        var tap = queue[learner];
        var current = load()[learner];
        if (!current || current.at !== tap.at) return null;  /* tapped again since */
        return send(tap).then(function () {
          var now = load();
          if (now[learner] && now[learner].at === tap.at) delete now[learner];  /* not re-tapped meanwhile */
          save(now);
        });
      });
    }, Promise.resolve()).catch(function () { /* still offline: kept for the next try */ })
      .then(function () { sending = false; show(); });
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { show(); });
  window.setInterval(function () { if (Object.keys(load()).length) flush(); }, 20000);
  show();
  flush();
})();
