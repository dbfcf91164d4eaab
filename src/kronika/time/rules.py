"""The rule table: which pattern finds which kind of time expression, and which handler gives its value.

Each :class:`Rule` pairs a regular expression with a handler from one of the rule families
(``rules_calendar``, ``rules_relative``, ``rules_clock``, ``rules_span``). The same rules serve
detection in running text (``detect.py``) and normalization of a given phrase (:func:`normalize`),
so the two never disagree. Order is priority when two rules find the same span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kronika.time import lexicon as lx
from kronika.time.absolute import dateparser_fallback
from kronika.time.patterns import (
    ANAPH,
    DAY,
    HOLIDAY,
    INNER,
    MOD,
    MONTH,
    NO_QUANT,
    NUM,
    POD,
    UNIT,
    UNIT1,
    VAGUE,
    WEEKDAY,
    YEAR,
)
from kronika.time.resolution import Anchors, Handler, Resolution
from kronika.time.rules_calendar import (
    calendar_day,
    century,
    decade,
    fiscal_relative,
    fiscal_year,
    holiday,
    iso_date,
    month_alone,
    month_of_year,
    numeric_date,
    ordinal_part,
    ordinal_unit_of,
    quarter_of_year,
    relative_quarter,
    season,
    year_alone,
    year_end,
    year_span,
    year_with_modifier,
)
from kronika.time.rules_clock import clock_time, clock_words, night_into, noon_or_midnight, zone_pattern
from kronika.time.rules_relative import (
    anaphor,
    anchored_span,
    counted_from_anchor,
    day_possessive,
    day_word,
    offset_from_time,
    part_of_day_of,
    part_of_this_unit,
    this_part_of_day,
    this_unit,
    weekday,
)
from kronika.time.rules_span import duration, recurrence, reference_word, tenure, vague_duration


@dataclass(frozen=True)
class Rule:
    """A named pattern and the handler that turns its match into a value."""

    name: str
    regex: re.Pattern[str]
    handler: Handler
    needs_context: bool = False  # bare years and months: only after a preposition or when spaCy agrees


APPROX = r"(?:(?P<approx>about|around|approximately|roughly|circa)\s+)?"
ZONE = zone_pattern()
# a zone (abbreviation, or UTC/GMT with an offset) and a weekday written with the time: "09:30 GMT Tuesday"
ZONE_DAY = (
    rf"(?:\s*\(?(?P<tz>{ZONE})(?:\s*(?P<off>[+-]\s*\d{{1,2}})(?::?(?P<offm>\d{{2}}))?)?\)?)?"
    rf"(?:,?\s+(?P<wd2>{WEEKDAY}))?"
)
HOUR_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
OF_YEAR = r"\s+of\s+(?P<rely>this|last|next)\s+year"
CONTAINER_YEAR = r"(?:(?P<cy>(?:1[0-9]{3}|20[0-9]{2}))(?!\d)|(?P<crel>this|last|next|the|the\s+current)\s+year)"


def rule(name: str, pattern: str, handler: Handler, needs_context: bool = False) -> Rule:
    """Compile a rule, case-insensitive and anchored at a word start (the engine then skips most positions)."""
    return Rule(name, re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE), handler, needs_context)


RULES: list[Rule] = [
    rule(
        "offset_anchored",
        rf"(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?P<dir>prior\s+to|before|after|following|ahead\s+of|earlier\s+than"
        rf"|later\s+than)\s+(?P<inner>{INNER})",
        offset_from_time,
    ),
    rule(
        "pod_of",
        rf"(?:the\s+)?(?:(?P<adj>early|late|small|wee)\s+)?(?P<pod>hours|{POD})\s+of\s+(?P<inner>{INNER})",
        part_of_day_of,
    ),
    rule("iso", r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])", iso_date),
    rule("numeric", r"(?<![\d/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])", numeric_date),
    rule(
        "mdy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?:the\s+)?(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR})|{OF_YEAR})?{NO_QUANT}",
        calendar_day,
    ),
    rule(
        "dmy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})|{OF_YEAR})?",
        calendar_day,
    ),
    rule("month_year", rf"(?:(?P<mod>{MOD})[-\s]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})", month_of_year),
    rule(
        "holiday",
        rf"(?P<h>{HOLIDAY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
        holiday,
    ),
    rule("year_span", rf"(?P<y1>{YEAR})\s*(?P<sep>[-–/])\s*(?P<y2>\d{{2}}|{YEAR})(?![\d-])", year_span),
    rule("mod_year", rf"(?P<mod>{MOD})[-\s]+(?P<y>{YEAR})", year_with_modifier),
    rule(
        "decade",
        r"(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s]+)?(?:(?P<dec>(?:1[0-9]|20)[0-9])0['’]?s|['’](?P<d2>\d)0s)(?!\w)",
        decade,
    ),
    rule(
        "century",
        r"(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>nineteenth|twentieth|twenty[-\s]first|eighteenth))"
        r"[-\s]+century",
        century,
    ),
    rule("fiscal", rf"(?:fiscal(?:\s+year)?|(?-i:FY))\s*(?P<y>{YEAR}|'\d{{2}})", fiscal_year),
    rule(
        "quarter",
        r"(?:the\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:fiscal[-\s]+)?quarter"
        rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{YEAR})|(?P<rel>this|last|next|the)\s+year))?"
        rf"|(?-i:Q)(?P<qn>[1-4])\s*(?P<y2>{YEAR}))",
        quarter_of_year,
    ),
    rule(
        "rel_quarter",
        r"(?:the\s+)?(?P<rel>last|past|previous|latest|next|coming|this|current)\s+quarter(?!s)",
        relative_quarter,
    ),
    rule(
        "season",
        rf"(?:(?P<rel>this|last|next|the\s+coming|the\s+past|past|coming|early|late|mid)[-\s]+)?"
        rf"(?P<s>{lx.SEASON_RE})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?(?!\w)",
        season,
        needs_context=True,
    ),
    rule(
        "weekday",
        rf"(?:(?P<wmod>early|late|earlier|later)\s+)?(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?P<pod>{POD}))?",
        weekday,
    ),
    rule(
        "relday",
        r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
        rf"(?:\s+(?P<pod>{POD}))?(?!['’]s)",
        day_word,
    ),
    rule(  # "today's meeting" is the day, "today's world" the present (TimeML PRESENT_REF)
        "day_possessive",
        r"(?P<w>today|yesterday|tomorrow|tonight)(?=['’]s\s+\w)",
        day_possessive,
    ),
    rule("this_pod", rf"(?P<rel>this|last)\s+(?P<pod>{POD})", this_part_of_day),
    rule(
        "clock",
        rf"{APPROX}(?<![\d:.$])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b){ZONE_DAY}",
        clock_time,
    ),
    rule(
        "clock24",
        rf"{APPROX}(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?P<ampm>){ZONE_DAY}",
        clock_time,
    ),
    rule(  # "1800 UTC", "0930 GMT": four digits are a clock time only with their zone
        "clock_military",
        rf"{APPROX}(?<![\d:.$])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?P<ampm>)\s*(?P<tz>{ZONE})(?P<off>)(?P<offm>)"
        rf"(?:,?\s+(?P<wd2>{WEEKDAY}))?",
        clock_time,
    ),
    rule(
        "clock_words",
        rf"(?:(?P<frac>a\s+quarter|quarter|half|(?:\d{{1,2}}|{lx.NUMBER_WORD})\s+minutes?)\s+(?P<rel>before|to|past|after)\s+"
        rf"(?P<h>1[0-2]|0?[1-9]|{HOUR_WORD})(?:\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b))?(?:\s+o['’]clock)?"
        rf"|(?P<h2>1[0-2]|0?[1-9]|{HOUR_WORD})\s+o['’]clock(?:\s*(?P<ampm2>a\.m\.?|p\.m\.?|am\b|pm\b))?)"
        r"(?P<tz>)(?P<off>)(?P<offm>)(?P<wd2>)",
        clock_words,
    ),
    rule(
        "night_into",
        rf"(?:overnight|(?:the\s+)?night(?:\s+of\s+{WEEKDAY})?)\s+(?:into|to|before)\s+(?P<wd>{WEEKDAY})"
        rf"(?:,?\s+(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})|,?\s+(?P<mon2>{MONTH})\s+(?:the\s+)?(?P<d2>{DAY}))?"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
        night_into,
    ),
    rule("noon", r"(?P<w>noon|midday|midnight)(?!\w)", noon_or_midnight),
    rule(
        "year_end",
        r"(?:year['’]s\s+end|(?-i:year-end)|the\s+end\s+of\s+the\s+year)(?!\w)",
        year_end,
    ),
    rule(
        "ago",
        r"(?:(?P<mod>less\s+than|more\s+than|almost|nearly|about|around|over|some|just|only|roughly|approximately)\s+)?"
        rf"(?P<n>{NUM}|{VAGUE})[-\s]+(?P<u>{UNIT})(?P<half>[-\s]+and[-\s]+a[-\s]+half)?\s+"
        r"(?P<dir>ago|hence|from\s+now|earlier|later|afterwards?|back|previously"
        # "before"/"after" followed by a clause ("two days before the launch") make a duration, not a date
        r"|(?:before|after)(?=\s*(?:[,.;:)]|$|and\b|but\b)))(?!\s+(?:than|to|of)\b)",
        counted_from_anchor,
    ),
    rule("anaphor", ANAPH, anaphor),
    rule(
        "mod_this",
        r"(?P<mod>earlier|later|early|late|the\s+(?:beginning|start|end|middle|rest|remainder|first\s+half|"
        r"second\s+half)\s+of)[-\s]+(?P<rel>this|last|next|the)\s+(?P<u>week|month|year|decade|century)",
        part_of_this_unit,
    ),
    rule(
        "fiscal_relative",
        r"(?:the\s+)?(?P<rel>current|this|next|last|previous|coming|past)\s+(?:fiscal|financial)\s+year(?!s)",
        fiscal_relative,
    ),
    rule(
        "ordinal_part",
        rf"the\s+(?P<which>first|last|final|opening|closing)\s+(?:(?P<n>{NUM}|few)\s+)?(?P<u>months|weeks|days)"
        rf"\s+of\s+{CONTAINER_YEAR}"
        # without "of <year>" only where it cannot be a length: not "over/during/for the first six months"
        r"|(?<!over\s)(?<!during\s)(?<!for\s)(?<!within\s)"
        r"the\s+(?P<which2>first|opening)\s+(?P<n2>three|3|six|6)\s+(?P<u2>months)(?!\s+of\b)",
        ordinal_part,
    ),
    rule(
        "ordinal_unit_of",
        rf"the\s+(?P<ord>\d{{1,3}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|final)\s+(?P<u>day|week|month)"
        rf"\s+of\s+{CONTAINER_YEAR}",
        ordinal_unit_of,
    ),
    rule(
        "tenure",
        rf"(?:his|her|their|its)\s+(?:(?:first|second|third|fourth|fifth|sixth|current|last|final|previous|new|next"
        rf"|latest)\s+(?:of\s+(?:two|three|four|five|\d)\s+terms|(?:(?P<n>{NUM})[-\s]year\s+)?(?:term|tenure)"
        rf"(?:\s+in\s+office)?)|(?P<n2>{NUM})[-\s]year\s+(?:term|tenure))(?![-\w])",
        tenure,
    ),
    rule(  # the preposition makes it a length: "over the coming decade" (P10Y), "in the past decade"
        "anchored_span",
        r"(?:(?<=over\s)|(?<=during\s)|(?<=(?<!as\s)for\s)|(?<=within\s)|(?<=throughout\s))the\s+"
        r"(?P<rel>coming|next|past|last|previous|following)\s+(?P<u>decade|year|month|week|century)(?![-\w])"
        r"|(?<=in\s)the\s+(?P<rel2>past|last)\s+(?P<u2>decade|century|year)(?![-\w])",
        anchored_span,
    ),
    rule(
        "this_unit",
        r"(?P<rel>this\s+past|this|last|next|coming|the\s+coming|past|the\s+past|the\s+last|current|the\s+current)\s+"
        r"(?P<u>week|weekend|month|year|decade|century)(?![-\w])|(?P<the>the)\s+(?P<u2>weekend)(?![-\w])",
        this_unit,
    ),
    rule(
        "month",
        rf"(?:(?P<mod>{MOD})[-\s]+|(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>{MONTH})(?:{OF_YEAR})?",
        month_alone,
        needs_context=True,
    ),
    rule(
        "set",
        rf"(?:(?P<times>once|twice|thrice|(?:\d+|{lx.NUMBER_WORD})\s+times)\s+(?:a|an|per|each|every)\s+"
        rf"(?P<u2>{UNIT1}))|(?P<q>every|each|per)\s+(?:(?P<n>{NUM}|other)\s+)?(?P<u>{UNIT}|{WEEKDAY}|"
        rf"{lx.SEASON_RE}|{POD})(?!\w)|(?P<adv>(?-i:[Aa]nnual|[Aa]nnually|[Yy]early|[Dd]aily|[Nn]ightly|[Ww]eekly|[Mm]onthly|[Qq]uarterly"
        r"|hourly))(?!\w)",
        recurrence,
    ),
    rule(
        "duration",
        r"(?:(?P<mod>almost|nearly|about|around|approximately|roughly|some|over|under|more\s+than|less\s+than|"
        r"at\s+least|at\s+most|up\s+to|the\s+(?:past|last|next|first|coming|previous|following|final|remaining))\s+)?"
        rf"(?P<n>{NUM}|{VAGUE})[-\s]+(?P<u>{UNIT})(?P<half>[-\s]+and[-\s]+a[-\s]+half)?(?P<long>[-\s]+long)?"
        r"(?![-\w]*-old)(?!\s+(?:old|of\s+age)\b)(?!\w)",
        duration,
    ),
    rule(
        "vague_duration",
        r"(?<!\d\s)(?:(?:over|for|in)\s+)?(?:the\s+)?(?:(?:past|last|coming|recent)\s+)?"
        r"(?P<u>minutes|hours|days|weeks|months|years|decades|centuries)(?:-long)?(?=\s|[,.;:)]|$)"
        r"(?!\s+(?:old|of\s+age)\b)",
        vague_duration,
        needs_context=True,
    ),
    rule(
        "refword",
        r"(?:nowadays|at\s+present|at\s+the\s+moment|these\s+days|more\s+recently|"
        r"recently(?!\s+as\b)|lately|the\s+past|the\s+(?:near\s+|distant\s+)?future|in\s+future"
        r"|(?<!from\s)(?:right\s+)?now(?!\s+that\b|-)|currently|of\s+late(?=\s*[,.;:)!?]|\s*$)"
        r"|(?:(?<=at\s)|(?<=of\s)|(?<=by\s)|(?<=since\s)|(?<=until\s))(?:that|the)\s+time(?!\s+(?:of|when)\b))(?!\w)",
        reference_word,
    ),
    rule(  # not after another number ("606 2035" is a phone number)
        "year",
        rf"(?<!\d\s)(?P<y>{YEAR})(?!\s*(?:%|percent|per\s*cent)|[-–/.]\d|,\d)",
        year_alone,
        needs_context=True,
    ),
]


RULES_BY_NAME = {r.name: r for r in RULES}

# "the" and prepositions a caller may leave on a phrase ("on May 3", "back in 1945").
_LEADING = re.compile(
    r"^(?:(?:back|as\s+(?:recently|early|late)\s+as|since|in|on|at|by|until|till|from|during|of|for|"
    r"before|after|around|circa)\s+)+",
    re.I,
)


def normalize(text: str, anchors: Anchors) -> Resolution | None:
    """Normalize one phrase (e.g. an expression spaCy found, or a test-table entry).

    The whole phrase must match a rule; otherwise dateparser gets a chance at absolute dates.
    Never raises: unparsable input gives None.
    """
    phrase = re.sub(r"\s+", " ", text).strip().strip(",.;:")
    phrase = _LEADING.sub("", phrase)
    if not phrase:
        return None
    for rule in RULES:
        m = rule.regex.fullmatch(phrase)
        if m is None:
            continue
        try:
            res = rule.handler(m, anchors)
        except (ValueError, OverflowError, KeyError, IndexError):
            res = None
        if res is not None:
            return res
    if phrase.lower().startswith("the ") and len(phrase) > 4:
        return normalize(phrase[4:], anchors)
    return dateparser_fallback(phrase, anchors)
