"""Printable documents of courses: the session handout (fiche récapitulative)."""

from django.utils.text import slugify

from documents.identity import site_branding
from documents.printables import Printable
from documents.renderer import qr_data_uri


class HandoutPrintable(Printable):
    """One session's summary sheet; with `learner_names`, one copy per learner."""

    template_name = "courses/pdf/handout.html"

    def __init__(self, *, session, online_url, learner_names=None, site=None):
        self.session = session
        self.online_url = online_url
        self.learner_names = list(learner_names or [])
        self.site = site

    def get_context(self):
        session = self.session
        track = session.get_parent().specific
        learnt, home_steps, tips = [], [], []
        for block in session.handout:
            if block.block_type == "learnt":
                learnt.extend(block.value)
            elif block.block_type == "home_steps":
                home_steps.extend(block.value)
            elif block.block_type == "tip":
                tips.append(block.value)
        return {
            "session": session,
            "track": track,
            "learnt": learnt,
            "home_steps": home_steps,
            "tips": tips,
            "vocabulary": [block.value for block in session.vocabulary],
            "copies": self.learner_names or [None],
            "online_url": self.online_url,
            "qr": qr_data_uri(self.online_url),
            "branding": site_branding(self.site),
        }

    def filename(self):
        return f"fiche-{slugify(self.session.get_parent().title)}-seance-{self.session.number}.pdf"
