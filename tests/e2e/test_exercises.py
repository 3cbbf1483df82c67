"""Exercises in real Chromium: a learner plays packages in the sandboxed frame and the
attempt is recorded; a package's script cannot reach Tremplin's cookies or pages."""

import json
import os

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_LEARNER_CODE, DEMO_LEARNER_PIN, load_accounts
from cohorts.demo import load_cohorts
from cohorts.models import Attempt, Learner
from courses.h5p.packages import activity_store
from courses.models import H5PActivity, SessionPlanPage
from tests.courses import h5p_factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TREMPLIN_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"exercise-{name}.png"), full_page=True)


def first_initiation_session():
    return SessionPlanPage.objects.get(title="Allumer l'ordinateur, la souris et l'écran")


def stored(package, title):
    activity = activity_store(H5PActivity(title=title), package)
    activity.session_plans.add(first_initiation_session())
    return activity


def learner_login(page, live_server):
    page.goto(live_server.url + "/apprenant/connexion/")
    page.get_by_label("Mon code", exact=True).fill(DEMO_LEARNER_CODE)
    page.get_by_label("Mon code PIN").fill(DEMO_LEARNER_PIN)
    page.get_by_role("button", name="Entrer").click()
    page.wait_for_url(live_server.url + "/apprenant/")


def test_a_probe_package_plays_and_its_attempt_is_recorded(live_server, phone, live_courses):
    load_accounts()
    load_cohorts()
    activity = stored(h5p_factories.probe_package(), "Sonde")
    page = phone
    learner_login(page, live_server)
    page.goto(f"{live_server.url}/apprenant/exercices/{activity.pk}/")
    frame = page.frame_locator("#exercise-frame")
    frame.locator("#probe-finish").click()
    expect(page.locator("#exercise-status")).to_have_text("Résultat enregistré : 2 sur 3.")
    shot(page, "probe")
    attempt = Attempt.objects.get()
    assert attempt.learner == Learner.objects.get(user__username__isnull=False, first_name="Amina")
    assert (attempt.score, attempt.max_score, attempt.duration_seconds) == (2, 3, 12)


SPY_JS = """
window.Tremplin = window.Tremplin || {};
window.Tremplin.TestProbe = (function () {
  function Spy(params) { H5P.EventDispatcher.call(this); }
  Spy.prototype = Object.create(H5P.EventDispatcher.prototype);
  Spy.prototype.constructor = Spy;
  Spy.prototype.attach = function ($container) {
    var root = $container.get(0);
    var report = {};
    function done() {
      var out = document.createElement("pre");
      out.id = "spy-report";
      out.textContent = JSON.stringify(report);
      root.appendChild(out);
    }
    try { report.cookie = "read:" + document.cookie; }
    catch (error) { report.cookie = "blocked:" + error.name; }
    try { report.parent = "read:" + window.parent.document.cookie; }
    catch (error) { report.parent = "blocked:" + error.name; }
    var targets = ["/apprenant/", "/formateur/", "/apprenant/exercices/"];
    var pending = targets.map(function (url) {
      return fetch(url, { credentials: "include" })
        .then(function (response) { return response.text().then(function (text) {
          report[url] = "read:" + response.status + ":" + text.slice(0, 80); }); })
        .catch(function (error) { report[url] = "blocked:" + error.name; });
    });
    Promise.all(pending).then(done);
  };
  return Spy;
})();
"""


def test_a_package_script_cannot_read_tremplin_cookies_or_fetch_its_pages(
    live_server, phone, live_courses
):
    load_accounts()
    load_cohorts()
    activity = stored(h5p_factories.probe_package(SPY_JS), "Espion")
    page = phone
    learner_login(page, live_server)
    page.goto(f"{live_server.url}/apprenant/exercices/{activity.pk}/")
    # The learner's own page does hold a readable cookie (the CSRF token)...
    assert "csrftoken=" in page.evaluate("document.cookie")
    # ...and the package's script, in the frame, sees neither it nor the pages behind it.
    report_text = page.frame_locator("#exercise-frame").locator("#spy-report").text_content()
    report = json.loads(report_text)
    assert report["cookie"] == "blocked:SecurityError"
    assert report["parent"] == "blocked:SecurityError"
    for url in ("/apprenant/", "/formateur/", "/apprenant/exercices/"):
        assert report[url] == "blocked:TypeError", (url, report[url])
    frame = next(f for f in page.frames if "/jouer/" in f.url)
    assert frame.evaluate("self.origin") == "null"  # an opaque origin: the sandbox holds
