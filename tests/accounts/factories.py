import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, Organisation, User

TEST_PASSWORD = "mot-de-passe-de-test"
LEARNER_PIN = "3917"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company", locale="fr_FR")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    kind = Organisation.Kind.ASSOCIATION
    commune = factory.Faker("city", locale="fr_FR")
    postal_code = factory.Faker("postcode", locale="fr_FR")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"personne{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "trainer"
