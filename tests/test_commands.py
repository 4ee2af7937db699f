"""The create_user and evaluate management commands."""

from __future__ import annotations

import datetime
import io
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from differentiation.evaluation import batch, bulk
from differentiation.models import Evaluation
from factories.models import Buyer, Factory, Profile, ScopeChange, ThirdPartyAccess
from tests import makers


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# --- create_user ----------------------------------------------------------------------------


@pytest.fixture
def known(db: Any) -> None:
    """What the create_user cases find: one factory per name, a name in two programmes, a buyer."""
    makers.make_factory("Dhaka Knitwear Ltd", country="BGD")
    makers.make_factory("Twin Stitch Ltd", country="BGD")
    makers.make_factory("Twin Stitch Ltd", country="VNM")
    makers.BuyerMaker(name="Northwind Apparel")
    makers.make_pm(username="taken")


def row_counts() -> dict[str, int]:
    models = (User, Profile, Factory, Buyer, ThirdPartyAccess, Group, ScopeChange)
    return {model.__name__: model.objects.count() for model in models}


CREATED = [
    pytest.param(
        ["alice", "--role", "programme_manager", "--country", "BGD"],
        "Created programme manager 'alice' for BGD.",
        {"programmes": ["BGD"]},
        id="pm-one-country",
    ),
    pytest.param(
        ["alice", "--role", "programme_manager", "--country", "bgd,VNM"],
        "Created programme manager 'alice' for BGD, VNM.",
        {"programmes": ["BGD", "VNM"]},
        id="pm-comma-separated-countries",
    ),
    pytest.param(
        ["alice", "--role", "programme_manager", "--country", "BGD", "--country", "KHM"],
        "Created programme manager 'alice' for BGD, KHM.",
        {"programmes": ["BGD", "KHM"]},
        id="pm-repeated-country",
    ),
    pytest.param(
        ["erin", "--role", "enterprise_advisor", "--country", "VNM", "--email", "erin@example.org"],
        "Created enterprise advisor 'erin' for VNM.",
        {"programmes": ["VNM"], "email": "erin@example.org"},
        id="ea",
    ),
    pytest.param(
        ["fiona", "--role", "factory", "--factory", "Dhaka Knitwear Ltd"],
        "Created factory user 'fiona' for Dhaka Knitwear Ltd (BGD).",
        {"factory": ("Dhaka Knitwear Ltd", "BGD"), "new_factories": 0},
        id="factory-existing-by-name",
    ),
    pytest.param(
        ["fiona", "--role", "factory", "--factory", "dhaka knitwear ltd", "--country", "BGD"],
        "Created factory user 'fiona' for Dhaka Knitwear Ltd (BGD).",
        {"factory": ("Dhaka Knitwear Ltd", "BGD"), "new_factories": 0},
        id="factory-existing-in-country-any-case",
    ),
    pytest.param(
        ["fiona", "--role", "factory", "--factory", "Twin Stitch Ltd", "--country", "VNM"],
        "Created factory user 'fiona' for Twin Stitch Ltd (VNM).",
        {"factory": ("Twin Stitch Ltd", "VNM"), "new_factories": 0},
        id="factory-same-name-picked-by-country",
    ),
    pytest.param(
        ["fiona", "--role", "factory", "--factory", "Phnom Penh Garments", "--country", "KHM"],
        "Created factory user 'fiona' for Phnom Penh Garments (KHM), a new factory.",
        {"factory": ("Phnom Penh Garments", "KHM"), "new_factories": 1},
        id="factory-created-in-country",
    ),
    pytest.param(
        ["bella", "--role", "buyer", "--buyer", "Northwind Apparel"],
        "Created buyer user 'bella' for Northwind Apparel.",
        {"buyer": "Northwind Apparel", "new_buyers": 0},
        id="buyer-existing",
    ),
    pytest.param(
        ["bella", "--role", "buyer", "--buyer", "Tailspin Outfitters"],
        "Created buyer user 'bella' for Tailspin Outfitters, a new buyer.",
        {"buyer": "Tailspin Outfitters", "new_buyers": 1},
        id="buyer-created",
    ),
]


@pytest.mark.parametrize(("args", "message", "expect"), CREATED)
def test_it_creates_a_user_of_each_role(
    known: None, args: list[str], message: str, expect: dict[str, Any]
) -> None:
    before = row_counts()
    out = run("create_user", *args, "--password", "x")  # any non-empty password will do
    assert out == message + "\n"
    user = User.objects.select_related("profile__factory__programme").get(username=args[0])
    assert user.check_password("x")
    assert user.profile.role == args[2]
    assert user.email == expect.get("email", "")
    codes = list(user.profile.programmes.order_by("code").values_list("code", flat=True))
    assert codes == sorted(expect.get("programmes", []))
    if "factory" in expect:
        assert (user.profile.factory.name, user.profile.factory.country) == expect["factory"]
    else:
        assert user.profile.factory is None
    assert (user.profile.buyer.name if user.profile.buyer else None) == expect.get("buyer")
    after = row_counts()
    assert after["User"] == before["User"] + 1
    assert after["Factory"] == before["Factory"] + expect.get("new_factories", 0)
    assert after["Buyer"] == before["Buyer"] + expect.get("new_buyers", 0)


def test_it_puts_the_new_user_in_scope(known: None) -> None:
    from factories import access

    run("create_user", "fiona", "--role", "factory", "--password", "x", "--factory", "Ghost Ltd",
        "--country", "BGD")  # fmt: skip
    user = User.objects.get(username="fiona")
    assert list(access.factories_for(user).values_list("name", flat=True)) == ["Ghost Ltd"]
    run("create_user", "victor", "--role", "programme_manager", "--password", "x", "--country",
        "VNM")  # fmt: skip
    assert list(access.factories_for(User.objects.get(username="victor"))) == list(
        Factory.objects.filter(programme__code="VNM")
    )


def scope_of(username: str) -> tuple[list[str], list[str]]:
    """(the factories the user sees, the user's groups), by name."""
    from factories import access

    user = User.objects.get(username=username)
    return (
        sorted(access.factories_for(user).values_list("name", flat=True)),
        sorted(user.groups.values_list("name", flat=True)),
    )


def test_re_running_it_moves_an_advisor_to_another_programme(known: None) -> None:
    run("create_user", "erin", "--role", "enterprise_advisor", "--password", "x", "--country",
        "BGD")  # fmt: skip
    makers.make_factory("Saigon Garments Co", country="VNM")
    assert "Dhaka Knitwear Ltd" in scope_of("erin")[0]
    out = run("create_user", "erin", "--role", "enterprise_advisor", "--country", "VNM")
    assert out == ("Moved 'erin' to enterprise advisor for VNM (was enterprise advisor for BGD).\n")
    assert scope_of("erin") == (
        ["Saigon Garments Co", "Twin Stitch Ltd"],
        ["programme:VNM:enterprise_advisor"],
    )
    erin = User.objects.get(username="erin")
    assert erin.check_password("x")  # no --password on a move: unchanged
    change = ScopeChange.objects.get(user=erin, kind=ScopeChange.Kind.USER_PROGRAMMES)
    assert (change.via, change.actor) == (ScopeChange.Via.COMMAND, None)
    assert (change.before["programmes"], change.after["programmes"]) == (["BGD"], ["VNM"])
    assert change.before["groups"] == ["programme:BGD:enterprise_advisor"]


def test_re_running_it_changes_a_role_and_leaves_every_old_group(known: None) -> None:
    assert scope_of("taken")[1] == ["programme:BGD:programme_manager"]
    out = run("create_user", "taken", "--role", "buyer", "--buyer", "Northwind Apparel",
              "--password", "new")  # fmt: skip
    assert (
        out
        == "Moved 'taken' to buyer user for Northwind Apparel (was programme manager for BGD).\n"
    )
    buyer = Buyer.objects.get(name="Northwind Apparel")
    assert scope_of("taken") == ([], [f"buyer:{buyer.pk}:users"])
    taken = User.objects.get(username="taken")
    assert taken.check_password("new")
    assert list(taken.profile.programmes.all()) == []
    kinds = list(
        ScopeChange.objects.filter(user=taken).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == [ScopeChange.Kind.USER_CREATED, ScopeChange.Kind.USER_ROLE]


def test_re_running_it_moves_a_factory_user_to_another_factory(known: None) -> None:
    run("create_user", "fiona", "--role", "factory", "--password", "x", "--factory",
        "Dhaka Knitwear Ltd")  # fmt: skip
    run("create_user", "fiona", "--role", "factory", "--factory", "Twin Stitch Ltd",
        "--country", "VNM")  # fmt: skip
    factory = Factory.objects.get(name="Twin Stitch Ltd", programme__code="VNM")
    assert scope_of("fiona") == (["Twin Stitch Ltd"], [f"factory:{factory.pk}:users"])


def test_re_running_it_with_the_same_scope_changes_nothing(known: None) -> None:
    before = row_counts()
    out = run("create_user", "taken", "--role", "programme_manager", "--country", "BGD")
    assert out == "'taken' is already a programme manager for BGD; scope unchanged.\n"
    assert row_counts() == before


REFUSED = [
    pytest.param(["zed", "--role", "admin", "--password", "x"], "Unknown role 'admin'", id="unknown-role"),
    pytest.param(["zed", "--password", "x", "--country", "BGD"], "Unknown role ''", id="no-role"),
    pytest.param(["zed", "--role", "programme_manager", "--country", "BGD"], "non-empty --password", id="no-password"),
    pytest.param(["zed", "--role", "programme_manager", "--country", "BGD", "--password", ""], "non-empty --password", id="empty-password"),
    pytest.param(["zed", "--role", "programme_manager", "--password", "x"], "needs --country", id="pm-without-country"),
    pytest.param(["zed", "--role", "enterprise_advisor", "--password", "x"], "needs --country", id="ea-without-country"),
    pytest.param(["zed", "--role", "programme_manager", "--password", "x", "--country", "BGD", "--factory", "Dhaka Knitwear Ltd"], "--factory is only for factory users", id="pm-with-factory"),
    pytest.param(["zed", "--role", "enterprise_advisor", "--password", "x", "--country", "BGD", "--buyer", "Northwind Apparel"], "--buyer is only for buyer users", id="ea-with-buyer"),
    pytest.param(["zed", "--role", "programme_manager", "--password", "x", "--country", "BGD,XXX"], "Unknown country XXX", id="unknown-country"),
    pytest.param(["zed", "--role", "factory", "--password", "x"], "needs --factory", id="factory-user-without-factory"),
    pytest.param(["zed", "--role", "factory", "--password", "x", "--factory", "Nowhere Ltd"], "give --country to create it", id="missing-factory-without-country"),
    pytest.param(["zed", "--role", "factory", "--password", "x", "--factory", "Nowhere Ltd", "--country", "XXX"], "Unknown country XXX", id="new-factory-in-unknown-country"),
    pytest.param(["zed", "--role", "factory", "--password", "x", "--factory", "Twin Stitch Ltd"], "several programmes (BGD, VNM)", id="ambiguous-factory"),
    pytest.param(["zed", "--role", "factory", "--password", "x", "--factory", "Nowhere Ltd", "--country", "BGD,VNM"], "give one --country", id="factory-in-two-countries"),
    pytest.param(["zed", "--role", "factory", "--password", "x", "--factory", "Dhaka Knitwear Ltd", "--buyer", "Northwind Apparel"], "--buyer is only for buyer users", id="factory-user-with-buyer"),
    pytest.param(["zed", "--role", "buyer", "--password", "x"], "needs --buyer", id="buyer-user-without-buyer"),
    pytest.param(["zed", "--role", "buyer", "--password", "x", "--buyer", "New Brand", "--factory", "Dhaka Knitwear Ltd"], "--factory is only for factory users", id="buyer-user-with-factory"),
    pytest.param(["zed", "--role", "buyer", "--password", "x", "--buyer", "New Brand", "--country", "BGD"], "buyers belong to no programme", id="buyer-user-with-country"),
    # An existing user is moved (see below), but a wrong combination still changes nothing.
    pytest.param(["TAKEN", "--role", "programme_manager", "--country", "BGD,XXX"], "Unknown country XXX", id="move-to-unknown-country"),
    pytest.param(["taken", "--role", "factory", "--factory", "Nowhere Ltd"], "give --country to create it", id="move-to-missing-factory"),
    pytest.param(["taken", "--role", "buyer", "--buyer", "Northwind Apparel", "--country", "BGD"], "buyers belong to no programme", id="move-buyer-with-country"),
    pytest.param(["zed", "--role", "programme_manager", "--password", "x", "--country", "BGD", "--email", "not-an-address"], "not a valid e-mail", id="invalid-email"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "reason"), REFUSED)
def test_it_refuses_a_wrong_combination_and_creates_nothing(
    known: None, args: list[str], reason: str
) -> None:
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        run("create_user", *args)
    message = str(refused.value)
    assert reason in message
    assert "\n" not in message
    assert row_counts() == before


def test_it_exits_non_zero_with_one_line_on_stderr(
    known: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = row_counts()
    # run_from_argv closes every connection when it ends; keep the test's own open.
    with (
        mock.patch("django.core.management.base.connections.close_all"),
        pytest.raises(SystemExit) as exited,
    ):
        execute_from_command_line(["manage.py", "create_user", "zed", "--role", "factory"])
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == ["CommandError: Give a non-empty --password."]
    assert captured.out == ""
    assert row_counts() == before


# --- evaluate -------------------------------------------------------------------------------


def test_it_evaluates_a_factory_whose_data_changed_and_leaves_it_alone_after(cast: Any) -> None:
    factory = cast.factory
    # The on-commit task never runs inside a test transaction: nothing is evaluated yet.
    makers.make_assessment(factory, by=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    assert not Evaluation.objects.filter(factory=factory).exists()

    out = run("evaluate", "--factory", str(factory.pk))
    assert out == "Evaluated 1 factory: 1 new evaluation, 0 unchanged; stages: 1 not_on_track.\n"
    assert Evaluation.objects.filter(factory=factory).count() == 1

    out = run("evaluate", "--factory", str(factory.pk))
    assert out == "Evaluated 1 factory: 0 new evaluations, 1 unchanged; stages: 1 not_on_track.\n"
    assert Evaluation.objects.filter(factory=factory).count() == 1

    makers.make_report(factory, by=cast.ea, cycle=1, release_date=datetime.date(2024, 11, 20))
    out = run("evaluate", "--factory", str(factory.pk))
    assert out == "Evaluated 1 factory: 1 new evaluation, 0 unchanged; stages: 1 candidate.\n"
    factory.refresh_from_db()
    assert factory.stage == "candidate"


def test_it_evaluates_every_factory_with_all(cast: Any) -> None:
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 1))
    makers.make_report(cast.factory, by=cast.ea, cycle=1, release_date=datetime.date(2024, 11, 2))
    makers.make_assessment(
        cast.other_factory, by=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 5)
    )
    out = run("evaluate", "--all")
    assert out == (
        "Evaluated 2 factories: 2 new evaluations, 0 unchanged; "
        "stages: 1 not_on_track, 1 candidate.\n"
    )
    out = run("evaluate", "--all")
    assert out == (
        "Evaluated 2 factories: 0 new evaluations, 2 unchanged; "
        "stages: 1 not_on_track, 1 candidate.\n"
    )
    assert Evaluation.objects.count() == 2


@pytest.mark.parametrize("path", ["bulk", "one by one"])
def test_it_reports_a_factory_that_fails_and_goes_on(
    cast: Any, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """A factory whose evaluation fails is reported and the others are written: in the bulk
    path (its rules fail), and in the factory-by-factory path a failed bulk write falls back to
    (its savepoint rolls back)."""
    makers.make_assessment(cast.factory, by=cast.ea)
    makers.make_assessment(cast.other_factory, by=cast.ea)
    real_plan, real_one = bulk.plan, batch.evaluate_loaded

    def plan_broken_for_one(factory: Any, *args: Any) -> Any:
        if factory.pk == cast.factory.pk:
            raise RuntimeError("database hiccup")
        return real_plan(factory, *args)

    def write_broken(*args: Any) -> None:
        raise RuntimeError("bulk statement refused")

    def one_broken_for_one(**kwargs: Any) -> Any:
        if kwargs["factory"].pk == cast.factory.pk:
            raise RuntimeError("database hiccup")
        return real_one(**kwargs)

    if path == "bulk":
        monkeypatch.setattr(bulk, "plan", plan_broken_for_one)
    else:
        monkeypatch.setattr(bulk, "write", write_broken)
        monkeypatch.setattr(batch, "evaluate_loaded", one_broken_for_one)
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("evaluate", "--all", stdout=io.StringIO(), stderr=err)
    assert str(failed.value) == (
        "Evaluated 1 factory: 1 new evaluation, 0 unchanged; stages: 1 not_on_track. "
        f"Failed: 1 (factory ids {cast.factory.pk})."
    )
    assert f"Factory {cast.factory.pk}: RuntimeError: database hiccup" in err.getvalue()
    # Nothing of the failing factory is written; the other one's evaluation is kept.
    assert not Evaluation.objects.filter(factory=cast.factory).exists()
    assert Evaluation.objects.filter(factory=cast.other_factory).count() == 1


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ([], "Give exactly one of --factory ID or --all."),
        (["--all", "--factory", "1"], "Give exactly one of --factory ID or --all."),
        (["--factory", "abc"], "--factory takes a factory id, not 'abc'."),
        (["--factory", "999999"], "No factory with id 999999."),
    ],
)
def test_it_refuses_bad_arguments(cast: Any, args: list[str], reason: str) -> None:
    with pytest.raises(CommandError) as refused:
        run("evaluate", *args)
    assert str(refused.value) == reason
    assert not Evaluation.objects.exists()


def test_it_shows_progress_on_stderr(cast: Any) -> None:
    err = io.StringIO()
    call_command("evaluate", "--all", stdout=io.StringIO(), stderr=err)
    assert "Evaluating" in err.getvalue()
