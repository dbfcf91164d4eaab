"""Word lists the argument finder reads the parse with (which nouns name actions, which verbs
carry an event noun or pass control to their object, ...).

Kept apart from the code so the rules in ``arguments.py`` read as rules; every list is a frozenset,
shared read-only by all analyses.
"""

from __future__ import annotations

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
LOCATION_PREPS = frozenset(
    {"in", "at", "over", "near", "outside", "inside", "across", "around", "within", "throughout", "into"}
)
RECIPIENT_PREPS = frozenset({"to", "with", "against", "toward", "towards", "on", "upon", "at", "from", "for", "into"})
# Nouns that name an action rather than a party: the party is their possessor or nationality
# ("condemn Russian aggression" -> Russia).
ACTION_NOUNS = frozenset(
    {
        "aggression",
        "action",
        "policy",
        "decision",
        "move",
        "plan",
        "proposal",
        "program",
        "programme",
        "behaviour",
        "behavior",
        "conduct",
        "role",
        "stance",
        "position",
        "annexation",
        "invasion",
        "occupation",
        "cooperation",
        "attack",
        "offensive",
        "war",
        "effort",
        "demand",
        "request",
        "claim",
        "regime",
        "involvement",
        "support",
        "presence",
        "help",
        "aid",
    }
)
# Verbs whose object (not subject) controls an infinitive: "urged Israel to withdraw".
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "order",
        "persuade",
        "convince",
        "force",
        "compel",
        "press",
        "invite",
        "allow",
        "encourage",
        "tell",
        "request",
        "help",
        "appeal",
    }
)
# Verbs that carry an event noun ("held talks", "launched an attack", "confirmed his visit"): the
# noun's actor is the verb's subject.
LIGHT_VERBS = frozenset(
    {
        "hold",
        "have",
        "conduct",
        "launch",
        "begin",
        "start",
        "carry",
        "stage",
        "make",
        "give",
        "issue",
        "deliver",
        "take",
        "open",
        "resume",
        "continue",
        "mount",
        "lead",
        "organize",
        "organise",
        "undertake",
        "wage",
        "pay",
        "impose",
        "lodge",
        "file",
        "level",
        "express",
        "offer",
        "provide",
        "extend",
        "reach",
        "complete",
        "order",
        "announce",
        "confirm",
        "plan",
        "schedule",
        "keep",
        "sign",
        "end",
        "call",
        "seek",
        "renew",
        "reiterate",
        "repeat",
        "voice",
        "step",
        "intensify",
        "escalate",
        "perform",
        "attend",
        "join",
        "host",
        "put",
        "place",
        "adopt",
        "levy",
        "slap",
        "unveil",
        "introduce",
        "enact",
    }
)


# Nouns naming a share of a group: a relative clause on "the majority of X" is about X.
PARTITIVE = frozenset(
    {
        "majority",
        "minority",
        "most",
        "many",
        "some",
        "all",
        "part",
        "rest",
        "bulk",
        "half",
        "million",
        "thousand",
        "hundred",
        "dozen",
    }
)
COLLECTIVE = PARTITIVE | frozenset({"group", "number", "band", "crowd", "team", "delegation", "handful", "couple"})
PERSON_NOUNS = frozenset(
    {"president", "minister", "leader", "king", "queen", "chancellor", "premier", "official", "spokesman"}
)


# verbs whose object an attack reaches: "the strikes hit the refinery", "the port was struck by missiles"
HIT_VERBS = frozenset({"hit", "strike", "target", "damage", "destroy", "rock", "pound", "level", "devastate"})


MEASURE_NOUNS = frozenset(
    {
        "day",
        "week",
        "month",
        "hour",
        "year",
        "series",
        "wave",
        "round",
        "spate",
        "string",
        "flurry",
        "night",
    }
)
NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "val")
# nouns with those endings that name parties, not actions
PARTY_NOUNS = frozenset(
    {
        "government",
        "parliament",
        "movement",
        "department",
        "establishment",
        "alliance",
        "conference",
        "agency",
        "nation",
        "federation",
        "coalition",
        "administration",
        "opposition",
        "organization",
        "organisation",
        "delegation",
        "commission",
        "population",
        "union",
        "intelligence",
        "audience",
        "resistance",
        "presidency",
        "legislation",
        "station",
        "institution",
        "mission",
        "division",
        "battalion",
        "regiment",
        "contingent",
    }
)

# Event nouns whose "of" object is what the event is done to, not who does it ("the annexation of
# Crimea", "the recognition of Kosovo", "the siege of Mariupol"); their possessor is the actor.
OF_TARGET_NOUNS = frozenset(
    {
        "annexation",
        "occupation",
        "invasion",
        "seizure",
        "capture",
        "liberation",
        "blockade",
        "bombardment",
        "shelling",
        "bombing",
        "siege",
        "recognition",
        "encirclement",
        "isolation",
    }
)
