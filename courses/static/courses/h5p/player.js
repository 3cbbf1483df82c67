/* The H5P player inside the sandboxed frame: plays the package with h5p-standalone and
   posts each xAPI statement, and the frame's height, to the Tremplin page around it. */
(function () {
  "use strict";
  // The frame has an opaque origin: reading localStorage throws, and H5P core reads it.
  // A storage kept in memory for the time of the exercise is all it needs.
  function memoryStorage() {
    var items = {};
    return {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null; },
      setItem: function (key, value) { items[key] = String(value); },
      removeItem: function (key) { delete items[key]; },
      clear: function () { items = {}; },
      key: function (index) { return Object.keys(items)[index] || null; },
      get length() { return Object.keys(items).length; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      void window[name];
    } catch (error) {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  });

  var root = document.getElementById("h5p-container");
  var data = root.dataset;

  function send(message) {
    message.tremplin = message.tremplin || "h5p";
    window.parent.postMessage(message, data.parentOrigin);
  }

  var lastHeight = 0;
  function reportHeight() {
    // The content's own height, so that the frame also shrinks (the end screen is short).
    var height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY) + 16;
    if (height !== lastHeight) {
      lastHeight = height;
      send({ type: "height", height: height });
    }
  }

  function fail(error) {
    if (error && window.console) window.console.error("Tremplin player:", error);
    root.textContent = data.error;
    root.setAttribute("role", "alert");
    send({ type: "error" });
  }

  if (!window.H5PStandalone) {
    fail();
    return;
  }
  var options = {
    id: data.contentId,
    h5pJsonPath: data.h5pJson,
    librariesPath: data.libraries,
    frameJs: data.frameJs,
    frameCss: data.frameCss,
    customCss: [data.customCss],
    embedType: "div",
    xAPIObjectIRI: data.iri,
    title: data.title,
    frame: false,
    icon: false,
    copyright: false,
    export: false,
    embed: false,
    fullScreen: false
  };
  new window.H5PStandalone.H5P(root, options).then(function () {
    var loading = root.querySelector(".tremplin-loading");
    if (loading) loading.remove();
    window.H5P.externalDispatcher.on("xAPI", function (event) {
      send({ type: "xapi", statement: event.data.statement });
    });
    send({ type: "ready" });
    reportHeight();
  }).catch(fail);

  if (window.ResizeObserver) {
    new ResizeObserver(reportHeight).observe(document.body);
  } else {
    window.setInterval(reportHeight, 500);
  }
})();
