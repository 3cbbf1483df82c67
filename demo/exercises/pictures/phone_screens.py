"""Mock screenshots of a phone for the hotspot questions (home screen, Wi-Fi settings, the
school's parents app), each with the zones its questions point at."""

from .drawing import BLUE, GREY, INK, LIGHT, WHITE, svg, text, wifi_small, zone

PHONE_SIZE = (240, 400)


def _phone_frame(body):
    width, height = PHONE_SIZE
    return svg(
        width,
        height,
        f'<rect width="{width}" height="{height}" rx="26" fill="{INK}"/>'
        f'<rect x="8" y="8" width="224" height="384" rx="20" fill="#dbeafe"/>' + body,
    )


def _app(x, y, colour, label, glyph=""):
    return (
        f'<rect x="{x}" y="{y}" width="52" height="52" rx="14" fill="{colour}"/>'
        + glyph
        + text(x + 26, y + 72, label, size=13, anchor="middle")
    )


def _gear(cx, cy):
    teeth = "".join(
        f'<rect x="{cx - 4}" y="{cy - 19}" width="8" height="10" fill="{WHITE}" '
        f'transform="rotate({angle} {cx} {cy})"/>'
        for angle in range(0, 360, 45)
    )
    return (
        teeth
        + f'<circle cx="{cx}" cy="{cy}" r="12" fill="{WHITE}"/>'
        + f'<circle cx="{cx}" cy="{cy}" r="5" fill="{GREY}"/>'
    )


def phone_home():
    status = (
        text(24, 32, "9:41", size=14, weight="bold")
        + wifi_small(170, 19, colour=INK)
        + f'<rect x="196" y="22" width="22" height="11" rx="2" fill="none" stroke="{INK}" '
        f'stroke-width="2"/><rect x="198" y="24" width="14" height="7" fill="{INK}"/>'
    )
    camera = (
        f'<rect x="36" y="182" width="32" height="22" rx="4" fill="{WHITE}"/>'
        f'<circle cx="52" cy="193" r="7" fill="{GREY}"/>'
    )
    apps = (
        _app(
            26,
            60,
            "#16a34a",
            "Téléphone",
            '<path d="M40 74 q4 -6 8 0 l-2 4 q4 8 10 10 l4 -2 q6 4 0 8 q-14 2 -20 -20 Z" '
            f'fill="{WHITE}"/>',
        )
        + _app(
            94,
            60,
            BLUE,
            "Messages",
            f'<path d="M106 74 H134 V92 H116 L108 98 V92 H106 Z" fill="{WHITE}"/>',
        )
        + _app(162, 60, "#f59e0b", "Galerie", f'<circle cx="188" cy="86" r="10" fill="{WHITE}"/>')
        + _app(26, 166, "#4b5563", "Photo", camera)
        + _app(94, 166, GREY, "Paramètres", _gear(120, 192))
        + _app(
            162,
            166,
            "#0f766e",
            "Play Store",
            f'<path d="M180 180 L200 192 L180 204 Z" fill="{WHITE}"/>',
        )
    )
    return _phone_frame(
        status + apps + f'<rect x="90" y="372" width="60" height="5" rx="2" fill="{INK}"/>'
    )


PHONE_HOME_ZONES = {
    "settings": zone(PHONE_SIZE, 86, 160, 68, 86),
    "wifi": zone(PHONE_SIZE, 164, 12, 28, 28),
    "camera": zone(PHONE_SIZE, 18, 160, 68, 86),
    "battery": zone(PHONE_SIZE, 192, 12, 32, 28),
}


def phone_wifi():
    rows = ""
    for index, (name, locked) in enumerate(
        (("Asso-Invites", True), ("Box-Voisin", True), ("Gare-WiFi-Gratuit", False))
    ):
        y = 130 + index * 64
        rows += (
            f'<rect x="16" y="{y}" width="208" height="56" rx="10" fill="{WHITE}"/>'
            + wifi_small(28, y + 18, colour=INK)
            + text(56, y + 34, name, size=15)
        )
        if locked:
            rows += (
                f'<rect x="200" y="{y + 26}" width="12" height="10" rx="2" fill="{GREY}"/>'
                f'<path d="M202 {y + 26} v-4 a4 4 0 0 1 8 0 v4" fill="none" stroke="{GREY}" '
                f'stroke-width="2"/>'
            )
    return _phone_frame(
        text(24, 32, "9:41", size=14, weight="bold")
        + text(24, 72, "Wi-Fi", size=24, weight="bold")
        + f'<rect x="16" y="86" width="208" height="32" rx="10" fill="{WHITE}"/>'
        + text(28, 108, "Activé", size=15)
        + '<rect x="178" y="92" width="36" height="20" rx="10" fill="#16a34a"/>'
        + f'<circle cx="204" cy="102" r="7" fill="{WHITE}"/>'
        + rows
    )


PHONE_WIFI_ZONES = {
    "asso": zone(PHONE_SIZE, 16, 130, 208, 56),
    "neighbour": zone(PHONE_SIZE, 16, 194, 208, 56),
    "station": zone(PHONE_SIZE, 16, 258, 208, 56),
}


SCHOOL_SIZE = (240, 400)


def school_app():
    width, height = SCHOOL_SIZE
    items = (
        ("Cahier de textes", "#7c3aed", 116),
        ("Notes", "#0f766e", 182),
        ("Vie scolaire", "#b45309", 248),
        ("Communication", BLUE, 314),
    )
    menu = "".join(
        f'<rect x="12" y="{y}" width="216" height="56" rx="10" fill="{WHITE}" stroke="{LIGHT}"/>'
        f'<rect x="22" y="{y + 12}" width="32" height="32" rx="8" fill="{colour}"/>'
        + text(64, y + 34, name, size=16, weight="bold")
        for name, colour, y in items
    )
    return svg(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#f3f4f6"/>'
        f'<rect width="{width}" height="96" fill="#1f5f4a"/>'
        + text(16, 30, "Espace parents", size=18, fill=WHITE, weight="bold")
        + text(16, 56, "Collège Jean-Moulin", size=14, fill=WHITE)
        + text(16, 80, "Léa D. — 5e B", size=14, fill=WHITE)
        + menu,
    )


SCHOOL_ZONES = {
    "homework": zone(SCHOOL_SIZE, 12, 116, 216, 56),
    "marks": zone(SCHOOL_SIZE, 12, 182, 216, 56),
    "school_life": zone(SCHOOL_SIZE, 12, 248, 216, 56),
    "messages": zone(SCHOOL_SIZE, 12, 314, 216, 56),
}
