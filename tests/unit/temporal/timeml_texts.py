"""A TempEval-3 input document and its gold annotation, written for the TimeML tests."""

TE3INPUT = """<?xml version="1.0" ?>
<TimeML>
<DOCID>DOC1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2017-01-09" temporalFunction="false" functionInDocument="CREATION_TIME">January 9, 2017</TIMEX3></DCT>
<TEXT>
U.S. officials said Monday that the raid took place Sunday, two weeks after the talks.
</TEXT>
</TimeML>
"""
GOLD = TE3INPUT.replace(
    "said Monday that the raid took place Sunday, two weeks",
    'said <TIMEX3 tid="t1" type="DATE" value="2017-01-09">Monday</TIMEX3> that the <EVENT eid="e1">raid</EVENT> '
    'took place <TIMEX3 tid="t2" type="DATE" value="2017-01-08">Sunday</TIMEX3>, '
    '<TIMEX3 tid="t3" type="DURATION" value="P2W">two weeks</TIMEX3>',
)
