"""Building the shipped Word templates (python-docx), with their Jinja fields for docxtpl.

Staff may edit the produced .docx files in Word (wording, layout, styles); they only have
to keep the `{{ … }}` fields and `{%p … %}` / `{%tr … %}` tags. `python
scripts/build_word_templates.py` rewrites them from this module; a test checks that the
committed templates are what it produces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coopxl.documents import DELIBERATION_CC, DELIBERATION_PARC, FEUILLE_DE_ROUTE
from coopxl.french import typography

FONT = "Liberation Sans"
"""Metric-compatible with Arial; Word substitutes Arial where it is missing."""
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)


class _Doc:
    """A small writing helper around a python-docx Document."""

    def __init__(self, header: str, footer: str, draft_header: bool = False, landscape: bool = False) -> None:
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
        if landscape:
            from docx.enum.section import WD_ORIENT

            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_height, section.page_width = Cm(21.0), Cm(29.7)
            section.left_margin = section.right_margin = Cm(1.6)
            section.top_margin = section.bottom_margin = Cm(1.6)
        if draft_header:
            # « PROJET » on every page of a draft: in the header, large, not a small italic line.
            banner = section.header.paragraphs[0]
            banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = banner.add_run("{% if document.brouillon %}PROJET — document de travail, non signé{% endif %}")
            run.bold, run.font.size, run.font.color.rgb = True, Pt(16), RGBColor(0xC0, 0x00, 0x00)
            self._small(section.header.add_paragraph(), typography(header))
        else:
            self._small(section.header.paragraphs[0], typography(header))
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._small(paragraph, typography(footer) + "   —   page ")
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
            elif text is not None and text.strip() == code:
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
            run = paragraph.add_run(typography(text))
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
            paragraph.add_run(typography(text)).bold = bold
        return paragraph

    def tag(self, text: str) -> None:
        """A docxtpl paragraph tag ({%p … %}), alone in its paragraph."""
        self.doc.add_paragraph(text)

    def table_or_none(self, items: str, name: str, headers: list[str], row: list[list[str] | str],
                      widths: list[float], none: str) -> None:
        """A table of `items` (each called `name` in `row`), or the italic sentence `none` when there is none."""
        self.tag(f"{{%p if {items} %}}")
        self.table(headers, row, f"for {name} in {items}", widths)
        self.tag("{%p else %}")
        self.p(none, italic=True)
        self.tag("{%p endif %}")

    def table(self, headers: list[str] | None, row: list[list[str] | str], loop: str | None, widths: list[float],
              extra_rows: list[list[list[str] | str]] | None = None, header_fill: str = "D9E2F3",
              heights: dict[int, float] | None = None, fills: dict[int, str] | None = None,
              keep_together: bool = False) -> Any:
        """A grid table: header row, then (optionally inside a {%tr for %} loop) a data row."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        width = len(widths)
        rows: list[Sequence[list[str] | str]] = [*([headers] if headers else []), *([[f"{{%tr {loop} %}}"] + [""] * (width - 1)] if loop else [])]
        rows += [row, *([["{%tr endfor %}"] + [""] * (width - 1)] if loop else []), *(extra_rows or [])]
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, column_width in zip(table.columns, widths):
            column.width = self.Cm(column_width)  # the grid widths, which LibreOffice follows
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.width = self.Cm(widths[c])
                lines = value if isinstance(value, list) else [value]
                cell.paragraphs[0].text = ""
                for index, line in enumerate(lines):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    bold = (r == 0 and headers is not None) or line.startswith("**")
                    run = paragraph.add_run(typography(line.strip("*")) if not line.startswith("{%") else line)
                    run.bold = bold
                    run.font.size = self.Pt(9)
                    paragraph.paragraph_format.space_after = self.Pt(1)
                fill = header_fill if (r == 0 and headers) else (fills or {}).get(r)
                if fill:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:fill"), fill)
                    cell._tc.get_or_add_tcPr().append(shading)
        for index, table_row in enumerate(table.rows):
            # A row never breaks across two pages (docxtpl copies this onto every row of a loop).
            properties = table_row._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            if heights and index in heights:
                table_row.height = self.Cm(heights[index])
        if headers:
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        if keep_together:  # the whole table on one page: every row keeps with the next
            for table_row in table.rows[:-1]:
                for cell in table_row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        self.p("", after=2)
        return table

    def signatures(self, left: list[str], right: list[str]) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        for column in table.columns:
            column.width = self.Cm(8.4)
        for cell, lines in zip(table.rows[0].cells, (left, right)):
            cell.width = self.Cm(8.4)
            cell.paragraphs[0].text = typography(lines[0])
            for line in lines[1:]:
                cell.add_paragraph(typography(line))
        from docx.oxml import OxmlElement

        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        self.p("")

    def save(self, path: Path) -> Path:
        from coopxl.files import atomic_write

        with atomic_write(path) as temporary:
            self.doc.save(str(temporary))
        return path


def _draft_banner(doc: _Doc) -> None:
    doc.tag("{%p if document.brouillon %}")
    paragraph = doc.p("PROJET DE DÉLIBÉRATION — document de travail, non signé. Les traits ({{ blanc }}) "
                      "marquent ce qui sera connu en séance.", bold=True, align="CENTER", size=11)
    paragraph.runs[0].font.color.rgb = doc.RGB(0xC0, 0x00, 0x00)
    doc.tag("{%p endif %}")


def _counts(doc: _Doc, members_label: str) -> None:
    doc.table([members_label, "Présents", "Pouvoirs", "Votants"],
              ["{{ deliberation.membres }}", "{{ deliberation.presents }}", "{{ deliberation.pouvoirs }}",
               "{{ deliberation.votants }}"], None, [4.2, 4.2, 4.2, 4.2])


def _seance(doc: _Doc, body: str, named: str) -> None:
    """The register's opening: date and hour in words, convocation, place, presidency, lists, quorum."""
    doc.p("Date de la convocation : {{ deliberation.convocation }}", size=9)
    doc.p("{{ deliberation.date_registre }}, à {{ deliberation.heure_lettres }}, " + named + ", dûment "
          "convoqué le {{ deliberation.convocation }}, s'est réuni {{ deliberation.lieu_texte }}, sous la "
          "présidence {{ deliberation.presidence }}.")
    doc.rich(("Présents : ", True), ("{{ deliberation.liste_presents }}.", False))
    doc.rich(("Absents excusés : ", True), ("{{ deliberation.liste_excuses }}.", False))
    doc.rich(("Pouvoirs : ", True), ("{{ deliberation.liste_pouvoirs }}.", False))
    doc.tag("{%p if deliberation.quorum %}")
    doc.p(f"Le quorum étant atteint, le {body} peut valablement délibérer.")
    doc.tag("{%p endif %}")
    doc.p("{{ deliberation.secretaire_phrase }}")


def _closing(doc: _Doc, signer: str, place: str, certified: str) -> None:
    """Closing formula, place and date, signatures, publicity and appeal; `signer` is epci or parc."""
    doc.tag("{%p if deliberation.est_extrait %}")
    doc.p("Fait et délibéré en séance les jour, mois et an susdits.").paragraph_format.keep_with_next = True
    doc.tag("{%p endif %}")
    doc.p(place).paragraph_format.keep_with_next = True  # never separated from the signatures
    doc.tag("{%p if deliberation.est_extrait %}")
    doc.p(certified, bold=True).paragraph_format.keep_with_next = True
    doc.tag("{%p endif %}")
    doc.signatures([f"{{{{ {signer}.president_titre }}}},", "", "", f"{{{{ {signer}.president }}}}"],
                   ["{{ deliberation.secretaire_titre }},", "", "", "{{ deliberation.secretaire }}"])
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


def _act_opening(doc: _Doc, entity: str, identity: str, counts_label: str, assembly: tuple[str, str],
                 subject: str) -> None:
    """What opens both délibérations: who acts, the séance with its counts and register block, the objet."""
    _draft_banner(doc)
    doc.p(entity, bold=True, size=12, after=0)
    doc.p(identity, size=9)
    doc.p("{{ deliberation.titre }}", "Title")
    doc.p("Séance du {{ deliberation.date }} — délibération n° {{ deliberation.numero }}", bold=True, align="CENTER")
    _counts(doc, counts_label)
    _seance(doc, *assembly)
    doc.rich(("Objet : ", True), (subject, True))
    doc.p("Classification @ctes : {{ deliberation.matiere }} — rapporteur : {{ deliberation.rapporteur }}", size=9)
    doc.p("Exposé", "Heading 1")


def build_deliberation_cc(path: Path) -> Path:
    doc = _Doc("{{ epci.nom }} — délibération n° {{ deliberation.numero }}",
               "{{ epci.nom }} — séance du {{ deliberation.date }}", draft_header=True)
    _act_opening(doc, "{{ epci.entete }}",
                 "Département : {{ epci.departement }} — SIREN {{ epci.siren }} — siège : {{ epci.siege }}",
                 "Conseillers en exercice", ("conseil communautaire", "le conseil communautaire {{ epci.designation_de }}"),
                 "plan de coopération {{ plan.periode }} entre {{ epci.designation }} et le {{ parc.nom }} — approbation")
    doc.p("Le territoire communautaire est classé, en tout ou partie, dans le {{ parc.nom }}. Pour traduire "
          "la charte du Parc en actions concrètes, le syndicat mixte du Parc propose à chaque "
          "intercommunalité un plan de coopération : une feuille de route pluriannuelle, construite à deux, "
          "qui fixe ce que chacun apporte. Le plan n'est pas une convention ; il est approuvé par des "
          "délibérations concordantes du conseil communautaire et du {{ parc.instance }} du Parc, qui en "
          "autorisent la mise en œuvre.")
    doc.p("La démarche a été conduite par un groupe projet réunissant, pour le Parc, {{ parc.president }}, "
          "{{ parc.president_fonction }}, {{ parc.vp_proximite }}, {{ parc.vp_fonction }}, et "
          "{{ binome.texte }} ; pour {{ epci.designation }}, {{ epci.president }}, {{ epci.president_fonction }}, "
          "{{ epci.vp + ', ' + epci.vp_fonction + ', ' if epci.vp else '' }}et {{ epci.dgs }}, "
          "{{ epci.dgs_fonction }}. Le groupe s'est réuni {{ plan.nb_seances_texte }} :")
    doc.tag("{%p for s in seances %}")
    doc.p("le {{ s.date }}, {{ s.objet }}{{ '.' if loop.last else ' ;' }}", "List Bullet")
    doc.tag("{%p endfor %}")
    doc.p("Le plan qui en résulte compte {{ plan.nb_objectifs_texte }} et {{ plan.nb_actions_texte }}, pour un "
          "coût prévisionnel total de {{ plan.cout_total }} HT, dont {{ plan.part_epci }} HT à la charge "
          "{{ epci.designation_de }} :")
    doc.tag("{%p for o in plan.objectifs %}")
    doc.p("{{ o.numero }} — {{ o.intitule }} ({{ o.nb_actions_texte }})", "List Bullet")
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
            "Vu les statuts {{ epci.designation_de }} ;",
            "Vu le projet de plan de coopération annexé à la présente délibération ;"):
        doc.p(visa)
    for reason in (
            "Considérant {{ epci.designation|que }} s'est engagée, en approuvant la charte du Parc, à en mettre "
            "en œuvre les orientations dans le cadre de ses compétences ;",
            "Considérant que le plan de coopération a été élaboré conjointement avec le syndicat mixte du Parc "
            "et précise, pour chaque action, le calendrier, les rôles et le plan de financement prévisionnel ;",
            "Considérant l'intérêt, pour le territoire, de coordonner le projet communautaire et les missions "
            "du Parc et de mutualiser l'ingénierie disponible ;"):
        doc.p(reason)
    doc.rich(("Après en avoir délibéré, le conseil communautaire, {{ deliberation.formule_vote }} :", True))
    for article in (
            "Article 1er — APPROUVE le plan de coopération {{ plan.periode }} avec le {{ parc.nom }}, tel "
            "qu'il figure en annexe, et en AUTORISE la mise en œuvre ;",
            "Article 2 — AUTORISE {{ epci.president_titre|lower }} à engager les actions dont "
            "{{ epci.designation }} est porteuse, à solliciter les aides correspondantes et à signer tout "
            "document s'y rapportant ;",
            "Article 3 — PRÉCISE que les dépenses afférentes seront proposées au vote lors de l'adoption des "
            "budgets des exercices concernés ;",
            "Article 4 — CHARGE {{ epci.president_titre|lower }} de notifier la présente délibération "
            "{{ parc.president_a }} du syndicat mixte du Parc."):
        doc.p(article)
    _closing(doc, "epci", "Fait {{ epci.siege_a }}, le {{ deliberation.date }}.", "Pour extrait certifié conforme.")
    return doc.save(path)


def build_deliberation_parc(path: Path) -> Path:
    doc = _Doc("{{ parc.organisme }} — délibération n° {{ deliberation.numero }}",
               "{{ parc.organisme }} — {{ parc.instance }} du {{ deliberation.date }}", draft_header=True)
    _act_opening(doc, "{{ parc.organisme|upper }}", "{{ parc.adresse }} — SIREN {{ parc.siren }}",
                 "Membres en exercice", ("{{ parc.instance }}", "le {{ parc.instance }} du syndicat mixte"),
                 "plan de coopération {{ plan.periode }} avec {{ epci.designation }} — approbation")
    doc.p("Le Parc formalise ses relations avec chaque intercommunalité de son territoire par un plan de "
          "coopération : un programme d'actions pluriannuel, construit en commun, par lequel "
          "l'intercommunalité met en œuvre la charte dans ses domaines de compétence. Le Parc lui apporte en "
          "retour un appui stratégique (vision d'ensemble, cohérence avec les territoires voisins), technique "
          "(ingénierie, émergence de projets) et, dans la mesure des dispositifs qu'il peut mobiliser, "
          "financier (recherche de subventions). Le plan n'est pas une convention : des délibérations "
          "concordantes l'approuvent et en autorisent la mise en œuvre.")
    doc.p("Avec {{ epci.designation }}, le groupe projet s'est réuni {{ plan.seances_texte }}. Le programme "
          "arrêté compte {{ plan.nb_objectifs_texte }} et {{ plan.nb_actions_texte }}, pour un coût "
          "prévisionnel de {{ plan.cout_total }} HT ; il sert {{ plan.mesures_texte }} de la charte.")
    doc.tag("{%p if delib_epci.votee %}")
    doc.p("Le conseil communautaire {{ epci.designation_de }} l'a approuvé le {{ delib_epci.date }} "
          "(délibération n° {{ delib_epci.numero }}).")
    doc.tag("{%p elif delib_epci.prevue %}")
    doc.p("Il est soumis au conseil communautaire {{ epci.designation_de }} lors de sa séance du "
          "{{ delib_epci.date }}.")
    doc.tag("{%p else %}")
    doc.p("Il sera soumis au conseil communautaire {{ epci.designation_de }}.")
    doc.tag("{%p endif %}")
    doc.p("Décision", "Heading 1")
    doc.p("Vu le code général des collectivités territoriales, notamment ses articles L.5721-1 et suivants ;")
    doc.p("Vu le code de l'environnement, notamment ses articles L.333-1 à L.333-4 et R.333-1 et suivants ;")
    doc.p("Vu le {{ parc.decret }} portant renouvellement du classement du {{ parc.nom }}, et la "
          "{{ parc.charte_libelle }} ;")
    doc.p("Vu les statuts du syndicat mixte ;")
    doc.tag("{%p if parc.est_bureau %}")
    doc.p("Vu la {{ parc.delegation }} portant délégation d'attributions au bureau syndical ;")
    doc.tag("{%p endif %}")
    doc.tag("{%p if delib_epci.votee %}")
    doc.p("Vu la délibération n° {{ delib_epci.numero }} du conseil communautaire {{ epci.designation_de }} "
          "du {{ delib_epci.date }} ;")
    doc.tag("{%p endif %}")
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
            "Article 1er — APPROUVE le plan de coopération {{ plan.periode }} avec {{ epci.designation }}, tel "
            "qu'il figure en annexe, et en AUTORISE la mise en œuvre ;",
            "Article 2 — PREND ACTE de la constitution du binôme technique du Parc chargé de son suivi : "
            "{{ binome.referent }} ({{ binome.referent_poste }}), {{ binome.referent_titre }}, et "
            "{{ binome.membre }} ({{ binome.membre_poste }}) ;",
            "Article 3 — PRÉCISE que le groupe de travail réunissant les élus et techniciens des deux "
            "structures se réunira deux fois par an pour suivre l'avancement du plan ;",
            "Article 4 — AUTORISE {{ parc.president_titre|lower }} à signer le plan et tout document "
            "nécessaire à sa mise en œuvre, et à solliciter les financements des actions portées par le Parc ;",
            "Article 5 — DIT que la présente délibération sera notifiée {{ epci.president_a }} "
            "{{ epci.designation_de }}."):
        doc.p(article)
    _closing(doc, "parc", "Fait {{ parc.fait_a }}, le {{ deliberation.date }}.", "Pour extrait conforme.")
    return doc.save(path)


def build_feuille_de_route(path: Path) -> Path:
    doc = _Doc("Feuille de route — {{ epci.nom }} et {{ parc.nom }}",
               "Plan de coopération {{ plan.periode }} — {{ epci.nom }}")
    doc.p("Plan de coopération {{ plan.periode }}", "Title")
    doc.p("entre {{ epci.designation }} et le {{ parc.nom }}", align="CENTER", bold=True)
    doc.tag("{%p if plan.intitule_propre %}")
    doc.p("« {{ plan.intitule_propre }} »", align="CENTER", italic=True)
    doc.tag("{%p endif %}")
    doc.p("Programme du {{ plan.debut }} au {{ plan.fin }}. {{ document.version }}", align="CENTER", size=9)
    doc.tag("{%p if document.annexe %}")
    doc.p("Annexe aux délibérations du conseil communautaire {{ epci.designation_de }} et du "
          "{{ parc.instance }} du Parc.", align="CENTER", italic=True, size=9)
    doc.tag("{%p endif %}")
    doc.p("1. Les parties", "Heading 1")
    doc.rich(("{{ epci.nom_officiel }}", True), (", SIREN {{ epci.siren }}, siège : {{ epci.siege }}, représentée "
                                                 "par {{ epci.president }}, {{ epci.president_fonction }}.", False))
    doc.rich(("{{ parc.organisme }}", True), (", SIREN {{ parc.siren }}, {{ parc.adresse }}, représenté par "
                                               "{{ parc.president }}, {{ parc.president_fonction }}.", False))
    doc.p("Le plan de coopération n'est pas une convention : c'est une feuille de route pluriannuelle, "
          "construite à deux, qui précise les objectifs partagés, les actions, leur calendrier et la "
          "répartition des rôles entre {{ epci.designation }}, le Parc et les autres acteurs du territoire. "
          "Les délibérations concordantes des deux structures l'approuvent et en autorisent la mise en œuvre.")
    doc.p("2. Le groupe projet et le binôme technique", "Heading 1")
    doc.table(["Structure", "Membre", "Fonction", "Binôme"], ["Parc", "{{ m.nom }}", "{{ m.fonction }}",
                                                             "{{ m.binome }}"],
              "for m in groupe.parc", [2.5, 5.3, 6.5, 2.5])
    doc.table(["Structure", "Membre", "Fonction", "Binôme"], ["EPCI", "{{ m.nom }}", "{{ m.fonction }}", ""],
              "for m in groupe.epci", [2.5, 5.3, 6.5, 2.5])
    doc.p("Binôme technique du Parc : {{ binome.referent }}, {{ binome.referent_titre }} du plan, et "
          "{{ binome.membre }}.")
    doc.p("3. La démarche : les séances de travail", "Heading 1")
    doc.table(["N°", "Séance", "Date", "Lieu"],
              ["{{ s.numero }}", "{{ s.type }}", "{{ s.date }}", "{{ s.lieu }}"],
              "for s in seances", [1.2, 6.0, 4.0, 5.6])
    doc.p("4. Les objectifs stratégiques", "Heading 1")
    doc.tag("{%p for o in plan.objectifs %}")
    doc.p("{{ o.numero }} — {{ o.intitule }}", "Heading 2")
    doc.p("{{ o.description }}")
    doc.p("Mesures de la charte : {{ o.mesures }} — {{ o.nb_actions_texte }}.", italic=True, size=9)
    doc.tag("{%p endfor %}")
    doc.p("5. Le programme d'actions", "Heading 1")
    doc.table(["N°", "Action", "Porteur et rôles", "Calendrier", "Coût et financement"],
              ["{{ a.numero }}", ["**{{ a.intitule }}", "{{ a.description }}",
                                  "Mesure {{ a.mesure }} — {{ a.horizon }}"],
               ["Porteur : {{ a.porteur }}", "EPCI : {{ a.role_epci }}", "Parc : {{ a.role_parc }}",
                "Partenaires : {{ a.partenaires }}", "Suivi Parc : {{ a.charge_mission }}"],
               "{{ a.calendrier }}", ["**{{ a.cout }}", "{%p for l in a.financements %}", "{{ l }}",
                                      "{%p endfor %}"]],
              "for a in plan.actions", [1.2, 4.6, 4.3, 2.2, 4.5])
    doc.p("6. Le plan de financement", "Heading 1")
    doc.table(["Financeur", "Montant (€ HT)", "Part"], ["{{ f.nom }}", "{{ f.montant }}", "{{ f.part }}"],
              "for f in plan.financeurs", [9.8, 4.2, 2.8],
              extra_rows=[["**Total des financements prévus", "**{{ plan.total_financements }}", "**100 %"]])
    doc.p("Coût total du programme : {{ plan.cout_total }} HT. Montants prévisionnels hors financements "
          "refusés ; dont autofinancement de l'EPCI {{ plan.part_epci }}, Parc {{ plan.part_parc }}, "
          "LEADER {{ plan.part_leader }}.", italic=True, size=9)
    doc.p("7. Le suivi", "Heading 1")
    doc.p("Le groupe de travail réunissant les élus et techniciens des deux structures se réunit deux fois "
          "par an pour faire le point sur l'avancement des actions, les difficultés rencontrées et les "
          "ajustements nécessaires. Le binôme technique du Parc prépare ces réunions avec la direction "
          "{{ epci.designation_de }}.")
    return doc.save(path)


DECISION_BOXES = "☐ Poursuivre     ☐ Ajuster     ☐ Reporter     ☐ Abandonner"


def build_fiche_suivi(path: Path) -> Path:
    doc = _Doc("Suivi du plan de coopération {{ plan.periode }} — {{ epci.nom }}",
               "Fiche de suivi — {{ epci.nom }} — réunion du {{ reunion.date }}")
    doc.p("Fiche de suivi du plan de coopération", "Title")
    doc.p("{{ epci.designation|majuscule }} et le {{ parc.nom }} — plan {{ plan.periode }}", align="CENTER",
          bold=True)
    doc.p("Réunion de suivi n° {{ reunion.numero }} du {{ reunion.date }} — lieu : {{ reunion.lieu }}. "
          "Réunion précédente : {{ reunion.precedente }}. Binôme du Parc : {{ binome.referent }} "
          "({{ binome.referent_titre }}) et {{ binome.membre }}.", align="CENTER", italic=True, size=9)
    doc.p("1. Participants", "Heading 1")
    doc.table(["Nom", "Structure", "Fonction", "Présent"],
              ["{{ p.nom }}", "{{ p.structure }}", "{{ p.fonction }}", "☐"],
              "for p in participants", [5.2, 2.4, 7.2, 2.0],
              extra_rows=[["", "", "", "☐"], ["", "", "", "☐"], ["", "", "", "☐"]],
              heights={4: 0.8, 5: 0.8, 6: 0.8})
    doc.p("2. Décisions de la réunion précédente", "Heading 1")
    doc.table_or_none("decisions", "d", ["Action", "Intitulé", "Décision", "Prochaines étapes prévues", "Fait ?"],
                      ["{{ d.action }}", "{{ d.intitule }}", "{{ d.decision }}", "{{ d.prochaines_etapes }}", "☐"],
                      [1.6, 5.0, 2.4, 5.8, 2.0], "Aucune décision enregistrée à la réunion précédente.")
    doc.p("3. Points d'attention", "Heading 1")
    doc.p("Actions en retard (date de fin passée, ni réalisées ni abandonnées)", "Heading 2")
    doc.table_or_none("en_retard", "a", ["Action", "Intitulé", "Fin prévue", "Statut", "Suivi Parc"],
                      ["{{ a.numero }}", "{{ a.intitule }}", "{{ a.fin }}", "{{ a.statut }}",
                       "{{ a.charge_mission }}"], [1.6, 7.2, 2.6, 2.4, 3.0], "Aucune action en retard.")
    doc.p("Dans les six mois : débuts et fins prévus", "Heading 2")
    doc.table_or_none("prochains_mois", "e", ["Action", "Intitulé", "Échéance", "Date"],
                      ["{{ e.numero }}", "{{ e.intitule }}", "{{ e.evenement }}", "{{ e.date }}"],
                      [1.6, 9.0, 2.6, 3.6], "Aucun début ni aucune fin d'action dans les six mois.")
    doc.p("Financements restant à solliciter", "Heading 2")
    doc.table_or_none("a_solliciter", "f", ["Action", "Financeur", "Dispositif", "Montant"],
                      ["{{ f.action }}", "{{ f.financeur }}", "{{ f.dispositif }}", "{{ f.montant }}"],
                      [1.6, 6.0, 6.2, 3.0], "Aucun financement à solliciter.")
    doc.p("4. Avancement des actions", "Heading 1")
    doc.p("Une fiche par action : la situation connue avant la réunion, puis les cases à remplir pendant la "
          "réunion (avancement constaté, décision, prochaines étapes).", italic=True, size=9)
    doc.tag("{%p for o in objectifs %}")
    doc.p("{{ o.numero }} — {{ o.intitule }}", "Heading 2")
    doc.tag("{%p for a in o.actions %}")
    doc.table(None, ["**{{ a.numero }}", ["**{{ a.intitule }}{{ ' — EN RETARD' if a.en_retard else '' }}"]],
              None, [2.6, 14.2],
              extra_rows=[["Situation", ["Statut : {{ a.statut }} — avancement : {{ a.avancement or 'non mesuré' }} "
                                         "— fin prévue : {{ a.fin or 'non fixée' }}",
                                         "Réalisations : {{ a.realisations or 'non renseignées' }}", "Difficultés : {{ a.difficultes or 'aucune signalée' }}"]],
                          ["Avancement constaté", ""], ["Décision", DECISION_BOXES],
                          ["Prochaines étapes", ""]],
              heights={2: 2.6, 4: 2.2}, fills={0: "D9E2F3"}, keep_together=True)
    doc.tag("{%p endfor %}")
    doc.tag("{%p endfor %}")
    doc.p("5. Relevé de décisions et prochaine réunion", "Heading 1")
    doc.table(None, ["Décisions générales", ""], None, [4.0, 12.8],
              extra_rows=[["Prochaine réunion", "{{ reunion.prochaine }}"]], heights={0: 3.0, 1: 1.2})
    return doc.save(path)


def build_synthese_suivi(path: Path) -> Path:
    doc = _Doc("{{ parc.nom }} — suivi des plans de coopération", "Synthèse du suivi au {{ date }}",
               landscape=True)
    doc.p("Suivi des plans de coopération", "Title")
    doc.p("Situation au {{ date }} : {{ nb_epci_texte }} sur le territoire du Parc ; {{ nb_plans_texte }}, "
          "dont {{ nb_a_jour_texte }} à jour de {{ 'ses' if nb_a_jour < 2 else 'leurs' }} réunions de suivi.",
          align="CENTER")
    doc.table(["EPCI", "Plan", "Réunions sur 12 mois", "À jour", "Dernière", "Prochaine", "Actions en retard",
               "Référent"],
              ["{{ l.epci }}", "{{ l.statut }}", "{{ l.reunions_12_mois }}", "{{ l.a_jour }}", "{{ l.derniere }}",
               "{{ l.prochaine }}", "{{ l.en_retard }}", "{{ l.referent }}"],
              "for l in lignes", [5.8, 3.0, 2.2, 1.5, 2.4, 4.0, 3.0, 4.5])
    doc.p("Le plan est « à jour » quand son groupe de travail s'est réuni au moins deux fois au cours des "
          "douze derniers mois, comme le prévoit la démarche. La prochaine réunion est la séance « Suivi "
          "semestriel » prévue, sinon la date retenue pour les fiches de suivi (à planifier).", italic=True, size=9)
    return doc.save(path)


BUILDERS = {FEUILLE_DE_ROUTE: build_feuille_de_route, DELIBERATION_CC: build_deliberation_cc,
            DELIBERATION_PARC: build_deliberation_parc, "fiche-suivi.docx": build_fiche_suivi,
            "synthese-suivi.docx": build_synthese_suivi}


def build_word_templates(folder: Path) -> list[Path]:
    """Write the three shipped Word templates into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [builder(folder / name) for name, builder in BUILDERS.items()]
