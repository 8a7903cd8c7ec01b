"""French formatting of dates, amounts, percentages and numbers in words.

One helper per need, used by messages, the dashboard and the Word documents.
"""

from __future__ import annotations

import datetime as dt
import re

NBSP = "\u00a0"
NNBSP = "\u202f"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize")
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def date_short(value: dt.date | None) -> str:
    """`12/03/2025`."""
    return value.strftime("%d/%m/%Y") if value else ""


def date_long(value: dt.date | None) -> str:
    """`12 mars 2025`, `1er mars 2025`."""
    if not value:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def date_in_words(value: dt.date) -> str:
    """`le douze mars deux mille vingt-cinq` (the form some registers still use)."""
    day = "premier" if value.day == 1 else number_in_words(value.day)
    return f"le {day} {MONTHS[value.month - 1]} {number_in_words(value.year)}"


def thousands(number: float, decimals: int = 0) -> str:
    """`12 500` or `12 500,50` with a narrow no-break space between thousands."""
    text = f"{abs(number):,.{decimals}f}".replace(",", NNBSP).replace(".", ",")
    return ("-" if number < 0 else "") + text


def euros(amount: float | None, decimals: int | None = None) -> str:
    """`12 500 €`; cents shown only when there are some (or when `decimals` says so)."""
    if amount is None:
        return ""
    if decimals is None:
        decimals = 0 if float(amount).is_integer() else 2
    return f"{thousands(amount, decimals)}{NBSP}€"


def percent(value: float | None, decimals: int = 0) -> str:
    """`45 %`."""
    if value is None:
        return ""
    return f"{thousands(value, decimals)}{NNBSP}%"


def number_in_words(number: int) -> str:
    """French cardinal in words, 0 to 999 999 999, traditional spelling (`deux mille vingt-cinq`)."""
    if number < 0:
        return "moins " + number_in_words(-number)
    if number <= 16:
        return _UNITS[number]
    if number < 100:
        return _below_hundred(number)
    if number < 1000:
        return _below_thousand(number)
    if number < 1_000_000:
        thousands_part, rest = divmod(number, 1000)
        head = "mille" if thousands_part == 1 else _below_thousand(thousands_part, plural_end=False) + " mille"
        return head if rest == 0 else f"{head} {number_in_words(rest)}"
    millions, rest = divmod(number, 1_000_000)
    head = number_in_words(millions) + (" million" if millions == 1 else " millions")
    return head if rest == 0 else f"{head} {number_in_words(rest)}"


def _below_hundred(number: int) -> str:
    if number <= 16:
        return _UNITS[number]
    if number < 20:
        return "dix-" + _UNITS[number - 10]
    if number < 70:
        tens, unit = divmod(number, 10)
        word = _TENS[tens * 10]
        if unit == 0:
            return word
        return f"{word} et un" if unit == 1 else f"{word}-{_UNITS[unit]}"
    if number < 80:
        unit = number - 60
        return "soixante et onze" if unit == 11 else "soixante-" + _below_hundred(unit)
    unit = number - 80
    return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _below_hundred(unit)


def _below_thousand(number: int, plural_end: bool = True) -> str:
    if number < 100:
        word = _below_hundred(number)
        return word[:-1] if not plural_end and word.endswith("vingts") else word
    hundreds, rest = divmod(number, 100)
    head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent"
    if rest == 0:
        return head + ("s" if hundreds > 1 and plural_end else "")
    return f"{head} {_below_hundred(rest)}"


# --- grammar: articles, contractions, elisions ---------------------------------------------

_VOWELS = "aeiouyàâäéèêëîïôöûüÿœæ"
ASPIRATED_H = ("haut", "haute", "hautes", "hauts", "hameau", "hameaux", "halle", "hangar", "hêtre",
               "hérisson", "hongrie", "hollande", "havre")
"""Words starting with an aspirated h: no elision (« de Haute-Loire », « le Havre »)."""


def starts_with_vowel_sound(word: str) -> bool:
    """Whether `word` takes an elided article or preposition (d', l'): vowel or mute h."""
    word = word.strip().lower()
    if not word:
        return False
    if word[0] in _VOWELS:
        return True
    if word[0] == "h":
        head = word.replace("’", "'").split(" ")[0].split("-")[0].split("'")[0]
        return head not in ASPIRATED_H
    return False


def _article_of(text: str) -> tuple[str, str]:
    """(`le`/`la`/`les`/`l'` as written, the rest) when `text` begins with a definite article."""
    stripped = text.replace("’", "'")
    lower = stripped.lower()
    for article in ("les ", "le ", "la "):
        if lower.startswith(article):
            return stripped[: len(article) - 1], stripped[len(article):]
    if lower.startswith("l'"):
        return stripped[:2], stripped[2:]
    return "", stripped


def _contract(text: str | None, preposition: str, before_le: str, before_les: str,
              elided: str | None) -> str:
    """A preposition before a name: contracted with « le »/« les », elided before a vowel if it can be."""
    if not text:
        return preposition
    article, rest = _article_of(text)
    if article.lower() == "le":
        return f"{before_le} {rest}"
    if article.lower() == "les":
        return f"{before_les} {rest}"
    if elided and not article and starts_with_vowel_sound(text):
        return f"{elided}{text}"
    return f"{preposition} {text}"


def de(text: str | None) -> str:
    """« de » before a name, contracted and elided: du Cheylard, des Vans, de la communauté, d'Aubenas."""
    return _contract(text, "de", "du", "des", "d'")


def a(text: str | None) -> str:
    """« à » before a name, contracted: au Cheylard, aux Vans, à Privas, à la communauté."""
    return _contract(text, "à", "au", "aux", None)


def que(text: str | None) -> str:
    """« que » before a name, elided before a vowel: « qu'Annonay Rhône Agglo », « que la communauté »."""
    if not text:
        return "que"
    return f"qu'{text}" if starts_with_vowel_sound(text) else f"que {text}"


def with_article(noun: str | None, feminine: bool = False, plural: bool = False) -> str:
    """The definite article before a common noun: le, la, l' (vowel or mute h), les."""
    if not noun:
        return ""
    if plural:
        return f"les {noun}"
    if starts_with_vowel_sound(noun):
        return f"l'{noun}"
    return f"{'la' if feminine else 'le'} {noun}"


def lower_first(text: str) -> str:
    """« Communauté de communes X » → « communauté de communes X » (running text)."""
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# --- EPCI designation ---------------------------------------------------------------------------

LEGAL_FORMS = {
    "CC": ("Communauté de communes", "communauté de communes"),
    "CA": ("Communauté d'agglomération", "communauté d'agglomération"),
    "CU": ("Communauté urbaine", "communauté urbaine"),
    "MET": ("Métropole", "métropole"),
}
"""Legal form code → (official designation, the common noun in running text); all feminine."""


def official_name(form: str | None, name: str | None, official: str | None = None) -> str:
    """« Communauté de communes Val'Eyrieux »: the official name, or one derived from form and name."""
    if official and official.strip():
        return official.strip()
    if not name:
        return ""
    name = name.strip()
    form = (form or "").upper()
    for code in LEGAL_FORMS:
        if name.upper().startswith(code + " "):
            form, name = form or code, name[len(code) + 1:].strip()
            break
    designation = LEGAL_FORMS.get(form, LEGAL_FORMS["CC"])[0]
    return f"{designation} {name}"


def designation(form: str | None, name: str | None, official: str | None = None) -> str:
    """The EPCI in running text: « la communauté de communes Val'Eyrieux » (official name starting
    with its legal form), else the official name as it stands (« Annonay Rhône Agglo »)."""
    full = official_name(form, name, official)
    if not full:
        return ""
    article, _ = _article_of(full)
    if article:
        return full
    if any(full.lower().startswith(noun) for _, noun in LEGAL_FORMS.values()):
        return with_article(lower_first(full), feminine=True)
    return full


# --- people: civilité, titles ---------------------------------------------------------------------

MALE, FEMALE = "M.", "Mme"
_CIVILITIES = {"m.": MALE, "m": MALE, "monsieur": MALE, "mme": FEMALE, "mme.": FEMALE, "madame": FEMALE}

TITLES = {
    "president": ("président", "présidente"),
    "vice-president": ("vice-président", "vice-présidente"),
    "dgs": ("directeur général des services", "directrice générale des services"),
    "charge-de-mission": ("chargé de mission", "chargée de mission"),
    "referent": ("référent", "référente"),
    "secretaire": ("secrétaire de séance", "secrétaire de séance"),
    "rapporteur": ("rapporteur", "rapporteure"),
    "membre": ("membre", "membre"),
    "delegue": ("délégué", "déléguée"),
    "conseiller": ("conseiller", "conseillère"),
    "directeur": ("directeur", "directrice"),
    "elu": ("élu", "élue"),
}
"""Title key → (masculine, feminine). Unknown civilité: both, « président ou présidente »."""


def civility_of(value: str | None) -> str | None:
    """« M. » or « Mme » from a civilité cell (M., Mme, Monsieur, Madame), else None."""
    if not value:
        return None
    return _CIVILITIES.get(value.strip().lower())


def split_civility(name: str | None) -> tuple[str | None, str]:
    """(« Mme », « Martine Teyssier ») from « Mme Martine Teyssier »; (None, name) without one."""
    if not name:
        return None, ""
    text = " ".join(name.replace(NBSP, " ").replace(NNBSP, " ").split())
    head, _, rest = text.partition(" ")
    civility = civility_of(head)
    return (civility, rest) if civility and rest else (None, text)


def person(name: str | None, civility: str | None = None) -> str:
    """« M. Alain Chapuis » (no-break space after the civilité); the civilité in the name wins."""
    own, bare = split_civility(name)
    civility = own or civility_of(civility)
    if not bare:
        return ""
    return f"{civility}{NBSP}{bare}" if civility else bare


def title(key: str, civility: str | None = None, article: bool = False, capital: bool = False) -> str:
    """A title agreeing with the civilité: « présidente », « le directeur général des services »;
    unknown civilité: « président ou présidente », « le président ou la présidente »,
    « le ou la secrétaire de séance »."""
    masculine, feminine = TITLES.get(key, (key, key))
    civility = civility_of(civility)
    if civility == MALE:
        text = with_article(masculine) if article else masculine
    elif civility == FEMALE:
        text = with_article(feminine, feminine=True) if article else feminine
    elif masculine == feminine:
        text = masculine if not article else (
            f"l'{masculine}" if starts_with_vowel_sound(masculine) else f"le ou la {masculine}")
    else:
        text = (f"{with_article(masculine)} ou {with_article(feminine, feminine=True)}" if article
                else f"{masculine} ou {feminine}")
    return upper_first(text) if capital else text


def agree(civility: str | None, masculine: str, feminine: str, neutral: str | None = None) -> str:
    """Pick the form agreeing with a civilité (M., Mme; neutral when unknown: both forms)."""
    civility = civility_of(civility)
    if civility == MALE:
        return masculine
    if civility == FEMALE:
        return feminine
    return neutral if neutral is not None else (masculine if masculine == feminine else f"{masculine} ou {feminine}")


# --- numbers agreeing -------------------------------------------------------------------------------

def plural(noun: str) -> str:
    """The plural of a simple noun phrase, word by word before any « de … » complement."""
    head, sep, tail = noun.partition(" de ")
    words = []
    for word in head.split(" "):
        if not word or word[-1] in "sxz" or not word[0].isalpha():
            words.append(word)
        elif word.endswith("al") and word not in ("festival",):
            words.append(word[:-2] + "aux")
        elif word.endswith(("eau", "eu")):
            words.append(word + "x")
        else:
            words.append(word + "s")
    return " ".join(words) + (sep + tail if sep else "")


def count(number: int | None, singular: str, plural_form: str | None = None) -> str:
    """« 1 action », « 0 action », « 3 actions » (French: 0 and 1 take the singular)."""
    number = number or 0
    noun = singular if abs(number) < 2 else (plural_form or plural(singular))
    return f"{number}{NBSP}{noun}"


def count_in_words(number: int | None, singular: str, plural_form: str | None = None,
                   feminine: bool = False) -> str:
    """« un objectif stratégique », « une action », « huit actions », « vingt et une actions »."""
    number = number or 0
    words = number_in_words(number)
    if feminine and (words == "un" or words.endswith(" un")):
        words += "e"
    if number == 0:
        words = "aucune" if feminine else "aucun"
    noun = singular if abs(number) < 2 else (plural_form or plural(singular))
    return f"{words} {noun}"


def resolve_plurals(text: str) -> str:
    """Replace every « (s) » (and « (e)(s) ») after a number by the agreeing form: « 2 action(s) »
    → « 2 actions », « 1 erreur(s) bloquante(s) » → « 1 erreur bloquante »."""
    if "(s)" not in text and "(es)" not in text:
        return text
    out, last_number = [], None
    for token in re.split(r"(\s+)", text):
        digits = token.replace(NBSP, "").replace(NNBSP, "")
        if digits.isdigit():
            last_number = int(digits)
        many = last_number is not None and last_number >= 2
        if "(e)(s)" in token:
            token = token.replace("(e)(s)", "es" if many else "e")
        token = token.replace("(es)", "es" if many else "").replace("(s)", "s" if many else "")
        out.append(token)
        if re.search(r"[.;:!?]$", token):
            last_number = None
    return "".join(out)


def enumerate_words(items: list[str] | tuple[str, ...]) -> str:
    """« A », « A et B », « A, B et C »."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


# --- typography ------------------------------------------------------------------------------------

_MONTH_NAMES = "|".join(MONTHS)
_DATE = re.compile(rf"\b(1er|\d{{1,2}}) ({_MONTH_NAMES}) (\d{{4}})\b")
_CIVILITY_SPACE = re.compile(r"\b(M\.|Mme|MM\.|Mmes) (?=[A-ZÀ-Ý])")
_AMOUNT = re.compile(r"(\d) (€|%)")
_THOUSANDS = re.compile(r"\b(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?=[ \u00a0]?(?:€|%))")
_OPENING_QUOTE = re.compile("«[ \u00a0\u202f]*")
_CLOSING_QUOTE = re.compile("[ \u00a0\u202f]*»")
_SPACED_COLON = re.compile(r"(?<=\S) +:(?=\s|$)")
_SPACED_PUNCTUATION = re.compile(r"(?<=\S) +([;!?])")
_GLUED_PUNCTUATION = re.compile(r"(?<=[^\W\d_]|»|\))([;!?])(?=\s|$)")
_ABBREVIATION_SPACE = re.compile(r"\b(n°|N°|art\.) +(?=\S)")
_SPACE = re.compile(r"[ \u00a0]")
_DIGIT = re.compile(r"\d")


def typography(text: str | None) -> str:
    """French typography: no-break spaces before « : ; ! ? », inside « », after « M. » and « Mme »,
    in amounts and dates. Idempotent."""
    if not text:
        return text or ""
    # Each rule only where its characters are (`in` is far cheaper than a regex pass): a
    # context holds thousands of texts, most of them plain.
    if "«" in text:
        text = _OPENING_QUOTE.sub("«" + NBSP, text)
    if "»" in text:
        text = _CLOSING_QUOTE.sub(NBSP + "»", text)
    if ":" in text:
        text = _SPACED_COLON.sub(NBSP + ":", text)
    if ";" in text or "!" in text or "?" in text:
        text = _SPACED_PUNCTUATION.sub(NNBSP + r"\1", text)
        text = _GLUED_PUNCTUATION.sub(NNBSP + r"\1", text)
    if "°" in text or "art." in text:
        text = _ABBREVIATION_SPACE.sub(lambda m: m.group(1) + NBSP, text)
    if "M" in text:
        text = _CIVILITY_SPACE.sub(lambda m: m.group(1) + NBSP, text)
    if _DIGIT.search(text):
        text = _DATE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}{NBSP}{m.group(3)}", text)
        if "€" in text or "%" in text:
            text = _THOUSANDS.sub(lambda m: _SPACE.sub(NNBSP, m.group(1)), text)
            text = _AMOUNT.sub(lambda m: f"{m.group(1)}{NBSP if m.group(2) == '€' else NNBSP}{m.group(2)}", text)
    return text
