"""Small H5P packages crafted for tests: a probe library whose script we choose, and raw
archives with whatever hostile shape a test needs."""

import io
import json
import zipfile

PROBE = "Tremplin.TestProbe"

PROBE_JS_DEFAULT = """
window.Tremplin = window.Tremplin || {};
window.Tremplin.TestProbe = (function () {
  function Probe(params, contentId) {
    H5P.EventDispatcher.call(this);
    this.params = params;
  }
  Probe.prototype = Object.create(H5P.EventDispatcher.prototype);
  Probe.prototype.constructor = Probe;
  Probe.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    var button = document.createElement("button");
    button.id = "probe-finish";
    button.textContent = self.params.label || "Terminer";
    button.addEventListener("click", function () {
      var event = self.createXAPIEventTemplate("completed");
      event.data.statement.result = {
        score: { min: 0, raw: 2, max: 3, scaled: 2 / 3 },
        success: false,
        completion: true,
        duration: "PT12S"
      };
      self.trigger(event);
      root.setAttribute("data-done", "yes");
    });
    root.appendChild(button);
  };
  return Probe;
})();
"""


def archive(files, *, symlinks=(), duplicates=()):
    """A ZIP of `files` ({name: bytes or str}); `symlinks` are (name, target) pairs stored
    as Unix symbolic links, `duplicates` names written a second time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, payload in files.items():
            zipped.writestr(name, payload.encode() if isinstance(payload, str) else payload)
        for name, target in symlinks:
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (0o120777 << 16) | 0
            zipped.writestr(info, target)
        for name in duplicates:
            with_warning_silenced(zipped, name, files[name])
    return buffer.getvalue()


def with_warning_silenced(zipped, name, payload):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zipped.writestr(name, payload.encode() if isinstance(payload, str) else payload)


def probe_files(js=PROBE_JS_DEFAULT, *, title="Exercice d'essai", version=(1, 0, 0), label=None):
    """The files of a valid package whose main library runs `js`."""
    major, minor, patch = version
    directory = f"{PROBE}-{major}.{minor}"
    h5p = {
        "title": title,
        "language": "fr",
        "mainLibrary": PROBE,
        "embedTypes": ["div"],
        "license": "U",
        "preloadedDependencies": [
            {"machineName": PROBE, "majorVersion": major, "minorVersion": minor}
        ],
    }
    library = {
        "title": "Sonde de test",
        "machineName": PROBE,
        "majorVersion": major,
        "minorVersion": minor,
        "patchVersion": patch,
        "runnable": 1,
        "coreApi": {"majorVersion": 1, "minorVersion": 24},
        "embedTypes": ["div"],
        "preloadedJs": [{"path": "probe.js"}],
    }
    return {
        "h5p.json": json.dumps(h5p),
        "content/content.json": json.dumps({"label": label or "Terminer"}),
        f"{directory}/library.json": json.dumps(library),
        f"{directory}/semantics.json": json.dumps(
            [{"name": "label", "type": "text", "label": "Label"}]
        ),
        f"{directory}/probe.js": js,
    }


def probe_package(js=PROBE_JS_DEFAULT, **kwargs):
    return archive(probe_files(js, **kwargs))
