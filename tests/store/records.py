"""Small article records we build by hand (no model): the stages' output, in the shapes they emit.

Facts are public (CSTO deployment to Kazakhstan, January 2022; Victory Day parade, May 2023); the
sentences are ours.
"""

from __future__ import annotations

from kronika.record import Article, Context, Entity, Event, EventDate, Mention, Metadata, Role, Source, Span

PEOPLE = {
    "tokayev": ("Kassym-Jomart Tokayev", "PERSON", "KAZ", "GOV", [Role("President", "KAZ")], "kz-tokayev"),
    "putin": ("Vladimir Putin", "PERSON", "RUS", "GOV", [Role("President", "RUS")], "ru-putin"),
    "mirziyoyev": ("Shavkat Mirziyoyev", "PERSON", "UZB", "GOV", [Role("President", "UZB")], "uz-mirziyoyev"),
    "lukashenko": ("Alexander Lukashenko", "PERSON", "BLR", "GOV", [Role("President", "BLR")], "by-lukashenko"),
    "pashinyan": ("Nikol Pashinyan", "PERSON", "ARM", "GOV", [Role("Prime Minister", "ARM")], "am-pashinyan"),
    "borrell": ("Josep Borrell", "PERSON", None, "GOV", [Role("High Representative", "EU")], "eu-borrell"),
    "kaz": ("Kazakhstan", "STATE", "KAZ", None, [], "KAZ"),
    "rus": ("Russia", "STATE", "RUS", None, [], "RUS"),
    "ukr": ("Ukraine", "STATE", "UKR", None, [], "UKR"),
    "eu": ("European Union", "IGO", None, None, [], "EU"),
    "csto": ("Collective Security Treaty Organization", "IGO", None, None, [], "CSTO"),
    "almaty": ("Almaty", "PLACE", "KAZ", None, [], "kz-almaty"),
    "moscow": ("Moscow", "PLACE", "RUS", None, [], "ru-moscow"),
    "kyiv": ("Kyiv", "PLACE", "UKR", None, [], "ua-kyiv"),
}


class Builder:
    """Write an article sentence by sentence; entities and events point into the text it builds."""

    def __init__(self, title: str, outlet: str, published: str, url: str | None = None, path: str | None = None):
        self.title, self.outlet, self.published, self.url, self.path = title, outlet, published, url, path
        self.sentences: list[str] = []
        self.events: list[tuple] = []

    def say(
        self,
        sentence: str,
        type: str | None = None,
        actors: list[str] = (),
        recipients: list[str] = (),
        date: str | None = None,
        place: str | None = None,
        mode: str | None = None,
        negated: bool = False,
        extra: dict | None = None,
    ) -> Builder:
        self.sentences.append(sentence)
        if type:
            self.events.append(
                (len(self.sentences) - 1, type, list(actors), list(recipients), date, place, mode, negated, extra or {})
            )
        return self

    def build(self) -> Article:
        text = "\n\n".join(self.sentences)
        starts, pos = [], 0
        for s in self.sentences:
            starts.append(pos)
            pos += len(s) + 2
        a = Article(
            text=text,
            source=Source(path=self.path, url=None, format="text"),
            metadata=Metadata(title=self.title, publication=self.outlet, published=self.published, url=self.url),
            paragraphs=[Span(st, st + len(s)) for st, s in zip(starts, self.sentences, strict=True)],
        )
        ents: dict[str, Entity] = {}

        def ent(key: str) -> str:
            if key not in ents:
                name, etype, country, sector, roles, kb = PEOPLE[key]
                ents[key] = Entity(f"E{len(ents) + 1}", name, etype, country, sector, list(roles), kb, [])
                for i, s in enumerate(self.sentences):
                    short = name.split()[-1]
                    at = s.find(short)
                    if at >= 0:
                        ents[key].mentions.append(Mention(starts[i] + at, starts[i] + at + len(short), short))
            return ents[key].id

        from kronika.record import Ref

        for n, (i, etype, actors, recipients, date, place, mode, negated, extra) in enumerate(self.events, 1):
            s = self.sentences[i]
            refs_a = [Ref(ent(k), PEOPLE[k][0]) for k in actors]
            refs_r = [Ref(ent(k), PEOPLE[k][0]) for k in recipients]
            a.events.append(
                Event(
                    id=f"V{n}",
                    type=etype,
                    mode=mode,
                    actor=refs_a[0] if len(refs_a) == 1 else (refs_a or None),
                    recipient=refs_r[0] if len(refs_r) == 1 else (refs_r or None),
                    location=Ref(ent(place), PEOPLE[place][0]) if place else None,
                    date=EventDate(None, date),
                    trigger=Mention(starts[i], starts[i] + 4, s[:4]),
                    sentence=Mention(starts[i], starts[i] + len(s), s),
                    context=Context(negated=negated),
                    confidence=0.8,
                    producer="test",
                    extra=extra,
                )
            )
        a.entities = list(ents.values())
        return a


def csto_north() -> Article:
    return (
        Builder("Kazakhstan calls in CSTO troops", "Desk North", "2022-01-06", "https://t.invalid/north/1")
        .say("Tokayev asked the alliance for help late on Wednesday.", "REQUEST", ["tokayev"], ["csto"], "2022-01-05")
        .say(
            "Russian paratroopers began landing near Almaty on Thursday, the ministry in Moscow said.",
            "MOBILIZE",
            ["rus"],
            ["kaz"],
            "2022-01-06",
            "almaty",
            "troops",
            extra={"size": 2500},
        )
        .say("Putin spoke with Tokayev by phone.", "CONSULT", ["putin"], ["tokayev"], "2022-01-06", mode="phone")
        .build()
    )


def csto_south() -> Article:
    return (
        Builder("Russian-led force lands in Kazakhstan", "Desk South", "2022-01-07", "https://t.invalid/south/1")
        .say(
            "The first Russian paratroopers of the alliance's force landed in Kazakhstan on Friday.",
            "MOBILIZE",
            ["rus"],
            ["kaz"],
            "2022-01-07",
            None,
            "troops",
            extra={"size": 2030},
        )
        .say("The European Union urged Kazakhstan to show restraint.", "REQUEST", ["eu"], ["kaz"], "2022-01-07")
        .build()
    )


def parade_a() -> Article:
    return (
        Builder("Leaders join Putin on Red Square", "Desk South", "2023-05-09", "https://t.invalid/south/2")
        .say(
            "Tokayev, Mirziyoyev, Lukashenko and Pashinyan watched the Victory Day parade with Putin in Moscow.",
            "CONSULT",
            ["tokayev", "mirziyoyev", "lukashenko", "pashinyan"],
            ["putin"],
            "2023-05-09",
            "moscow",
            "visit",
        )
        .build()
    )


def parade_b() -> Article:
    return (
        Builder("Parade guests puzzle observers", "Desk East", "2023-05-10", "https://t.invalid/east/2")
        .say(
            "Tokayev, Mirziyoyev and Lukashenko stood beside Putin at the parade in Moscow on 9 May.",
            "CONSULT",
            ["tokayev", "mirziyoyev", "lukashenko"],
            ["putin"],
            "2023-05-09",
            "moscow",
            "visit",
        )
        .say("Analysts said Kazakhstan still balances between Russia and the West.")
        .build()
    )


def eu_deal() -> Article:
    return (
        Builder("Kazakhstan signs raw materials pact with the EU", "Desk North", "2022-11-08", "https://t.invalid/n/3")
        .say(
            "The European Union and Kazakhstan signed a memorandum on raw materials on 7 November.",
            "AGREE",
            ["eu"],
            ["kaz"],
            "2022-11-07",
        )
        .say("Tokayev rejected calls to recognise the breakaway regions.", "REJECT", ["tokayev"], ["rus"], "2022-11")
        .build()
    )


def kyiv_drones() -> Article:
    return (
        Builder("Drone attack on Kyiv", "Desk West", "2023-05-28", "https://t.invalid/w/1")
        .say(
            "Russia attacked Kyiv with dozens of drones overnight into Sunday.",
            "ASSAULT",
            ["rus"],
            ["ukr"],
            "2023-05-28",
            "kyiv",
            "aerial",
        )
        .build()
    )


def corpus() -> list[Article]:
    return [csto_north(), csto_south(), parade_a(), parade_b(), eu_deal(), kyiv_drones()]
