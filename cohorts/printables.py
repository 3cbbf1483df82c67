"""Printable documents of cohorts: the attendance sheet (feuille d'émargement), blank or
signed, and diplomas and attendance certificates."""

from django.utils.text import slugify

from documents.identity import site_branding
from documents.printables import Printable
from documents.renderer import qr_data_uri

from .models import Attendance, Diploma, Enrolment, Signature
from .selectors import format_minutes


class AttendanceSheetPrintable(Printable):
    """One meeting's sheet in the form funders and ESF audits ask for: one row per enrolled
    learner with the mark and the signature drawn on screen; `blank` gives the sheet to print
    before the meeting (names, empty boxes)."""

    template_name = "cohorts/pdf/attendance_sheet.html"

    def __init__(self, *, meeting, blank=False, site=None):
        self.meeting = meeting
        self.blank = blank
        self.site = site

    def get_context(self):
        meeting = self.meeting
        cohort = meeting.cohort
        enrolments = (
            cohort.enrolments.exclude(status=Enrolment.Status.DROPPED)
            .select_related("learner")
            .order_by("learner__last_name", "learner__first_name")
        )
        marks, signatures, trainer_signatures = {}, {}, []
        if not self.blank:
            marks = {a.learner_id: a for a in meeting.attendances.all()}
            for signature in meeting.signatures.select_related("trainer"):
                if signature.role == Signature.Role.LEARNER:
                    signatures[signature.learner_id] = signature
                else:
                    trainer_signatures.append(signature)
        rows = []
        for enrolment in enrolments:
            attendance = marks.get(enrolment.learner_id)
            rows.append(
                {
                    "learner": enrolment.learner,
                    "attendance": attendance,
                    "minutes": format_minutes(attendance.attended_minutes())
                    if attendance
                    and attendance.mark in (Attendance.Mark.PRESENT, Attendance.Mark.LATE)
                    else "",
                    "signature": signatures.get(enrolment.learner_id),
                }
            )
        programme = cohort.programme
        return {
            "meeting": meeting,
            "cohort": cohort,
            "programme": programme,
            "funder": programme.funder if programme else None,
            "track": cohort.track,
            "session": meeting.session_plan,
            "trainers": list(cohort.trainers.all()),
            "trainer_signatures": trainer_signatures,
            "rows": rows,
            "blank": self.blank,
            "branding": site_branding(self.site),
        }

    def filename(self):
        kind = "vierge" if self.blank else "signee"
        cohort = slugify(self.meeting.cohort.name)
        return f"emargement-{cohort}-seance-{self.meeting.number}-{kind}.pdf"


class DiplomaPrintable(Printable):
    """Diplomas and attendance certificates, one A4 landscape page each, with the code and
    a QR code to the public verification page. Everything printed is kept on the diploma,
    so the pages need no query each."""

    template_name = "cohorts/pdf/diplomas.html"

    def __init__(self, *, diplomas, verify_url, site=None):
        self.diplomas = list(diplomas)
        self.verify_url = verify_url.rstrip("/") + "/"
        self.site = site

    def get_context(self):
        pages = []
        for diploma in self.diplomas:
            url = f"{self.verify_url}{diploma.code}/"
            pages.append(
                {
                    "diploma": diploma,
                    "is_diploma": diploma.kind == Diploma.Kind.DIPLOMA,
                    "hours": format_minutes(diploma.attended_minutes),
                    "code": display_code(diploma.code),
                    "url": url,
                    "qr": qr_data_uri(url, scale=3),
                    "competence_rows": _pairs(diploma.competences),
                }
            )
        return {"pages": pages, "branding": site_branding(self.site)}

    def filename(self):
        if len(self.diplomas) == 1:
            diploma = self.diplomas[0]
            return f"{diploma.kind}-{slugify(diploma.first_name)}-{slugify(diploma.last_name)}.pdf"
        return f"diplomes-{len(self.diplomas)}.pdf"


def _pairs(items):
    """[a, b, c] → [(a, b), (c, '')]: two columns on the page."""
    items = list(items)
    if len(items) % 2:
        items.append("")
    return list(zip(items[::2], items[1::2], strict=True))


def display_code(code):
    """ABCD2345EF → ABCD-2345-EF, easier to read aloud and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
