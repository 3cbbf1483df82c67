/* Print buttons: [data-print] opens the browser's print dialogue. A file rather than an
   onclick="" attribute: the Content-Security-Policy runs no inline script. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function () {
      window.print();
    });
  }
})();
