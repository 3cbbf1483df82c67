"""axe-core (npm package `axe-core`, node_modules/axe-core/axe.min.js) run in the page by the
browser journeys: every page a journey visits must have no WCAG 2.0 / 2.1 A or AA violation of
impact "serious" or "critical".

    def test_something(live_server, phone, axe):
        axe.watch(phone)          # from now on, every page loaded in this tab is recorded
        phone.goto(...)
        axe.check(phone)          # after each page load (and after a change worth checking)

At the end of the test, the `axe` fixture fails if a page loaded in a watched tab was never
checked. `axe.check_frame(frame)` checks the inside of the H5P player's frame, for
Tremplin's own content types. The Wagtail admin (/admin/) is Wagtail's markup, not
Tremplin's: it is not checked.

`TREMPLIN_AXE_COLLECT=1` turns each failure into a note and reports every page's violations
at the end of the test, to fix a whole journey at once.
"""

import functools
import os
from pathlib import Path
from urllib.parse import urlsplit

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
NOT_CHECKED = ("/admin/",)
# The H5P player shows a package's content in <iframe sandbox="allow-scripts"> with an opaque
# origin: its markup comes from the package (h5p.org, Lumi...), third-party content that
# Tremplin's templates do not write, and the sandbox keeps the parent page's script out of
# it, as it should. `check` covers the page around the frame (the frame's title included);
# `check_frame` is called on the frame for Tremplin's own content types only.
EXCLUDE = ["iframe#exercise-frame"]

RUN = """async ([exclude, tags]) => {
  const context = exclude.length ? { exclude: exclude.map((selector) => [selector]) } : document;
  const results = await window.axe.run(context, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
    iframes: false,
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    count: violation.nodes.length,
    targets: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    summary: (violation.nodes[0] && violation.nodes[0].failureSummary) || "",
  }));
}"""


@functools.cache
def _source():
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: `npm install` (package.json lists it)")
    return AXE_JS.read_text(encoding="utf-8")


def _path(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def violations(page, exclude=()):
    """The serious and critical violations of the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol rather than a <script> tag: Tremplin's
        # Content-Security-Policy (script-src 'self') refuses inline scripts, rightly.
        page.evaluate(_source())
    found = page.evaluate(RUN, [[*EXCLUDE, *exclude], TAGS])
    return [violation for violation in found if violation["impact"] in BLOCKING]


def describe(url, found):
    lines = [f"axe-core: {len(found)} serious or critical violation(s) on {url}"]
    for violation in found:
        lines.append(
            f"  - {violation['id']} [{violation['impact']}] {violation['help']}"
            f" ({violation['count']} element(s)): {', '.join(violation['targets'])}"
        )
        if violation["summary"]:
            lines.append("      " + violation["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


class Axe:
    def __init__(self):
        self.collect = os.environ.get("TREMPLIN_AXE_COLLECT") == "1"
        self.loaded = {}  # page -> paths loaded in it, in order
        self.checked = set()
        self.notes = []

    def watch(self, page):
        """Record every document loaded in this tab, to check none was left unchecked."""
        loaded = self.loaded.setdefault(page, [])

        def on_navigation(frame):
            if frame == page.main_frame and frame.url.startswith("http"):
                loaded.append(_path(frame.url))

        page.on("framenavigated", on_navigation)
        return page

    def check(self, page, exclude=()):
        page.wait_for_load_state("load")
        path = _path(page.url)
        self.checked.add(path)
        if path.startswith(NOT_CHECKED):
            return
        found = violations(page, exclude)
        if not found:
            return
        message = describe(path, found)
        if self.collect:
            self.notes.append(message)
        else:
            raise AssertionError(message)

    def check_frame(self, frame):
        """Tremplin's own H5P content types (courses/h5p/libraries), inside the player's
        frame: the DevTools protocol reaches into the sandbox where the page's script cannot."""
        frame.wait_for_load_state("load")
        found = violations(frame)
        if not found:
            return
        message = describe(f"the H5P frame {_path(frame.url)}", found)
        if self.collect:
            self.notes.append(message)
        else:
            raise AssertionError(message)

    def finish(self):
        unchecked = [
            path
            for paths in self.loaded.values()
            for path in paths
            if path not in self.checked and not path.startswith(NOT_CHECKED)
        ]
        problems = list(self.notes)
        if unchecked:
            problems.append(
                "pages loaded but never checked with axe-core: "
                + ", ".join(dict.fromkeys(unchecked))
            )
        if problems:
            raise AssertionError("\n".join(problems))
