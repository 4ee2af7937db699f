"""Create a portal user with one role and its scope, from the command line.

    manage.py create_user fiona --role factory --password ... --factory "Dhaka Knitwear Ltd"
    manage.py create_user alice --role programme_manager --password ... --country BGD,VNM

Run again for an existing user, it moves that user to the role and scope given (through
`services.user_scope_change`: out of the old scope, an audit row written); the password and
e-mail are changed only when given. Everything happens in one transaction: a wrong
combination creates nothing (no user, no factory, no buyer) and ends with a one-line reason.
`--first-name`, `--last-name`, `--title` and (factory users) `--position` set who the person
is; left out on a move, they stay as they were. Django's password validators are not applied here (an operator may set a temporary password);
the password only has to be non-empty.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from factories import services
from factories.models import Buyer, Factory, Programme, ScopeChange
from factories.vocabulary import Position, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

STAFF_ROLES = (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR)


def one_line(error: ValidationError) -> str:
    return " ".join(" ".join(str(m) for m in error.messages).split())


def describe(scope: dict[str, Any] | None) -> str:
    """An audit row's scope in a few words: "programme manager for BGD, VNM"."""
    if not scope:
        return "without a role"
    label = Role(scope["role"]).label.lower()
    where = (scope.get("factory") or scope.get("buyer") or {}).get("name")
    return f"{label} for {where or ', '.join(scope['programmes']) or 'nothing'}"


def parse_countries(values: list[str] | None) -> list[str]:
    """`--country BGD --country vnm,khm` -> ["BGD", "VNM", "KHM"], in order, without repeats."""
    codes: list[str] = []
    for value in values or []:
        for code in value.split(","):
            code = code.strip().upper()
            if code and code not in codes:
                codes.append(code)
    return codes


class Command(BaseCommand):
    help = (
        "Create a user with one role (programme_manager, enterprise_advisor, factory, buyer), "
        "or move an existing user to that role and scope."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        # Validated in handle(), not by argparse, so that every mistake is one line on stderr.
        parser.add_argument("--role", default="", help=f"One of: {', '.join(Role.values)}.")
        parser.add_argument(
            "--password", default="", help="Any non-empty password (optional for a move)."
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--country",
            action="append",
            metavar="ISO3",
            help="Programme (ISO 3166-1 alpha-3); repeat it or separate codes with commas.",
        )
        parser.add_argument("--factory", metavar="NAME", help="Factory of a factory user.")
        parser.add_argument("--buyer", metavar="NAME", help="Buyer of a buyer user.")
        parser.add_argument("--first-name", default=None, help="The person's first name.")
        parser.add_argument("--last-name", default=None, help="The person's last name.")
        parser.add_argument(
            "--title",
            default=None,
            help="Job title shown after the name, e.g. 'Programme manager'.",
        )
        parser.add_argument(
            "--position",
            default=None,
            help=f"Factory users: position in the factory, one of: {', '.join(Position.values)}.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                message = self._create(
                    username=str(options["username"]).strip(),
                    role=str(options["role"]).strip(),
                    password=str(options["password"]),
                    email=str(options["email"]).strip(),
                    countries=parse_countries(options["country"]),
                    factory_name=(options["factory"] or "").strip() or None,
                    buyer_name=(options["buyer"] or "").strip() or None,
                )
                username = str(options["username"]).strip()
                services.user_details_set(
                    user=get_user_model().objects.get(username__iexact=username),
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    title=options["title"],
                    position=options["position"],
                )
        except ValidationError as error:
            raise CommandError(one_line(error)) from None
        self.stdout.write(message)

    def _create(
        self,
        *,
        username: str,
        role: str,
        password: str,
        email: str,
        countries: list[str],
        factory_name: str | None,
        buyer_name: str | None,
    ) -> str:
        if role not in Role.values:
            raise CommandError(
                f"Unknown role '{role}'; use --role with one of: {', '.join(Role.values)}."
            )
        if not username:
            raise CommandError("The username must not be empty.")
        existing = get_user_model().objects.filter(username__iexact=username).first()
        if not password and existing is None:
            raise CommandError("Give a non-empty --password.")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"'{email}' is not a valid e-mail address.") from None
        if role != Role.FACTORY and factory_name:
            raise CommandError(f"--factory is only for factory users, not for role '{role}'.")
        if role != Role.BUYER and buyer_name:
            raise CommandError(f"--buyer is only for buyer users, not for role '{role}'.")
        programmes = self._programmes(countries)
        label = Role(role).label.lower()
        account = {"username": username, "password": password, "email": email}

        if role in STAFF_ROLES:
            if not programmes:
                raise CommandError(f"A {label} needs --country (the programme, e.g. BGD).")
            codes = ", ".join(p.code for p in programmes)
            scope = {"programmes": programmes}
            return self._save(existing, role=role, scope=scope, where=codes, **account)

        if role == Role.FACTORY:
            if not factory_name:
                raise CommandError("A factory user needs --factory NAME.")
            factory, created = self._factory(factory_name, programmes)
            where = f"{factory.name} ({factory.country})"
            new = ", a new factory" if created else ""
            return self._save(
                existing, role=role, scope={"factory": factory}, where=where + new, **account
            )

        # Buyer users belong to a brand or retailer, not to a programme.
        if not buyer_name:
            raise CommandError("A buyer user needs --buyer NAME.")
        if programmes:
            raise CommandError("--country is not for buyer users: buyers belong to no programme.")
        buyer = Buyer.objects.filter(name__iexact=buyer_name).first()
        created = buyer is None
        if buyer is None:
            buyer = Buyer.objects.create(name=buyer_name)
        new = ", a new buyer" if created else ""
        return self._save(
            existing, role=role, scope={"buyer": buyer}, where=buyer.name + new, **account
        )

    def _save(
        self,
        existing: User | None,
        *,
        username: str,
        password: str,
        email: str,
        role: str,
        scope: dict[str, Any],
        where: str,
    ) -> str:
        """Create the user, or move the existing one, with this role and scope."""
        label = Role(role).label.lower()
        if existing is None:
            services.user_create(
                username=username,
                password=password,
                role=role,
                email=email,
                via=ScopeChange.Via.COMMAND,
                **scope,
            )
            return f"Created {label} '{username}' for {where}."
        change = services.user_scope_change(
            user=existing, role=role, actor=None, via=ScopeChange.Via.COMMAND, **scope
        )
        if password:
            existing.set_password(password)
        if email:
            existing.email = email
        if password or email:
            existing.save(update_fields=["password", "email"])
        name = existing.get_username()
        if change is None:
            return f"'{name}' is already a {label} for {where}; scope unchanged."
        return f"Moved '{name}' to {label} for {where} (was {describe(change.before)})."

    def _programmes(self, codes: list[str]) -> list[Programme]:
        found = {p.code: p for p in Programme.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            known = ", ".join(Programme.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"Unknown country {', '.join(unknown)}; known programmes: {known}.")
        return [found[code] for code in codes]

    def _factory(self, name: str, programmes: list[Programme]) -> tuple[Factory, bool]:
        """The named factory (within the programme if given), created there when missing."""
        if len(programmes) > 1:
            raise CommandError("A factory user's factory is in one programme: give one --country.")
        matches = list(Factory.objects.filter(name__iexact=name).select_related("programme"))
        if programmes:
            matches = [f for f in matches if f.programme_id == programmes[0].pk]
        if len(matches) == 1:
            return matches[0], False
        if len(matches) > 1:
            codes = ", ".join(sorted(f.country for f in matches))
            raise CommandError(
                f"Factory '{name}' exists in several programmes ({codes}); pick one with --country."
            )
        if not programmes:
            raise CommandError(
                f"No factory named '{name}'; give --country to create it in that programme."
            )
        return services.factory_create(name=name, programme=programmes[0]), True
