"""Hand-written news-like texts for the dedup tests (written for these tests; no third-party text)."""

FLOOD_AP = """date 2021-05-03 - RIVERTON - Floodwaters from the swollen Marrow River forced about 1,200 residents of
Riverton to leave their homes on Sunday, officials said Monday.

Mayor Helen Okafor said the water rose 3.5 meters overnight and reached the old Tannery Bridge before dawn on May 2.
Two people were missing and 14 were treated for minor injuries, the county emergency office said.

"We have never seen the Marrow this high," Okafor told reporters at the Riverton fire station.
The National Weather Service warned that more rain was expected in the Delmar valley on Tuesday."""

FLOOD_REWRITE = """Riverton evacuates 1,200 as Marrow River floods

About 1,200 people fled their homes in Riverton on Sunday after the Marrow River burst its banks, according to
county officials.

The river climbed 3.5 meters during the night and reached the Tannery Bridge before dawn on May 2, said Mayor
Helen Okafor, who called the flood the worst she had seen. Fourteen people were treated for minor injuries and two
remain missing.

Forecasters expect more rain in the Delmar valley."""

FLOOD_OTHER_YEAR = """RIVERTON - Floodwaters from the Marrow River forced about 300 residents of Riverton to leave their
homes on Saturday, officials said.

Mayor Helen Okafor said the water rose 1.2 meters and reached the old Tannery Bridge on April 11, 2009.
Nobody was hurt, the county emergency office said. The National Weather Service expected more rain."""

MARKET_TEMPLATE = """Stocks closed {dir} on {day} as the Harbor Composite index {verb} {pts} points to {level}.
Volume was {vol} million shares. Advancing issues {cmp} declining ones {adv} to {dec}.
The dollar traded at {fx} yen and gold settled at {gold} dollars an ounce on {md}."""

MARKET_DAYS = [
    dict(dir="higher", day="Monday", verb="rose", pts="12.40", level="1,842.10", vol="182", cmp="outnumbered",
         adv="1,204", dec="611", fx="141.20", gold="1,921.50", md="March 6"),
    dict(dir="lower", day="Tuesday", verb="fell", pts="8.15", level="1,833.95", vol="175", cmp="trailed",
         adv="702", dec="1,118", fx="140.85", gold="1,917.30", md="March 7"),
    dict(dir="higher", day="Wednesday", verb="rose", pts="3.05", level="1,837.00", vol="169", cmp="outnumbered",
         adv="955", dec="860", fx="141.05", gold="1,925.10", md="March 8"),
]

QUAKE = """A magnitude 6.1 earthquake struck off the coast of Velora Island at 04:12 local time on Friday,
the Geological Survey said. The quake was centered 42 km southwest of Port Anselm at a depth of 10 km.
No tsunami warning was issued and there were no early reports of damage, police chief Marco Dianti said."""

QUAKE_COPY_WITH_BOILERPLATE = """Home | World | Business | Sports
A magnitude 6.1 earthquake struck off the coast of Velora Island at 04:12 local time on Friday,
the Geological Survey said. The quake was centered 42 km southwest of Port Anselm at a depth of 10 km.
No tsunami warning was issued and there were no early reports of damage, police chief Marco Dianti said.
Related stories: Heat wave grips the capital
Copyright 2023 Example Daily. All rights reserved."""

UNRELATED = """The city council approved a new budget for public libraries on Thursday, adding 40 staff and
extending opening hours at six branches, council member Dana Whitfield said."""

FLOOD_OTHER_OUTLET = """Marrow River flood: Riverton families wait for news of the missing

Rescue boats searched the flooded streets of Riverton for a second day as the Marrow River stayed near its peak.
Mayor Helen Okafor asked residents who left not to return until engineers had inspected the Tannery Bridge.
At the Riverton fire station, volunteers handed out blankets to families from the lower town. "The Marrow took
everything on our street," said Tomas Brill, a retired teacher. Crews from across the Delmar valley joined the search."""


def market_day(k: int) -> str:
    """The market template filled with the k-th day's own figures (none repeats across days)."""
    return MARKET_TEMPLATE.format(
        dir="higher" if k % 2 else "lower", day=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")[k % 5],
        verb="rose" if k % 2 else "fell", pts=f"{3 + 1.37 * k:.2f}", level=f"1,{700 + 17 * k}.{10 + k}",
        vol=str(120 + 7 * k), cmp="outnumbered" if k % 2 else "trailed", adv=f"{600 + 31 * k}", dec=f"{1300 - 29 * k}",
        fx=f"{130 + 0.83 * k:.2f}", gold=f"1,{850 + 11 * k}.{20 + k}", md=f"March {3 + k}",
    )
