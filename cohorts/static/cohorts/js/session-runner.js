/* Session runner: the plan's steps one at a time, with a timer per step.
   The state lives in localStorage under the meeting's key, so the meeting page and the
   projection window of the same browser stay on the same step. Without JavaScript, every
   step is simply listed. */
(function () {
  "use strict";
  var runner = document.querySelector("[data-runner]");
  if (!runner) return;
  var list = runner.querySelector(".runner-steps");
  var controls = runner.querySelector("[data-runner-controls]");
  if (!list || !controls) return;
  var steps = Array.prototype.slice.call(list.querySelectorAll("li[data-minutes]"));
  if (!steps.length) return;
  var key = "tremplin-runner-" + list.getAttribute("data-runner-key");
  var clock = controls.querySelector("[data-runner-clock]");
  var toggle = controls.querySelector("[data-runner-toggle]");
  var title = controls.querySelector("[data-runner-title]");
  var position = controls.querySelector("[data-runner-position]");
  var projection = runner.hasAttribute("data-runner-projection");

  function seconds(index) { return parseInt(steps[index].getAttribute("data-minutes"), 10) * 60; }
  function fresh(index) { return { index: index, running: false, remaining: seconds(index), endsAt: 0 }; }
  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key));
      if (saved && saved.index >= 0 && saved.index < steps.length) return saved;
    } catch (e) { /* private mode or bad data: start again */ }
    return fresh(0);
  }
  function save() { try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* ignore */ } }
  var state = load();

  function remaining() {
    return state.running ? Math.round((state.endsAt - Date.now()) / 1000) : state.remaining;
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function show() {
    var left = remaining();
    var abs = Math.abs(left);
    var text = two(Math.floor(abs / 60)) + ":" + two(abs % 60);
    clock.textContent = left < 0 ? "+" + text + " (" + list.getAttribute("data-label-overrun") + ")" : text;
    clock.classList.toggle("overrun", left < 0);
  }
  function render() {
    steps.forEach(function (step, i) {
      var current = i === state.index;
      step.classList.toggle("current", current);
      if (current) step.setAttribute("aria-current", "step"); else step.removeAttribute("aria-current");
    });
    position.textContent = list.getAttribute("data-label-position")
      .replace("%(index)s", state.index + 1).replace("%(count)s", steps.length);
    title.textContent = steps[state.index].getAttribute("data-title");
    toggle.textContent = toggle.getAttribute(state.running ? "data-label-pause" : "data-label-start");
    toggle.setAttribute("aria-pressed", state.running ? "true" : "false");
    show();
  }
  function go(index) {
    if (index < 0 || index >= steps.length) return;
    var wasRunning = state.running;
    state = fresh(index);
    if (wasRunning) { state.running = true; state.endsAt = Date.now() + state.remaining * 1000; }
    save(); render();
    if (!projection && steps[index].scrollIntoView) steps[index].scrollIntoView({ block: "nearest" });
  }
  function flip() {
    if (state.running) { state.remaining = remaining(); state.running = false; }
    else { state.running = true; state.endsAt = Date.now() + state.remaining * 1000; }
    save(); render();
  }

  controls.hidden = false;
  runner.classList.add("runner-live");
  toggle.addEventListener("click", flip);
  controls.querySelector("[data-runner-next]").addEventListener("click", function () { go(state.index + 1); });
  controls.querySelector("[data-runner-prev]").addEventListener("click", function () { go(state.index - 1); });
  window.addEventListener("storage", function (event) {
    if (event.key === key) { state = load(); render(); }
  });

  var full = runner.querySelector("[data-runner-fullscreen]");
  function fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  }
  if (full && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.addEventListener("click", fullscreen);
  }
  if (projection) {
    document.addEventListener("keydown", function (event) {
      var inField = event.target.closest && event.target.closest("input, textarea, select");
      var onControl = event.target.closest && event.target.closest("button, a, summary");
      if (inField || (onControl && (event.key === " " || event.key === "Enter"))) return;
      if (event.key === "ArrowRight" || event.key === "PageDown") { go(state.index + 1); event.preventDefault(); }
      else if (event.key === "ArrowLeft" || event.key === "PageUp") { go(state.index - 1); event.preventDefault(); }
      else if (event.key === " ") { flip(); event.preventDefault(); }
      else if (event.key === "f" || event.key === "F") { fullscreen(); }
    });
  }
  render();
  window.setInterval(show, 500);
})();
