"""Django groups that carry each role's permissions in the Wagtail admin.

Wagtail's page and collection permissions are granted to groups, so a role that works in the
admin has a group here. The groups and their permissions are (re)built after every migrate;
`membership_grant` and `membership_revoke` keep each user's groups in line with their roles.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from .scoping import Role

COORDINATORS_GROUP = "Coordinateurs"

ROLE_GROUPS = {Role.COORDINATOR: COORDINATORS_GROUP}

# app_label.codename of model permissions, per group.
GROUP_MODEL_PERMISSIONS = {
    COORDINATORS_GROUP: [
        "wagtailadmin.access_admin",
        "courses.add_competence",
        "courses.change_competence",
        "courses.view_competence",
        # No delete_h5pactivity: an exercise is withdrawn (is_active), its attempts are kept.
        "courses.add_h5pactivity",
        "courses.change_h5pactivity",
        "courses.view_h5pactivity",
        "documents.change_brandingsettings",
        # Narrowed to the programmes of the organisations one coordinates (reports.wagtail_hooks).
        "reports.add_reportsubscription",
        "reports.change_reportsubscription",
        "reports.delete_reportsubscription",
        "reports.view_reportsubscription",
        "reports.view_reportdelivery",
        "diagnostics.add_questionnaire",
        "diagnostics.change_questionnaire",
        "diagnostics.view_questionnaire",
        "diagnostics.add_orientationrule",
        "diagnostics.change_orientationrule",
        "diagnostics.delete_orientationrule",
        "diagnostics.view_orientationrule",
        # Narrowed to the organisations one coordinates by cohorts.permissions.
        "cohorts.add_learner",
        "cohorts.change_learner",
        "cohorts.delete_learner",
        "cohorts.view_learner",
        "cohorts.add_programme",
        "cohorts.change_programme",
        "cohorts.delete_programme",
        "cohorts.view_programme",
        "cohorts.add_cohort",
        "cohorts.change_cohort",
        "cohorts.delete_cohort",
        "cohorts.view_cohort",
        # No delete_meeting: a session is cancelled (its status), its roll call is kept.
        "cohorts.add_meeting",
        "cohorts.change_meeting",
        "cohorts.view_meeting",
        "cohorts.add_enrolment",
        "cohorts.change_enrolment",
        "cohorts.delete_enrolment",
        "cohorts.view_enrolment",
    ],
}
# Page permissions on the root page (so, on every page), and media permissions on the root
# collection.
GROUP_PAGE_PERMISSIONS = {
    COORDINATORS_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
GROUP_COLLECTION_PERMISSIONS = {
    COORDINATORS_GROUP: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def role_groups_build(**kwargs):
    """Create the role groups and give them their permissions. Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # post_migrate reaches this app before auth has created the permissions of new models.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, perms in GROUP_MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(dotted) for dotted in perms])
        if root_page is not None:
            for codename in GROUP_PAGE_PERMISSIONS.get(name, []):
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(f"wagtailcore.{codename}"),
                )
        if root_collection is not None:
            for dotted in GROUP_COLLECTION_PERMISSIONS.get(name, []):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(dotted)
                )


def user_sync_role_groups(user):
    """Put `user` in the groups of the roles they hold, and out of the others."""
    held = set(user.active_roles())
    for role, group_name in ROLE_GROUPS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        if role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)
