"""Small drawings for the demo exercises, written as SVG by hand.

Each picture is a plain SVG string: shapes and text only, generic font families, no script,
no link, no external reference, a few kilobytes at most. `PICTURES` maps a file name to the
SVG text and its French alt text. The mock screenshots are drawn 400 units wide so that their
text stays readable on a 360-pixel phone; `zone()` turns a rectangle drawn on them into the
percent values a hotspot question expects.
"""

SVG_NS = "http://www.w3.org/2000/svg"

INK = "#1b1b1b"
GREY = "#6b6b6b"
LIGHT = "#e5e7eb"
BLUE = "#0a58a8"
WHITE = "#ffffff"


def _svg(width, height, body, scale=1):
    """`scale` enlarges the intrinsic size only: a mock screenshot drawn 400 units wide may
    grow to 560 pixels on a computer, and still shrinks to fit a phone."""
    return (
        f'<svg xmlns="{SVG_NS}" width="{round(width * scale)}" height="{round(height * scale)}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">{body}</svg>'
    )


def _screen(width, height, body):
    """A landscape mock screenshot: 400 units wide, up to 560 pixels on a computer."""
    return _svg(width, height, body, scale=1.4)


def _text(x, y, content, size=18, fill=INK, weight="normal", anchor="start"):
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" fill="{fill}" font-weight="{weight}" '
        f'text-anchor="{anchor}">{content}</text>'
    )


def zone(size, x, y, width, height):
    """A rectangle drawn on a picture of `size` (width, height), in percent of the picture."""
    picture_width, picture_height = size
    return {
        "x": round(x / picture_width * 100, 1),
        "y": round(y / picture_height * 100, 1),
        "width": round(width / picture_width * 100, 1),
        "height": round(height / picture_height * 100, 1),
    }


# --------------------------------------------------------------------------- objects


def _mouse():
    return _svg(
        200,
        200,
        '<path d="M100 20 C150 20 160 60 160 110 C160 160 135 185 100 185 C65 185 40 160 40 110'
        f' C40 60 50 20 100 20 Z" fill="{LIGHT}" stroke="{INK}" stroke-width="6"/>'
        f'<path d="M100 20 V92 M42 92 H158" stroke="{INK}" stroke-width="6" fill="none"/>'
        f'<path d="M100 20 C60 20 46 50 43 92 H100 Z" fill="{BLUE}" opacity="0.35"/>'
        f'<rect x="93" y="42" width="14" height="30" rx="7" fill="{INK}"/>'
        f'<path d="M100 20 C100 5 120 0 135 8" stroke="{INK}" stroke-width="5" fill="none"/>',
    )


def _keyboard():
    keys = []
    for row, y in enumerate((56, 86, 116)):
        offset = 18 + row * 8
        for column in range(10 - row):
            keys.append(
                f'<rect x="{offset + column * 17}" y="{y}" width="13" height="22" rx="3" '
                f'fill="{WHITE}" stroke="{INK}" stroke-width="2"/>'
            )
    keys.append(
        f'<rect x="50" y="146" width="100" height="20" rx="3" fill="{WHITE}" '
        f'stroke="{INK}" stroke-width="2"/>'
    )
    return _svg(
        200,
        200,
        f'<rect x="8" y="44" width="184" height="134" rx="12" fill="{LIGHT}" stroke="{INK}" '
        f'stroke-width="5"/>' + "".join(keys),
    )


def _laptop():
    return _svg(
        200,
        200,
        f'<rect x="30" y="30" width="140" height="96" rx="8" fill="{INK}"/>'
        f'<rect x="40" y="40" width="120" height="76" fill="#9cc3ea"/>'
        f'<path d="M40 104 L80 78 L104 96 L130 72 L160 100 V116 H40 Z" fill="#3d8f4f"/>'
        f'<circle cx="62" cy="60" r="9" fill="#ffd23f"/>'
        f'<path d="M14 132 H186 L176 162 H24 Z" fill="{LIGHT}" stroke="{INK}" stroke-width="5" '
        f'stroke-linejoin="round"/>'
        f'<rect x="82" y="142" width="36" height="14" rx="3" fill="{WHITE}" stroke="{INK}" '
        f'stroke-width="3"/>',
    )


def _phone():
    return _svg(
        200,
        200,
        f'<rect x="58" y="10" width="84" height="180" rx="14" fill="{INK}"/>'
        f'<rect x="65" y="26" width="70" height="140" rx="4" fill="#dbeafe"/>'
        f'<rect x="74" y="38" width="20" height="20" rx="5" fill="#16a34a"/>'
        f'<rect x="106" y="38" width="20" height="20" rx="5" fill="{BLUE}"/>'
        f'<rect x="74" y="70" width="20" height="20" rx="5" fill="#f59e0b"/>'
        f'<rect x="106" y="70" width="20" height="20" rx="5" fill="{GREY}"/>'
        f'<circle cx="100" cy="178" r="6" fill="{GREY}"/>',
    )


def _wifi():
    return _svg(
        200,
        200,
        f'<g fill="none" stroke="{BLUE}" stroke-width="16" stroke-linecap="round">'
        '<path d="M28 84 A102 102 0 0 1 172 84"/>'
        '<path d="M54 112 A64 64 0 0 1 146 112"/>'
        '<path d="M80 140 A28 28 0 0 1 120 140"/></g>'
        f'<circle cx="100" cy="166" r="13" fill="{BLUE}"/>',
    )


def _padlock():
    return _svg(
        200,
        200,
        f'<path d="M62 92 V64 A38 38 0 0 1 138 64 V92" fill="none" stroke="{INK}" '
        f'stroke-width="14"/>'
        f'<rect x="40" y="88" width="120" height="96" rx="14" fill="#f59e0b" stroke="{INK}" '
        f'stroke-width="6"/>'
        f'<circle cx="100" cy="126" r="12" fill="{INK}"/>'
        f'<rect x="94" y="130" width="12" height="30" rx="4" fill="{INK}"/>',
    )


def _paperclip():
    return _svg(
        200,
        200,
        '<path d="M120 52 V140 A30 30 0 0 1 60 140 V48 A20 20 0 0 1 100 48 V134 A10 10 0 0 1 80 '
        f'134 V64" fill="none" stroke="{INK}" stroke-width="10" stroke-linecap="round"/>',
    )


def _trash():
    return _svg(
        200,
        200,
        f'<rect x="46" y="44" width="108" height="16" rx="4" fill="{GREY}"/>'
        f'<rect x="82" y="28" width="36" height="16" rx="4" fill="none" stroke="{GREY}" '
        f'stroke-width="6"/>'
        f'<path d="M56 66 H144 L136 176 H64 Z" fill="{LIGHT}" stroke="{GREY}" stroke-width="6" '
        f'stroke-linejoin="round"/>'
        f'<path d="M82 84 V158 M100 84 V158 M118 84 V158" stroke="{GREY}" stroke-width="6"/>',
    )


def _pencil():
    return _svg(
        200,
        200,
        '<g transform="rotate(45 100 100)">'
        f'<rect x="84" y="20" width="32" height="120" fill="#f59e0b" stroke="{INK}" '
        f'stroke-width="5"/>'
        f'<path d="M84 140 L100 178 L116 140 Z" fill="#f5d0a9" stroke="{INK}" stroke-width="5" '
        f'stroke-linejoin="round"/>'
        f'<rect x="84" y="14" width="32" height="16" fill="#ec4899" stroke="{INK}" '
        f'stroke-width="5"/></g>',
    )


def _magnifier():
    return _svg(
        200,
        200,
        f'<circle cx="86" cy="86" r="48" fill="#dbeafe" stroke="{INK}" stroke-width="12"/>'
        f'<path d="M122 122 L170 170" stroke="{INK}" stroke-width="18" stroke-linecap="round"/>',
    )


def _key(symbol_path, label):
    return _svg(
        200,
        200,
        f'<rect x="20" y="40" width="160" height="120" rx="16" fill="{LIGHT}" stroke="{INK}" '
        f'stroke-width="6"/>'
        f'<rect x="32" y="50" width="136" height="96" rx="10" fill="{WHITE}"/>'
        f'<path d="{symbol_path}" fill="none" stroke="{INK}" stroke-width="8" '
        f'stroke-linecap="round" stroke-linejoin="round"/>'
        + _text(100, 136, label, size=20, anchor="middle", weight="bold"),
    )


def _internet_box():
    return _svg(
        240,
        200,
        f'<rect x="30" y="40" width="180" height="64" rx="12" fill="{INK}"/>'
        f'<circle cx="58" cy="72" r="6" fill="#22c55e"/><circle cx="80" cy="72" r="6" '
        f'fill="#22c55e"/>'
        f'<rect x="30" y="116" width="180" height="70" rx="6" fill="{WHITE}" stroke="{INK}" '
        f'stroke-width="3"/>'
        + _text(42, 142, "Réseau : MaBox-7F2A", size=15)
        + _text(42, 168, "Clé Wi-Fi : k4Rb-92mX", size=15, weight="bold")
        + f'<path d="M120 104 V116" stroke="{GREY}" stroke-width="3" stroke-dasharray="3 3"/>',
    )


def _scam_sms():
    lines = ("Votre colis est", "bloqué. Payez", "1,99 € ici :")
    return _svg(
        260,
        290,
        f'<rect x="22" y="4" width="216" height="282" rx="22" fill="{INK}"/>'
        f'<rect x="32" y="22" width="196" height="246" rx="6" fill="{WHITE}"/>'
        + _text(130, 50, "+33 7 56 18 …", size=16, anchor="middle", weight="bold")
        + f'<rect x="42" y="66" width="176" height="150" rx="14" fill="{LIGHT}"/>'
        + "".join(_text(54, 94 + 24 * i, line, size=17) for i, line in enumerate(lines))
        + _text(54, 172, "colis-suivi.info", size=17, fill=BLUE)
        + _text(54, 200, "Urgent !", size=17, weight="bold"),
    )


# ------------------------------------------------------------- mock screenshots

DESKTOP_SIZE = (400, 260)


def _windows_logo(x, y, size=12, colour="#60a5fa"):
    half = size // 2 + 1
    return "".join(
        f'<rect x="{x + dx}" y="{y + dy}" width="{size // 2}" height="{size // 2}" '
        f'fill="{colour}"/>'
        for dx in (0, half)
        for dy in (0, half)
    )


def _wifi_small(x, y, colour=WHITE):
    return (
        f'<g fill="none" stroke="{colour}" stroke-width="2.5" stroke-linecap="round">'
        f'<path d="M{x} {y + 6} a11 11 0 0 1 16 0"/><path d="M{x + 3} {y + 10} a6 6 0 0 1 10 0"/>'
        f'</g><circle cx="{x + 8}" cy="{y + 14}" r="2" fill="{colour}"/>'
    )


def _desktop():
    width, height = DESKTOP_SIZE
    return _screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#2f6fad"/>'
        '<path d="M0 170 C90 130 180 150 260 120 C320 100 370 110 400 100 V220 H0 Z" '
        'fill="#3f86c7"/>'
        # The Recycle Bin, top left.
        f'<rect x="30" y="14" width="32" height="8" rx="2" fill="{LIGHT}"/>'
        f'<path d="M32 24 H60 L56 62 H36 Z" fill="{LIGHT}" stroke="{GREY}" stroke-width="2"/>'
        + _text(46, 84, "Corbeille", size=14, fill=WHITE, anchor="middle")
        # A folder under it.
        + '<path d="M28 104 H42 L47 110 H66 V140 H28 Z" fill="#f6c244"/>'
        + _text(46, 160, "Documents", size=14, fill=WHITE, anchor="middle")
        # The taskbar.
        + f'<rect y="220" width="{width}" height="40" fill="#1f2937"/>'
        + '<rect x="4" y="222" width="40" height="36" rx="4" fill="#374151"/>'
        + _windows_logo(15, 231, 18)
        + '<path d="M60 232 H72 L76 236 H88 V252 H60 Z" fill="#f6c244"/>'
        + '<circle cx="112" cy="240" r="12" fill="#38bdf8"/><circle cx="112" cy="240" r="5" '
        'fill="#1f2937"/>'
        + _wifi_small(300, 232)
        + f'<rect x="326" y="235" width="18" height="10" rx="2" fill="none" stroke="{WHITE}" '
        f'stroke-width="2"/><rect x="328" y="237" width="11" height="6" fill="{WHITE}"/>'
        + _text(374, 240, "14:30", size=13, fill=WHITE, anchor="middle")
        + _text(374, 254, "12/03", size=11, fill=WHITE, anchor="middle"),
    )


DESKTOP_ZONES = {
    "start": zone(DESKTOP_SIZE, 2, 220, 44, 40),
    "bin": zone(DESKTOP_SIZE, 14, 8, 64, 82),
    "clock": zone(DESKTOP_SIZE, 352, 222, 46, 36),
    "wifi": zone(DESKTOP_SIZE, 294, 222, 28, 36),
}

WINDOW_SIZE = (400, 260)


def _window():
    width, height = WINDOW_SIZE
    return _screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#2f6fad"/>'
        f'<rect x="10" y="10" width="380" height="240" fill="{WHITE}" stroke="{GREY}"/>'
        f'<rect x="10" y="10" width="380" height="44" fill="{LIGHT}"/>'
        + '<path d="M22 24 H32 L36 28 H46 V44 H22 Z" fill="#f6c244"/>'
        + _text(56, 40, "Documents", size=18)
        # Reduce, enlarge, close: 50 units each, like the real buttons.
        + f'<path d="M252 32 H272" stroke="{INK}" stroke-width="2.5"/>'
        + f'<rect x="304" y="23" width="18" height="18" fill="none" stroke="{INK}" '
        f'stroke-width="2.5"/>'
        + f'<path d="M355 23 L373 41 M373 23 L355 41" stroke="{INK}" stroke-width="2.5"/>'
        + _text(24, 90, "Ce dossier contient :", size=16, fill=GREY)
        + "".join(
            f'<path d="M{x} 110 H{x + 16} L{x + 21} 116 H{x + 44} V150 H{x} Z" fill="#f6c244"/>'
            + _text(x + 22, 172, name, size=14, anchor="middle")
            for x, name in ((40, "Images"), (150, "Musique"), (260, "Factures"))
        ),
    )


WINDOW_ZONES = {
    "reduce": zone(WINDOW_SIZE, 238, 10, 50, 44),
    "enlarge": zone(WINDOW_SIZE, 288, 10, 50, 44),
    "close": zone(WINDOW_SIZE, 338, 10, 52, 44),
}

LAPTOP_SIZE = (400, 260)


def _laptop_parts():
    width, height = LAPTOP_SIZE
    return _screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#f3f4f6"/>'
        f'<rect x="80" y="10" width="240" height="130" rx="10" fill="{INK}"/>'
        f'<rect x="92" y="22" width="216" height="106" fill="#9cc3ea"/>'
        f'<path d="M40 146 H360 L384 244 H16 Z" fill="#d1d5db" stroke="{INK}" stroke-width="3" '
        f'stroke-linejoin="round"/>'
        + "".join(
            f'<rect x="{70 + column * 22 - row * 4}" y="{160 + row * 16}" width="18" '
            f'height="12" rx="2" fill="{WHITE}" stroke="{GREY}"/>'
            for row in range(3)
            for column in range(11)
        )
        # The power button, top right of the keyboard.
        + f'<circle cx="332" cy="160" r="10" fill="{WHITE}" stroke="{INK}" stroke-width="2"/>'
        + f'<path d="M328 155 A6 6 0 1 0 336 155 M332 152 V159" fill="none" stroke="{INK}" '
        f'stroke-width="2" stroke-linecap="round"/>'
        # The touchpad.
         + f'<rect x="160" y="212" width="80" height="28" rx="4" fill="#e5e7eb" stroke="{GREY}" '
        f'stroke-width="2"/>'
        # The charger socket on the left side, with its cable.
        + f'<rect x="22" y="200" width="14" height="10" rx="2" fill="{INK}"/>'
        + f'<path d="M22 205 H8" stroke="{INK}" stroke-width="4"/>',
    )


LAPTOP_ZONES = {
    "power": zone(LAPTOP_SIZE, 318, 146, 28, 28),
    "touchpad": zone(LAPTOP_SIZE, 156, 208, 88, 36),
    "charger": zone(LAPTOP_SIZE, 4, 192, 40, 26),
    "screen": zone(LAPTOP_SIZE, 80, 10, 240, 130),
}

PHONE_SIZE = (240, 400)


def _phone_frame(body):
    width, height = PHONE_SIZE
    return _svg(
        width,
        height,
        f'<rect width="{width}" height="{height}" rx="26" fill="{INK}"/>'
        f'<rect x="8" y="8" width="224" height="384" rx="20" fill="#dbeafe"/>' + body,
    )


def _app(x, y, colour, label, glyph=""):
    return (
        f'<rect x="{x}" y="{y}" width="52" height="52" rx="14" fill="{colour}"/>'
        + glyph
        + _text(x + 26, y + 72, label, size=13, anchor="middle")
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


def _phone_home():
    status = (
        _text(24, 32, "9:41", size=14, weight="bold")
        + _wifi_small(170, 19, colour=INK)
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


def _phone_wifi():
    rows = ""
    for index, (name, locked) in enumerate(
        (("Asso-Invites", True), ("Box-Voisin", True), ("Gare-WiFi-Gratuit", False))
    ):
        y = 130 + index * 64
        rows += (
            f'<rect x="16" y="{y}" width="208" height="56" rx="10" fill="{WHITE}"/>'
            + _wifi_small(28, y + 18, colour=INK)
            + _text(56, y + 34, name, size=15)
        )
        if locked:
            rows += (
                f'<rect x="200" y="{y + 26}" width="12" height="10" rx="2" fill="{GREY}"/>'
                f'<path d="M202 {y + 26} v-4 a4 4 0 0 1 8 0 v4" fill="none" stroke="{GREY}" '
                f'stroke-width="2"/>'
            )
    return _phone_frame(
        _text(24, 32, "9:41", size=14, weight="bold")
        + _text(24, 72, "Wi-Fi", size=24, weight="bold")
        + f'<rect x="16" y="86" width="208" height="32" rx="10" fill="{WHITE}"/>'
        + _text(28, 108, "Activé", size=15)
        + '<rect x="178" y="92" width="36" height="20" rx="10" fill="#16a34a"/>'
        + f'<circle cx="204" cy="102" r="7" fill="{WHITE}"/>'
        + rows
    )


PHONE_WIFI_ZONES = {
    "asso": zone(PHONE_SIZE, 16, 130, 208, 56),
    "neighbour": zone(PHONE_SIZE, 16, 194, 208, 56),
    "station": zone(PHONE_SIZE, 16, 258, 208, 56),
}

BROWSER_SIZE = (400, 260)


def _browser():
    width, height = BROWSER_SIZE
    return _screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>'
        f'<rect width="{width}" height="40" fill="#d1d5db"/>'
        f'<path d="M8 40 V12 Q8 6 14 6 H164 Q170 6 170 12 V40 Z" fill="{WHITE}"/>'
        + _text(20, 30, "Service Public", size=15)
        + f'<path d="M190 22 H206 M198 14 V30" stroke="{INK}" stroke-width="3"/>'
        + f'<rect y="40" width="{width}" height="44" fill="{WHITE}"/>'
        + f'<path d="M26 62 H10 M17 55 L10 62 L17 69" fill="none" stroke="{INK}" '
        f'stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>'
        + f'<path d="M50 54 A9 9 0 1 0 58 60" fill="none" stroke="{GREY}" stroke-width="3"/>'
        + f'<rect x="72" y="47" width="318" height="30" rx="15" fill="#f3f4f6" '
        f'stroke="{GREY}"/>'
        + _text(90, 68, "service-public.gouv.fr", size=15)
        + f'<path d="M372 52 l3.5 7 7.5 1 -5.5 5 1.5 7.5 -7 -3.5 -7 3.5 1.5 -7.5 -5.5 -5 7.5 -1 '
        f'Z" fill="none" stroke="{INK}" stroke-width="1.8" stroke-linejoin="round"/>'
        + f'<rect y="84" width="{width}" height="46" fill="#000091"/>'
        + _text(16, 114, "Service Public", size=20, fill=WHITE, weight="bold")
        + _text(16, 160, "Vos droits et démarches", size=18, weight="bold")
        + f'<rect x="16" y="176" width="368" height="34" rx="4" fill="{WHITE}" '
        f'stroke="{GREY}"/>'
        + _text(28, 198, "Rechercher…", size=15, fill=GREY)
        + f'<rect x="16" y="222" width="240" height="10" rx="5" fill="{LIGHT}"/>'
        + f'<rect x="16" y="240" width="180" height="10" rx="5" fill="{LIGHT}"/>',
    )


BROWSER_ZONES = {
    "address": zone(BROWSER_SIZE, 72, 45, 286, 34),
    "back": zone(BROWSER_SIZE, 2, 44, 34, 36),
    "new_tab": zone(BROWSER_SIZE, 180, 6, 36, 32),
    "star": zone(BROWSER_SIZE, 358, 45, 32, 34),
    "search": zone(BROWSER_SIZE, 16, 176, 368, 34),
}


def _search_results():
    width, height = BROWSER_SIZE

    def result(y, title, address, sponsored=False):
        label = _text(16, y, "Sponsorisé", size=13, weight="bold") if sponsored else ""
        top = y + (20 if sponsored else 0)
        return (
            label
            + _text(16, top, address, size=13, fill="#166534")
            + _text(16, top + 22, title, size=17, fill="#1a0dab")
        )

    return _screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>'
        f'<rect x="12" y="10" width="376" height="36" rx="18" fill="{WHITE}" stroke="{GREY}"/>'
        + _text(30, 34, "horaires mairie Villebrune", size=15)
        + f'<circle cx="362" cy="26" r="7" fill="none" stroke="{BLUE}" stroke-width="2.5"/>'
        + f'<path d="M367 31 L373 37" stroke="{BLUE}" stroke-width="2.5"/>'
        + result(74, "Papiers de mairie en 24 h", "papiers-express.com", sponsored=True)
        + f'<rect x="12" y="128" width="376" height="1" fill="{LIGHT}"/>'
        + result(152, "Horaires de la mairie de Villebrune", "villebrune.fr")
        + _text(16, 196, "Ouvert du lundi au vendredi, de 8 h 30…", size=13, fill=GREY)
        + f'<rect x="12" y="210" width="376" height="1" fill="{LIGHT}"/>'
        + result(232, "Mairie de Villebrune : avis", "annuaire-villes.net"),
    )


SEARCH_ZONES = {
    "sponsored": zone(BROWSER_SIZE, 10, 58, 380, 66),
    "official": zone(BROWSER_SIZE, 10, 134, 380, 68),
    "directory": zone(BROWSER_SIZE, 10, 216, 380, 40),
}

INBOX_SIZE = (400, 260)


def _inbox():
    width, height = INBOX_SIZE
    folders = "".join(
        _text(20, y, name, size=17, weight="bold" if name == "Réception" else "normal")
        for y, name in ((120, "Réception"), (152, "Envoyés"), (184, "Spam"), (216, "Corbeille"))
    )
    messages = "".join(
        f'<rect x="150" y="{y}" width="244" height="46" fill="{fill}"/>'
        + _text(160, y + 20, sender, size=14, weight="bold")
        + _text(160, y + 38, subject, size=13, fill=GREY)
        for y, sender, subject, fill in (
            (56, "France Travail", "Votre rendez-vous", "#eff6ff"),
            (104, "Mme Diallo", "Photos du goûter", WHITE),
            (152, "Association", "Atelier de mardi", WHITE),
        )
    )
    return _screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>'
        f'<rect width="{width}" height="44" fill="#f3f4f6"/>'
        + _text(16, 29, "Courrier", size=20, weight="bold", fill="#b91c1c")
        + '<circle cx="370" cy="22" r="16" fill="#7c3aed"/>'
        + _text(370, 28, "K", size=17, fill=WHITE, weight="bold", anchor="middle")
        + '<rect x="8" y="54" width="134" height="40" rx="20" fill="#c2e7ff"/>'
        + f'<path d="M22 82 l2 -7 12 -12 5 5 -12 12 Z" fill="{INK}"/>'
        + _text(46, 79, "Nouveau", size=15, weight="bold")
        + folders
        + f'<rect x="144" y="44" width="1" height="{height - 44}" fill="{LIGHT}"/>'
        + messages,
    )


INBOX_ZONES = {
    "new": zone(INBOX_SIZE, 6, 52, 138, 44),
    "spam": zone(INBOX_SIZE, 8, 166, 126, 26),
    "account": zone(INBOX_SIZE, 350, 2, 40, 40),
    "sent": zone(INBOX_SIZE, 8, 134, 126, 26),
}

LOGIN_SIZE = (400, 260)


def _login():
    width, height = LOGIN_SIZE
    return _screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#f3f4f6"/>'
        f'<rect width="{width}" height="40" fill="{BLUE}"/>'
        + _text(16, 27, "Mon espace en ligne", size=17, fill=WHITE, weight="bold")
        + f'<rect x="16" y="52" width="368" height="200" rx="8" fill="{WHITE}"/>'
        + '<rect x="40" y="62" width="320" height="44" rx="4" fill="#000091"/>'
        + _text(
            200,
            90,
            "S'identifier avec FranceConnect",
            size=16,
            fill=WHITE,
            anchor="middle",
            weight="bold",
        )
        + _text(200, 126, "ou", size=15, fill=GREY, anchor="middle")
        + _text(40, 150, "Identifiant", size=16)
        + f'<rect x="40" y="156" width="320" height="28" rx="4" fill="{WHITE}" stroke="{GREY}"/>'
        + _text(40, 204, "Mot de passe", size=16)
        + _text(360, 204, "Mot de passe oublié ?", size=15, fill=BLUE, anchor="end")
        + f'<rect x="40" y="210" width="320" height="28" rx="4" fill="{WHITE}" stroke="{GREY}"/>',
    )


LOGIN_ZONES = {
    "franceconnect": zone(LOGIN_SIZE, 40, 62, 320, 44),
    "login": zone(LOGIN_SIZE, 38, 138, 324, 48),
    "forgotten": zone(LOGIN_SIZE, 192, 188, 170, 22),
    "password": zone(LOGIN_SIZE, 38, 210, 324, 30),
}

SCHOOL_SIZE = (240, 400)


def _school_app():
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
        + _text(64, y + 34, name, size=16, weight="bold")
        for name, colour, y in items
    )
    return _svg(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#f3f4f6"/>'
        f'<rect width="{width}" height="96" fill="#1f5f4a"/>'
        + _text(16, 30, "Espace parents", size=18, fill=WHITE, weight="bold")
        + _text(16, 56, "Collège Jean-Moulin", size=14, fill=WHITE)
        + _text(16, 80, "Léa D. — 5e B", size=14, fill=WHITE)
        + menu,
    )


SCHOOL_ZONES = {
    "homework": zone(SCHOOL_SIZE, 12, 116, 216, 56),
    "marks": zone(SCHOOL_SIZE, 12, 182, 216, 56),
    "school_life": zone(SCHOOL_SIZE, 12, 248, 216, 56),
    "messages": zone(SCHOOL_SIZE, 12, 314, 216, 56),
}

_BACKSPACE = "M150 72 H80 L60 92 L80 112 H150 Z M98 82 L118 102 M118 82 L98 102"
_ENTER = "M140 62 V96 H70 M84 82 L70 96 L84 110"
_SHIFT = "M100 60 L132 92 H114 V112 H86 V92 H68 Z"

PICTURES = {
    "souris.svg": (_mouse(), "Dessin d'une souris d'ordinateur. Le bouton gauche est en bleu."),
    "clavier.svg": (_keyboard(), "Dessin d'un clavier d'ordinateur."),
    "ordinateur-portable.svg": (_laptop(), "Dessin d'un ordinateur portable ouvert."),
    "telephone.svg": (_phone(), "Dessin d'un smartphone."),
    "wifi.svg": (_wifi(), "Le symbole du Wi-Fi : un éventail."),
    "cadenas.svg": (_padlock(), "Dessin d'un cadenas fermé."),
    "trombone.svg": (_paperclip(), "Dessin d'un trombone."),
    "corbeille.svg": (_trash(), "Dessin d'une poubelle."),
    "crayon.svg": (_pencil(), "Dessin d'un crayon."),
    "loupe.svg": (_magnifier(), "Dessin d'une loupe."),
    "touche-retour-arriere.svg": (
        _key(_BACKSPACE, "Retour"),
        "Touche avec une flèche vers la gauche et une croix.",
    ),
    "touche-entree.svg": (_key(_ENTER, "Entrée"), "Touche avec une flèche qui descend et tourne."),
    "touche-maj.svg": (_key(_SHIFT, "Maj"), "Touche avec une grosse flèche vers le haut."),
    "box-internet.svg": (
        _internet_box(),
        "Une box internet. Dessous, une étiquette donne le nom du réseau et la clé Wi-Fi.",
    ),
    "sms-colis.svg": (
        _scam_sms(),
        "Un SMS d'un numéro inconnu : « Votre colis est bloqué. Payez 1,99 € ici », avec "
        "un lien et le mot « Urgent ».",
    ),
    "bureau.svg": (
        _desktop(),
        "L'écran d'un ordinateur : la Corbeille en haut à gauche, la barre des tâches en bas "
        "avec le logo Windows à gauche, le Wi-Fi et l'heure à droite.",
    ),
    "fenetre.svg": (
        _window(),
        "Une fenêtre « Documents » ouverte. En haut à droite : un trait, un carré et une croix.",
    ),
    "ordinateur-parties.svg": (
        _laptop_parts(),
        "Un ordinateur portable ouvert : l'écran, le clavier avec un bouton rond en haut à "
        "droite, le pavé tactile en bas, et la prise du chargeur sur le côté gauche.",
    ),
    "telephone-accueil.svg": (
        _phone_home(),
        "L'écran d'accueil d'un téléphone : en haut l'heure, le Wi-Fi et la batterie ; "
        "dessous, six applications dont Paramètres (une roue dentée) et Photo.",
    ),
    "telephone-wifi.svg": (
        _phone_wifi(),
        "Les réglages Wi-Fi d'un téléphone, avec trois réseaux : Asso-Invites, Box-Voisin "
        "et Gare-WiFi-Gratuit.",
    ),
    "navigateur.svg": (
        _browser(),
        "Un navigateur internet : en haut un onglet et un « + », puis la flèche retour, "
        "la barre d'adresse avec une étoile au bout, et la page du site.",
    ),
    "resultats-recherche.svg": (
        _search_results(),
        "Une page de résultats de recherche. Le premier résultat est marqué « Sponsorisé ». "
        "Le deuxième est le site de la ville, villebrune.fr.",
    ),
    "boite-mail.svg": (
        _inbox(),
        "Une boîte mail : le bouton « Nouveau » en haut à gauche, puis les dossiers Réception, "
        "Envoyés, Spam et Corbeille, et un rond avec la lettre K en haut à droite.",
    ),
    "connexion.svg": (
        _login(),
        "Une page de connexion : un bouton bleu « S'identifier avec FranceConnect », puis les "
        "cases Identifiant et Mot de passe, et le lien « Mot de passe oublié ? ».",
    ),
    "espace-parents.svg": (
        _school_app(),
        "L'espace parents d'un collège, avec quatre boutons : Cahier de textes, Notes, "
        "Vie scolaire et Communication.",
    ),
}


def picture(name):
    """The SVG bytes of a picture, ready for `build_package(images=...)`."""
    return PICTURES[name][0].encode("utf-8"), "image/svg+xml"


def alt(name):
    return PICTURES[name][1]
