"""Who the demo's people are: full names and titles (histories and the formal note name people
by name and title, never by login), and factory users' position in their factory."""

from __future__ import annotations

from typing import Any

from factories.vocabulary import Position, Role

STAFF_PEOPLE: dict[str, dict[str, str]] = {
    "pm.bgd": {"first_name": "Nasrin", "last_name": "Akter", "title": "Programme manager"},
    "pm2.bgd": {"first_name": "Rafiq", "last_name": "Islam", "title": "Programme manager"},
    "ea.bgd": {"first_name": "Tanvir", "last_name": "Hossain", "title": "Enterprise advisor"},
    "pm.vnm": {"first_name": "Tran Thi", "last_name": "Mai", "title": "Programme manager"},
    "ea.vnm": {"first_name": "Nguyen Van", "last_name": "An", "title": "Enterprise advisor"},
}


def person_details(username: str, role: str) -> dict[str, Any]:
    """The `user_create` arguments naming this demo person (a factory's login is its top
    management: the one who signs off the road map)."""
    if role == Role.FACTORY and username.endswith(".committee"):
        # The chair of the bipartite committee, worker side: records the committee's endorsement.
        return {"title": "Committee chair", "position": Position.COMMITTEE_WORKER}
    if role == Role.FACTORY:
        return {"title": "General manager", "position": Position.TOP_MANAGEMENT}
    return dict(STAFF_PEOPLE.get(username, {}))
