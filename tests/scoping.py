"""Proof helpers for `visible_to(user)`: later issues reuse them for every scoped model."""


def assert_visible_only_to_own_organisation(queryset, *, member, outsider, objects):
    """`objects` belong to `member`'s organisation: the member sees every one of them
    through `visible_to`, the outsider (another organisation) sees none of them."""
    model = queryset.model
    ids = {obj.pk for obj in objects}
    assert ids, "give at least one object, or the check proves nothing"
    seen_by_member = set(
        queryset.visible_to(member).filter(pk__in=ids).values_list("pk", flat=True)
    )
    assert seen_by_member == ids, (
        f"{model.__name__}: the member sees {sorted(seen_by_member)}, expected {sorted(ids)}"
    )
    leaked = set(queryset.visible_to(outsider).filter(pk__in=ids).values_list("pk", flat=True))
    assert not leaked, f"{model.__name__}: another organisation's user sees {sorted(leaked)}"


def assert_nothing_visible_to_anonymous(queryset):
    from django.contrib.auth.models import AnonymousUser

    assert not queryset.visible_to(AnonymousUser()).exists()
    assert not queryset.visible_to(None).exists()


def page_text(response):
    """The response's HTML with entities decoded, for checking what a person reads."""
    import html

    return html.unescape(response.content.decode())
