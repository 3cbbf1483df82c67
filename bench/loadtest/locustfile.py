"""Locust scenario: 200 learners doing exercises and 50 trainers taking the roll at once.

Run by bench/loadtest/run.sh, which prepares the database (bench/loadtest/prepare.py) and
passes the credentials file in LOADTEST_CREDENTIALS. Each virtual user takes its own
account from that file.

Two details make the browser-less client behave like the real pages:

- Production sets SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE. The test runs on plain
  http on loopback, and python-requests (like a browser) never sends a Secure cookie over
  http. Rather than weaken the settings under test, each client's cookie jar forgets the
  Secure flag of the cookies it stores (PlainHttpCookieJar), as a browser talking to
  nginx over https would send them.
- Every user comes from 127.0.0.1. Behind nginx (TRUSTED_PROXY_COUNT=1) each classroom has
  its own address: the client sends X-Forwarded-For with one address per cohort (its
  trainer and its learners share the classroom's Wi-Fi box), so that the per-address
  rate limits (allauth's "login: 30/m/ip") see what they would in production.

Requests are named by route, so the statistics group them; the log-in requests (and the
log-in page) are suffixed " (login)" so that the summary can leave them out of the
steady-state figures: each one costs a PBKDF2 hash (~0.3-0.5 s of CPU) by design.
"""

import csv
import itertools
import json
import os
import random
import re
import time
import uuid
from html import unescape
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser
from requests.cookies import RequestsCookieJar

CREDENTIALS = Path(
    os.environ.get(
        "LOADTEST_CREDENTIALS",
        Path(__file__).resolve().parents[2] / "var" / "loadtest" / "credentials.json",
    )
)
DATA = json.loads(CREDENTIALS.read_text())
LEARNERS = itertools.cycle(DATA["learners"])
TRAINERS = itertools.cycle(DATA["trainers"])
MEETING_INDEX = {trainer["meeting_id"]: i for i, trainer in enumerate(DATA["trainers"])}

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DATA_ATTR = re.compile(r'data-([a-z0-9-]+)="([^"]*)"')
IFRAME_SRC = re.compile(r'<iframe id="exercise-frame"[^>]*?\ssrc="([^"]+)"', re.S)
VERBS = "http://adlnet.gov/expapi/verbs/"


# Every response, for exact percentiles with and without the log-ins (bench/loadtest/summarise.py).
SAMPLES = []


@events.request.add_listener
def keep_sample(request_type, name, response_time, exception, start_time=None, **_kwargs):
    SAMPLES.append(
        (
            f"{start_time or time.time():.3f}",
            request_type,
            name,
            f"{response_time:.1f}",
            int(bool(exception)),
        )
    )


@events.quitting.add_listener
def write_samples(**_kwargs):
    path = os.environ.get("LOADTEST_SAMPLES")
    if path:
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["start", "method", "name", "response_time_ms", "failed"])
            writer.writerows(SAMPLES)


def classroom_ip(meeting_id):
    index = MEETING_INDEX.get(meeting_id, 0)
    return f"10.20.{index // 200}.{index % 200 + 10}"


def data_attributes(html, element_id):
    """The data-* attributes of the element with this id."""
    start = html.find(f'id="{element_id}"')
    if start < 0:
        return {}
    tag_start = html.rfind("<", 0, start)
    tag_end = html.find(">", start)
    return {name: unescape(value) for name, value in DATA_ATTR.findall(html[tag_start:tag_end])}


def csrf_from(html):
    match = CSRF_INPUT.search(html)
    return match.group(1) if match else None


class PlainHttpCookieJar(RequestsCookieJar):
    """Keeps the Secure cookies of production (session, CSRF) usable over plain http.

    http.cookiejar never returns a Secure cookie for an http URL, and requests builds a
    fresh jar for each request (so a cookie policy set on the session's jar is lost):
    the flag is dropped as each cookie is stored, and copies keep it dropped."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class TremplinUser(HttpUser):
    abstract = True

    def on_start(self):
        self.client.cookies = PlainHttpCookieJar()

    def get_page(self, url, name, expect=None):
        """GET a page; a failure unless 200 (and `expect` in the body when given)."""
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code} (Location: {r.headers.get('Location', '')})")
                return None
            if expect and expect not in r.text:
                r.failure(f"{expect!r} not in the page")
                return None
            return r.text

    def log_in(self, page_url, fields, landing):
        html = self.get_page(page_url, f"{page_url} (login)")
        token = csrf_from(html or "")
        if token is None:
            raise StopUser
        with self.client.post(
            page_url,
            data={"csrfmiddlewaretoken": token, **fields},
            headers={"Referer": self.host + page_url},
            name=f"{page_url} (login)",
            catch_response=True,
            allow_redirects=False,
        ) as r:
            if r.status_code != 302 or not r.headers.get("Location", "").startswith(landing):
                r.failure(f"log-in refused: HTTP {r.status_code} {r.headers.get('Location', '')}")
                raise StopUser


class LearnerUser(TremplinUser):
    """Signs in with a code and a PIN, then does exercise after exercise."""

    fixed_count = 200
    wait_time = between(3, 8)

    def on_start(self):
        super().on_start()
        self.account = next(LEARNERS)
        self.client.headers["X-Forwarded-For"] = classroom_ip(self.account["meeting_id"])
        self.log_in(
            "/apprenant/connexion/",
            {"code": self.account["code"], "pin": DATA["learner_pin"]},
            "/apprenant/",
        )

    @task
    def do_an_exercise(self):
        self.get_page("/apprenant/", "/apprenant/", expect="apprenant/exercices")
        self.wait()
        activity_id = random.choice(DATA["exercise_ids"])
        html = self.get_page(
            f"/apprenant/exercices/{activity_id}/",
            "/apprenant/exercices/[id]/",
            expect='id="exercise-frame"',
        )
        if html is None:
            return
        box = data_attributes(html, "exercise")
        player_url = unescape(IFRAME_SRC.search(html).group(1))
        # The sandboxed frame: the player document, then h5p.json and content.json.
        player = self.get_page(player_url, "/h5p/[signed]/jouer/", expect="h5p-container")
        if player is None:
            return
        container = data_attributes(player, "h5p-container")
        base = container["h5p-json"]
        self.get_page(f"{base}/h5p.json", "/h5p/[signed]/h5p.json")
        self.get_page(f"{base}/content/content.json", "/h5p/[signed]/content/content.json")
        iri = container["iri"]
        token = box["token"]
        headers = {"Content-Type": "application/json", "X-CSRFToken": box["csrf"]}
        questions = random.randint(3, 5)
        right = 0
        for number in range(1, questions + 1):
            self.wait()
            success = random.random() < 0.7
            right += success
            key = f"q{number}"
            statement = {
                "id": str(uuid.uuid4()),
                "actor": {"name": "learner", "objectType": "Agent"},
                "verb": {"id": VERBS + "answered", "display": {"en-US": "answered"}},
                "object": {
                    "id": f"{iri}?subContentId={key}",
                    "objectType": "Activity",
                    "definition": {
                        "name": {"fr": f"Question {number}"},
                        "extensions": {"http://h5p.org/x-api/h5p-subContentId": key},
                    },
                },
                "context": {"contextActivities": {"parent": [{"id": iri}]}},
                "result": {
                    "score": {"min": 0, "raw": int(success), "max": 1},
                    "success": success,
                    "response": "La souris" if success else "Le clavier",
                    "completion": True,
                    "duration": f"PT{random.randint(3, 30)}S",
                },
            }
            self.relay(box["endpoint"], headers, token, statement, "answered")
        self.wait()
        completed = {
            "id": str(uuid.uuid4()),
            "actor": {"name": "learner", "objectType": "Agent"},
            "verb": {"id": VERBS + "completed", "display": {"en-US": "completed"}},
            "object": {"id": iri, "objectType": "Activity"},
            "result": {
                "score": {"min": 0, "raw": right, "max": questions},
                "success": right == questions,
                "completion": True,
                "duration": f"PT{random.randint(30, 180)}S",
            },
        }
        self.relay(box["endpoint"], headers, token, completed, "completed")

    def relay(self, endpoint, headers, token, statement, verb):
        """POST one xAPI statement as cohorts/static/cohorts/js/exercise.js does."""
        with self.client.post(
            endpoint,
            data=json.dumps({"token": token, "statement": statement}),
            headers=headers,
            name=f"{endpoint} [{verb}]",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}: {r.text[:200]}")
                return
            body = r.json()
            if not body.get("recorded") or body.get("finished") != (verb == "completed"):
                r.failure(f"statement not recorded as expected: {body}")


class TrainerUser(TremplinUser):
    """Signs in with allauth, opens today's meeting and taps the roll, learner by learner."""

    fixed_count = 50
    wait_time = between(2, 5)
    marks = ["present"] * 6 + ["late", "absent", "excused"]

    def on_start(self):
        super().on_start()
        self.trainer = next(TRAINERS)
        self.meeting_url = f"/formateur/seances/groupe/{self.trainer['meeting_id']}/"
        self.client.headers["X-Forwarded-For"] = classroom_ip(self.trainer["meeting_id"])
        self.log_in(
            "/comptes/login/",
            {"login": self.trainer["username"], "password": DATA["trainer_password"]},
            "/espace/",
        )
        self.get_page("/formateur/", "/formateur/", expect=self.meeting_url)
        gevent.sleep(random.uniform(2, 5))  # self.wait() may not be used in on_start
        self.open_meeting()

    def open_meeting(self):
        html = self.get_page(self.meeting_url, "/formateur/seances/groupe/[id]/", expect="roll-row")
        if html is not None:
            self.csrf = csrf_from(html)

    @task(10)
    def tap_the_roll(self):
        learner_id = random.choice(self.trainer["learner_ids"])
        mark = random.choice(self.marks)
        url = f"{self.meeting_url}appel/"
        with self.client.post(
            url,
            data={"csrfmiddlewaretoken": self.csrf, "learner": str(learner_id), "mark": mark},
            headers={
                "HX-Request": "true",
                "HX-Current-URL": self.host + self.meeting_url,
                "HX-Target": f"apprenant-{learner_id}",
                "Referer": self.host + self.meeting_url,
            },
            name="/formateur/seances/groupe/[id]/appel/",
            catch_response=True,
            allow_redirects=False,
        ) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
            elif f'id="apprenant-{learner_id}"' not in r.text:
                r.failure("the roll row did not come back")
            elif "form-error" in r.text:
                r.failure("the roll call refused the mark: " + r.text[:300])

    @task(1)
    def reload_the_meeting(self):
        self.open_meeting()

    @task(1)
    def back_to_home(self):
        self.get_page("/formateur/", "/formateur/", expect=self.meeting_url)
