from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Comptes et structures")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import role_groups_build

        def build_after_migrate(sender, **kwargs):
            # post_migrate is sent once per app, after every migration has run.
            if sender.label == self.label:
                role_groups_build()

        post_migrate.connect(
            build_after_migrate, weak=False, dispatch_uid="accounts.role_groups_build"
        )
