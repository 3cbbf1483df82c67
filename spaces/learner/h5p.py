"""Playback of H5P packages, from a path of its own, always sandboxed.

Every response under `/h5p/` carries a Content-Security-Policy whose `sandbox` directive
gives the document an opaque origin: a package's script (or an SVG opened directly) cannot
read Tremplin's cookies, and its requests carry none. Scripts come only from Tremplin's
own static files and stored libraries; network requests are limited to `/h5p/` itself,
which serves public, unauthenticated files (content is reached through a signed key).
The learner page embeds the player in an `<iframe sandbox="allow-scripts">` and relays
the xAPI statements the player posts to it.
"""

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from courses.h5p.addresses import SIGNER_SALT, activity_iri
from courses.h5p.packages import LIBRARY_DIRECTORY, content_type, h5p_storage, servable
from courses.models import H5PActivity, H5PLibrary


def activity_for(signed):
    try:
        key = signing.Signer(salt=SIGNER_SALT).unsign(signed)
    except signing.BadSignature as error:
        raise Http404 from error
    return get_object_or_404(
        H5PActivity.objects.only("id", "key", "title", "content_folder"), key=key, is_active=True
    )


def sandbox_policy(request):
    h5p_root = request.build_absolute_uri("/h5p/")
    return "; ".join(
        [
            "sandbox allow-scripts",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src {h5p_root}",
            "frame-src 'none'",
            "worker-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'self'",
        ]
    )


def _sandboxed(request, response, *, cache_seconds):
    response["Content-Security-Policy"] = sandbox_policy(request)
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    # The player runs in an opaque origin: its fetches of h5p.json, content.json and
    # library.json are cross-origin, never with credentials.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={cache_seconds}"
    return response


def _stored_file(request, name, *, cache_seconds):
    storage = h5p_storage()
    if not storage.exists(name):
        raise Http404
    response = FileResponse(storage.open(name, "rb"), content_type=content_type(name))
    return _sandboxed(request, response, cache_seconds=cache_seconds)


@require_safe
@xframe_options_sameorigin
def player(request, signed):
    """The document inside the learner page's sandboxed iframe."""
    activity = activity_for(signed)
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(
            request,
            "learner/h5p/player.html",
            {
                "activity": activity,
                "language": language,
                "h5p_json_path": reverse("h5p_content_root", args=[signed]).rstrip("/"),
                "libraries_path": reverse("h5p_libraries_root").rstrip("/"),
                "frame_js": static("vendor/h5p-standalone/frame.bundle.js"),
                "frame_css": static("vendor/h5p-standalone/styles/h5p.css"),
                "custom_css": static("courses/h5p/frame.css"),
                "iri": activity_iri(request, activity),
                "parent_origin": f"{request.scheme}://{request.get_host()}",
            },
        )
    response["Content-Language"] = language
    return _sandboxed(request, response, cache_seconds=0)


@require_safe
@xframe_options_sameorigin
def content_file(request, signed, path):
    """h5p.json and the content folder of one activity."""
    if path != "h5p.json" and not path.startswith("content/"):
        raise Http404
    if not servable(path):
        raise Http404
    activity = activity_for(signed)
    return _stored_file(request, f"{activity.storage_prefix}/{path}", cache_seconds=3600)


@require_safe
@xframe_options_sameorigin
def library_file(request, directory, path):
    """A file of a stored library, shared by every package that uses it."""
    match = LIBRARY_DIRECTORY.match(directory)
    if match is None or not servable(path):
        raise Http404
    library = H5PLibrary.objects.filter(
        machine_name=match["name"],
        major_version=int(match["major"]),
        minor_version=int(match["minor"]),
    ).first()
    if library is None or not library.folder:
        raise Http404
    return _stored_file(request, f"{library.folder}/{path}", cache_seconds=3600)
