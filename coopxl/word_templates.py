"""Building the shipped Word templates (python-docx), with their Jinja fields for docxtpl.

Staff may edit the produced .docx files in Word (wording, layout, styles); they only have
to keep the `{{ … }}` fields and `{%p … %}` / `{%tr … %}` tags. `python
scripts/build_word_templates.py` rewrites them from this module; a test checks that the
committed templates are what it produces.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .documents import DELIBERATION_CC, DELIBERATION_PARC, FEUILLE_DE_ROUTE

FONT = "Liberation Sans"
"""Metric-compatible with Arial; Word substitutes Arial where it is missing."""
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)


class _Doc:
    """A small writing helper around a python-docx Document."""

    def __init__(self, header: str, footer: str) -> None:
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt, RGBColor

        self.Pt, self.Cm, self.RGB, self.ALIGN = Pt, Cm, RGBColor, WD_ALIGN_PARAGRAPH
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin = section.bottom_margin = Cm(2.0)
        section.left_margin, section.right_margin = Cm(2.2), Cm(2.0)
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(10.5)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.1
        for name, size in (("Title", 16), ("Heading 1", 13), ("Heading 2", 11.5)):
            style = styles[name]
            style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
            style.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
            style.paragraph_format.space_before = Pt(10 if name != "Title" else 0)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._small(section.header.paragraphs[0], header)
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._small(paragraph, footer + "   —   page ")
        self._field(paragraph, "PAGE")
        self._small(paragraph, " sur ")
        self._field(paragraph, "NUMPAGES")
        core = self.doc.core_properties
        core.author, core.created, core.modified, core.revision = "coopxl", FIXED_TIMESTAMP, FIXED_TIMESTAMP, 1

    def _small(self, paragraph: Any, text: str) -> Any:
        run = paragraph.add_run(text)
        run.font.size, run.font.color.rgb = self.Pt(8), self.RGB(0x59, 0x59, 0x59)
        return run

    def _field(self, paragraph: Any, code: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = self._small(paragraph, "")
        for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            elif text.strip() == code:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            else:
                element = OxmlElement("w:t")
                element.text = text
            run._r.append(element)

    def p(self, text: str = "", style: str | None = None, *, bold: bool = False, italic: bool = False,
          align: str | None = None, size: float | None = None, after: float | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = self.Pt(size)
        if align:
            paragraph.alignment = getattr(self.ALIGN, align)
        if after is not None:
            paragraph.paragraph_format.space_after = self.Pt(after)
        return paragraph

    def rich(self, *parts: tuple[str, bool], style: str | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        for text, bold in parts:
            paragraph.add_run(text).bold = bold
        return paragraph

    def tag(self, text: str) -> None:
        """A docxtpl paragraph tag ({%p … %}), alone in its paragraph."""
        self.doc.add_paragraph(text)

    def table(self, headers: list[str], row: list[list[str] | str], loop: str | None, widths: list[float],
              extra_rows: list[list[str]] | None = None, header_fill: str = "D9E2F3") -> Any:
        """A grid table: header row, then (optionally inside a {%tr for %} loop) a data row."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rows = [headers] + ([[f"{{%tr {loop} %}}"] + [""] * (len(headers) - 1)] if loop else [])
        rows += [row] + ([["{%tr endfor %}"] + [""] * (len(headers) - 1)] if loop else []) + (extra_rows or [])
        table = self.doc.add_table(rows=len(rows), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = self.Cm(width)  # the grid widths, which LibreOffice follows
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.width = self.Cm(widths[c])
                lines = value if isinstance(value, list) else [value]
                cell.paragraphs[0].text = ""
                for index, line in enumerate(lines):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    bold = r == 0 or line.startswith("**")
                    run = paragraph.add_run(line.strip("*"))
                    run.bold = bold
                    run.font.size = self.Pt(9)
                    paragraph.paragraph_format.space_after = self.Pt(1)
                if r == 0:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:fill"), header_fill)
                    cell._tc.get_or_add_tcPr().append(shading)
        header_row = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        header_row.append(repeat)
        self.p("", after=2)
        return table

    def signatures(self, left: list[str], right: list[str]) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        for column in table.columns:
            column.width = self.Cm(8.4)
        for cell, lines in zip(table.rows[0].cells, (left, right)):
            cell.width = self.Cm(8.4)
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
        self.p("")

    def save(self, path: Path) -> Path:
        from .files import atomic_write

        with atomic_write(path) as temporary:
            self.doc.save(str(temporary))
        return path


def _draft_banner(doc: _Doc) -> None:
    doc.tag("{%p if document.brouillon %}")
    doc.p("PROJET — les éléments en pointillés ({{ blanc }}) seront complétés après la séance.",
          italic=True, align="CENTER", size=9)
    doc.tag("{%p endif %}")


def _counts(doc: _Doc, members_label: str) -> None:
    doc.table([members_label, "Présents", "Pouvoirs", "Votants"],
              ["{{ deliberation.membres }}", "{{ deliberation.presents }}", "{{ deliberation.pouvoirs }}",
               "{{ deliberation.votants }}"], None, [4.2, 4.2, 4.2, 4.2])


def _closing(doc: _Doc, signer: str, place: str | None = None) -> None:
    """Closing formula, signatures, publicity and appeal; `signer` is the context object (epci, parc)."""
    doc.p("Fait et délibéré en séance les jour, mois et an susdits.")
    doc.tag("{%p if deliberation.est_extrait %}")
    doc.p("Pour extrait certifié conforme.")
    doc.tag("{%p endif %}")
    if place:
        doc.p(place)
    doc.signatures([f"{{{{ {signer}.president_titre }}}},", "", "", f"{{{{ {signer}.president }}}}"],
                   ["Le secrétaire de séance,", "", "", "{{ deliberation.secretaire }}"])
    _appeal(doc, f"{{{{ {signer}.tribunal }}}}")
    doc.p("Annexe : plan de coopération {{ plan.periode }} (feuille de route).", italic=True, size=9)


def _appeal(doc: _Doc, court: str) -> None:
    doc.tag("{%p if deliberation.est_extrait %}")
    doc.p("Acte rendu exécutoire après transmission au représentant de l'État le "
          "{{ deliberation.transmission }} (identifiant @ctes {{ deliberation.identifiant_actes }}) et "
          "publication sous forme électronique le {{ deliberation.publication }}.", size=9)
    doc.tag("{%p endif %}")
    doc.p("La présente délibération peut faire l'objet d'un recours pour excès de pouvoir devant le "
          f"tribunal administratif de {court} dans un délai de deux mois à compter de sa publication. "
          "Le tribunal peut être saisi par l'application « Télérecours citoyens » (www.telerecours.fr).",
          size=9)


def build_deliberation_cc(path: Path) -> Path:
    doc = _Doc("{{ epci.nom }} — délibération n° {{ deliberation.numero }}",
               "{{ epci.nom }} — séance du {{ deliberation.date }}")
    _draft_banner(doc)
    doc.p("{{ epci.nom|upper }}", bold=True, size=12, after=0)
    doc.p("Département : {{ epci.departement }} — SIREN {{ epci.siren }} — siège : {{ epci.siege }}", size=9)
    doc.p("{{ deliberation.titre }}", "Title")
    doc.p("Séance du {{ deliberation.date }} — délibération n° {{ deliberation.numero }}", bold=True, align="CENTER")
    _counts(doc, "Conseillers en exercice")
    doc.p("{{ deliberation.date_lettres|capitalize }}, le conseil communautaire de {{ epci.nom }}, "
          "convoqué le {{ deliberation.convocation }}, s'est réuni sous la présidence de "
          "{{ deliberation.president_seance }}. Secrétaire de séance : {{ deliberation.secretaire }}.")
    doc.tag("{%p if deliberation.quorum %}")
    doc.p("Le quorum étant atteint, le conseil peut valablement délibérer.")
    doc.tag("{%p endif %}")
    doc.rich(("Objet : ", True), ("plan de coopération {{ plan.periode }} entre {{ epci.designation }} et le "
                                  "{{ parc.nom }} — approbation", True))
    doc.p("Classification @ctes : {{ deliberation.matiere }} — rapporteur : {{ deliberation.rapporteur }}", size=9)
    doc.p("Exposé", "Heading 1")
    doc.p("Le territoire communautaire est classé, en tout ou partie, dans le {{ parc.nom }}. Pour traduire "
          "la charte du Parc en actions concrètes, le syndicat mixte du Parc propose à chaque "
          "intercommunalité un plan de coopération : une feuille de route pluriannuelle, construite à deux, "
          "qui fixe ce que chacun apporte. Le plan n'est pas une convention ; il est approuvé par des "
          "délibérations concordantes du conseil communautaire et du {{ parc.instance }} du Parc.")
    doc.p("La démarche a été conduite par un groupe projet réunissant, pour le Parc, {{ parc.president }}, "
          "son président, {{ parc.vp_proximite }}, vice-président chargé de la proximité territoriale, et "
          "deux chargés de mission, {{ binome.referent }} (référent) et {{ binome.membre }} ; pour "
          "{{ epci.designation }}, {{ epci.president }}, un vice-président et {{ epci.dgs }}, directeur "
          "général des services. Le groupe s'est réuni trois fois :")
    doc.p("le {{ seance1 }}, pour la présentation croisée des attentes, des compétences et missions, du "
          "diagnostic du territoire et des orientations de chacun ;", "List Bullet")
    doc.p("le {{ seance2 }}, pour repérer les pistes de coopération à court et moyen terme ;", "List Bullet")
    doc.p("le {{ seance3 }}, pour arrêter le programme : objectifs stratégiques, actions, calendrier et "
          "répartition des rôles.", "List Bullet")
    doc.p("Le plan qui en résulte compte {{ plan.nb_objectifs_lettres }} objectifs stratégiques déclinés en "
          "{{ plan.nb_actions_lettres }} actions ({{ plan.nb_actions }}), pour un coût prévisionnel total de "
          "{{ plan.cout_total }} HT, dont {{ plan.part_epci }} HT à la charge de {{ epci.designation }} :")
    doc.tag("{%p for o in plan.objectifs %}")
    doc.p("{{ o.numero }} — {{ o.intitule }} ({{ o.nb_actions }} action{{ 's' if o.nb_actions > 1 else '' }})",
          "List Bullet")
    doc.tag("{%p endfor %}")
    doc.p("Pour chaque action, le Parc apporte selon les cas un appui stratégique, technique ou la recherche "
          "de financements. Le groupe de travail se réunira deux fois par an pour suivre l'avancement du "
          "plan et l'ajuster. L'approbation du plan n'engage pas à elle seule de dépense : chaque action "
          "qui en nécessite fera l'objet des décisions budgétaires et des demandes d'aide correspondantes.")
    doc.p("Décision", "Heading 1")
    for visa in (
            "Vu le code général des collectivités territoriales, notamment ses articles L.5211-1 et suivants ;",
            "Vu le code de l'environnement, notamment ses articles L.333-1 à L.333-4 et R.333-1 et suivants "
            "relatifs aux parcs naturels régionaux ;",
            "Vu le {{ parc.decret }} portant renouvellement du classement du {{ parc.nom }}, et la "
            "{{ parc.charte_libelle }} ;",
            "Vu les statuts de {{ epci.designation }} ;",
            "Vu le projet de plan de coopération annexé à la présente délibération ;"):
        doc.p(visa)
    for reason in (
            "Considérant que {{ epci.designation }} s'est engagée, en approuvant la charte du Parc, à en mettre "
            "en œuvre les orientations dans le cadre de ses compétences ;",
            "Considérant que le plan de coopération a été élaboré conjointement avec le syndicat mixte du Parc "
            "et précise, pour chaque action, le calendrier, les rôles et le plan de financement prévisionnel ;",
            "Considérant l'intérêt, pour le territoire, de coordonner le projet communautaire et les missions "
            "du Parc et de mutualiser l'ingénierie disponible ;"):
        doc.p(reason)
    doc.rich(("Après en avoir délibéré, le conseil communautaire, {{ deliberation.formule_vote }} :", True))
    for article in (
            "Article 1er — APPROUVE le plan de coopération {{ plan.periode }} avec le {{ parc.nom }}, tel "
            "qu'il figure en annexe ;",
            "Article 2 — AUTORISE {{ epci.president_titre|lower }} à engager la mise en œuvre des actions dont "
            "{{ epci.designation }} est porteuse, à solliciter les aides correspondantes et à signer tout "
            "document s'y rapportant ;",
            "Article 3 — PRÉCISE que les dépenses afférentes seront proposées au vote lors de l'adoption des "
            "budgets des exercices concernés ;",
            "Article 4 — CHARGE {{ epci.president_titre|lower }} de notifier la présente délibération au "
            "président du syndicat mixte du Parc."):
        doc.p(article)
    _closing(doc, "epci", place="À {{ epci.siege }}, le {{ deliberation.date }}.")
    return doc.save(path)


def build_deliberation_parc(path: Path) -> Path:
    doc = _Doc("{{ parc.organisme }} — délibération n° {{ deliberation.numero }}",
               "{{ parc.organisme }} — {{ parc.instance }} du {{ deliberation.date }}")
    _draft_banner(doc)
    doc.p("{{ parc.organisme|upper }}", bold=True, size=12, after=0)
    doc.p("{{ parc.adresse }} — SIREN {{ parc.siren }}", size=9)
    doc.p("{{ deliberation.titre }}", "Title")
    doc.p("Séance du {{ deliberation.date }} — délibération n° {{ deliberation.numero }}", bold=True, align="CENTER")
    _counts(doc, "Membres en exercice")
    doc.p("{{ deliberation.date_lettres|capitalize }}, le {{ parc.instance }}, convoqué le "
          "{{ deliberation.convocation }}, s'est réuni sous la présidence de {{ deliberation.president_seance }}. "
          "Secrétaire de séance : {{ deliberation.secretaire }}.")
    doc.tag("{%p if deliberation.quorum %}")
    doc.p("Le quorum étant atteint, le {{ parc.instance }} peut valablement délibérer.")
    doc.tag("{%p endif %}")
    doc.rich(("Objet : ", True), ("plan de coopération {{ plan.periode }} avec {{ epci.nom }} — approbation", True))
    doc.p("Classification @ctes : {{ deliberation.matiere }} — rapporteur : {{ deliberation.rapporteur }}", size=9)
    doc.p("Exposé", "Heading 1")
    doc.p("Le Parc formalise ses relations avec chaque intercommunalité de son territoire par un plan de "
          "coopération : un programme d'actions pluriannuel, construit en commun, par lequel "
          "l'intercommunalité met en œuvre la charte dans ses domaines de compétence. Le Parc lui apporte en "
          "retour un appui stratégique (vision d'ensemble, cohérence avec les territoires voisins), technique "
          "(ingénierie, émergence de projets) et, dans la mesure des dispositifs qu'il peut mobiliser, "
          "financier (recherche de subventions).")
    doc.p("Avec {{ epci.nom }}, le groupe projet s'est réuni le {{ seance1 }}, le {{ seance2 }} et le "
          "{{ seance3 }}. Le programme arrêté compte {{ plan.nb_objectifs_lettres }} objectifs stratégiques et "
          "{{ plan.nb_actions_lettres }} actions ({{ plan.nb_actions }}), pour un coût prévisionnel de "
          "{{ plan.cout_total }} HT ; il sert les mesures {{ plan.mesures }} de la charte. Le conseil "
          "communautaire l'a approuvé le {{ delib_epci.date }} (délibération n° {{ delib_epci.numero }}).")
    doc.p("Décision", "Heading 1")
    doc.p("Vu le code général des collectivités territoriales, notamment ses articles L.5721-1 et suivants ;")
    doc.p("Vu le code de l'environnement, notamment ses articles L.333-1 à L.333-4 et R.333-1 et suivants ;")
    doc.p("Vu le {{ parc.decret }} portant renouvellement du classement du {{ parc.nom }}, et la "
          "{{ parc.charte_libelle }} ;")
    doc.p("Vu les statuts du syndicat mixte ;")
    doc.tag("{%p if parc.est_bureau %}")
    doc.p("Vu la {{ parc.delegation }} portant délégation d'attributions au bureau syndical ;")
    doc.tag("{%p endif %}")
    doc.p("Vu la délibération n° {{ delib_epci.numero }} du conseil communautaire de {{ epci.nom }} du "
          "{{ delib_epci.date }} ;")
    doc.p("Vu le projet de plan de coopération annexé à la présente délibération ;")
    for reason in (
            "Considérant que la charte confie au syndicat mixte l'animation et la coordination de sa mise en "
            "œuvre avec les collectivités signataires ;",
            "Considérant que les actions du plan contribuent aux mesures de la charte et que leur suivi "
            "alimentera le dispositif d'évaluation de la charte ;",
            "Considérant que les moyens apportés par le Parc restent dans la limite de son budget et de son "
            "programme d'actions ;"):
        doc.p(reason)
    doc.rich(("Après en avoir délibéré, le {{ parc.instance }}, {{ deliberation.formule_vote }} :", True))
    for article in (
            "Article 1er — APPROUVE le plan de coopération {{ plan.periode }} avec {{ epci.nom }}, tel qu'il "
            "figure en annexe ;",
            "Article 2 — PREND ACTE de la constitution du binôme technique du Parc chargé de son suivi : "
            "{{ binome.referent }} ({{ binome.referent_poste }}), référent, et {{ binome.membre }} "
            "({{ binome.membre_poste }}) ;",
            "Article 3 — PRÉCISE que le groupe de travail réunissant les élus et techniciens des deux "
            "structures se réunira deux fois par an pour suivre l'avancement du plan ;",
            "Article 4 — AUTORISE {{ parc.president_titre|lower }} à signer le plan et tout document "
            "nécessaire à sa mise en œuvre, et à solliciter les financements des actions portées par le Parc ;",
            "Article 5 — DIT que la présente délibération sera notifiée à {{ epci.president_titre|lower }} de "
            "{{ epci.nom }}."):
        doc.p(article)
    _closing(doc, "parc")
    return doc.save(path)


def build_feuille_de_route(path: Path) -> Path:
    doc = _Doc("Plan de coopération {{ plan.periode }} — {{ epci.nom }} et {{ parc.nom }}",
               "Feuille de route — {{ epci.nom }}")
    doc.p("Plan de coopération {{ plan.periode }}", "Title")
    doc.p("entre {{ epci.nom }} et le {{ parc.nom }}", align="CENTER", bold=True)
    doc.p("{{ plan.intitule }} — feuille de route du {{ plan.debut }} au {{ plan.fin }}, annexée aux "
          "délibérations du conseil communautaire et du {{ parc.instance }} du Parc. Version du "
          "{{ plan.date_maj }}.", align="CENTER", italic=True, size=9)
    doc.p("1. Les parties", "Heading 1")
    doc.rich(("{{ epci.nom }}", True), (" ({{ epci.forme_longue }}), SIREN {{ epci.siren }}, siège : "
                                         "{{ epci.siege }}, représentée par {{ epci.president }}.", False))
    doc.rich(("{{ parc.organisme }}", True), (", SIREN {{ parc.siren }}, {{ parc.adresse }}, représenté par "
                                               "{{ parc.president }}.", False))
    doc.p("Le plan de coopération n'est pas une convention : c'est une feuille de route pluriannuelle, "
          "co-construite, qui précise les objectifs partagés, les actions, leur calendrier et la répartition "
          "des rôles entre {{ epci.designation }}, le Parc et les autres acteurs du territoire.")
    doc.p("2. Le groupe projet et le binôme technique", "Heading 1")
    doc.table(["Structure", "Membre", "Fonction", "Binôme"], ["Parc", "{{ m.nom }}", "{{ m.fonction }}",
                                                             "{{ m.binome }}"],
              "for m in groupe.parc", [2.5, 5.3, 6.5, 2.5])
    doc.table(["Structure", "Membre", "Fonction", "Binôme"], ["EPCI", "{{ m.nom }}", "{{ m.fonction }}", ""],
              "for m in groupe.epci", [2.5, 5.3, 6.5, 2.5])
    doc.p("Binôme technique du Parc : {{ binome.referent }}, référent du plan, et {{ binome.membre }}.")
    doc.p("3. La démarche : les séances de travail", "Heading 1")
    doc.table(["N°", "Séance", "Date", "Lieu", "Statut"],
              ["{{ s.numero }}", "{{ s.type }}", "{{ s.date }}", "{{ s.lieu }}", "{{ s.statut }}"],
              "for s in seances", [1.2, 5.0, 3.8, 4.2, 2.6])
    doc.p("4. Les objectifs stratégiques", "Heading 1")
    doc.tag("{%p for o in plan.objectifs %}")
    doc.p("{{ o.numero }} — {{ o.intitule }}", "Heading 2")
    doc.p("{{ o.description }}")
    doc.p("Mesures de la charte : {{ o.mesures }} — {{ o.nb_actions }} action(s).", italic=True, size=9)
    doc.tag("{%p endfor %}")
    doc.p("5. Le programme d'actions", "Heading 1")
    doc.table(["N°", "Action", "Porteur et rôles", "Calendrier", "Coût et financement"],
              ["{{ a.numero }}", ["**{{ a.intitule }}", "{{ a.description }}",
                                  "Mesure {{ a.mesure }} — {{ a.horizon }} — {{ a.statut }}"],
               ["Porteur : {{ a.porteur }}", "EPCI : {{ a.role_epci }}", "Parc : {{ a.role_parc }}",
                "Partenaires : {{ a.partenaires }}", "Suivi Parc : {{ a.charge_mission }}"],
               "{{ a.calendrier }}", ["{{ a.cout }}", "{{ a.financement }}"]],
              "for a in plan.actions", [1.3, 5.6, 4.6, 2.4, 2.9])
    doc.p("6. Le plan de financement", "Heading 1")
    doc.table(["Financeur", "Montant (€ HT)"], ["{{ f.nom }}", "{{ f.montant }}"], "for f in plan.financeurs",
              [11.0, 5.8], extra_rows=[["**Coût total du programme", "**{{ plan.cout_total }}"]])
    doc.p("Montants prévisionnels hors financements refusés ; dont autofinancement de l'EPCI "
          "{{ plan.part_epci }}, Parc {{ plan.part_parc }}, LEADER {{ plan.part_leader }}.", italic=True, size=9)
    doc.p("7. Le suivi", "Heading 1")
    doc.p("Le groupe de travail réunissant les élus et techniciens des deux structures se réunit deux fois "
          "par an pour faire le point sur l'avancement des actions, les difficultés rencontrées et les "
          "ajustements nécessaires. Le binôme technique du Parc prépare ces réunions avec la direction de "
          "{{ epci.designation }}.")
    doc.tag("{%p if suivis %}")
    doc.p("Réunions de suivi tenues :")
    doc.tag("{%p for s in suivis %}")
    doc.p("{{ s.date }}{{ ' — ' + s.lieu if s.lieu else '' }}", "List Bullet")
    doc.tag("{%p endfor %}")
    doc.tag("{%p endif %}")
    return doc.save(path)


def build_fiche_suivi(path: Path) -> Path:
    doc = _Doc("Suivi du plan de coopération {{ plan.periode }} — {{ epci.nom }}",
               "Fiche de suivi — {{ epci.nom }} — réunion du {{ reunion.date }}")
    doc.p("Fiche de suivi du plan de coopération", "Title")
    doc.p("{{ epci.nom }} et le {{ parc.nom }} — plan {{ plan.periode }}", align="CENTER", bold=True)
    doc.p("Réunion de suivi n° {{ reunion.numero }} du {{ reunion.date }} — lieu : {{ reunion.lieu }}. "
          "Réunion précédente : {{ reunion.precedente }}. Binôme du Parc : {{ binome.referent }} (référent) "
          "et {{ binome.membre }}.", align="CENTER", italic=True, size=9)
    doc.p("1. Décisions de la réunion précédente", "Heading 1")
    doc.tag("{%p if decisions %}")
    doc.table(["Action", "Intitulé", "Décision", "Prochaines étapes prévues", "Fait ?"],
              ["{{ d.action }}", "{{ d.intitule }}", "{{ d.decision }}", "{{ d.prochaines_etapes }}", ""],
              "for d in decisions", [1.6, 5.0, 2.4, 5.8, 2.0])
    doc.tag("{%p else %}")
    doc.p("Aucune décision enregistrée à la réunion précédente.", italic=True)
    doc.tag("{%p endif %}")
    doc.p("2. Points d'attention", "Heading 1")
    doc.p("Actions en retard (date de fin passée, ni réalisées ni abandonnées)", "Heading 2")
    doc.tag("{%p if en_retard %}")
    doc.table(["Action", "Intitulé", "Fin prévue", "Statut", "Suivi Parc"],
              ["{{ a.numero }}", "{{ a.intitule }}", "{{ a.fin }}", "{{ a.statut }}", "{{ a.charge_mission }}"],
              "for a in en_retard", [1.6, 7.2, 2.6, 2.4, 3.0])
    doc.tag("{%p else %}")
    doc.p("Aucune action en retard.", italic=True)
    doc.tag("{%p endif %}")
    doc.p("Dans les six mois : débuts et fins prévus", "Heading 2")
    doc.tag("{%p if prochains_mois %}")
    doc.table(["Action", "Intitulé", "Échéance", "Date"],
              ["{{ e.numero }}", "{{ e.intitule }}", "{{ e.evenement }}", "{{ e.date }}"],
              "for e in prochains_mois", [1.6, 9.0, 2.6, 3.6])
    doc.tag("{%p else %}")
    doc.p("Aucun début ni aucune fin d'action dans les six mois.", italic=True)
    doc.tag("{%p endif %}")
    doc.p("Financements restant à solliciter", "Heading 2")
    doc.tag("{%p if a_solliciter %}")
    doc.table(["Action", "Financeur", "Dispositif", "Montant"],
              ["{{ f.action }}", "{{ f.financeur }}", "{{ f.dispositif }}", "{{ f.montant }}"],
              "for f in a_solliciter", [1.6, 6.0, 6.2, 3.0])
    doc.tag("{%p else %}")
    doc.p("Aucun financement à solliciter.", italic=True)
    doc.tag("{%p endif %}")
    doc.p("3. Avancement des actions par objectif", "Heading 1")
    doc.p("Les trois dernières colonnes sont à remplir pendant la réunion.", italic=True, size=9)
    doc.tag("{%p for o in objectifs %}")
    doc.p("{{ o.numero }} — {{ o.intitule }}", "Heading 2")
    doc.table(["Action", "Statut et dernière revue", "Avancement constaté", "Décision", "Prochaines étapes"],
              [["**{{ a.numero }}", "{{ a.en_retard and 'EN RETARD' or '' }}"],
               ["**{{ a.intitule }}", "{{ a.statut }} {{ a.avancement }} — fin {{ a.fin }}",
                "{{ a.realisations }}", "{{ a.difficultes }}"], "", "", ""],
              "for a in o.actions", [1.6, 7.4, 2.6, 2.2, 3.0])
    doc.tag("{%p endfor %}")
    doc.p("4. Relevé de décisions", "Heading 1")
    for _ in range(4):
        doc.p("……………………………………………………………………………………………………………………………………………")
    return doc.save(path)


def build_synthese_suivi(path: Path) -> Path:
    doc = _Doc("{{ parc.nom }} — suivi des plans de coopération", "Synthèse du suivi au {{ date }}")
    doc.p("Suivi des plans de coopération", "Title")
    doc.p("Situation au {{ date }} : {{ nb_a_jour }} plan(s) sur {{ nb_plans }} en œuvre ont tenu au moins deux "
          "réunions de suivi au cours des douze derniers mois.", align="CENTER")
    doc.table(["EPCI", "Statut", "Réunions sur 12 mois", "À jour", "Dernière", "Prochaine", "Actions en retard",
               "Référent"],
              ["{{ l.epci }}", "{{ l.statut }}", "{{ l.reunions_12_mois }}", "{{ l.a_jour }}", "{{ l.derniere }}",
               "{{ l.prochaine }}", "{{ l.en_retard }}", "{{ l.referent }}"],
              "for l in lignes", [3.6, 1.8, 1.6, 1.2, 2.0, 2.0, 2.4, 2.4])
    doc.p("Le plan est « à jour » quand son groupe de travail s'est réuni au moins deux fois au cours des "
          "douze derniers mois, comme le prévoit la démarche.", italic=True, size=9)
    return doc.save(path)


BUILDERS = {FEUILLE_DE_ROUTE: build_feuille_de_route, DELIBERATION_CC: build_deliberation_cc,
            DELIBERATION_PARC: build_deliberation_parc, "fiche-suivi.docx": build_fiche_suivi,
            "synthese-suivi.docx": build_synthese_suivi}


def build_word_templates(folder: Path) -> list[Path]:
    """Write the three shipped Word templates into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [builder(folder / name) for name, builder in BUILDERS.items()]
