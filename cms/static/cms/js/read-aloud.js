/* Read-aloud: buttons [data-read-target] read the target's text with the browser's own
   speech synthesis (no network, no library). Buttons stay hidden where it is missing. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  var lang = document.documentElement.lang === "en" ? "en-GB" : "fr-FR";
  var buttons = document.querySelectorAll("[data-read-target]");
  var speaking = null;
  function stop() {
    window.speechSynthesis.cancel();
    if (speaking) speaking.setAttribute("aria-pressed", "false");
    speaking = null;
  }
  buttons.forEach(function (button) {
    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var wasThis = speaking === button;
      stop();
      if (wasThis) return;
      var target = document.getElementById(button.getAttribute("data-read-target"));
      if (!target) return;
      var clone = target.cloneNode(true);
      clone.querySelectorAll("button, script, .no-read").forEach(function (el) { el.remove(); });
      var utterance = new SpeechSynthesisUtterance(clone.textContent.replace(/\s+/g, " ").trim());
      utterance.lang = lang;
      utterance.rate = 0.9;
      utterance.onend = function () { if (speaking === button) stop(); };
      speaking = button;
      button.setAttribute("aria-pressed", "true");
      window.speechSynthesis.speak(utterance);
    });
  });
})();
