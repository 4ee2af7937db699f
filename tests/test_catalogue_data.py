"""Checks on the compliance catalogue reference data (no database, no Django)."""

from collections import Counter

from assessments.catalogue_data import (
    CATALOGUE_VERSION,
    CLUSTERS,
    MANAGEMENT_SYSTEM_ELEMENTS,
    PROGRESS_ITEMS,
    CompliancePointSpec,
    QuestionSpec,
)

CLUSTER_CODES = ["CL", "DI", "FL", "FA", "CO", "CT", "OS", "WT"]
CLUSTER_NAMES = [
    "Child Labour",
    "Discrimination",
    "Forced Labour",
    "Freedom of Association and Collective Bargaining",
    "Compensation",
    "Contracts and Human Resources",
    "Occupational Safety and Health",
    "Working Time",
]


def _compliance_points() -> list[CompliancePointSpec]:
    return [cp for cluster in CLUSTERS for cp in cluster["compliance_points"]]


def _questions() -> list[QuestionSpec]:
    return [q for cp in _compliance_points() for q in cp["questions"]]


def test_it_has_the_catalogue_version() -> None:
    assert CATALOGUE_VERSION == "BW-2017"


def test_it_has_the_eight_clusters_in_order() -> None:
    assert [c["code"] for c in CLUSTERS] == CLUSTER_CODES
    assert [c["name"] for c in CLUSTERS] == CLUSTER_NAMES


def test_it_puts_four_clusters_in_each_group() -> None:
    groups = [c["group"] for c in CLUSTERS]
    assert groups == ["core_labour_standards"] * 4 + ["working_conditions"] * 4


def test_it_numbers_compliance_points_within_their_cluster() -> None:
    for cluster in CLUSTERS:
        codes = [cp["code"] for cp in cluster["compliance_points"]]
        expected = [f"{cluster['code']}-{n}" for n in range(1, len(codes) + 1)]
        assert codes == expected, cluster["code"]


def test_it_numbers_questions_within_their_compliance_point() -> None:
    for cp in _compliance_points():
        codes = [q["code"] for q in cp["questions"]]
        expected = [f"{cp['code']}.{n}" for n in range(1, len(codes) + 1)]
        assert codes == expected, cp["code"]
        assert all(code.startswith(cp["code"] + ".") for code in codes)


def test_it_has_unique_codes_across_the_whole_catalogue() -> None:
    codes = (
        [c["code"] for c in CLUSTERS]
        + [cp["code"] for cp in _compliance_points()]
        + [q["code"] for q in _questions()]
        + [e["code"] for e in MANAGEMENT_SYSTEM_ELEMENTS]
        + [i["code"] for i in PROGRESS_ITEMS]
    )
    duplicates = [code for code, n in Counter(codes).items() if n > 1]
    assert duplicates == []


def test_it_has_unique_compliance_point_names_and_question_texts() -> None:
    names = [cp["name"] for cp in _compliance_points()]
    texts = [q["text"] for q in _questions()]
    assert len(set(names)) == len(names)
    assert len(set(texts)) == len(texts)


def test_it_has_at_least_200_questions() -> None:
    assert len(_questions()) >= 200


def test_it_has_at_least_three_questions_per_compliance_point() -> None:
    thin = [cp["code"] for cp in _compliance_points() if len(cp["questions"]) < 3]
    assert thin == []


def test_it_flags_between_20_and_35_questions_as_publicly_reported() -> None:
    reported = [q for q in _questions() if q["publicly_reported"]]
    assert 20 <= len(reported) <= 35


def test_it_flags_the_zero_tolerance_triggers() -> None:
    zero_tolerance = [q for q in _questions() if q["zero_tolerance"]]
    assert 8 <= len(zero_tolerance) <= 10
    only_zero_tolerance = [q for q in zero_tolerance if not q["publicly_reported"]]
    both = [q for q in zero_tolerance if q["publicly_reported"]]
    assert len(only_zero_tolerance) >= 3
    assert len(both) >= 2


def test_it_treats_child_labour_under_minimum_age_as_zero_tolerance_and_public() -> None:
    first = CLUSTERS[0]["compliance_points"][0]["questions"][0]
    assert first["code"] == "CL-1.1"
    assert first["zero_tolerance"] and first["publicly_reported"]


def test_it_has_no_empty_texts() -> None:
    texts = (
        [c["name"] for c in CLUSTERS]
        + [cp["name"] for cp in _compliance_points()]
        + [q["text"] for q in _questions()]
        + [e["text"] for e in MANAGEMENT_SYSTEM_ELEMENTS]
        + [i["text"] for i in PROGRESS_ITEMS]
    )
    assert all(t.strip() and t == t.strip() for t in texts)


def test_it_phrases_every_question_as_a_question() -> None:
    not_questions = [q["code"] for q in _questions() if not q["text"].endswith("?")]
    assert not_questions == []


def test_it_has_no_numbering_in_question_texts() -> None:
    numbered = [q["code"] for q in _questions() if q["text"][0].isdigit()]
    assert numbered == []


def test_it_has_the_13_management_system_elements_in_order() -> None:
    codes = [e["code"] for e in MANAGEMENT_SYSTEM_ELEMENTS]
    assert codes == [f"HR-{n}" for n in range(1, 7)] + [f"OSH-{n}" for n in range(1, 8)]
    systems = [e["system"] for e in MANAGEMENT_SYSTEM_ELEMENTS]
    assert systems == ["HR"] * 6 + ["OSH"] * 7
    assert MANAGEMENT_SYSTEM_ELEMENTS[0]["text"] == "Adequate Human Resources Policy"
    assert MANAGEMENT_SYSTEM_ELEMENTS[6]["text"] == "Adequate OSH Policy"


def test_it_has_five_social_dialogue_items_and_one_learning_item() -> None:
    assert [i["code"] for i in PROGRESS_ITEMS] == ["SD-1", "SD-2", "SD-3", "SD-4", "SD-5", "LE-1"]
    assert [i["group"] for i in PROGRESS_ITEMS] == ["social_dialogue"] * 5 + ["learning"]
    assert PROGRESS_ITEMS[-1]["text"].startswith("Needs-based learning plan")


def test_it_uses_booleans_for_question_flags() -> None:
    for q in _questions():
        assert isinstance(q["publicly_reported"], bool), q["code"]
        assert isinstance(q["zero_tolerance"], bool), q["code"]


def test_it_names_the_codes_the_rule_version_reads() -> None:
    """The rules keep their own lists (an item missing from the data is not satisfied); the
    catalogue must offer exactly those, in the same order."""
    from differentiation.criteria import CURRENT

    def codes(specs: list, **match: str) -> tuple[str, ...]:  # type: ignore[type-arg]
        return tuple(s["code"] for s in specs if all(s[k] == v for k, v in match.items()))

    assert codes(MANAGEMENT_SYSTEM_ELEMENTS, system="HR") == CURRENT.hr_elements
    assert codes(MANAGEMENT_SYSTEM_ELEMENTS, system="OSH") == CURRENT.osh_elements
    assert codes(PROGRESS_ITEMS, group="social_dialogue") == CURRENT.social_dialogue_items
    assert codes(PROGRESS_ITEMS, group="learning") == CURRENT.learning_items
