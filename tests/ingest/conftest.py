"""Texts and helpers shared by the ingest tests (all written for these tests).

They are fixtures, not imports: test folders have no ``__init__.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from parley.errors import InputError
from parley.ingest import read_inputs
from parley.model import Article

ENGLISH = (
    "GENEVA, March 5 (Parley Wire) - Envoys from both warring parties met in Geneva on Tuesday "
    "for their first direct talks in six months, diplomats said, as mediators pressed for a "
    "ceasefire along the front line.\n"
    '"We came here to listen, and we will listen carefully," the chief negotiator told '
    "reporters outside the Palais des Nations, declining to say how long the round would last.\n"
    "A senior Western official, speaking on condition of anonymity, said expectations were low "
    "but that the meeting itself was a step forward after weeks of public recriminations.\n"
)

ENGLISH_2 = (
    "VIENNA, March 6 (Parley Wire) - Negotiators agreed on Wednesday to extend a prisoner "
    "exchange arrangement for another ninety days, according to a joint statement released by "
    "the Austrian foreign ministry.\n"
    "The statement said both delegations had committed to a further round in April, although "
    "neither side offered details of the sequencing of any troop withdrawals.\n"
)

GERMAN = (
    "BERLIN (Parley Wire) - Die Außenminister der beiden Länder haben sich am Dienstag in Genf "
    "zu ersten direkten Gesprächen seit sechs Monaten getroffen. Ein Sprecher des Auswärtigen "
    "Amtes sagte, die Verhandlungen seien konstruktiv verlaufen, ein Durchbruch sei jedoch nicht "
    "zu erwarten. Beide Seiten wollen sich nach Angaben von Diplomaten in zwei Wochen erneut "
    "treffen. Beobachter warnten vor überzogenen Erwartungen an die nächste Runde.\n"
)

FRENCH = (
    "PARIS (Parley Wire) - Les ministres des Affaires étrangères des deux pays se sont "
    "rencontrés mardi à Genève pour leurs premiers pourparlers directs depuis six mois. Un "
    "porte-parole du Quai d'Orsay a déclaré que les discussions avaient été constructives, sans "
    "toutefois annoncer de percée. Selon des diplomates, les deux délégations doivent se "
    "retrouver dans deux semaines. Des observateurs ont mis en garde contre des attentes "
    "excessives.\n"
)


def page(
    body: str = ENGLISH, *, title: str = "Envoys meet in Geneva", date: str = "2024-03-05"
) -> str:
    """A news page with navigation and a footer around ``body`` (one <p> per line)."""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body.splitlines() if line)
    date_meta = (
        f'<meta property="article:published_time" content="{date}T09:30:00Z">' if date else ""
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | Parley Wire</title>"
        '<meta property="og:site_name" content="Parley Wire">'
        f"{date_meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>\n{paragraphs}</article>"
        "<footer>Copyright Parley Wire. All rights reserved. Cookie settings.</footer>"
        "</body></html>"
    )


Item = Article | InputError


@pytest.fixture
def texts() -> SimpleNamespace:
    return SimpleNamespace(english=ENGLISH, english_2=ENGLISH_2, german=GERMAN, french=FRENCH)


@pytest.fixture
def make_page() -> Callable[..., str]:
    return page


@pytest.fixture
def read() -> Callable[..., list[Item]]:
    """``read(*inputs, **options)``: everything ``read_inputs`` yields, as a list."""

    def run(*inputs: str | Path, **options) -> list[Item]:
        return list(read_inputs([str(name) for name in inputs], **options))

    return run
