"""Drawings of objects for the demo exercises: mouse, keyboard, laptop, phone, keys,
symbols, the internet box and a scam SMS."""

from .drawing import BLUE, GREY, INK, LIGHT, WHITE, svg, text


def mouse():
    return svg(
        200,
        200,
        '<path d="M100 20 C150 20 160 60 160 110 C160 160 135 185 100 185 C65 185 40 160 40 110'
        f' C40 60 50 20 100 20 Z" fill="{LIGHT}" stroke="{INK}" stroke-width="6"/>'
        f'<path d="M100 20 V92 M42 92 H158" stroke="{INK}" stroke-width="6" fill="none"/>'
        f'<path d="M100 20 C60 20 46 50 43 92 H100 Z" fill="{BLUE}" opacity="0.35"/>'
        f'<rect x="93" y="42" width="14" height="30" rx="7" fill="{INK}"/>'
        f'<path d="M100 20 C100 5 120 0 135 8" stroke="{INK}" stroke-width="5" fill="none"/>',
    )


def keyboard():
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
    return svg(
        200,
        200,
        f'<rect x="8" y="44" width="184" height="134" rx="12" fill="{LIGHT}" stroke="{INK}" '
        f'stroke-width="5"/>' + "".join(keys),
    )


def laptop():
    return svg(
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


def phone():
    return svg(
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


def wifi():
    return svg(
        200,
        200,
        f'<g fill="none" stroke="{BLUE}" stroke-width="16" stroke-linecap="round">'
        '<path d="M28 84 A102 102 0 0 1 172 84"/>'
        '<path d="M54 112 A64 64 0 0 1 146 112"/>'
        '<path d="M80 140 A28 28 0 0 1 120 140"/></g>'
        f'<circle cx="100" cy="166" r="13" fill="{BLUE}"/>',
    )


def padlock():
    return svg(
        200,
        200,
        f'<path d="M62 92 V64 A38 38 0 0 1 138 64 V92" fill="none" stroke="{INK}" '
        f'stroke-width="14"/>'
        f'<rect x="40" y="88" width="120" height="96" rx="14" fill="#f59e0b" stroke="{INK}" '
        f'stroke-width="6"/>'
        f'<circle cx="100" cy="126" r="12" fill="{INK}"/>'
        f'<rect x="94" y="130" width="12" height="30" rx="4" fill="{INK}"/>',
    )


def paperclip():
    return svg(
        200,
        200,
        '<path d="M120 52 V140 A30 30 0 0 1 60 140 V48 A20 20 0 0 1 100 48 V134 A10 10 0 0 1 80 '
        f'134 V64" fill="none" stroke="{INK}" stroke-width="10" stroke-linecap="round"/>',
    )


def trash():
    return svg(
        200,
        200,
        f'<rect x="46" y="44" width="108" height="16" rx="4" fill="{GREY}"/>'
        f'<rect x="82" y="28" width="36" height="16" rx="4" fill="none" stroke="{GREY}" '
        f'stroke-width="6"/>'
        f'<path d="M56 66 H144 L136 176 H64 Z" fill="{LIGHT}" stroke="{GREY}" stroke-width="6" '
        f'stroke-linejoin="round"/>'
        f'<path d="M82 84 V158 M100 84 V158 M118 84 V158" stroke="{GREY}" stroke-width="6"/>',
    )


def pencil():
    return svg(
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


def magnifier():
    return svg(
        200,
        200,
        f'<circle cx="86" cy="86" r="48" fill="#dbeafe" stroke="{INK}" stroke-width="12"/>'
        f'<path d="M122 122 L170 170" stroke="{INK}" stroke-width="18" stroke-linecap="round"/>',
    )


def key(symbol_path, label):
    return svg(
        200,
        200,
        f'<rect x="20" y="40" width="160" height="120" rx="16" fill="{LIGHT}" stroke="{INK}" '
        f'stroke-width="6"/>'
        f'<rect x="32" y="50" width="136" height="96" rx="10" fill="{WHITE}"/>'
        f'<path d="{symbol_path}" fill="none" stroke="{INK}" stroke-width="8" '
        f'stroke-linecap="round" stroke-linejoin="round"/>'
        + text(100, 136, label, size=20, anchor="middle", weight="bold"),
    )


def internet_box():
    return svg(
        240,
        200,
        f'<rect x="30" y="40" width="180" height="64" rx="12" fill="{INK}"/>'
        f'<circle cx="58" cy="72" r="6" fill="#22c55e"/><circle cx="80" cy="72" r="6" '
        f'fill="#22c55e"/>'
        f'<rect x="30" y="116" width="180" height="70" rx="6" fill="{WHITE}" stroke="{INK}" '
        f'stroke-width="3"/>'
        + text(42, 142, "Réseau : MaBox-7F2A", size=15)
        + text(42, 168, "Clé Wi-Fi : k4Rb-92mX", size=15, weight="bold")
        + f'<path d="M120 104 V116" stroke="{GREY}" stroke-width="3" stroke-dasharray="3 3"/>',
    )


def scam_sms():
    lines = ("Votre colis est", "bloqué. Payez", "1,99 € ici :")
    return svg(
        260,
        290,
        f'<rect x="22" y="4" width="216" height="282" rx="22" fill="{INK}"/>'
        f'<rect x="32" y="22" width="196" height="246" rx="6" fill="{WHITE}"/>'
        + text(130, 50, "+33 7 56 18 …", size=16, anchor="middle", weight="bold")
        + f'<rect x="42" y="66" width="176" height="150" rx="14" fill="{LIGHT}"/>'
        + "".join(text(54, 94 + 24 * i, line, size=17) for i, line in enumerate(lines))
        + text(54, 172, "colis-suivi.info", size=17, fill=BLUE)
        + text(54, 200, "Urgent !", size=17, weight="bold"),
    )


BACKSPACE = "M150 72 H80 L60 92 L80 112 H150 Z M98 82 L118 102 M118 82 L98 102"
ENTER = "M140 62 V96 H70 M84 82 L70 96 L84 110"
SHIFT = "M100 60 L132 92 H114 V112 H86 V92 H68 Z"
