"""Admin: "Envois des bilans", the funder reports sent on a rhythm, for coordinators.

Same rules as the cohorts admin (`core.admin` viewsets): every view reads through the
viewset's `get_queryset`, narrowed by the permission policy registered below to the
programmes of the organisations the person coordinates, and the policy narrows the group's
model permissions the same way.
The stored files are downloaded through a view of the deliveries viewset, which checks the
same scope (never by their /media/ address).
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from cohorts.models import Programme
from cohorts.permissions import CoordinatorPermissionPolicy, admin_queryset
from core.admin import ScopedCreateView, ScopedModelViewSet

from .models import ReportDelivery, ReportSubscription

SUBSCRIPTION_ORGANISATION = "programme__organisation"
DELIVERY_ORGANISATION = "subscription__programme__organisation"

for _model, _field in (
    (ReportSubscription, SUBSCRIPTION_ORGANISATION),
    (ReportDelivery, DELIVERY_ORGANISATION),
):
    register_permission_policy(_model, CoordinatorPermissionPolicy(_model, _field))


class ReportSubscriptionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = admin_queryset(Programme, self.for_user).order_by(
            "name"
        )

    class Meta(WagtailAdminModelForm.Meta):
        model = ReportSubscription
        fields = ["programme", "recipients", "rhythm", "is_active"]


class ReportSubscriptionCreateView(ScopedCreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ReportSubscriptionViewSet(ScopedModelViewSet):
    model = ReportSubscription
    name = "reports_subscription"
    url_prefix = "reports/subscriptions"
    icon = "mail"
    menu_label = _("Destinataires et rythmes")
    add_form_class = ReportSubscriptionForm
    add_view_class = ReportSubscriptionCreateView
    list_display = ["programme", "rhythm", "recipients", "is_active"]
    search_fields = ["programme__name", "recipients"]
    ordering = ["programme__name", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")


def delivery_files(delivery):
    links = [
        (reverse("reports_delivery:download", args=[delivery.pk, kind]), label)
        for kind, label in (("pdf", "PDF"), ("xlsx", "XLSX"))
        if getattr(delivery, kind)
    ]
    if not links:
        return "-"
    return format_html_join(" ", '<a href="{}">{}</a>', links)


class ReportDeliveryViewSet(ScopedModelViewSet):
    model = ReportDelivery
    name = "reports_delivery"
    url_prefix = "reports/deliveries"
    icon = "doc-full"
    menu_label = _("Bilans envoyés")
    form_fields = []  # never created nor edited here: coordinators only view them
    list_display = [
        Column("subscription", label=_("Dispositif"), accessor="subscription.programme"),
        DateColumn("period_start", label=_("Du"), sort_key="period_start"),
        DateColumn("period_end", label=_("Au"), sort_key="period_end"),
        "status",
        DateColumn("sent_at", label=_("Envoyé le"), sort_key="sent_at"),
        Column("files", label=_("Fichiers"), accessor=delivery_files),
    ]
    ordering = ["-period_start", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscription__programme")

    def download_view(self, request, pk, kind):
        if kind not in ("pdf", "xlsx"):
            raise Http404
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        delivery = get_object_or_404(self.get_queryset(request), pk=pk)
        stored = getattr(delivery, kind)
        if not stored:
            raise Http404
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1]
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/file/<str:kind>/", self.download_view, name="download"),
        ]


class ReportsViewSetGroup(ModelViewSetGroup):
    items = (ReportSubscriptionViewSet, ReportDeliveryViewSet)
    menu_label = _("Envois des bilans")
    menu_icon = "mail"
    menu_order = 230


@hooks.register("register_admin_viewset")
def register_reports_viewsets():
    return ReportsViewSetGroup()


@hooks.register("register_admin_menu_item")
def coordinator_dashboard_menu_item():
    """The coordinator's report of the structure (figures, targets, « Activités » export)."""
    return MenuItem(
        _("Bilan de la structure"),
        reverse("reports:coordinator_dashboard"),
        icon_name="doc-full",
        order=225,
    )
