/* Signing on screen with signature_pad (npm package, served as a static file): the drawing
   is sent as a PNG data URL in a hidden field; an empty pad is not sent. */
(function () {
  "use strict";
  var form = document.querySelector("[data-signature-form]");
  if (!form || !window.SignaturePad) return;
  var canvas = form.querySelector("[data-signature-pad]");
  var field = form.querySelector("input[name=signature]");
  var error = form.querySelector("[data-signature-error]");
  var pad = new window.SignaturePad(canvas, { backgroundColor: "rgb(255, 255, 255)", penColor: "#111", minWidth: 1, maxWidth: 3 });

  function resize() {
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    var data = pad.isEmpty() ? null : pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    if (data) pad.fromData(data);
  }
  window.addEventListener("resize", resize);
  resize();
  form.setAttribute("data-ready", "");  /* the pad takes strokes from now on */

  form.querySelector("[data-signature-clear]").addEventListener("click", function () {
    pad.clear();
    error.hidden = true;
  });
  form.addEventListener("submit", function (event) {
    if (pad.isEmpty()) {
      event.preventDefault();
      error.textContent = form.getAttribute("data-empty-message");
      error.hidden = false;
      return;
    }
    field.value = pad.toDataURL("image/png");
  });
})();
