"""The model's derived quantities: one definition each, used by every capability."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopxl.model import Action, Deliberation, Funder, Funding, Member, Plan, Referential, Review, Session

D = dt.date


def plan(**parts) -> Plan:
    return Plan(path=Path("plan.xlsx"), **parts)


def test_counted_fundings_leave_out_refused_and_blank_amounts() -> None:
    p = plan(fundings=[
        Funding(action="A1", funder="Région", amount=1000, status="Acquis"),
        Funding(action="A1", funder="Région", amount=500, status="Refusé"),
        Funding(action="A1", funder="Europe LEADER", amount=None, status="Sollicité"),
        Funding(action="A2", funder="CC", amount=250.5, status="À solliciter"),
    ])
    assert [f.amount for f in p.counted_fundings] == [1000, 250.5]
    assert p.funding_by_action() == {"A1": 1000, "A2": 250.5}
    assert list(p.funding_by_funder().items()) == [("Région", 1000), ("CC", 250.5)]


def test_funding_shares_by_kind_and_leader() -> None:
    referential = Referential(funders=[Funder(code="CCVE", name="CC", kind="EPCI"),
                                       Funder(code="PNR", name="Parc", kind="Parc"),
                                       Funder(code="LEADER", name="Europe LEADER", kind="Europe")])
    p = plan(fundings=[Funding(action="A1", funder="CC", amount=100, status="Acquis"),
                       Funding(action="A1", funder="Parc", amount=50, status="Sollicité"),
                       Funding(action="A1", funder="Europe LEADER", amount=300, status="Acquis"),
                       Funding(action="A1", funder="Parc", amount=999, status="Refusé"),
                       Funding(action="A1", funder="Inconnu", amount=7, status="Acquis")])
    shares = p.funding_shares(referential)
    assert (shares.total, shares.epci, shares.parc, shares.leader) == (457, 100, 50, 300)


def test_total_cost_counts_blank_costs_as_zero() -> None:
    assert plan(actions=[Action(cost=1200.0), Action(cost=None), Action(cost=300)]).total_cost == 1500


@pytest.mark.parametrize(("end", "status", "late"), [
    (D(2026, 6, 30), "En cours", True),
    (D(2026, 6, 30), "Réalisée", False),
    (D(2026, 6, 30), "Abandonnée", False),
    (D(2026, 12, 31), "En cours", False),
    (None, "En cours", False),
])
def test_an_action_is_late_when_its_end_passed_and_it_is_still_open(end, status, late) -> None:
    assert Action(end=end, status=status).is_late(D(2026, 11, 29)) is late


def test_referent_and_pair_member() -> None:
    p = plan(members=[Member(first_name="Ana", last_name="Roux"),
                      Member(first_name="Claire", last_name="Martin", pair_role="Référent"),
                      Member(first_name="Julien", last_name="Ferrand", pair_role="Membre")])
    assert p.referent is not None and p.referent.full_name == "Claire Martin"
    assert p.pair_member is not None and p.pair_member.full_name == "Julien Ferrand"
    assert plan().referent is None


def test_latest_reviews_before_a_date() -> None:
    p = plan(reviews=[Review(date=D(2025, 6, 1), action="A1", status="En cours"),
                      Review(date=D(2025, 12, 1), action="A1", status="Réalisée"),
                      Review(date=D(2025, 6, 1), action="A2", status="À venir"),
                      Review(date=None, action="A3"), Review(date=D(2025, 6, 1), action=None)])
    assert {k: r.status for k, r in p.latest_reviews().items()} == {"A1": "Réalisée", "A2": "À venir"}
    assert {k: r.status for k, r in p.latest_reviews(before=D(2025, 12, 1)).items()} == {
        "A1": "En cours", "A2": "À venir"}


def test_review_dates_and_planned_review_sessions() -> None:
    p = plan(reviews=[Review(date=D(2025, 6, 1), action="A1")],
             sessions=[Session(kind="Suivi semestriel", status="Tenue", date=D(2025, 12, 3)),
                       Session(kind="Suivi semestriel", status="Prévue", date=D(2026, 12, 8)),
                       Session(kind="Suivi semestriel", status="Prévue", date=D(2026, 6, 2)),
                       Session(kind="Interconnaissance", status="Tenue", date=D(2024, 1, 10))])
    assert p.held_review_dates == [D(2025, 6, 1), D(2025, 12, 3)]
    assert [s.date for s in p.planned_review_sessions] == [D(2026, 6, 2), D(2026, 12, 8)]


def test_latest_deliberation_of_some_bodies() -> None:
    p = plan(deliberations=[Deliberation(body="Conseil communautaire", date=D(2024, 1, 10), number="1"),
                            Deliberation(body="Conseil communautaire", date=D(2025, 2, 12), number="2"),
                            Deliberation(body="Bureau syndical du Parc", date=D(2025, 3, 1), number="B")])
    latest = p.latest_deliberation(("Conseil communautaire",))
    assert latest is not None and latest.number == "2"
    assert p.latest_deliberation(("Comité syndical du Parc",)) is None
