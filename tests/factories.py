"""Workbooks built from the schema for the tests: a small référentiel and full plans."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from coopxl.reader import read_referential
from coopxl.schema import PLAN, REFERENTIAL
from coopxl.templates import plan_lists, write_workbook

D = dt.date

REFERENTIAL_FIELDS = {
    "park_name": "Parc naturel régional des Monts d'Ardèche",
    "body_name": "Syndicat mixte du Parc naturel régional des Monts d'Ardèche",
    "body_siren": "250700010",
    "address": "Domaine de Rochemure, 07380 Jaujac",
    "president_civility": "Mme",
    "president_name": "Hélène Vidal",
    "vp_name": "Paul Chabert",
    "approving_body": "Bureau syndical",
    "delegation": "délibération du comité syndical n° 2020_032 du 15 octobre 2020",
    "charter_version": "2013-2025",
    "charter_label": "Charte 2013-2025",
    "decree": "décret n° 2014-321 du 18 mars 2014",
    "court": "Lyon",
}

REFERENTIAL_ROWS = {
    "T_EPCI": [
        {"siren": "200039824", "name": "CC Ardèche des Sources et Volcans", "form": "CC",
         "department": "Ardèche", "seat": "Thueyts", "president_civility": "M.",
         "president": "Jean Testud", "dgs": "Sophie Arnaud", "councillors": 32, "court": "Lyon",
         "active": "Oui"},
        {"siren": "200041465", "name": "CC Val'Eyrieux", "form": "CC", "department": "Ardèche",
         "seat": "Le Cheylard", "president_civility": "Mme", "president": "Marie Faure",
         "dgs": "Luc Bonnet", "councillors": 45, "court": "Lyon", "active": "Oui"},
        {"siren": "200071413", "name": "CA Privas Centre Ardèche", "form": "CA", "department": "Ardèche",
         "seat": "Privas", "president_civility": "M.", "president": "Pierre Roux",
         "dgs": "Anne Blanc", "councillors": 60, "court": "Lyon", "active": "Oui"},
    ],
    "T_Charte": [
        {"version": "2013-2025", "vocation": "Un territoire remarquable à préserver",
         "orientation_number": 1, "orientation": "Préserver et gérer la biodiversité",
         "code": "1.1", "label": "Améliorer, organiser et partager la connaissance sur la biodiversité"},
        {"version": "2013-2025", "vocation": "Un territoire remarquable à préserver",
         "orientation_number": 5, "orientation": "Préserver les patrimoines par un urbanisme durable",
         "code": "5.2", "label": "Mesure 5.2"},
        {"version": "2013-2025", "vocation": "Un territoire productif",
         "orientation_number": 6, "orientation": "Orientation 6",
         "code": "6.1", "label": "Soutenir des filières locales"},
    ],
    "T_Equipe": [
        {"civility": "Mme", "first_name": "Claire", "last_name": "Martin",
         "post": "Chargée de mission urbanisme", "unit": "Aménagement", "days_available": 190},
        {"civility": "M.", "first_name": "Julien", "last_name": "Ferrand",
         "post": "Chargé de mission tourisme", "unit": "Développement", "days_available": 185},
        {"civility": "Mme", "first_name": "Inès", "last_name": "Garnier",
         "post": "Chargée de mission biodiversité", "unit": "Patrimoines", "days_available": 195},
    ],
    "T_Financeurs": [
        {"code": "LEADER", "name": "Programme LEADER (FEADER)", "kind": "Europe"},
        {"code": "REGION", "name": "Région Auvergne-Rhône-Alpes", "kind": "Région"},
        {"code": "EPCI", "name": "Autofinancement de l'EPCI", "kind": "EPCI"},
        {"code": "PARC", "name": "Fonds propres du Parc", "kind": "Parc"},
    ],
    "T_Matieres": [
        {"code": "8.4", "label": "Aménagement du territoire"},
        {"code": "8.8", "label": "Environnement"},
        {"code": "5.7", "label": "Intercommunalité"},
    ],
}


def make_referential(path: Path, **field_overrides: Any) -> Path:
    """Write the small test référentiel to `path`."""
    fields = {**REFERENTIAL_FIELDS, **field_overrides}
    return write_workbook(REFERENTIAL, path, fields=fields, rows=copy.deepcopy(REFERENTIAL_ROWS))


def full_plan_content() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """A plan with a value in every column of every table (T_Controles included)."""
    fields = {
        "epci_name": "CC Val'Eyrieux", "epci_siren": "200041465",
        "title": "Plan de coopération 2025-2027", "period_start": D(2025, 1, 1),
        "period_end": D(2027, 12, 31), "charter_version": "2013-2025", "status": "En œuvre",
        "updated_on": D(2025, 9, 30),
    }
    rows = {
        "T_GroupeProjet": [
            {"structure": "Parc", "college": "Technicien", "role": "Chargé de mission", "civility": "Mme",
             "first_name": "Claire", "last_name": "Martin", "role_detail": "Chargée de mission urbanisme",
             "email": "c.martin@example.org", "phone": "04 75 00 00 01", "pair_role": "Référent"},
            {"structure": "EPCI", "college": "Élu", "role": "Président de l'EPCI", "civility": "Mme",
             "first_name": "Marie", "last_name": "Faure", "role_detail": "Présidente",
             "email": "presidence@example.org", "phone": "04 75 00 00 02", "pair_role": None},
        ],
        "T_Seances": [
            {"number": 1, "kind": "Interconnaissance", "date": D(2024, 10, 3), "place": "Le Cheylard",
             "status": "Tenue", "participants": "Groupe projet au complet",
             "outcomes": "Attentes partagées\nDiagnostic croisé"},
        ],
        "T_Interconnaissance": [
            {"topic": "Attentes et préoccupations", "structure": "EPCI", "content": "Revitaliser les bourgs"},
        ],
        "T_Pistes": [
            {"number": "P1", "title": "Sentiers de la Dolce Via", "horizon": "Court terme",
             "measure": "6.1", "decision": "Retenue", "action": "A1.1"},
        ],
        "T_Objectifs": [
            {"number": "OS1", "title": "Développer un tourisme durable", "measures": "6.1; 5.2",
             "description": "Faire de la Dolce Via un levier"},
        ],
        "T_Actions": [
            {"number": "A1.1", "objective": "OS1", "title": "Aménager les haltes de la Dolce Via",
             "description": "Études et travaux", "measure": "6.1", "horizon": "Court terme",
             "lead": "Autre acteur", "other_lead": "Office de tourisme", "epci_role": "Maître d'ouvrage",
             "parc_role": "Appui technique", "partners": "Département", "officer": "Julien Ferrand",
             "start": D(2025, 3, 1), "end": D(2026, 6, 30), "status": "En cours", "priority": "Haute",
             "cost": 48500.5, "parc_days": 12.5, "indicator": "Haltes aménagées", "target": "4",
             "comment": "=SOMME(A1:A3) reste du texte"},
        ],
        "T_Financements": [
            {"action": "A1.1", "funder": "Programme LEADER (FEADER)", "scheme": "Fiche-action 3",
             "year": 2025, "amount": 30000, "status": "Acquis"},
        ],
        "T_Suivi": [
            {"date": D(2025, 6, 12), "action": "A1.1", "status": "En cours", "progress": 40,
             "achievements": "Étude livrée", "difficulties": "Foncier", "next_steps": "Travaux",
             "decision": "Poursuivre"},
        ],
        "T_Deliberations": [
            {"body": "Conseil communautaire", "number": "2025_045", "date": D(2025, 2, 12),
             "convened_on": D(2025, 2, 5), "chair": "Marie Faure", "secretary": "Luc Bonnet",
             "rapporteur": "Marie Faure", "members": 45, "present": 30, "proxies": 5, "voters": 35,
             "votes_for": 33, "votes_against": 1, "abstentions": 1, "result": "Adoptée",
             "actes_subject": "8.4 Aménagement du territoire", "transmitted_on": D(2025, 2, 14),
             "actes_id": "007-200041465-20250214-2025_045-DE", "published_on": D(2025, 2, 15),
             "hour": "18 h 30", "place": "salle du conseil, Le Cheylard",
             "present_names": "M. Alain Chazot\nMme Marie Faure", "excused_names": "Mme Anne Roux",
             "proxy_names": "M. Paul Riou à Mme Marie Faure"},
        ],
        "T_Controles": [
            {"severity": "Erreur", "code": "invalid-choice", "sheet": "Actions", "cell": "O2",
             "field": "Statut", "value": "En cour", "message": "Feuille « Actions »…"},
        ],
    }
    return fields, rows


def make_plan(path: Path, referential_path: Path | None = None, *, fields: dict | None = None,
              rows: dict | None = None) -> Path:
    """Write a plan workbook from the schema; by default the full plan, lists from the test référentiel."""
    default_fields, default_rows = full_plan_content()
    if referential_path is None:
        referential_path = make_referential(path.parent / "referentiel-test.xlsx")
    referential = read_referential(referential_path)
    return write_workbook(PLAN, path, fields=default_fields if fields is None else fields,
                          rows=default_rows if rows is None else rows, lists=plan_lists(referential))


TODAY = D(2026, 11, 25)
"""The date validation runs at in the tests (rules on follow-up depend on it)."""


def clean_plan_content() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """A plan in œuvre that breaks no rule of SPEC §5 (validated at TODAY)."""
    fields = {
        "epci_name": "CC Val'Eyrieux", "epci_siren": "200041465",
        "title": "Plan de coopération 2024-2026", "period_start": D(2024, 1, 1),
        "period_end": D(2026, 12, 31), "charter_version": "2013-2025", "status": "En œuvre",
        "updated_on": D(2026, 10, 1),
    }

    def member(structure, college, role, first, last, pair_role=None, email=None):
        return {"structure": structure, "college": college, "role": role, "civility": "Mme",
                "first_name": first, "last_name": last, "email": email, "pair_role": pair_role}

    def session(number, kind, date):
        return {"number": number, "kind": kind, "date": date, "place": "Le Cheylard", "status": "Tenue"}

    def action(number, objective, measure, start, end, status, cost, **extra):
        return {"number": number, "objective": objective, "title": f"Action {number}", "measure": measure,
                "horizon": "Court terme", "lead": "EPCI", "epci_role": "Maître d'ouvrage",
                "parc_role": "Appui technique", "officer": "Claire Martin", "start": start, "end": end,
                "status": status, "priority": "Haute", "cost": cost, "parc_days": 5, **extra}

    def review(date, number, status, progress):
        return {"date": date, "action": number, "status": status, "progress": progress,
                "decision": "Poursuivre"}

    reviews_dates = (D(2024, 6, 11), D(2024, 12, 3), D(2025, 6, 10), D(2025, 12, 2), D(2026, 6, 9))
    rows = {
        "T_GroupeProjet": [
            member("Parc", "Élu", "Président du Parc", "Hélène", "Vidal"),
            member("Parc", "Élu", "Vice-président proximité territoriale", "Paul", "Chabert"),
            member("Parc", "Technicien", "Chargé de mission", "Claire", "Martin", "Référent",
                   "c.martin@example.org"),
            member("Parc", "Technicien", "Chargé de mission", "Julien", "Ferrand", "Membre"),
            member("EPCI", "Élu", "Président de l'EPCI", "Marie", "Faure"),
            member("EPCI", "Élu", "Vice-président de l'EPCI", "Yves", "Rochette"),
            member("EPCI", "Technicien", "Directeur général des services", "Luc", "Bonnet"),
        ],
        "T_Seances": [
            session(1, "Interconnaissance", D(2023, 9, 12)),
            session(2, "Pistes de coopération", D(2023, 10, 17)),
            session(3, "Programme d'actions", D(2023, 11, 21)),
            *[session(4 + i, "Suivi semestriel", day) for i, day in enumerate(reviews_dates)],
        ],
        "T_Interconnaissance": [
            {"topic": "Attentes et préoccupations", "structure": "EPCI", "content": "Revitaliser les bourgs"},
        ],
        "T_Pistes": [
            {"number": "P1", "title": "Dolce Via", "horizon": "Court terme", "measure": "6.1",
             "decision": "Retenue", "action": "A1.1"},
        ],
        "T_Objectifs": [
            {"number": "OS1", "title": "Tourisme durable", "measures": "6.1; 5.2"},
            {"number": "OS2", "title": "Biodiversité", "measures": "1.1"},
        ],
        "T_Actions": [
            action("A1.1", "OS1", "6.1", D(2024, 3, 1), D(2025, 6, 30), "Réalisée", 20000),
            action("A2.1", "OS2", "1.1", D(2024, 9, 1), D(2026, 12, 31), "En cours", 12000,
                   lead="Autre acteur", other_lead="Conservatoire d'espaces naturels"),
        ],
        "T_Financements": [
            {"action": "A1.1", "funder": "Programme LEADER (FEADER)", "year": 2024, "amount": 12000,
             "status": "Acquis"},
            {"action": "A1.1", "funder": "Autofinancement de l'EPCI", "year": 2024, "amount": 8000, "status": "Acquis"},
            {"action": "A2.1", "funder": "Région Auvergne-Rhône-Alpes", "year": 2025, "amount": 6000,
             "status": "Sollicité"},
            {"action": "A2.1", "funder": "Fonds propres du Parc", "year": 2025, "amount": 6000, "status": "Acquis"},
            {"action": "A2.1", "funder": "Programme LEADER (FEADER)", "year": 2025, "amount": 5000, "status": "Refusé"},
        ],
        "T_Suivi": [
            review(reviews_dates[0], "A1.1", "En cours", 40), review(reviews_dates[0], "A2.1", "À venir", 0),
            review(reviews_dates[1], "A1.1", "En cours", 80), review(reviews_dates[1], "A2.1", "En cours", 10),
            review(reviews_dates[2], "A1.1", "Réalisée", 100), review(reviews_dates[2], "A2.1", "En cours", 30),
            review(reviews_dates[3], "A2.1", "En cours", 50), review(reviews_dates[4], "A2.1", "En cours", 70),
        ],
        "T_Deliberations": [
            {"body": "Conseil communautaire", "number": "2023_112", "date": D(2023, 12, 14),
             "convened_on": D(2023, 12, 7), "members": 45, "present": 30, "proxies": 5, "voters": 35,
             "votes_for": 35, "votes_against": 0, "abstentions": 0, "result": "Adoptée",
             "actes_subject": "8.4 Aménagement du territoire", "transmitted_on": D(2023, 12, 18),
             "actes_id": "007-200041465-20231218-2023_112-DE", "published_on": D(2023, 12, 19)},
            {"body": "Bureau syndical du Parc", "number": "B2024_003", "date": D(2024, 1, 16),
             "members": 12, "present": 9, "proxies": 1, "voters": 10, "votes_for": 8,
             "votes_against": 1, "abstentions": 1, "result": "Adoptée",
             "actes_subject": "8.4 Aménagement du territoire", "transmitted_on": D(2024, 1, 19),
             "actes_id": "007-250700010-20240119-B2024_003-DE"},
        ],
    }
    return fields, rows
