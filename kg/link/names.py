"""Place and actor names as lookup keys, and the spelling variants of a name.

``normalize`` turns any spelling into the key the gazetteer is indexed by: case folded, Latin
diacritics dropped (Kyïv → kyiv), apostrophes dropped (Dnipropetrovs'k → dnipropetrovsk),
hyphens and punctuation turned into single spaces. Cyrillic letters stay Cyrillic (ё → е).

``variants`` spells a name the ways English-language news does: a Cyrillic name in the Ukrainian
national romanization (Київ → Kyiv), in the older y-style one (Миколаїв → Mykolayiv) and, for
Russian names, in BGN/PCGN and a plain style (Харьков → Kharkov, Запорожье → Zaporozhye);
adjective endings in all their spellings (Pecherskyi, Pechersky, Pecherskiy, Pecherskyy).

Both the build (``kg.link.build_gazetteer``) and the lookups use these functions, so a key
written into the data file is always the key a lookup computes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4\u02b9\u02bb\u201b\u2032\""
_DROP = str.maketrans("", "", APOSTROPHES + "\u201c\u201d\u00ab\u00bb")
_SPACE = re.compile(r"[\s\-\u2010-\u2015.,;:/()\[\]!?&+|]+")
_LATIN_EXTRA = {"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i",
                "þ": "th", "ð": "d"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _fold_char(ch: str) -> str:
    if "\u0400" <= ch <= "\u04ff":
        return "е" if ch == "ё" else ch
    if ch in _LATIN_EXTRA:
        return _LATIN_EXTRA[ch]
    if ch.isascii():
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


_PLAIN = re.compile(r"[\x00-\x7f\u0400-\u04ff]*")
# Cyrillic letters that look like Latin ones, as they slip into Latin-spelt names of real news
# ("Merefа" with a Cyrillic а); read as the Latin letter in a word that has Latin letters too
_HOMOGLYPHS = str.maketrans("аеорсхуіјѕкмтнвһ", "aeopcxyijskmthbh")
_MIXED_WORD = re.compile(r"\w*(?:[a-z][\u0400-\u04ff]|[\u0400-\u04ff][a-z])\w*")


def _unmix(text: str) -> str:
    return _MIXED_WORD.sub(lambda m: m[0].translate(_HOMOGLYPHS), text)


@lru_cache(maxsize=1 << 16)
def query_key(name: str) -> str:
    """The key a name of a text is looked up by: its ``normalize`` key, with the Cyrillic
    look-alike letters of a Latin-spelt word read as Latin ("Merefа" → ``merefa``)."""
    key = normalize(name)
    return key if key.isascii() else _unmix(key)


@lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """The lookup key of a name: ``normalize("Dnipropetrovs'k") == "dnipropetrovsk"``."""
    text = name.casefold().translate(_DROP)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _PLAIN.fullmatch(text):
            text = text.replace("ё", "е")
        else:
            text = "".join(_fold_char(ch) for ch in text)
    return " ".join(_SPACE.sub(" ", text).split())


def is_cyrillic(name: str) -> bool:
    return bool(_CYRILLIC.search(name))


# --- romanization -------------------------------------------------------------------------

_UK_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e", "ё": "e",
}
# Ukrainian national system (2010): the iotated letters differ at the start of a word.
_UK_NATIONAL = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"),
                "я": ("ya", "ia")}
_UK_YSTYLE = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_RU_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_VOWELS = set("аеёиоуыэюяіїєйьъ")


def _words(text: str) -> list[str]:
    return re.split(r"(\W+)", text)


def ukrainian_national(text: str) -> str:
    """Київ → Kyiv, Запоріжжя → Zaporizhzhia, Знам'янка → Znamianka (case kept)."""
    out = []
    for word in _words(text.replace("'", "").replace("\u2019", "").replace("\u02bc", "")):
        low = word.lower()
        letters = []
        for i, ch in enumerate(low):
            if ch in _UK_NATIONAL:
                letters.append(_UK_NATIONAL[ch][0 if i == 0 else 1])
            elif ch == "г" and i > 0 and low[i - 1] == "з":
                letters.append("gh")
            else:
                letters.append(_UK_COMMON.get(ch, ch))
        out.append(_recase(word, letters))
    return "".join(out)


def ukrainian_ystyle(text: str) -> str:
    """The older y-style spelling: Миколаїв → Mykolayiv, Костянтинівка → Kostyantynivka."""
    out = []
    for word in _words(text.replace("'", "").replace("\u2019", "").replace("\u02bc", "")):
        low = word.lower()
        letters = [("gh" if ch == "г" and i > 0 and low[i - 1] == "з" else
                    _UK_YSTYLE.get(ch) or _UK_COMMON.get(ch, ch)) for i, ch in enumerate(low)]
        out.append(_recase(word, letters))
    return "".join(out)


def russian_bgn(text: str) -> str:
    """BGN/PCGN without apostrophes: Харьков → Kharkov, Запорожье → Zaporozhye, Киев → Kiyev."""
    out = []
    for word in _words(text):
        low = word.lower()
        letters = []
        for i, ch in enumerate(low):
            if ch == "е":
                letters.append("ye" if i == 0 or low[i - 1] in _VOWELS else "e")
            elif ch == "ё":
                letters.append("yo" if i == 0 or low[i - 1] in _VOWELS else "e")
            else:
                letters.append(_RU_COMMON.get(ch, ch))
        if low.endswith(("ий", "ый")):
            letters[-2:] = ["i" if low[-2] == "и" else "y", "y"]
        out.append(_recase(word, letters))
    return "".join(out)


def russian_plain(text: str) -> str:
    """The plain press style: Николаев → Nikolaev, Холодногорский → Kholodnogorsky."""
    out = []
    for word in _words(text):
        low = word.lower()
        letters = []
        for i, ch in enumerate(low):
            if ch in "её":
                letters.append("ye" if i > 0 and low[i - 1] in "ьъ" else "e")
            else:
                letters.append(_RU_COMMON.get(ch, ch))
        if low.endswith(("ий", "ый")):
            letters[-2:] = ["y", ""]
        out.append(_recase(word, letters))
    return "".join(out)


def _recase(word: str, letters: list[str]) -> str:
    if not word or not word[0].isalpha():
        return word
    text = "".join(letters)
    if word.isupper() and len(word) > 1:
        return text.upper()
    if word[0].isupper():
        return text[:1].upper() + text[1:]
    return text


def romanizations(name: str, language: str | None = None) -> list[str]:
    """Latin spellings of a Cyrillic name; ``language`` "uk", "ru" or None (guess from letters)."""
    if not is_cyrillic(name):
        return []
    low = name.lower()
    if language is None:
        if re.search("[іїєґ]", low):
            language = "uk"
        elif re.search("[ыэъё]", low):
            language = "ru"
    out = []
    if language in ("uk", None):
        out += [ukrainian_national(name), ukrainian_ystyle(name)]
    if language in ("ru", None):
        out += [russian_bgn(name), russian_plain(name)]
    return list(dict.fromkeys(out))


# --- variants of keys ---------------------------------------------------------------------

_ADJ_SK = re.compile(r"(?<=[sz])k(?:yi|iy|yy|ii|ij|y)$")
_ADJ_N = re.compile(r"(?<=n)(?:yi|iy|yy|ii|ij)$")
_SK_ENDINGS = ("yi", "iy", "yy", "y", "ii")
_N_ENDINGS = ("yi", "iy", "yy", "y")


def ending_variants(key: str) -> set[str]:
    """``pecherskyi`` → {pecherskyi, pechersky, pecherskiy, pecherskyy, pecherskii}."""
    words = key.split(" ")
    out = {key}
    for i, word in enumerate(words):
        if _ADJ_SK.search(word):
            stem = word[:_ADJ_SK.search(word).start()] + "k"
            alts = [stem + e for e in _SK_ENDINGS]
        elif _ADJ_N.search(word) and len(word) > 5:
            stem = word[:_ADJ_N.search(word).start()]
            alts = [stem + e for e in _N_ENDINGS]
        else:
            continue
        for variant in list(out):
            parts = variant.split(" ")
            for alt in alts:
                parts[i] = alt
                out.add(" ".join(parts))
    return out


_IOTATED = re.compile(r"(?<=[a-z])y(?=[aeu])")
_YI = re.compile(r"(?<=[aeiouy])yi")


@lru_cache(maxsize=1 << 16)
def fold_iotation(key: str) -> str:
    """The y-style spelling of a key in national-system form: ``kostyantynivka`` →
    ``kostiantynivka``, ``mykolayiv`` → ``mykolaiv``, ``zaporizhzhya`` → ``zaporizhzhia``
    (kept per key: every run of capitalised words of every article is looked up by it)."""
    return _IOTATED.sub("i", _YI.sub("i", key))


@lru_cache(maxsize=1 << 17)
def keys_of(name: str, language: str | None = None) -> frozenset[str]:
    """Every lookup key of one spelling: itself, its romanizations, their adjective endings."""
    spellings = [name] + romanizations(name, language)
    keys: set[str] = set()
    for spelling in spellings:
        key = normalize(spelling)
        if key and is_cyrillic(key):
            keys.add(key)
        elif key:
            for variant in ending_variants(key):
                keys |= {variant, fold_iotation(variant)}
    return frozenset(keys)


# Names given in Soviet times and replaced since (2016 decommunization and later): a place
# whose record carries one of these next to another name is known by the other.
_SOVIET = re.compile(
    r"\b(artemiv|artemov|artemivsk|artemovsk|kirov|krasnoarmi|krasnoarmey|dzerzhyn|dzerzhin|"
    r"illich|ilich|ilyich|lenin|komsomol|zhovtnev|oktiabr|oktyabr|chervonoarm|chervonozavod|"
    r"radiansk|sovetsk|kotovsk|shchors|ordzhonikidze|kuibyshev|kuybyshev|frunze|voroshylov|"
    r"voroshilov|chapaiev|chapayev|chapaev|kalinin|sverdlov|stakhanov|budonn|budenn|kosior|"
    r"zhdanov|voikov|voykov|telman|postyshev|dymytrov|dimitrov|kominterniv|komunar|"
    r"dnipropetrovsk|dnepropetrovsk|dniprodzerzhynsk|dneprodzerzhinsk|tsiurupynsk|"
    r"tsyurupinsk|krasnyi|krasniy|krasnyy|uliianov|ulyanov|karla marksa|"
    r"артемівськ|артемовск|артёмовск|кіров|киров|красноарм|дзержин|ілліч|ильич|ленін|ленин|"
    r"комсомол|жовтнев|октябр|котовськ|котовск|щорс|орджонікідзе|орджоникидзе|куйбишев|"
    r"куйбышев|фрунзе|ворошилов|чапаєв|чапаев|калінін|калинин|свердлов|стаханов|жданов|"
    r"димитров|цюрупинськ|цюрупинск|дніпропетровськ|днепропетровск|дніпродзержинськ|"
    r"днепродзержинск|тельман|войков|ульянов|радянськ|советск|совєтськ|червоноармійськ|"
    r"постишев|будьонн|косіор|комунар|димитрово)")


def is_soviet(name: str) -> bool:
    """True for a name from the Soviet naming layer (Artemivsk, Dzerzhynsk, Kirovohrad …)."""
    return bool(_SOVIET.search(normalize(name)))


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter inserted, deleted, replaced, or two neighbours
    swapped (optimal string alignment distance 1).

    >>> one_edit_apart("kharkiv", "kharikv"), one_edit_apart("kyiv", "kyiv")
    (True, False)
    >>> one_edit_apart("selydove", "selidovo")
    False
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]
