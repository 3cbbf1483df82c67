"""Wagtail admin viewsets scoped to the organisations a person manages, row by row.

Wagtail applies a viewset's queryset to nothing but its own code, and its listings do not
filter through permission policies by themselves. So every view here reads through the
viewset's `get_queryset(request)`, which asks the model's registered permission policy (a
`ScopedPermissionPolicy`) for the rows the person manages: another organisation's rows are
absent from listings, filters and exports, and give 404 on every URL that takes an id. The
policy, registered in the app's `AppConfig.ready()`, checks the same rows per object.

Which organisations a person manages depends on roles, which live above this app: a policy
subclass says it (`managed_organisation_ids`, `manager_ids`).

Nothing is written to Wagtail's audit log: its site history is shared by every admin user
and would show another organisation's rows by name.

(Django's admin imports this module at start-up, as every app's `admin.py`; nothing here
registers anything with it.)
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured
from django.db.models import ProtectedError, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    UsageView,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from core.spreadsheets.exports import csv_cell

DELETE_PROTECTED = _("« %(object)s » n'a pas été supprimé : des %(others)s en dépendent.")


def _anonymous(user):
    return user is None or not user.is_authenticated


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the groups, and per object: only the rows of the
    organisations the person manages (through `organisation_field`), among those the
    model's `objects.visible_to(user)` shows them. Superusers manage every row."""

    def __init__(self, model, organisation_field="organisation"):
        super().__init__(model)
        self.organisation_field = organisation_field

    def managed_organisation_ids(self, user):
        """Ids (a subquery) of the organisations whose rows `user` manages."""
        raise NotImplementedError

    def manager_ids(self, organisation_ids):
        """Ids (a subquery) of the users who manage the organisations `organisation_ids`."""
        raise NotImplementedError

    def scoped_queryset(self, user):
        """The rows of the model that `user` manages in the admin, whatever the action."""
        queryset = self.model.objects.visible_to(user)
        if _anonymous(user) or user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.organisation_field}__in": self.managed_organisation_ids(user)}
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scoped_queryset(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if instance.pk is None:
            return False
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def users_with_any_permission_for_instance(self, actions, instance):
        organisation = self.model._default_manager.filter(pk=instance.pk).values(
            self.organisation_field
        )
        return self.users_with_any_permission(actions).filter(
            Q(is_superuser=True) | Q(pk__in=self.manager_ids(organisation))
        )


class ScopedObjectMixin:
    """Set by the viewset: its `get_queryset`, a callable taking the request."""

    scoped_queryset = None

    def get_scoped_queryset(self):
        return self.scoped_queryset(self.request)


class ScopedIndexView(ScopedObjectMixin, IndexView):
    def get_base_queryset(self):
        return self.get_scoped_queryset()

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, bool):
            return gettext("oui") if value else gettext("non")
        value = super().preprocess_field_value(field, value, export_format)
        # Wagtail types XLSX text cells as text, but a CSV cell is read by the spreadsheet.
        if export_format == self.FORMAT_CSV:
            return csv_cell(value)
        return value


class ScopedCreateView(CreateView):
    def save_instance(self):
        self.action_class(
            self.form.instance,
            user=self.request.user,
            form=self.form,
            sort_order_field=self.sort_order_field,
            log_action=False,
        ).execute(skip_permission_checks=True)
        return self.form.instance


class ScopedEditView(ScopedObjectMixin, EditView):
    def get_queryset(self):
        return self.get_scoped_queryset()

    def save_instance(self):
        self.action_class(
            self.form.instance, user=self.request.user, form=self.form, log_action=False
        ).execute(skip_permission_checks=True)
        return self.form.instance


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    def get_queryset(self):
        return self.get_scoped_queryset()

    def delete_action(self):
        self.action_class(self.object, user=self.request.user, log_action=False).execute(
            skip_permission_checks=True
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            others = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            messages.error(
                self.request,
                DELETE_PROTECTED % {"object": self.object, "others": ", ".join(others)},
            )
            return redirect(self.get_success_url())


class ScopedInspectView(ScopedObjectMixin, InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_scoped_queryset(), pk=unquote(str(self.pk)))


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    def get_base_object_queryset(self):
        return self.get_scoped_queryset()


class ScopedUsageView(ScopedObjectMixin, UsageView):
    def get_base_object_queryset(self):
        return self.get_scoped_queryset()


class ScopedModelViewSet(ModelViewSet):
    """A viewset whose every view, listing or object, reads through `get_queryset`: the
    rows the model's registered `ScopedPermissionPolicy` lets the person manage."""

    add_form_class = None
    edit_form_class = None  # `add_form_class` when not set

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    # The usage listings of pages and of other objects would name this one, whoever asks.
    add_to_reference_index = False

    def get_queryset(self, request):
        policy = policy_registry.get_by_type(self.model)
        if not isinstance(policy, ScopedPermissionPolicy):
            raise ImproperlyConfigured(
                f"{self.model.__name__}: register a ScopedPermissionPolicy in AppConfig.ready()."
            )
        return policy.scoped_queryset(request.user)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scoped_queryset=self.get_queryset, **kwargs)

    def get_form_class(self, for_update=False):
        if for_update and self.edit_form_class is not None:
            return self.edit_form_class
        return self.add_form_class
