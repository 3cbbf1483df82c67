"""SMS to learners: the session reminder's text and the pluggable ways of sending it.

Many learners have a phone but no e-mail address. `SMS_BACKEND` names the class that sends:
`ConsoleBackend` (the default) only writes the message to the log and the console, so a
development machine or a structure without a provider sends nothing; `HttpBackend` posts
to a provider's API (`SMS_API_URL`, `SMS_API_TOKEN`). Another provider is one small class
with a `send(*, phone, text)` method.
"""

import json
import logging
import sys
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The provider did not take the message."""


class ConsoleBackend:
    """Writes each message to the log and the console instead of sending it."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, phone, text):
        logger.info("SMS to %s: %s", phone, text)
        self.stream.write(f"SMS → {phone}\n{text}\n{'-' * 40}\n")
        self.stream.flush()


class HttpBackend:
    """Posts `{"to", "text", "sender"}` as JSON to `SMS_API_URL`, with the token as a bearer.

    Most French SMS gateways accept this shape or need a few lines in a subclass
    (`payload()`); the timeout keeps a slow provider from holding a worker.
    """

    def __init__(self, url=None, token=None, timeout=None, sender=None):
        self.url = url or settings.SMS_API_URL
        self.token = token if token is not None else settings.SMS_API_TOKEN
        self.timeout = timeout or settings.SMS_API_TIMEOUT
        self.sender = sender if sender is not None else settings.SMS_SENDER
        if not self.url.startswith(("https://", "http://")):
            raise SmsError("SMS_API_URL must be an http(s) address")

    def payload(self, *, phone, text):
        return {"to": phone, "text": text, "sender": self.sender}

    def send(self, *, phone, text):
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            self.url,
            data=json.dumps(self.payload(phone=phone, text=text)).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except (urllib.error.URLError, TimeoutError) as error:
            raise SmsError(str(error)) from error
        if not 200 <= status < 300:
            raise SmsError(f"HTTP {status}")


def backend_get():
    return import_string(settings.SMS_BACKEND)()


def time_said(moment):
    """'14 h' or '14 h 30': how the time is said, easier to read than 14:00."""
    if moment.minute:
        return _("%(hour)s h %(minute)02d") % {"hour": moment.hour, "minute": moment.minute}
    return _("%(hour)s h") % {"hour": moment.hour}


def meeting_place(meeting):
    venue = meeting.cohort.venue
    if meeting.room and meeting.room.lower() not in venue.lower():
        return f"{venue}, {meeting.room}"
    return venue


def reminder_language(learner):
    """The learner's language if the site speaks it, else French."""
    codes = {code for code, _name in settings.LANGUAGES}
    return learner.language if learner.language in codes else settings.LANGUAGE_CODE


def reminder_text(*, meeting, learner):
    """The day-before reminder, short and plain, in the learner's language."""
    with translation.override(reminder_language(learner)):
        starts_at = timezone.localtime(meeting.starts_at)
        values = {
            "name": learner.first_name,
            "day": formats.date_format(starts_at, "l j F"),
            "time": time_said(starts_at),
            "place": meeting_place(meeting),
        }
        if meeting.session_plan_id:
            values["title"] = meeting.session_plan.title
            return (
                _(
                    "Bonjour %(name)s. Demain %(day)s à %(time)s : séance « %(title)s » "
                    "à %(place)s. À demain !"
                )
                % values
            )
        return _("Bonjour %(name)s. Demain %(day)s à %(time)s : séance à %(place)s. À demain !") % (
            values
        )
