/* Read-aloud: buttons [data-read-target] read the target's text with the browser's own
   speech synthesis (no network, no library). Buttons stay hidden where it is missing. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  // The page's language picks the voice: lang="ar" reads with an Arabic voice, and so on.
  var LOCALES = { fr: "fr-FR", en: "en-GB", ar: "ar" };
  var base = (document.documentElement.lang || "fr").slice(0, 2).toLowerCase();
  var lang = LOCALES[base] || "fr-FR";
  function voiceFor(code) {
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang.toLowerCase().indexOf(code) === 0) return voices[i];
    }
    return null;
  }
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
      var voice = voiceFor(base);
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onend = function () { if (speaking === button) stop(); };
      speaking = button;
      button.setAttribute("aria-pressed", "true");
      window.speechSynthesis.speak(utterance);
    });
  });
})();
