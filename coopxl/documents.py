"""Word documents of a plan: the feuille de route and both délibérations (SPEC §7).

The look and the wording live in editable Word templates (docxtpl: Jinja fields on top of
python-docx); this module builds the context they are rendered with, checks a customised
template before use, renders, and converts to PDF through LibreOffice when asked.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import french
from .messages import CoopxlError, phrase
from .model import Deliberation, Member, Plan, Referential
from .schema import ADOPTED, CC_BODY, HELD, PAIR_MEMBER, PARC_BODIES, REFERENT, REVIEW_SESSION

BLANK = "__________"
"""What a draft shows where a value is not known yet."""

FEUILLE_DE_ROUTE = "feuille-de-route.docx"
DELIBERATION_CC = "deliberation-conseil-communautaire.docx"
DELIBERATION_PARC = "deliberation-parc.docx"
TEMPLATE_NAMES = (FEUILLE_DE_ROUTE, DELIBERATION_CC, DELIBERATION_PARC)

def _fields(*names: str, **nested: Any) -> dict[str, Any]:
    """A context object: plain attributes (None) and nested objects or lists."""
    return {**dict.fromkeys(names), **nested}


_ACTION = _fields("numero", "objectif", "intitule", "description", "mesure", "horizon", "porteur", "role_epci",
                  "role_parc", "partenaires", "charge_mission", "debut", "fin", "calendrier", "statut",
                  "priorite", "cout", "financement", "indicateur", "valeur_cible", financements=[None])
_MEMBER = _fields("nom", "fonction", "college", "binome", "civilite")
CONTEXT_FIELDS: dict[str, Any] = _fields(
    "seance1", "seance2", "seance3", "blanc",
    epci=_fields("nom", "nom_officiel", "siren", "forme", "forme_longue", "designation", "designation_de",
                 "designation_a", "departement", "siege", "siege_a", "president", "president_civilite",
                 "president_titre", "president_fonction", "president_a", "vp", "vp_fonction", "dgs", "dgs_fonction",
                 "conseillers", "tribunal", "entete"),
    parc=_fields("nom", "organisme", "siren", "adresse", "siege_commune", "fait_a", "president",
                 "president_civilite", "president_titre", "president_fonction", "president_a", "vp_proximite",
                 "vp_fonction",
                 "instance", "instance_majuscules", "est_bureau", "delegation", "charte", "charte_libelle",
                 "decret", "tribunal"),
    plan=_fields("intitule", "intitule_propre", "periode", "debut", "fin", "statut", "date_maj", "nb_objectifs",
                 "nb_objectifs_lettres", "nb_objectifs_texte", "nb_actions", "nb_actions_lettres",
                 "nb_actions_texte", "cout_total", "part_epci", "part_parc", "part_leader", "mesures",
                 "mesures_texte", "seances_texte", "nb_seances_texte", "total_financements",
                 financeurs=[_fields("nom", "montant", "part")],
                 objectifs=[_fields("numero", "intitule", "mesures", "description", "nb_actions",
                                    "nb_actions_texte", actions=[_ACTION])],
                 actions=[_ACTION],
                 pistes=[_fields("numero", "intitule", "horizon", "mesure", "decision", "action")],
                 interconnaissance=[_fields("rubrique", "structure", "contenu")]),
    groupe=_fields(parc=[_MEMBER], epci=[_MEMBER]),
    binome=_fields("referent", "referent_poste", "referent_fonction", "referent_titre", "membre", "membre_poste",
                   "texte"),
    seances=[_fields("numero", "type", "date", "lieu", "statut", "resultats", "objet")],
    suivis=[_fields("date", "lieu")],
    deliberation=_fields("est_extrait", "titre", "numero", "date", "date_lettres", "date_registre", "heure",
                         "heure_lettres", "lieu", "lieu_texte", "convocation", "president_seance", "presidence",
                         "secretaire", "secretaire_titre", "secretaire_phrase", "rapporteur", "membres", "presents",
                         "pouvoirs",
                         "votants", "pour", "contre", "abstentions", "formule_vote", "resultat", "adoptee",
                         "quorum", "matiere", "transmission", "identifiant_actes", "publication",
                         "liste_presents", "liste_excuses", "liste_pouvoirs", "instance"),
    delib_epci=_fields("numero", "date", "votee", "prevue"),
    document=_fields("genere_le", "brouillon", "mention", "version", "annexe"),
)
"""Every field a Word template may use: the contract between coopxl and staff's templates.

A dict lists the attributes of an object, a one-element list describes each item of a
list, None is a plain value.
"""

# The follow-up templates (coopxl suivi) have their own fields.
FICHE_SUIVI = "fiche-suivi.docx"
SYNTHESE_SUIVI = "synthese-suivi.docx"

_ACTION = _fields("numero", "intitule", "statut", "avancement", "debut", "fin", "charge_mission",
                  "realisations", "difficultes", "prochaines_etapes", "decision", "en_retard")
FOLLOWUP_FIELDS: dict[str, Any] = _fields(
    "blanc",
    epci=_fields("nom", "siren", "designation"),
    parc=_fields("nom"),
    plan=_fields("intitule", "periode", "statut"),
    reunion=_fields("date", "numero", "lieu", "precedente", "prochaine"),
    participants=[_fields("nom", "structure", "fonction")],
    objectifs=[_fields("numero", "intitule", actions=[_ACTION])],
    en_retard=[_ACTION],
    prochains_mois=[_fields("numero", "intitule", "evenement", "date")],
    a_solliciter=[_fields("action", "financeur", "dispositif", "montant")],
    decisions=[_fields("action", "intitule", "decision", "prochaines_etapes")],
    binome=_fields("referent", "membre", "referent_titre"),
)
SUMMARY_FIELDS: dict[str, Any] = _fields(
    "date", "nb_plans", "nb_a_jour", "nb_epci_texte", "nb_plans_texte", "nb_a_jour_texte",
    parc=_fields("nom"),
    lignes=[_fields("epci", "statut", "reunions_12_mois", "a_jour", "derniere", "prochaine", "en_retard",
                    "referent")],
)
FOLLOWUP_TEMPLATE_FIELDS = {FICHE_SUIVI: FOLLOWUP_FIELDS, SYNTHESE_SUIVI: SUMMARY_FIELDS}


@dataclass
class TemplateProblem:
    """A reason why a Word template cannot be used, in French."""

    message: str


@dataclass
class GeneratedDocuments:
    """What `generate_documents` wrote for one plan."""

    plan: Path
    files: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """Extracts not produced, each with the French reason (a placeholder value)."""


# --- context -------------------------------------------------------------------------


def _or_blank(value: Any) -> Any:
    return BLANK if value in (None, "") else value


def _count(value: int | None) -> str:
    return BLANK if value is None else str(value)


def _member(member: Member) -> dict[str, str]:
    name = french.person(member.full_name, member.civility)
    return {"nom": name or BLANK, "fonction": member.role_detail or member.role or "",
            "college": member.college or "", "civilite": french.civility_of(member.civility) or "",
            "binome": french.title("referent", member.civility) if member.pair_role == REFERENT
            else (member.pair_role or "").lower()}


def vote_formula(d: Deliberation | None) -> str:
    """`à l'unanimité` only when true; otherwise the counts; blanks while not voted."""
    if d is None or d.votes_for is None:
        return f"[à l'unanimité / par {BLANK} voix pour, {BLANK} voix contre et {BLANK} abstentions]"
    against, abstentions = d.votes_against or 0, d.abstentions or 0
    if against == 0 and abstentions == 0:
        return "à l'unanimité"
    if against == 0:
        return (f"à l'unanimité des suffrages exprimés ({d.votes_for} voix pour, "
                f"{_plural(abstentions, 'abstention')})")
    return (f"par {_plural(d.votes_for, 'voix pour', 'voix pour')}, "
            f"{_plural(against, 'voix contre', 'voix contre')} et {_plural(abstentions, 'abstention')}")


def _plural(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number <= 1 else (plural or singular + 's')}"


def names_in(text: str | None) -> list[str]:
    """The names of a « Liste des présents » cell: one a line or separated by « ; »."""
    if not text:
        return []
    return [n.strip() for n in re.split(r"[;\n]", text) if n.strip()]


def _people(text: str | None) -> str:
    """« M. A, Mme B et M. C » from a list cell, civilités kept with a no-break space."""
    people = [french.person(n) for n in names_in(text)]
    return french.enumerate_words(people) if people else ""


def _proxies(text: str | None) -> str:
    """« M. A à Mme B ; Mme C à M. D » from a « Liste des pouvoirs » cell."""
    lines = []
    for line in names_in(text):
        giver, sep, holder = line.partition(" à ")
        lines.append(f"{french.person(giver)} à {french.person(holder)}" if sep else french.person(line))
    return " ; ".join(lines)


def hour_in_words(text: str | None) -> str:
    """« dix-huit heures trente » from « 18 h 30 », « 18:30 » or « 18h »; the text itself otherwise."""
    if not text:
        return ""
    found = re.match(r"^\s*(\d{1,2})\s*(?:h|H|:|heures?)\s*(\d{2})?(?::\d{2})?\s*$", str(text))
    if not found:
        return str(text)
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    words = "zéro heure" if hours == 0 else french.count_in_words(hours, "heure", feminine=True)
    return words + (f" {french.number_in_words(minutes)}" if minutes else "")


def place_phrase(place: str | None) -> str:
    """Where the body met, after « s'est réuni »: « au Cheylard », « salle du conseil, Privas »."""
    if not place:
        return BLANK
    place = place.strip()
    if "," in place or place[:1].islower():
        return place
    return french.a(place)


def with_known_civilities(d: Deliberation | None, people: dict[str, str]) -> Deliberation | None:
    """The délibération with a civilité before every name the référentiel or the plan knows
    (« Alain Chapuis » → « M. Alain Chapuis »), so that titles agree even when the cell lacks one."""
    if d is None:
        return None

    def one(name: str) -> str:
        civility, bare = french.split_civility(name)
        known = None if civility else people.get(" ".join(bare.lower().split()))
        return f"{known} {bare}" if known else name

    def many(text: str | None, pairs: bool = False) -> str | None:
        if not text:
            return text
        lines = []
        for line in names_in(text):
            giver, sep, holder = line.partition(" à ")
            lines.append(f"{one(giver)} à {one(holder)}" if pairs and sep else one(line))
        return "\n".join(lines)

    return replace(d, chair=d.chair and one(d.chair), secretary=d.secretary and one(d.secretary),
                   rapporteur=d.rapporteur and one(d.rapporteur), present_names=many(d.present_names),
                   excused_names=many(d.excused_names), proxy_names=many(d.proxy_names, pairs=True))


def _deliberation(d: Deliberation | None, body: str) -> dict[str, Any]:
    """`body`: « conseil communautaire » or the Parc's instance."""
    voted = d is not None and d.votes_for is not None
    subject = (d.actes_subject if d and d.actes_subject else "8.4 Aménagement du territoire")
    chair_civility, chair = french.split_civility(d.chair if d else None)
    secretary_civility, _ = french.split_civility(d.secretary if d else None)
    day = d.date if d else None
    register = f"L'an {BLANK}, le {BLANK}"
    if day:
        register = f"L'an {french.number_in_words(day.year)}, le {_day_in_words(day)} {french.MONTHS[day.month - 1]}"
    chair_title = french.title("president", chair_civility) if chair else ""
    return {
        "est_extrait": voted,
        "instance": body,
        "titre": (f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU {body.upper()}" if voted
                  else f"PROJET DE DÉLIBÉRATION DU {body.upper()}"),
        "numero": _or_blank(d.number if d else None),
        "date": french.date_long(day) if day else BLANK,
        "date_lettres": french.date_in_words(day) if day else BLANK,
        "date_registre": register,
        "heure": (d.hour if d and d.hour else BLANK),
        "heure_lettres": hour_in_words(d.hour) if d and d.hour else f"{BLANK} heures",
        "lieu": (d.place if d and d.place else BLANK),
        "lieu_texte": place_phrase(d.place if d else None),
        "convocation": french.date_long(d.convened_on) if d and d.convened_on else BLANK,
        "president_seance": french.person(d.chair) if d and d.chair else BLANK,
        "presidence": (f"{french.de(french.person(d.chair))}, {chair_title}" if d and d.chair
                       else f"de {BLANK}"),
        "secretaire": french.person(d.secretary) if d and d.secretary else BLANK,
        "secretaire_phrase": _secretary_sentence(d, secretary_civility, voted),
        "secretaire_titre": french.title("secretaire", secretary_civility if d and d.secretary else None,
                                         article=True, capital=True),
        "rapporteur": french.person(d.rapporteur) if d and d.rapporteur else BLANK,
        "membres": _count(d.members if d else None),
        "presents": _count(d.present if d else None),
        "pouvoirs": _count((d.proxies or 0) if voted and d else None),
        "votants": _count(d.voters if d else None),
        "pour": _count(d.votes_for if d else None),
        "contre": _count((d.votes_against or 0) if voted and d else None),
        "abstentions": _count((d.abstentions or 0) if voted and d else None),
        "formule_vote": vote_formula(d),
        "resultat": (d.result or "").upper() if voted and d else BLANK,
        "adoptee": bool(voted and d and d.result == ADOPTED),
        "quorum": bool(voted and d and d.members and d.present and d.present * 2 > d.members),
        "matiere": subject,
        "transmission": french.date_long(d.transmitted_on) if d and d.transmitted_on else BLANK,
        "identifiant_actes": _or_blank(d.actes_id if d else None),
        "publication": french.date_long(d.published_on) if d and d.published_on else BLANK,
        "liste_presents": _people(d.present_names if d else None) or BLANK,
        "liste_excuses": (_people(d.excused_names) or ("néant" if voted else BLANK)) if d else BLANK,
        "liste_pouvoirs": (_proxies(d.proxy_names) or ("néant" if voted and not d.proxies else BLANK)) if d else BLANK,
    }


def _secretary_sentence(d: Deliberation | None, civility: str | None, voted: bool) -> str:
    """« Mme Anne Roche a été désignée secrétaire de séance. »; a blank, without a full stop, in a draft."""
    if not d or not d.secretary:
        return f"Secrétaire de séance : {BLANK}"
    name = french.person(d.secretary)
    if not voted:
        return f"Secrétaire de séance : {name}"
    participle = french.agree(civility, "désigné", "désignée", "")
    if not participle:
        return f"Secrétaire de séance : {name}."
    return f"{name} a été {participle} secrétaire de séance."


def _day_in_words(day: dt.date) -> str:
    return "premier" if day.day == 1 else french.number_in_words(day.day)


WORK_SESSIONS = ("Interconnaissance", "Pistes de coopération", "Programme d'actions")
SESSION_PURPOSES = {
    "Interconnaissance": "pour la présentation croisée des attentes, des compétences et missions, du diagnostic "
                         "du territoire et des orientations de chacun",
    "Pistes de coopération": "pour repérer les pistes de coopération à court et moyen terme",
    "Programme d'actions": "pour arrêter le programme : objectifs stratégiques, actions, calendrier et "
                           "répartition des rôles",
}


def _to_president(civility: str | None) -> str:
    """« au président », « à la présidente », « au président ou à la présidente »."""
    return french.agree(civility, "au président", "à la présidente", "au président ou à la présidente")


def build_context(plan: Plan, referential: Referential, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the templates may show, as plain values already formatted the French way."""
    today = today or dt.date.today()
    epci = next((e for e in referential.epcis if e.siren == plan.epci_siren), None) or next(
        (e for e in referential.epcis if e.name == plan.epci_name), None)
    by_action: dict[str, list] = defaultdict(list)
    for line in plan.counted_fundings:
        if line.action:
            by_action[line.action].append(line)
    totals = plan.funding_by_funder()
    shares = plan.funding_shares(referential)
    staff = {s.full_name: s.civility for s in referential.staff if s.full_name}
    actions = [_action(a, by_action.get(a.number or "", []), staff) for a in plan.actions]
    objectives = []
    for objective in plan.objectives:
        own = [a for a in actions if a["objectif"] == objective.number]
        objectives.append({"numero": objective.number or "", "intitule": objective.title or "",
                           "mesures": ", ".join(objective.measure_codes), "description": objective.description or "",
                           "nb_actions": len(own), "nb_actions_texte": french.count(len(own), "action"),
                           "actions": own})
    sessions = {s.kind: s for s in plan.sessions}
    pair = {m.pair_role: m for m in plan.members if m.pair_role}
    approving = (referential.approving_body or "Bureau syndical").lower()
    cc = plan.latest_deliberation((CC_BODY,))
    parc_deliberation = plan.latest_deliberation(PARC_BODIES)
    forme = (epci.form if epci else None) or ("CA" if (plan.epci_name or "").startswith("CA") else "CC")
    forme_longue = french.LEGAL_FORMS.get(forme, french.LEGAL_FORMS["CC"])[1]
    official = french.official_name(forme, plan.epci_name, epci.official_name if epci else None) or BLANK
    designation = french.designation(forme, plan.epci_name, epci.official_name if epci else None) or BLANK
    period = f"{plan.period_start.year}-{plan.period_end.year}" if plan.period_start and plan.period_end else BLANK
    measures = sorted({a.measure for a in plan.actions if a.measure}, key=_measure_key)
    president_civility = french.civility_of(epci.president_civility) if epci else None
    dgs_civility = french.civility_of(epci.dgs_civility) if epci else None
    vp = next((m for m in plan.members if m.structure == "EPCI" and (m.role or "").startswith("Vice-président")),
              None)
    parc_president_civility = french.civility_of(referential.president_civility)
    vp_civility = french.civility_of(referential.vp_civility)
    total_funding = shares.total
    work = [s for s in plan.sessions if s.kind in WORK_SESSIONS and s.date and s.status != "Annulée"]
    first_vote = min((d.date for d in (cc, parc_deliberation) if d and d.date), default=None)
    if first_vote:
        work = [s for s in work if s.date and s.date <= first_vote]
    seat = (epci.seat if epci else None) or ""
    return {
        "epci": {"nom": plan.epci_name or BLANK, "nom_officiel": official, "siren": plan.epci_siren or BLANK,
                 "forme": forme, "forme_longue": forme_longue, "designation": designation,
                 "designation_de": french.de(designation), "designation_a": french.a(designation),
                 "entete": official.upper(),
                 "departement": (epci.department if epci else None) or BLANK,
                 "siege": seat or BLANK, "siege_a": french.a(seat) if seat else f"à {BLANK}",
                 "president": french.person(epci.president, president_civility) if epci and epci.president
                 else BLANK,
                 "president_civilite": president_civility or "",
                 "president_titre": french.title("president", president_civility, article=True, capital=True),
                 "president_fonction": french.title("president", president_civility),
                 "president_a": _to_president(president_civility),
                 "vp": french.person(vp.full_name, vp.civility) if vp else "",
                 "vp_fonction": (french.lower_first(vp.role_detail) if vp and vp.role_detail
                                 else french.title("vice-president", vp.civility if vp else None)),
                 "dgs": french.person(epci.dgs, dgs_civility) if epci and epci.dgs else BLANK,
                 "dgs_fonction": french.title("dgs", dgs_civility),
                 "conseillers": _count(epci.councillors if epci else None),
                 "tribunal": (epci.court if epci and epci.court else referential.court) or BLANK},
        "parc": {"nom": referential.park_name or BLANK, "organisme": referential.body_name or BLANK,
                 "siren": referential.body_siren or BLANK, "adresse": referential.address or BLANK,
                 "siege_commune": referential.seat_town or BLANK,
                 "fait_a": french.a(referential.seat_town) if referential.seat_town else f"à {BLANK}",
                 "president": french.person(referential.president_name, parc_president_civility)
                 if referential.president_name else BLANK,
                 "president_civilite": parc_president_civility or "",
                 "president_titre": french.title("president", parc_president_civility, article=True, capital=True),
                 "president_fonction": french.title("president", parc_president_civility),
                 "president_a": _to_president(parc_president_civility),
                 "vp_proximite": french.person(referential.vp_name, vp_civility) if referential.vp_name else BLANK,
                 "vp_fonction": french.agree(vp_civility, "vice-président chargé", "vice-présidente chargée",
                                             "à la vice-présidence chargée") + " de la proximité territoriale",
                 "instance": approving,
                 "instance_majuscules": approving.upper(), "est_bureau": approving.startswith("bureau"),
                 "delegation": referential.delegation or BLANK, "charte": referential.charter_version or BLANK,
                 "charte_libelle": french.lower_first(referential.charter_label or "") or BLANK,
                 "decret": referential.decree or BLANK,
                 "tribunal": referential.court or BLANK},
        "plan": {"intitule": plan.title or f"Plan de coopération {period}",
                 # A title that only repeats « Plan de coopération <période> … » is not shown twice.
                 "intitule_propre": plan.title if plan.title and not plan.title.strip().lower().startswith(
                     f"plan de coopération {period}".lower()) else "",
                 "periode": period,
                 "debut": french.date_long(plan.period_start) or BLANK,
                 "fin": french.date_long(plan.period_end) or BLANK, "statut": plan.status or "",
                 "date_maj": french.date_long(plan.updated_on), "nb_objectifs": len(plan.objectives),
                 "nb_objectifs_lettres": french.number_in_words(len(plan.objectives)),
                 "nb_objectifs_texte": french.count_in_words(len(plan.objectives), "objectif stratégique"),
                 "nb_actions": len(plan.actions), "nb_actions_lettres": french.number_in_words(len(plan.actions)),
                 "nb_actions_texte": french.count_in_words(len(plan.actions), "action", feminine=True),
                 "cout_total": french.euros(sum(a.cost or 0 for a in plan.actions)),
                 "part_epci": french.euros(shares.epci), "part_parc": french.euros(shares.parc),
                 "part_leader": french.euros(shares.leader), "mesures": ", ".join(measures),
                 "mesures_texte": (("la mesure " if len(measures) == 1 else "les mesures ")
                                   + french.enumerate_words(measures)) if measures else f"les mesures {BLANK}",
                 "seances_texte": french.enumerate_words([f"le {french.date_long(s.date)}" for s in work])
                 or f"le {BLANK}",
                 "nb_seances_texte": french.count_in_words(len(work), "fois", "fois", feminine=True)
                 if work else BLANK,
                 "total_financements": french.euros(total_funding),
                 "financeurs": [{"nom": name, "montant": french.euros(amount),
                                 "part": french.percent(100 * amount / total_funding) if total_funding else ""}
                                for name, amount in totals.items()],
                 "objectifs": objectives, "actions": actions,
                 "pistes": [{"numero": p.number or "", "intitule": p.title or "", "horizon": p.horizon or "",
                             "mesure": p.measure or "", "decision": p.decision or "", "action": p.action or ""}
                            for p in plan.leads],
                 "interconnaissance": [{"rubrique": i.topic or "", "structure": i.structure or "",
                                        "contenu": i.content or ""} for i in plan.insights]},
        "groupe": {"parc": [_member(m) for m in plan.members if m.structure == "Parc"],
                   "epci": [_member(m) for m in plan.members if m.structure == "EPCI"]},
        "binome": _pair(pair),
        "seances": [{"numero": s.number or "", "type": s.kind or "", "date": french.date_long(s.date) or BLANK,
                     "lieu": s.place or "", "statut": s.status or "", "resultats": s.outcomes or "",
                     "objet": SESSION_PURPOSES.get(s.kind or "", "")}
                    for s in plan.sessions if s.kind in WORK_SESSIONS and s.status != "Annulée"
                    and (first_vote is None or (s.date and s.date <= first_vote))],
        "seance1": _session_date(sessions.get("Interconnaissance")),
        "seance2": _session_date(sessions.get("Pistes de coopération")),
        "seance3": _session_date(sessions.get("Programme d'actions")),
        "suivis": [{"date": french.date_long(s.date), "lieu": s.place or ""} for s in plan.sessions
                   if s.kind == REVIEW_SESSION and s.status == HELD and s.date],
        "deliberation": {},
        "delib_epci": {"numero": _or_blank(cc.number if cc else None),
                       "date": french.date_long(cc.date) if cc and cc.date else BLANK,
                       "votee": bool(cc and cc.votes_for is not None),
                       "prevue": bool(cc and cc.date and cc.votes_for is None)},
        "document": {"genere_le": french.date_long(today), "brouillon": True, "mention": "",
                     "version": _version_line(cc, parc_deliberation, approving, plan, today),
                     "annexe": bool(cc or parc_deliberation)},
        "blanc": BLANK,
        "_deliberations": {"cc": cc, "parc": parc_deliberation},
        "_people": _known_people(plan, referential),
    }


def _known_people(plan: Plan, referential: Referential) -> dict[str, str]:
    """Lower-cased name → civilité, for every person whose civilité the référentiel or the plan gives."""
    known = [(referential.president_name, referential.president_civility), (referential.vp_name,
                                                                              referential.vp_civility)]
    known += [(e.president, e.president_civility) for e in referential.epcis]
    known += [(e.dgs, e.dgs_civility) for e in referential.epcis]
    known += [(s.full_name, s.civility) for s in referential.staff]
    known += [(m.full_name, m.civility) for m in plan.members]
    return {" ".join(name.lower().split()): shown for name, civility in known
            if name and (shown := french.civility_of(civility))}


def _pair(pair: dict[str, Member]) -> dict[str, str]:
    """The Parc's binôme technique, its titles agreeing with each person's civilité."""
    referent, other = pair.get(REFERENT), pair.get(PAIR_MEMBER)
    people = [m for m in (referent, other) if m]
    civilities = {french.civility_of(m.civility) for m in people}
    if referent and other:  # both people
        heads = ("deux chargées de mission" if civilities == {french.FEMALE}
                 else "deux membres de l'équipe technique" if None in civilities else "deux chargés de mission")
        text = (f"{heads}, {_member(referent)['nom']}, {french.title('referent', referent.civility)}, "
                f"et {_member(other)['nom']}")
    elif people:
        text = f"{_member(people[0])['nom']}, {french.title('charge-de-mission', people[0].civility)}"
    else:
        text = f"{BLANK} et {BLANK}"
    return {
        "referent": _member(referent)["nom"] if referent else BLANK,
        "referent_poste": (french.lower_first(referent.role_detail) if referent.role_detail
                           else french.title("charge-de-mission", referent.civility)) if referent else BLANK,
        "referent_fonction": (french.title("charge-de-mission", referent.civility) + " "
                              + french.title("referent", referent.civility)) if referent else BLANK,
        "referent_titre": french.title("referent", referent.civility) if referent else BLANK,
        "membre": _member(other)["nom"] if other else BLANK,
        "membre_poste": (french.lower_first(other.role_detail) if other.role_detail
                         else french.title("charge-de-mission", other.civility)) if other else BLANK,
        "texte": text,
    }


def _version_line(cc: Deliberation | None, parc: Deliberation | None, approving: str, plan: Plan,
                  today: dt.date) -> str:
    """« Version soumise au vote du conseil communautaire du … et du bureau syndical du … »."""
    votes = []
    if cc:
        votes.append(f"du conseil communautaire du {french.date_long(cc.date) if cc.date else BLANK}")
    if parc:
        parc_date = french.date_long(parc.date) if parc.date else BLANK
        votes.append(f"{french.de(with_article_body(approving))} du {parc_date}")
    if votes:
        return "Version soumise au vote " + french.enumerate_words(votes) + "."
    return f"Version de travail du {french.date_long(plan.updated_on or today)}."


def with_article_body(body: str) -> str:
    """« le bureau syndical », « le comité syndical »."""
    return french.with_article(body)


def _session_date(session: Any) -> str:
    return french.date_long(session.date) if session and session.date else BLANK


def _measure_key(code: str) -> tuple:
    """`1.2` before `1.10`; a part that is not a number sorts after the numbers, by its text."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def _action(action: Any, lines: list, staff: dict[str, str | None] | None = None) -> dict[str, Any]:
    start, end = action.start, action.end
    calendar = " – ".join(x for x in (_month(start), _month(end)) if x) or BLANK
    funding = [f"{line.funder}{french.NBSP}: {french.euros(line.amount)}" for line in lines]
    return {"numero": action.number or "", "objectif": action.objective or "", "intitule": action.title or "",
            "description": action.description or "", "mesure": action.measure or "",
            "horizon": action.horizon or "",
            "porteur": (action.other_lead if action.lead == "Autre acteur" and action.other_lead
                        else (action.lead or "")),
            "role_epci": action.epci_role or "", "role_parc": action.parc_role or "",
            "partenaires": action.partners or "",
            "charge_mission": french.person(action.officer, (staff or {}).get(action.officer or "")),
            "debut": french.date_long(start), "fin": french.date_long(end), "calendrier": calendar,
            "statut": action.status or "", "priorite": action.priority or "",
            "cout": french.euros(action.cost) if action.cost is not None else "",
            "financement": " ; ".join(funding), "financements": funding,
            "indicateur": action.indicator or "", "valeur_cible": action.target or ""}


def _month(day: dt.date | None) -> str:
    return f"{french.MONTHS[day.month - 1]} {day.year}" if day else ""


_TYPESET: dict[str, str] = {}
"""Text → the same text typeset: the three documents of a plan share most of their context."""


def typeset(value: Any) -> Any:
    """French typography on every text of a context (no-break spaces), recursively."""
    if isinstance(value, str):
        done = _TYPESET.get(value)
        if done is None:
            if len(_TYPESET) > 50_000:
                _TYPESET.clear()
            done = _TYPESET[value] = french.typography(value)
        return done
    if isinstance(value, dict):
        return {k: typeset(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typeset(v) for v in value]
    return value


def document_context(base: dict[str, Any], which: str) -> dict[str, Any]:
    """The context of one document: the base plus the délibération it is about."""
    context = {k: v for k, v in base.items() if not k.startswith("_")}
    deliberations = base["_deliberations"]
    if which == DELIBERATION_CC:
        context["deliberation"] = _deliberation(with_known_civilities(deliberations["cc"], base["_people"]),
                                                "conseil communautaire")
    elif which == DELIBERATION_PARC:
        context["deliberation"] = _deliberation(with_known_civilities(deliberations["parc"], base["_people"]),
                                                base["parc"]["instance"])
    else:
        context["deliberation"] = _deliberation(None, "")
    voted = context["deliberation"]["est_extrait"]
    context["document"] = {**base["document"], "brouillon": which != FEUILLE_DE_ROUTE and not voted,
                           "mention": "" if which == FEUILLE_DE_ROUTE else
                           ("Extrait certifié conforme" if voted else "Projet — document de travail")}
    return typeset(context)


def is_extract(base: dict[str, Any], which: str) -> bool:
    """Whether the document `which` is the extract of a voted délibération."""
    key = {DELIBERATION_CC: "cc", DELIBERATION_PARC: "parc"}.get(which)
    d = base["_deliberations"].get(key) if key else None
    return bool(d and d.votes_for is not None)


# --- templates -----------------------------------------------------------------------


def template_path(name: str, folder: Path | None = None) -> Path:
    """A Word template: from `folder` when staff customised it, else the shipped one."""
    if folder is not None and (folder / name).is_file():
        return folder / name
    from .workspace import shipped_path

    return shipped_path("word_templates", name)


def load_renderer() -> None:
    """Import docxtpl, python-docx and Jinja ahead of rendering (0.1 s): document workers forked
    afterwards start with them (see `parallel.map_processes`'s `meanwhile`)."""
    _jinja_environment()
    _template_class()


@functools.cache
def _jinja_environment() -> Any:
    """Plan text is escaped (never Word XML); templates run sandboxed (a template copied into
    `modeles/` can read the context's fields, not Python's internals). Compiled templates are
    kept for the next document: docxtpl compiles every part at every render."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    class _Environment(SandboxedEnvironment):
        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            if source not in _COMPILED:
                _COMPILED[source] = super().from_string(source)
            return _COMPILED[source]

    environment = _Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    environment.filters.update(GRAMMAR_FILTERS)
    return environment


GRAMMAR_FILTERS: dict[str, Any] = {
    "de": french.de,
    "a": french.a,
    "que": french.que,
    "article": lambda noun, feminin=False, pluriel=False: french.with_article(noun, feminin, pluriel),
    "titre": lambda key, civilite=None, article=False, majuscule=False: french.title(key, civilite, article,
                                                                                      majuscule),
    "accord": lambda civilite, masculin, feminin, neutre=None: french.agree(civilite, masculin, feminin, neutre),
    "personne": lambda nom, civilite=None: french.person(nom, civilite),
    "nombre": lambda n, singulier, pluriel=None: french.count(n, singulier, pluriel),
    "en_lettres": lambda n, singulier, pluriel=None, feminin=False: french.count_in_words(n, singulier, pluriel,
                                                                                          feminin),
    "liste": lambda items: french.enumerate_words(list(items)),
    "typographie": french.typography,
    "majuscule": french.upper_first,
}
"""French grammar for customised templates: « {{ epci.siege|a }} » → « au Cheylard » (README lists them)."""


_COMPILED: dict[str, Any] = {}
"""Template part source → compiled Jinja template (see `_jinja_environment`)."""
_PATCHED: dict[str, str] = {}
"""Template part XML → the same XML cleaned up by docxtpl (see `_template_class`)."""


@functools.cache
def _template_class() -> type:
    """DocxTemplate whose XML clean-up (regexes over the whole part) is done once per template."""
    from docxtpl import DocxTemplate

    class _Template(DocxTemplate):
        def patch_xml(self, src_xml: str) -> str:
            if src_xml not in _PATCHED:
                _PATCHED[src_xml] = super().patch_xml(src_xml)
            return _PATCHED[src_xml]

        def resolve_listing(self, xml: str) -> str:
            # docxtpl turns tabs, line and page breaks of the rendered text into Word's own
            # elements with regexes over every paragraph and run (a fifth of a render): only
            # worth it when the part holds one of these characters.
            if "\n" in xml or "\t" in xml or "\a" in xml or "\f" in xml:
                return super().resolve_listing(xml)
            return xml

    return _Template


def _template_source(path: Path) -> str:
    """The Jinja source docxtpl renders: body, headers and footers, with Word's runs merged."""
    from docx import Document
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    document = Document(str(path))
    # python-docx types Document._element as BaseOxmlElement; it is a CT_Document, which has .body
    source = template.patch_xml(template.xml_to_string(document._element.body))  # type: ignore[attr-defined]
    for rel in document.part.rels.values():
        if rel.reltype in (template.HEADER_URI, template.FOOTER_URI) and rel.target_part.blob:
            source += template.patch_xml(template.xml_to_string(parse_xml(rel.target_part.blob)))
    return source


ALL_TEMPLATE_NAMES = TEMPLATE_NAMES + tuple(FOLLOWUP_TEMPLATE_FIELDS)
"""Every Word template shipped with coopxl: the plan's documents, then the follow-up ones."""


def copy_templates(folder: Path) -> list[tuple[Path, bool]]:
    """Copy the shipped Word templates into `folder` to customise them (`coopxl modeles copier`).

    A template already there is kept. Returns (target, copied) for each template."""
    from .files import copy_atomically

    folder.mkdir(parents=True, exist_ok=True)
    done = []
    for name in ALL_TEMPLATE_NAMES:
        target = folder / name
        copied = not target.exists()
        if copied:
            copy_atomically(template_path(name), target)
        done.append((target, copied))
    return done


def fields_for(name: str) -> dict[str, Any]:
    """The context fields a template may use, by template name (follow-up templates have their own)."""
    return FOLLOWUP_TEMPLATE_FIELDS.get(name, CONTEXT_FIELDS)


def check_template(path: Path, fields: dict[str, Any] | None = None) -> list[TemplateProblem]:
    """Why a (customised) Word template cannot be used: broken tags, unknown fields, missing styles."""
    import jinja2

    problems: list[TemplateProblem] = []
    path = Path(path)
    if not path.is_file():
        return [TemplateProblem(phrase("template-missing", name=path.name))]
    try:
        source = _template_source(path)
    except Exception as error:  # not a .docx at all
        return [TemplateProblem(phrase("template-unreadable", name=path.name, detail=type(error).__name__))]
    try:
        tree = _jinja_environment().parse(source)
    except jinja2.TemplateSyntaxError as error:
        text = re.sub(r"<[^>]+>", "", source.splitlines()[error.lineno - 1] if error.lineno else "")[:80]
        return [TemplateProblem(phrase("template-syntax", name=path.name, detail=error.message or "",
                                       near=text.strip()))]
    for field_name in sorted(unknown_fields(tree, fields or fields_for(path.name))):
        problems.append(TemplateProblem(phrase("template-unknown-field", name=path.name, field=field_name)))
    for style in sorted(_missing_styles(path)):
        problems.append(TemplateProblem(phrase("template-missing-style", name=path.name, style=style)))
    return problems


def unknown_fields(tree: Any, fields: dict[str, Any] = CONTEXT_FIELDS) -> set[str]:
    """Dotted names a template uses that are not in `fields` (loop variables followed)."""
    from jinja2 import nodes

    unknown: set[str] = set()

    def spec_of(node: Any, scope: dict[str, Any]) -> tuple[bool, Any, str]:
        """(known, field spec, dotted name) of a Name/Getattr chain."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return True, scope[node.name], node.name
            if node.name in fields:
                return True, fields[node.name], node.name
            return False, None, node.name
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            known, spec, name = spec_of(node.node, scope)
            dotted = f"{name}.{attr}"
            if not known or not isinstance(attr, str):
                return known, None, dotted
            if isinstance(spec, dict) and attr in spec:
                return True, spec[attr], dotted
            if isinstance(spec, list) or spec is None:
                return True, None, dotted  # methods of lists and strings (|length, .upper())
            return False, None, dotted
        return True, None, ""

    def visit(node: Any, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            visit(node.iter, scope)
            _, spec, _ = spec_of(node.iter, scope)
            item = spec[0] if isinstance(spec, list) and spec else None
            inner = dict(scope)
            targets = [node.target] if isinstance(node.target, nodes.Name) else node.target.find_all(nodes.Name)
            for target in targets:
                inner[target.name] = item
            inner["loop"] = None
            for child in node.body + node.else_:
                visit(child, inner)
            if node.test is not None:
                visit(node.test, inner)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Name) and node.ctx != "load":
                return
            known, _, dotted = spec_of(node, scope)
            if not known:
                unknown.add(dotted)
            base: nodes.Expr = node
            while isinstance(base, (nodes.Getattr, nodes.Getitem)):
                base = base.node
            if not isinstance(base, nodes.Name):
                visit(base, scope)
            return
        if isinstance(node, nodes.Assign):
            visit(node.node, scope)
            for target in node.target.find_all(nodes.Name):
                scope[target.name] = None
            return
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(tree, {})
    return unknown


def _missing_styles(path: Path) -> set[str]:
    """Paragraph, character and table styles used in the body but not defined in the template."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode("utf-8", "replace")
        has_styles = "word/styles.xml" in package.namelist()
        styles = package.read("word/styles.xml").decode("utf-8", "replace") if has_styles else ""
    used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', body))
    defined = set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles))
    return used - defined


def render(template: Path, context: dict[str, Any], target: Path, today: dt.date) -> Path:
    """Render one template to `target` atomically; unknown fields stop it with a French message."""
    import jinja2
    import jinja2.sandbox

    from .files import atomic_write
    from .parallel import collector_paused

    document = _template_class()(str(template))
    try:
        with collector_paused():  # python-docx's parts refer to their package: freed when collected after
            document.render(context, _jinja_environment())
    except (jinja2.UndefinedError, jinja2.sandbox.SecurityError) as error:
        raise CoopxlError("template-invalid", name=template.name, detail=str(error)) from error
    except jinja2.TemplateSyntaxError as error:
        raise CoopxlError("template-invalid", name=template.name, detail=error.message or "") from error
    properties = document.docx.core_properties
    properties.author = "coopxl"
    properties.last_modified_by = "coopxl"
    stamp = dt.datetime(today.year, today.month, today.day)
    properties.created = properties.modified = stamp
    properties.revision = 1
    with atomic_write(target) as temporary:
        document.save(str(temporary))
    return target


# --- generation ----------------------------------------------------------------------


def output_names(referential: Referential) -> dict[str, str]:
    """Template name → document name (the Parc's délibération is named after its body)."""
    body = (referential.approving_body or "Bureau syndical").lower().replace(" ", "-")
    return {FEUILLE_DE_ROUTE: FEUILLE_DE_ROUTE, DELIBERATION_CC: DELIBERATION_CC,
            DELIBERATION_PARC: f"deliberation-{body}.docx"}


def ensure_templates(folder: Path | None = None, names: tuple[str, ...] = TEMPLATE_NAMES) -> dict[str, Path]:
    """The templates to use; raises CoopxlError on the first unusable one.

    Each customised template (one of `folder`) is checked; the shipped ones are checked by
    coopxl's tests, not again at every run (a tenth of a second for the three)."""
    templates = {name: template_path(name, folder) for name in names}
    for name, path in templates.items():
        if folder is None or path != folder / name:
            continue
        problems = check_template(path)
        if problems:
            raise CoopxlError("template-invalid", name=path.name, detail=problems[0].message)
    return templates


def placeholder_findings(plan: Plan | None, referential: Referential | None,
                         today: dt.date | None = None) -> list[Any]:
    """The « placeholder-value » findings of a plan and its référentiel: values no act may carry."""
    from .validation import PLACEHOLDER_CODE, validate_plan, validate_referential

    findings = validate_referential(referential) if referential is not None else []
    if plan is not None:
        findings += validate_plan(plan, referential, today or dt.date.today())
    return [f for f in findings if f.code == PLACEHOLDER_CODE]


def generate_documents(plan: Plan, referential: Referential, output: Path, *,
                       templates: dict[str, Path] | None = None, today: dt.date | None = None,
                       placeholders: list[Any] | None = None, refused: list[str] | None = None) -> list[Path]:
    """Write the feuille de route and both délibérations of `plan` into `output`.

    An extract (a voted délibération) is not written while the plan or the référentiel holds a
    placeholder value (`placeholders`, computed when not given); the reason is appended to
    `refused`. Drafts are always written and show the placeholder.
    """
    today = today or dt.date.today()
    templates = templates or ensure_templates()
    base = build_context(plan, referential, today)
    names = output_names(referential)
    written = []
    for name in TEMPLATE_NAMES:
        if is_extract(base, name):
            if placeholders is None:
                placeholders = placeholder_findings(plan, referential, today)
            if placeholders:
                reason = CoopxlError("extract-refused", name=names[name], detail=placeholders[0].message.rstrip("."))
                if refused is None:
                    raise reason
                refused.append(reason.message)
                continue
        written.append(render(templates[name], document_context(base, name), Path(output) / names[name], today))
    return written


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(files: list[Path]) -> list[Path]:
    """A PDF copy beside each file, made in one LibreOffice run; CoopxlError if it cannot be done."""
    command = soffice()
    if command is None:
        raise CoopxlError("libreoffice-missing")
    with tempfile.TemporaryDirectory(prefix="coopxl-pdf-") as work:
        work_path = Path(work)
        staged = []
        for index, file in enumerate(files):  # unique names: every plan has a feuille-de-route.docx
            copy = work_path / f"{index:04d}-{file.name}"
            shutil.copyfile(file, copy)
            staged.append(copy)
        try:
            result = subprocess.run(
                [command, f"-env:UserInstallation={(work_path / 'profil').as_uri()}", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", str(work_path / "pdf"), *map(str, staged)],
                capture_output=True, text=True, timeout=120 + 10 * len(files))
        except subprocess.TimeoutExpired as error:
            raise CoopxlError("pdf-failed", name=files[0].name, detail="délai dépassé") from error
        pdfs = []
        for file, copy in zip(files, staged):
            produced = work_path / "pdf" / (copy.stem + ".pdf")
            if not produced.is_file():
                detail = (result.stderr or result.stdout or "erreur inconnue").strip().splitlines()[-1][:120]
                raise CoopxlError("pdf-failed", name=file.name, detail=detail)
            target = file.with_suffix(".pdf")
            from .files import copy_atomically

            copy_atomically(produced, target)
            pdfs.append(target)
    return pdfs


@dataclass
class BatchResult:
    """What `generate_for_paths` did: documents per plan, plans skipped and why."""

    generated: list[GeneratedDocuments] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    """Extracts not written (placeholder values), with the French reason."""
    pdf_error: str | None = None


def workspace_root(plan: Path) -> Path:
    """The working folder of a plan file (see `Workspace.of`)."""
    from .workspace import Workspace

    return Workspace.of(plan).root


PARALLEL_FROM = 4
"""Plans from which documents are generated in two processes (one plan takes ~0.3 s)."""


def generate_for_paths(paths: list[Path], *, output: Path | None = None, referential: Referential | None = None,
                       templates_folder: Path | None = None, pdf: bool = False, force: bool = False,
                       today: dt.date | None = None, progress: Any = None, jobs: int | None = None,
                       checked: Mapping[Path, tuple[Plan, list[Any]]] | None = None) -> BatchResult:
    """Documents of every plan named or found; plans with blocking errors skipped unless `force`.

    `checked` gives plans already read and validated (with this référentiel and day) by path,
    so that they are not read again."""
    from .workspace import Referentials, Workspace, expand_paths

    today = today or dt.date.today()
    files = expand_paths(paths, locks=False)
    result = BatchResult()
    referentials = Referentials(referential)
    referential_placeholders: dict[int, list] = {}
    templates_cache: dict[Path | None, dict[str, Path]] = {}
    work = []
    for path in files:
        root = workspace_root(path)
        ref = referentials.for_plan(path)
        folder = templates_folder or Workspace(root).custom_templates
        if folder not in templates_cache:
            templates_cache[folder] = ensure_templates(folder)
        if id(ref) not in referential_placeholders:
            referential_placeholders[id(ref)] = placeholder_findings(None, ref)
        work.append((path, ref, templates_cache[folder], output or Workspace(root).documents_folder,
                     referential_placeholders[id(ref)], (checked or {}).get(path)))
    from .parallel import map_processes

    worker = functools.partial(_generate_one, force=force, today=today)
    # One plan's documents take ~0.3 s: worth two processes from 4 plans even where they are spawned.
    outcomes = map_processes(worker, work, jobs=jobs, progress=progress, label="Documents", ticks=files,
                             spawn_from=PARALLEL_FROM)
    for path, outcome in zip(files, outcomes):
        if isinstance(outcome, str):
            result.skipped.append((path, outcome))
        else:
            files, refused = outcome
            result.generated.append(GeneratedDocuments(plan=path, files=files, refused=refused))
            result.refused += [(path, reason) for reason in refused]
    if pdf and result.generated:
        try:
            pdfs = iter(convert_to_pdf([f for g in result.generated for f in g.files]))
            for generated in result.generated:
                generated.pdfs = [next(pdfs) for _ in generated.files]
        except CoopxlError as error:
            result.pdf_error = error.message
    return result


def _generate_one(job: tuple[Path, Referential, dict[str, Path], Path, list, tuple[Plan, list[Any]] | None], *,
                  force: bool, today: dt.date) -> tuple[list[Path], list[str]] | str:
    """Read, check and write the documents of one plan: (files, extracts refused), or why it was skipped.

    A placeholder value does not stop the drafts (they show it); it stops the extracts."""
    from .files import slugify
    from .reader import read_plan
    from .validation import PLACEHOLDER_CODE, blocking_errors, validate_plan

    path, referential, templates, output, referential_placeholders, checked = job
    if checked is not None:
        plan, findings = checked
    else:
        plan = read_plan(path)
        findings = validate_plan(plan, referential, today)
    placeholders = referential_placeholders + [f for f in findings if f.code == PLACEHOLDER_CODE]
    errors = blocking_errors(findings)
    if errors and not force:
        return phrase("skipped-errors", count=len(errors), name=path.name)
    refused: list[str] = []
    files = generate_documents(plan, referential, output / slugify(plan.epci_name or path.stem),
                               templates=templates, today=today, placeholders=placeholders, refused=refused)
    return files, refused


def write_table_document(temporary: Path, title: str, intro: str, headers: Sequence[str],
                         rows: Sequence[Sequence[str]]) -> None:
    """A plain Word document (a title, a sentence, one table of texts) saved to `temporary`."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(intro)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, headers):
        cell.text = header
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    for table_row in table.rows:
        for cell in table_row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.save(str(temporary))
