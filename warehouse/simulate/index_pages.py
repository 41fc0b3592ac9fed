"""Index pages of a simulated site, refilled from GACC's real ones (preliminary 2026, Monthly Bulletin 2026).

Every row of the real index stays, in GACC's words and order; its twelve month items are rewritten: a link
(unquoted absolute ``href``, leading space, ``Mon.``) where the simulated site holds that page, GACC's
``<span>Mon.</span>`` where it does not, and the stray ``</br>`` after June kept. The year selector lists
the simulated years, newest first, as GACC's does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from warehouse.parse.titles import Product, parse_title
from warehouse.settings import PROJECT_ROOT

TEMPLATES = {
    Product.PRELIMINARY: PROJECT_ROOT / "samples" / "gacc-site" / "statics" / "report" / "preliminary.html",
    Product.BULLETIN: PROJECT_ROOT / "samples" / "gacc-site" / "statics" / "report" / "monthly.html",
}
_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May.", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.")
_ROW = re.compile(r"<tr><td>(?P<title>[^<]*)</td><td>(?P<months>.*?)</td></tr>", re.S)
_OPTIONS = re.compile(r"(?P<indent>[ \t]*)<option value=\"\d{4}\"[^>]*>\d{4}</option>\s*", re.S)

# (table number, currency or None, month) → canonical URL of the page the index links there. The number,
# not the family: (2) and (3) are both by trade mode, bulletin (6) and (7) both by enterprise type.
Links = Mapping[tuple[int, str | None, int], str]


def render_index(product: Product, years: list[int], links: Links) -> bytes:
    """One index page: the real page with the simulated links of one year and the simulated year selector."""
    text = TEMPLATES[product].read_text(encoding="utf-8")

    def months(match: re.Match[str]) -> str:
        info = parse_title(" ".join(match["title"].split()))
        items = []
        for number, label in enumerate(_MONTHS, start=1):
            url = links.get((info.number, info.currency, number)) if info.family else None
            items.append(f"<a href={url}> {label}</a>" if url else f"<span>{label}</span>")
            if number == 6:
                items.append("</br>")
        return f"<tr><td>{match['title']}</td><td>{''.join(items)}</td></tr>"

    text = _ROW.sub(months, text)
    options = list(_OPTIONS.finditer(text))
    if options:
        indent = options[1]["indent"] if len(options) > 1 else options[0]["indent"]
        lines = [f'<option value="{year}">{year}</option>' for year in sorted(years, reverse=True)]
        replacement = options[0]["indent"] + f"\n{indent}".join(lines) + "\n" + indent
        text = text[: options[0].start()] + replacement + text[options[-1].end() :]
    return text.encode("utf-8")
