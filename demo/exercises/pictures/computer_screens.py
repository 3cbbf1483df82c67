"""Mock screenshots of a computer for the hotspot questions (desktop, window, laptop,
browser, search results, inbox, log-in page), each with the zones its questions point at."""

from .drawing import BLUE, GREY, INK, LIGHT, WHITE, screen, text, wifi_small, zone

DESKTOP_SIZE = (400, 260)


def _windows_logo(x, y, size=12, colour="#60a5fa"):
    half = size // 2 + 1
    return "".join(
        f'<rect x="{x + dx}" y="{y + dy}" width="{size // 2}" height="{size // 2}" '
        f'fill="{colour}"/>'
        for dx in (0, half)
        for dy in (0, half)
    )


def desktop():
    width, height = DESKTOP_SIZE
    return screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#2f6fad"/>'
        '<path d="M0 170 C90 130 180 150 260 120 C320 100 370 110 400 100 V220 H0 Z" '
        'fill="#3f86c7"/>'
        # The Recycle Bin, top left.
        f'<rect x="30" y="14" width="32" height="8" rx="2" fill="{LIGHT}"/>'
        f'<path d="M32 24 H60 L56 62 H36 Z" fill="{LIGHT}" stroke="{GREY}" stroke-width="2"/>'
        + text(46, 84, "Corbeille", size=14, fill=WHITE, anchor="middle")
        # A folder under it.
        + '<path d="M28 104 H42 L47 110 H66 V140 H28 Z" fill="#f6c244"/>'
        + text(46, 160, "Documents", size=14, fill=WHITE, anchor="middle")
        # The taskbar.
        + f'<rect y="220" width="{width}" height="40" fill="#1f2937"/>'
        + '<rect x="4" y="222" width="40" height="36" rx="4" fill="#374151"/>'
        + _windows_logo(15, 231, 18)
        + '<path d="M60 232 H72 L76 236 H88 V252 H60 Z" fill="#f6c244"/>'
        + '<circle cx="112" cy="240" r="12" fill="#38bdf8"/><circle cx="112" cy="240" r="5" '
        'fill="#1f2937"/>'
        + wifi_small(300, 232)
        + f'<rect x="326" y="235" width="18" height="10" rx="2" fill="none" stroke="{WHITE}" '
        f'stroke-width="2"/><rect x="328" y="237" width="11" height="6" fill="{WHITE}"/>'
        + text(374, 240, "14:30", size=13, fill=WHITE, anchor="middle")
        + text(374, 254, "12/03", size=11, fill=WHITE, anchor="middle"),
    )


DESKTOP_ZONES = {
    "start": zone(DESKTOP_SIZE, 2, 220, 44, 40),
    "bin": zone(DESKTOP_SIZE, 14, 8, 64, 82),
    "clock": zone(DESKTOP_SIZE, 352, 222, 46, 36),
    "wifi": zone(DESKTOP_SIZE, 294, 222, 28, 36),
}

WINDOW_SIZE = (400, 260)


def window():
    width, height = WINDOW_SIZE
    return screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#2f6fad"/>'
        f'<rect x="10" y="10" width="380" height="240" fill="{WHITE}" stroke="{GREY}"/>'
        f'<rect x="10" y="10" width="380" height="44" fill="{LIGHT}"/>'
        + '<path d="M22 24 H32 L36 28 H46 V44 H22 Z" fill="#f6c244"/>'
        + text(56, 40, "Documents", size=18)
        # Reduce, enlarge, close: 50 units each, like the real buttons.
        + f'<path d="M252 32 H272" stroke="{INK}" stroke-width="2.5"/>'
        + f'<rect x="304" y="23" width="18" height="18" fill="none" stroke="{INK}" '
        f'stroke-width="2.5"/>'
        + f'<path d="M355 23 L373 41 M373 23 L355 41" stroke="{INK}" stroke-width="2.5"/>'
        + text(24, 90, "Ce dossier contient :", size=16, fill=GREY)
        + "".join(
            f'<path d="M{x} 110 H{x + 16} L{x + 21} 116 H{x + 44} V150 H{x} Z" fill="#f6c244"/>'
            + text(x + 22, 172, name, size=14, anchor="middle")
            for x, name in ((40, "Images"), (150, "Musique"), (260, "Factures"))
        ),
    )


WINDOW_ZONES = {
    "reduce": zone(WINDOW_SIZE, 238, 10, 50, 44),
    "enlarge": zone(WINDOW_SIZE, 288, 10, 50, 44),
    "close": zone(WINDOW_SIZE, 338, 10, 52, 44),
}

LAPTOP_SIZE = (400, 260)


def laptop_parts():
    width, height = LAPTOP_SIZE
    return screen(
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


BROWSER_SIZE = (400, 260)


def browser():
    width, height = BROWSER_SIZE
    return screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>'
        f'<rect width="{width}" height="40" fill="#d1d5db"/>'
        f'<path d="M8 40 V12 Q8 6 14 6 H164 Q170 6 170 12 V40 Z" fill="{WHITE}"/>'
        + text(20, 30, "Service Public", size=15)
        + f'<path d="M190 22 H206 M198 14 V30" stroke="{INK}" stroke-width="3"/>'
        + f'<rect y="40" width="{width}" height="44" fill="{WHITE}"/>'
        + f'<path d="M26 62 H10 M17 55 L10 62 L17 69" fill="none" stroke="{INK}" '
        f'stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>'
        + f'<path d="M50 54 A9 9 0 1 0 58 60" fill="none" stroke="{GREY}" stroke-width="3"/>'
        + f'<rect x="72" y="47" width="318" height="30" rx="15" fill="#f3f4f6" '
        f'stroke="{GREY}"/>'
        + text(90, 68, "service-public.gouv.fr", size=15)
        + f'<path d="M372 52 l3.5 7 7.5 1 -5.5 5 1.5 7.5 -7 -3.5 -7 3.5 1.5 -7.5 -5.5 -5 7.5 -1 '
        f'Z" fill="none" stroke="{INK}" stroke-width="1.8" stroke-linejoin="round"/>'
        + f'<rect y="84" width="{width}" height="46" fill="#000091"/>'
        + text(16, 114, "Service Public", size=20, fill=WHITE, weight="bold")
        + text(16, 160, "Vos droits et démarches", size=18, weight="bold")
        + f'<rect x="16" y="176" width="368" height="34" rx="4" fill="{WHITE}" '
        f'stroke="{GREY}"/>'
        + text(28, 198, "Rechercher…", size=15, fill=GREY)
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


def search_results():
    width, height = BROWSER_SIZE

    def result(y, title, address, sponsored=False):
        label = text(16, y, "Sponsorisé", size=13, weight="bold") if sponsored else ""
        top = y + (20 if sponsored else 0)
        return (
            label
            + text(16, top, address, size=13, fill="#166534")
            + text(16, top + 22, title, size=17, fill="#1a0dab")
        )

    return screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>'
        f'<rect x="12" y="10" width="376" height="36" rx="18" fill="{WHITE}" stroke="{GREY}"/>'
        + text(30, 34, "horaires mairie Villebrune", size=15)
        + f'<circle cx="362" cy="26" r="7" fill="none" stroke="{BLUE}" stroke-width="2.5"/>'
        + f'<path d="M367 31 L373 37" stroke="{BLUE}" stroke-width="2.5"/>'
        + result(74, "Papiers de mairie en 24 h", "papiers-express.com", sponsored=True)
        + f'<rect x="12" y="128" width="376" height="1" fill="{LIGHT}"/>'
        + result(152, "Horaires de la mairie de Villebrune", "villebrune.fr")
        + text(16, 196, "Ouvert du lundi au vendredi, de 8 h 30…", size=13, fill=GREY)
        + f'<rect x="12" y="210" width="376" height="1" fill="{LIGHT}"/>'
        + result(232, "Mairie de Villebrune : avis", "annuaire-villes.net"),
    )


SEARCH_ZONES = {
    "sponsored": zone(BROWSER_SIZE, 10, 58, 380, 66),
    "official": zone(BROWSER_SIZE, 10, 134, 380, 68),
    "directory": zone(BROWSER_SIZE, 10, 216, 380, 40),
}

INBOX_SIZE = (400, 260)


def inbox():
    width, height = INBOX_SIZE
    folders = "".join(
        text(20, y, name, size=17, weight="bold" if name == "Réception" else "normal")
        for y, name in ((120, "Réception"), (152, "Envoyés"), (184, "Spam"), (216, "Corbeille"))
    )
    messages = "".join(
        f'<rect x="150" y="{y}" width="244" height="46" fill="{fill}"/>'
        + text(160, y + 20, sender, size=14, weight="bold")
        + text(160, y + 38, subject, size=13, fill=GREY)
        for y, sender, subject, fill in (
            (56, "France Travail", "Votre rendez-vous", "#eff6ff"),
            (104, "Mme Diallo", "Photos du goûter", WHITE),
            (152, "Association", "Atelier de mardi", WHITE),
        )
    )
    return screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>'
        f'<rect width="{width}" height="44" fill="#f3f4f6"/>'
        + text(16, 29, "Courrier", size=20, weight="bold", fill="#b91c1c")
        + '<circle cx="370" cy="22" r="16" fill="#7c3aed"/>'
        + text(370, 28, "K", size=17, fill=WHITE, weight="bold", anchor="middle")
        + '<rect x="8" y="54" width="134" height="40" rx="20" fill="#c2e7ff"/>'
        + f'<path d="M22 82 l2 -7 12 -12 5 5 -12 12 Z" fill="{INK}"/>'
        + text(46, 79, "Nouveau", size=15, weight="bold")
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


def login():
    width, height = LOGIN_SIZE
    return screen(
        width,
        height,
        f'<rect width="{width}" height="{height}" fill="#f3f4f6"/>'
        f'<rect width="{width}" height="40" fill="{BLUE}"/>'
        + text(16, 27, "Mon espace en ligne", size=17, fill=WHITE, weight="bold")
        + f'<rect x="16" y="52" width="368" height="200" rx="8" fill="{WHITE}"/>'
        + '<rect x="40" y="62" width="320" height="44" rx="4" fill="#000091"/>'
        + text(
            200,
            90,
            "S'identifier avec FranceConnect",
            size=16,
            fill=WHITE,
            anchor="middle",
            weight="bold",
        )
        + text(200, 126, "ou", size=15, fill=GREY, anchor="middle")
        + text(40, 150, "Identifiant", size=16)
        + f'<rect x="40" y="156" width="320" height="28" rx="4" fill="{WHITE}" stroke="{GREY}"/>'
        + text(40, 204, "Mot de passe", size=16)
        + text(360, 204, "Mot de passe oublié ?", size=15, fill=BLUE, anchor="end")
        + f'<rect x="40" y="210" width="320" height="28" rx="4" fill="{WHITE}" stroke="{GREY}"/>',
    )


LOGIN_ZONES = {
    "franceconnect": zone(LOGIN_SIZE, 40, 62, 320, 44),
    "login": zone(LOGIN_SIZE, 38, 138, 324, 48),
    "forgotten": zone(LOGIN_SIZE, 192, 188, 170, 22),
    "password": zone(LOGIN_SIZE, 38, 210, 324, 30),
}
