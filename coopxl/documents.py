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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import french
from .messages import CoopxlError, phrase
from .model import Deliberation, Member, Plan, Referential
from .validation import CC_BODY, PARC_BODIES

BLANK = "…………"
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
                  "priorite", "cout", "financement", "indicateur", "valeur_cible")
_MEMBER = _fields("nom", "fonction", "college", "binome")
CONTEXT_FIELDS: dict[str, Any] = _fields(
    "seance1", "seance2", "seance3", "blanc",
    epci=_fields("nom", "siren", "forme", "forme_longue", "designation", "departement", "siege", "president",
                 "president_titre", "dgs", "conseillers", "tribunal"),
    parc=_fields("nom", "organisme", "siren", "adresse", "president", "president_titre", "vp_proximite",
                 "instance", "instance_majuscules", "est_bureau", "delegation", "charte", "charte_libelle",
                 "decret", "tribunal"),
    plan=_fields("intitule", "periode", "debut", "fin", "statut", "date_maj", "nb_objectifs",
                 "nb_objectifs_lettres", "nb_actions", "nb_actions_lettres", "cout_total", "part_epci",
                 "part_parc", "part_leader", "mesures",
                 financeurs=[_fields("nom", "montant")],
                 objectifs=[_fields("numero", "intitule", "mesures", "description", "nb_actions",
                                    actions=[_ACTION])],
                 actions=[_ACTION],
                 pistes=[_fields("numero", "intitule", "horizon", "mesure", "decision", "action")],
                 interconnaissance=[_fields("rubrique", "structure", "contenu")]),
    groupe=_fields(parc=[_MEMBER], epci=[_MEMBER]),
    binome=_fields("referent", "referent_poste", "membre", "membre_poste"),
    seances=[_fields("numero", "type", "date", "lieu", "statut", "resultats")],
    suivis=[_fields("date", "lieu")],
    deliberation=_fields("est_extrait", "titre", "numero", "date", "date_lettres", "convocation",
                         "president_seance", "secretaire", "rapporteur", "membres", "presents", "pouvoirs",
                         "votants", "pour", "contre", "abstentions", "formule_vote", "resultat", "adoptee",
                         "quorum", "matiere", "transmission", "identifiant_actes", "publication"),
    delib_epci=_fields("numero", "date"),
    document=_fields("genere_le", "brouillon", "mention"),
)
"""Every field a Word template may use: the contract between coopxl and staff's templates.

A dict lists the attributes of an object, a one-element list describes each item of a
list, None is a plain value.
"""


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


# --- context -------------------------------------------------------------------------


def _or_blank(value: Any) -> Any:
    return BLANK if value in (None, "") else value


def _count(value: int | None) -> str:
    return BLANK if value is None else str(value)


def _member(member: Member) -> dict[str, str]:
    name = " ".join(p for p in (member.civility, member.full_name) if p)
    return {"nom": name or BLANK, "fonction": member.role_detail or member.role or "",
            "college": member.college or "", "binome": member.pair_role or ""}


def _title(civility: str | None) -> str:
    return "La Présidente" if civility == "Mme" else "Le Président"


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


def _deliberation(d: Deliberation | None, body_title: str) -> dict[str, Any]:
    voted = d is not None and d.votes_for is not None
    subject = (d.actes_subject if d and d.actes_subject else "8.4 Aménagement du territoire")
    return {
        "est_extrait": voted,
        "titre": (f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU {body_title}" if voted
                  else f"PROJET DE DÉLIBÉRATION DU {body_title}"),
        "numero": _or_blank(d.number if d else None),
        "date": french.date_long(d.date) if d and d.date else BLANK,
        "date_lettres": french.date_in_words(d.date) if d and d.date else BLANK,
        "convocation": french.date_long(d.convened_on) if d and d.convened_on else BLANK,
        "president_seance": _or_blank(d.chair if d else None),
        "secretaire": _or_blank(d.secretary if d else None),
        "rapporteur": _or_blank(d.rapporteur if d else None),
        "membres": _count(d.members if d else None),
        "presents": _count(d.present if d else None),
        "pouvoirs": _count((d.proxies or 0) if voted else None),
        "votants": _count(d.voters if d else None),
        "pour": _count(d.votes_for if d else None),
        "contre": _count((d.votes_against or 0) if voted else None),
        "abstentions": _count((d.abstentions or 0) if voted else None),
        "formule_vote": vote_formula(d),
        "resultat": (d.result or "").upper() if voted else BLANK,
        "adoptee": bool(voted and d.result == "Adoptée"),
        "quorum": bool(voted and d.members and d.present and d.present * 2 > d.members),
        "matiere": subject,
        "transmission": french.date_long(d.transmitted_on) if d and d.transmitted_on else BLANK,
        "identifiant_actes": _or_blank(d.actes_id if d else None),
        "publication": french.date_long(d.published_on) if d and d.published_on else BLANK,
    }


def _latest(plan: Plan, bodies: tuple[str, ...]) -> Deliberation | None:
    found = [d for d in plan.deliberations if d.body in bodies]
    return max(found, key=lambda d: d.date or dt.date.min) if found else None


def build_context(plan: Plan, referential: Referential, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the templates may show, as plain values already formatted the French way."""
    today = today or dt.date.today()
    epci = next((e for e in referential.epcis if e.siren == plan.epci_siren), None) or next(
        (e for e in referential.epcis if e.name == plan.epci_name), None)
    funders = {f.name: f for f in referential.funders}
    by_action: dict[str, list] = defaultdict(list)
    for line in plan.fundings:
        if line.action and line.amount is not None and line.status != "Refusé":
            by_action[line.action].append(line)
    totals: dict[str, float] = defaultdict(float)
    for lines in by_action.values():
        for line in lines:
            totals[line.funder or ""] += line.amount
    kind_total = lambda kind: sum(a for n, a in totals.items() if funders.get(n) and funders[n].kind == kind)
    leader = sum(a for n, a in totals.items() if funders.get(n) and funders[n].code == "LEADER")
    actions = [_action(a, by_action.get(a.number or "", [])) for a in plan.actions]
    objectives = []
    for objective in plan.objectives:
        own = [a for a in actions if a["objectif"] == objective.number]
        objectives.append({"numero": objective.number or "", "intitule": objective.title or "",
                           "mesures": ", ".join(objective.measure_codes), "description": objective.description or "",
                           "nb_actions": len(own), "actions": own})
    sessions = {s.kind: s for s in plan.sessions}
    pair = {m.pair_role: m for m in plan.members if m.pair_role}
    approving = (referential.approving_body or "Bureau syndical").lower()
    cc = _latest(plan, (CC_BODY,))
    parc_deliberation = _latest(plan, PARC_BODIES)
    forme = (epci.form if epci else None) or ("CA" if (plan.epci_name or "").startswith("CA") else "CC")
    forme_longue = "communauté d'agglomération" if forme == "CA" else "communauté de communes"
    period = f"{plan.period_start.year}-{plan.period_end.year}" if plan.period_start and plan.period_end else BLANK
    measures = sorted({a.measure for a in plan.actions if a.measure}, key=_measure_key)
    return {
        "epci": {"nom": plan.epci_name or BLANK, "siren": plan.epci_siren or BLANK, "forme": forme,
                 "forme_longue": forme_longue, "designation": f"la {forme_longue}",
                 "departement": (epci.department if epci else None) or BLANK,
                 "siege": (epci.seat if epci else None) or BLANK,
                 "president": (epci.president if epci else None) or BLANK,
                 "president_titre": _title(epci.president_civility if epci else None),
                 "dgs": (epci.dgs if epci else None) or BLANK,
                 "conseillers": _count(epci.councillors if epci else None),
                 "tribunal": (epci.court if epci and epci.court else referential.court) or BLANK},
        "parc": {"nom": referential.park_name or BLANK, "organisme": referential.body_name or BLANK,
                 "siren": referential.body_siren or BLANK, "adresse": referential.address or BLANK,
                 "president": referential.president_name or BLANK,
                 "president_titre": _title(referential.president_civility),
                 "vp_proximite": referential.vp_name or BLANK, "instance": approving,
                 "instance_majuscules": approving.upper(), "est_bureau": approving.startswith("bureau"),
                 "delegation": referential.delegation or BLANK, "charte": referential.charter_version or BLANK,
                 "charte_libelle": referential.charter_label or BLANK, "decret": referential.decree or BLANK,
                 "tribunal": referential.court or BLANK},
        "plan": {"intitule": plan.title or f"Plan de coopération {period}", "periode": period,
                 "debut": french.date_long(plan.period_start) or BLANK,
                 "fin": french.date_long(plan.period_end) or BLANK, "statut": plan.status or "",
                 "date_maj": french.date_long(plan.updated_on), "nb_objectifs": len(plan.objectives),
                 "nb_objectifs_lettres": french.number_in_words(len(plan.objectives)),
                 "nb_actions": len(plan.actions), "nb_actions_lettres": french.number_in_words(len(plan.actions)),
                 "cout_total": french.euros(sum(a.cost or 0 for a in plan.actions)),
                 "part_epci": french.euros(kind_total("EPCI")), "part_parc": french.euros(kind_total("Parc")),
                 "part_leader": french.euros(leader), "mesures": ", ".join(measures),
                 "financeurs": [{"nom": name, "montant": french.euros(amount)}
                                for name, amount in sorted(totals.items(), key=lambda item: -item[1])],
                 "objectifs": objectives, "actions": actions,
                 "pistes": [{"numero": p.number or "", "intitule": p.title or "", "horizon": p.horizon or "",
                             "mesure": p.measure or "", "decision": p.decision or "", "action": p.action or ""}
                            for p in plan.leads],
                 "interconnaissance": [{"rubrique": i.topic or "", "structure": i.structure or "",
                                        "contenu": i.content or ""} for i in plan.insights]},
        "groupe": {"parc": [_member(m) for m in plan.members if m.structure == "Parc"],
                   "epci": [_member(m) for m in plan.members if m.structure == "EPCI"]},
        "binome": {"referent": _member(pair["Référent"])["nom"] if "Référent" in pair else BLANK,
                   "referent_poste": (pair["Référent"].role_detail or "chargé(e) de mission") if "Référent" in pair else BLANK,
                   "membre": _member(pair["Membre"])["nom"] if "Membre" in pair else BLANK,
                   "membre_poste": (pair["Membre"].role_detail or "chargé(e) de mission") if "Membre" in pair else BLANK},
        "seances": [{"numero": s.number or "", "type": s.kind or "", "date": french.date_long(s.date) or BLANK,
                     "lieu": s.place or "", "statut": s.status or "", "resultats": s.outcomes or ""}
                    for s in plan.sessions],
        "seance1": _session_date(sessions.get("Interconnaissance")),
        "seance2": _session_date(sessions.get("Pistes de coopération")),
        "seance3": _session_date(sessions.get("Programme d'actions")),
        "suivis": [{"date": french.date_long(s.date), "lieu": s.place or ""} for s in plan.sessions
                   if s.kind == "Suivi semestriel" and s.status == "Tenue" and s.date],
        "deliberation": {},
        "delib_epci": {"numero": _or_blank(cc.number if cc else None),
                       "date": french.date_long(cc.date) if cc and cc.date else BLANK},
        "document": {"genere_le": french.date_long(today), "brouillon": True, "mention": ""},
        "blanc": BLANK,
        "_deliberations": {"cc": cc, "parc": parc_deliberation},
    }


def _session_date(session: Any) -> str:
    return french.date_long(session.date) if session and session.date else BLANK


def _measure_key(code: str) -> tuple:
    """`1.2` before `1.10`; a part that is not a number sorts after the numbers, by its text."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def _action(action: Any, lines: list) -> dict[str, str]:
    start, end = action.start, action.end
    calendar = " – ".join(x for x in (_month(start), _month(end)) if x) or BLANK
    funding = " ; ".join(f"{line.funder} {french.euros(line.amount)}" for line in lines)
    return {"numero": action.number or "", "objectif": action.objective or "", "intitule": action.title or "",
            "description": action.description or "", "mesure": action.measure or "",
            "horizon": action.horizon or "",
            "porteur": action.other_lead if action.lead == "Autre acteur" and action.other_lead else (action.lead or ""),
            "role_epci": action.epci_role or "", "role_parc": action.parc_role or "",
            "partenaires": action.partners or "", "charge_mission": action.officer or "",
            "debut": french.date_long(start), "fin": french.date_long(end), "calendrier": calendar,
            "statut": action.status or "", "priorite": action.priority or "",
            "cout": french.euros(action.cost) if action.cost is not None else "",
            "financement": funding, "indicateur": action.indicator or "", "valeur_cible": action.target or ""}


def _month(day: dt.date | None) -> str:
    return f"{french.MONTHS[day.month - 1]} {day.year}" if day else ""


def document_context(base: dict[str, Any], which: str) -> dict[str, Any]:
    """The context of one document: the base plus the délibération it is about."""
    context = {k: v for k, v in base.items() if not k.startswith("_")}
    deliberations = base["_deliberations"]
    if which == DELIBERATION_CC:
        body = "CONSEIL COMMUNAUTAIRE"
        context["deliberation"] = _deliberation(deliberations["cc"], body)
    elif which == DELIBERATION_PARC:
        context["deliberation"] = _deliberation(deliberations["parc"], base["parc"]["instance_majuscules"])
    else:
        context["deliberation"] = _deliberation(None, "")
    voted = context["deliberation"]["est_extrait"]
    context["document"] = {**base["document"], "brouillon": which != FEUILLE_DE_ROUTE and not voted,
                           "mention": "" if which == FEUILLE_DE_ROUTE else
                           ("Extrait certifié conforme" if voted else "Projet — document de travail")}
    return context


# --- templates -----------------------------------------------------------------------


def template_path(name: str, folder: Path | None = None) -> Path:
    """A Word template: from `folder` when staff customised it, else the shipped one."""
    if folder is not None and (folder / name).is_file():
        return folder / name
    from .workspace import shipped_path

    return shipped_path("word_templates", name)


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

    return _Environment(undefined=jinja2.StrictUndefined, autoescape=True)


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

    return _Template


def _template_source(path: Path) -> str:
    """The Jinja source docxtpl renders: body, headers and footers, with Word's runs merged."""
    from docx import Document
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    document = Document(str(path))
    source = template.patch_xml(template.xml_to_string(document._element.body))
    for rel in document.part.rels.values():
        if rel.reltype in (template.HEADER_URI, template.FOOTER_URI) and rel.target_part.blob:
            source += template.patch_xml(template.xml_to_string(parse_xml(rel.target_part.blob)))
    return source


def fields_for(name: str) -> dict[str, Any]:
    """The context fields a template may use, by template name (follow-up templates have their own)."""
    from .followup import FOLLOWUP_TEMPLATE_FIELDS

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
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [node.target]:
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
            base = node
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
        styles = package.read("word/styles.xml").decode("utf-8", "replace") if "word/styles.xml" in package.namelist() else ""
    used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', body))
    defined = set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles))
    return used - defined


def render(template: Path, context: dict[str, Any], target: Path, today: dt.date) -> Path:
    """Render one template to `target` atomically; unknown fields stop it with a French message."""
    import jinja2
    import jinja2.sandbox

    from .files import atomic_write

    document = _template_class()(str(template))
    try:
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
    """The templates to use, each checked; raises CoopxlError on the first unusable one."""
    templates = {name: template_path(name, folder) for name in names}
    for path in templates.values():
        problems = check_template(path)
        if problems:
            raise CoopxlError("template-invalid", name=path.name, detail=problems[0].message)
    return templates


def generate_documents(plan: Plan, referential: Referential, output: Path, *,
                       templates: dict[str, Path] | None = None, today: dt.date | None = None) -> list[Path]:
    """Write the feuille de route and both délibérations of `plan` into `output`."""
    today = today or dt.date.today()
    templates = templates or ensure_templates()
    base = build_context(plan, referential, today)
    names = output_names(referential)
    return [render(templates[name], document_context(base, name), Path(output) / names[name], today)
            for name in TEMPLATE_NAMES]


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
    pdf_error: str | None = None


def plan_paths(paths: list[Path]) -> list[Path]:
    """Plan files named directly, or found in working folders (their plans/)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            folder = path / "plans" if (path / "plans").is_dir() else path
            files += sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith(("~$", ".")))
        else:
            files.append(path)
    return files


def workspace_root(plan: Path) -> Path:
    """The working folder of a plan file: the parent of its plans/ folder, else its own folder."""
    parent = plan.resolve().parent
    return parent.parent if parent.name == "plans" else parent


PARALLEL_FROM = 4
"""Plans from which documents are generated in two processes (one plan takes ~0.3 s)."""


def generate_for_paths(paths: list[Path], *, output: Path | None = None, referential: Referential | None = None,
                       templates_folder: Path | None = None, pdf: bool = False, force: bool = False,
                       today: dt.date | None = None, progress: Any = None, jobs: int | None = None) -> BatchResult:
    """Documents of every plan named or found; plans with blocking errors skipped unless `force`."""
    from .reader import read_referential
    from .workspace import REFERENTIAL_NAME

    today = today or dt.date.today()
    files = plan_paths(paths)
    result = BatchResult()
    referentials: dict[Path, Referential] = {}
    templates_cache: dict[Path | None, dict[str, Path]] = {}
    work = []
    for path in files:
        root = workspace_root(path)
        ref = referential
        if ref is None:
            candidate = root / REFERENTIAL_NAME
            if not candidate.is_file():
                raise CoopxlError("referential-not-found", path=str(candidate))
            if candidate not in referentials:
                referentials[candidate] = read_referential(candidate)
            ref = referentials[candidate]
        folder = templates_folder or (root / "modeles" if (root / "modeles").is_dir() else None)
        if folder not in templates_cache:
            templates_cache[folder] = ensure_templates(folder)
        work.append((path, ref, templates_cache[folder], output or root / "sorties" / "documents"))
    from .parallel import map_processes

    worker = functools.partial(_generate_one, force=force, today=today)
    # One plan's documents take ~0.3 s: worth two processes from 4 plans even where they are spawned.
    outcomes = map_processes(worker, work, jobs=jobs, progress=progress, label="Documents", ticks=files,
                             spawn_from=PARALLEL_FROM)
    for path, outcome in zip(files, outcomes):
        if isinstance(outcome, str):
            result.skipped.append((path, outcome))
        else:
            result.generated.append(GeneratedDocuments(plan=path, files=outcome))
    if pdf and result.generated:
        try:
            pdfs = iter(convert_to_pdf([f for g in result.generated for f in g.files]))
            for generated in result.generated:
                generated.pdfs = [next(pdfs) for _ in generated.files]
        except CoopxlError as error:
            result.pdf_error = error.message
    return result


def _generate_one(job: tuple[Path, Referential, dict[str, Path], Path], *, force: bool,
                  today: dt.date) -> list[Path] | str:
    """Read, check and write the documents of one plan: the files, or why it was skipped."""
    from .files import slugify
    from .reader import read_plan
    from .validation import validate_plan

    path, referential, templates, output = job
    plan = read_plan(path)
    errors = [f for f in validate_plan(plan, referential, today) if f.severity == "Erreur"]
    if errors and not force:
        return phrase("skipped-errors", count=len(errors), name=path.name)
    return generate_documents(plan, referential, output / slugify(plan.epci_name or path.stem),
                              templates=templates, today=today)

