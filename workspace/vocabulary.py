"""The words of the factory's workspace: the states of its road-map targets and improvement-plan
items (see factories.vocabulary)."""

from __future__ import annotations

from factories.vocabulary import Term, gettext_noop


class TargetStatus(Term):
    NOT_STARTED = "not_started", gettext_noop("Not started")
    IN_PROGRESS = "in_progress", gettext_noop("In progress")
    DONE = "done", gettext_noop("Done")


class PlanItemStatus(Term):
    """An improvement-plan item: worked by the factory, closed when the EA confirms it."""

    PENDING = "pending", gettext_noop("Pending")
    IN_PROGRESS = "in_progress", gettext_noop("In progress")
    COMPLETED = "completed", gettext_noop("Completed")


class LearningTheme(Term):
    """The guideline's examples of brokered learning services ("Additional learning services")."""

    COLLECTIVE_BARGAINING = "collective_bargaining", gettext_noop("Collective bargaining")
    WORKER_HEALTH = "worker_health", gettext_noop("Worker health and health management")
    BUSINESS_SYSTEMS = "business_systems", gettext_noop("Business systems and processes")
    ENVIRONMENT_ADVISORY = (
        "environment_advisory",
        gettext_noop("Environment standards, waste management, recycling, clean energy (advisory)"),
    )
    ENVIRONMENT_ASSESSMENT = (
        "environment_assessment",
        gettext_noop("Environment standards (assessment)"),
    )


class TargetArea(Term):
    """The guideline's five areas in which targets can be set."""

    PUBLIC_REPORTING = "public_reporting", gettext_noop("Compliance with public-reporting issues")
    COMMITTEE_DIALOGUE = (
        "committee_dialogue",
        gettext_noop("Information sharing and dialogue through the bipartite committee"),
    )
    PROBLEM_SOLVING = "problem_solving", gettext_noop("Social dialogue in problem solving")
    GRIEVANCE = (
        "grievance",
        gettext_noop(
            "Grievance mechanisms with worker representatives, unions included where present"
        ),
    )
    MANAGEMENT_SYSTEMS = (
        "management_systems",
        gettext_noop("Management systems through Plan-Do-Check-Act"),
    )


class BenefitKind(Term):
    ASSESSMENT_INTERVAL = "assessment_interval", gettext_noop("Assessment every 24 months")
    FEWER_VISITS = "fewer_visits", gettext_noop("Fewer advisory visits for training days")
    LEARNING_SERVICES = "learning_services", gettext_noop("Brokered learning services")
    PUBLIC_RECOGNITION = "public_recognition", gettext_noop("Public recognition")
    PUBLIC_CAMPAIGNS = "public_campaigns", gettext_noop("Public campaigns")
    BUYER_EVENTS = "buyer_events", gettext_noop("Buyer events")
