"""The few SVG pieces every demo picture is drawn with: the document, text, colours, the
small Wi-Fi sign, and `zone()`, which turns a rectangle drawn on a picture into the percent
values a hotspot question expects."""

SVG_NS = "http://www.w3.org/2000/svg"

INK = "#1b1b1b"
GREY = "#6b6b6b"
LIGHT = "#e5e7eb"
BLUE = "#0a58a8"
WHITE = "#ffffff"


def svg(width, height, body, scale=1):
    """`scale` enlarges the intrinsic size only: a mock screenshot drawn 400 units wide may
    grow to 560 pixels on a computer, and still shrinks to fit a phone."""
    return (
        f'<svg xmlns="{SVG_NS}" width="{round(width * scale)}" height="{round(height * scale)}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">{body}</svg>'
    )


def screen(width, height, body):
    """A landscape mock screenshot: 400 units wide, up to 560 pixels on a computer."""
    return svg(width, height, body, scale=1.4)


def text(x, y, content, size=18, fill=INK, weight="normal", anchor="start"):
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


def wifi_small(x, y, colour=WHITE):
    return (
        f'<g fill="none" stroke="{colour}" stroke-width="2.5" stroke-linecap="round">'
        f'<path d="M{x} {y + 6} a11 11 0 0 1 16 0"/><path d="M{x + 3} {y + 10} a6 6 0 0 1 10 0"/>'
        f'</g><circle cx="{x + 8}" cy="{y + 14}" r="2" fill="{colour}"/>'
    )
