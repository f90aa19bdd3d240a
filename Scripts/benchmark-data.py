#!/usr/bin/env python3
"""Writes benchmark data built from Skatteverket's test personnummer.

Usage: Scripts/benchmark-data.py samverkan COUNT > consents.ndjson
       Scripts/benchmark-data.py taskwarrior COUNT > tasks.json
       Scripts/benchmark-data.py sip|sp|transfer|escalate|deviation COUNT > rows.ndjson

The consents are realistic: two or three parties, one or two purposes, a mix of explicit
and implied consent with review dates, restrictions on some, and every person drawn from
Tests/Fixtures/skatteverket-testpersonnummer.txt (only Skatteverket's test numbers, never a
number that could belong to a real person). The tasks carry the same text for Taskwarrior.

The other kinds are rows for `samverkan KIND import`, as a city's store holds them after
years: most closed (the older nine in ten), the rest open with their dates around the
benchmark's day (2026-11-25), so that the agenda and the due lists have something to find.
"""
import json
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
numbers_file = os.path.join(here, "..", "Tests", "Fixtures", "skatteverket-testpersonnummer.txt")
with open(numbers_file) as f:
    numbers = [line.strip() for line in f if line.strip()]

kind, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(2026)


def day(offset):
    """The benchmark's day (2026-11-25) moved by `offset` days, as YYYY-MM-DD."""
    import datetime
    return (datetime.date(2026, 11, 25) + datetime.timedelta(days=offset)).isoformat()


def other_kind(kind, n):
    """Row n of a SIP, SP, transfer, escalation or deviation report."""
    person = numbers[n % len(numbers)]
    person = f"{person[:8]}-{person[8:]}"
    name = f"Testperson {n % len(numbers)}"
    # The older nine in ten are closed (a store fills over the years, and the cases still
    # open are the recent ones); the closed ones are spread over ten years, the open ones
    # began in the last few months.
    closed = n < count * 0.9
    if kind == "transfer":
        # A youth has one open transfer at a time: as many open as there are youths.
        closed = n < count - min(count // 10, len(youths))
    began = day(-rng.randint(30, 3650)) if closed else day(-rng.randint(0, 120))
    ended = day(-rng.randint(0, 29)) if closed else None
    if kind == "sip":
        row = {"ref": f"bench-sip-{n}", "person": person, "personName": name, "trigger": "need",
               "initiator": "SF-NORDOST", "caseworker": "Eva Ek", "createdOn": began}
        if closed:
            row["closings"] = [{"by": "SF-NORDOST", "date": ended, "reason": "no-longer-needed"}]
    elif kind == "sp":
        row = {"ref": f"bench-sp-{n}", "person": person, "personName": name,
               "initiator": "SF-NORDOST", "administrations": ["SF-NORDOST", "FFS"],
               "openCases": ["SF-NORDOST"], "caseworker": "Karin Ek", "createdOn": began,
               "state": "closed" if closed else "created"}
        if closed:
            row["closing"] = {"by": "benchmark", "date": ended, "reason": "Behovet upphörde."}
    elif kind == "transfer":
        place = youths[n % len(youths)]
        youth = numbers[place]
        row = {"ref": f"bench-trf-{n}", "person": f"{youth[:8]}-{youth[8:]}",
               "personName": f"Testperson {place}",
               "from": "SF-NORDOST/BOU", "to": "SF-NORDOST/VUXEN", "basis": "birthday",
               "referringCaseworker": "Karin Lund", "plannedOn": began,
               "state": "cancelled" if closed else "planned"}
        if closed:
            row["cancelledOn"] = ended
            row["cancelReason"] = "Flyttar."
    elif kind == "escalate":
        row = {"ref": f"bench-esc-{n}", "person": person, "personName": name,
               "parties": ["SF-NORDOST/BOU", "FFS"], "responsibleUnit": "SF-NORDOST/BOU",
               "question": "Vem ansvarar?", "background": "Utredd.", "situation": "Boendestöd.",
               "openedOn": began, "openedBy": "benchmark", "level": 1,
               "state": "withdrawn" if closed else "open"}
        if closed:
            row["withdrawal"] = {"by": "benchmark", "date": ended, "reason": "Löst på annat sätt."}
    else:
        row = {"ref": f"bench-dev-{n}", "reportingUnit": "SF-NORDOST/BOU",
               "units": ["SF-NORDOST/BOU", "FFS"], "category": "late-notice",
               "event": "Kallelsen kom för sent.", "perception": "Svårt att planera.",
               "improvement": "Kalla tidigare.", "reporterName": "Eva Ek",
               "reporterTitle": "biträdande enhetschef", "reportedOn": began,
               "state": "reported"}
        if closed:
            row["summary"] = "Vi kallar tidigare."
            row["respondedOn"] = ended
    return row


# Where the youths are in the list of numbers: a person's name is the same in every row.
youths = [place for place, number in enumerate(numbers) if "2007" <= number[:4] <= "2009"]
administrations = ["SF-CENTRUM", "SF-HISINGEN", "SF-NORDOST", "SF-SYDVAST", "FFS", "AVO"]
purposes = ["sp", "sip", "transfer", "consultation", "information-exchange"]
out = sys.stdout
if kind in ("sip", "sp", "transfer", "escalate", "deviation"):
    for n in range(count):
        out.write(json.dumps(other_kind(kind, n), ensure_ascii=False) + "\n")
    sys.exit(0)
for n in range(count):
    twelve = numbers[n % len(numbers)]
    # Adults only (born 2007 or earlier on the pinned date), so no number is in the future.
    person = f"{twelve[:8]}-{twelve[8:]}"
    parties = rng.sample(administrations, rng.choice([2, 2, 3])) + (["REGION"] if rng.random() < 0.3 else [])
    chosen = rng.sample(purposes, rng.choice([1, 1, 2]))
    if "sip" in chosen and "REGION" not in parties:
        parties.append("REGION")
    start = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
    until = f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "samverkan":
        implied = rng.random() < 0.2
        row = {
            "ref": f"bench-{n}",
            "person": person,
            "personName": f"Testperson {n % len(numbers)}",  # one name per person
            "parties": parties,
            "purposes": chosen,
            "type": "implied" if implied else "explicit",
            "givenBy": "self",
            "validFrom": start,
            "validUntil": until,
            "informed": True,
            "recordedBy": "benchmark",
            "recordedOn": start,
        }
        if implied:
            row["reviewDate"] = "2027-01-15"
        else:
            row["form"] = rng.choice(["written", "oral"])
        if rng.random() < 0.1:
            row["restrictions"] = "Inga uppgifter om ekonomi eller tidigare placeringar."
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        if n == 0:
            out.write("[\n")
        task = {
            "description": f"Samtycke {person} Testperson {n}: {', '.join(parties)} för {', '.join(chosen)}",
            "status": "pending",
            "entry": "20260101T000000Z",
            "due": until.replace("-", "") + "T000000Z",
            "project": "samtycke",
            "tags": chosen,
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
        }
        out.write(json.dumps(task, ensure_ascii=False) + (",\n" if n < count - 1 else "\n]\n"))
