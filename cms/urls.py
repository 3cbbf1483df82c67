from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from spaces.public.accounts import ThrottledAdminLoginView

urlpatterns = [
    # Wagtail's log-in page, with a brake on repeated wrong passwords.
    path("admin/login/", ThrottledAdminLoginView.as_view(), name="wagtailadmin_login"),
    # The structure's identity left cms for documents: its settings pages moved with it.
    path(
        "admin/settings/cms/brandingsettings/",
        RedirectView.as_view(url="/admin/settings/documents/brandingsettings/"),
    ),
    path(
        "admin/settings/cms/brandingsettings/<int:site_pk>/",
        RedirectView.as_view(url="/admin/settings/documents/brandingsettings/%(site_pk)s/"),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comptes/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Each person's pages, under the namespaces their URLs have always had.
    path("", include("spaces.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it answers every path not matched above.
urlpatterns.append(path("", include(wagtail_urls)))
