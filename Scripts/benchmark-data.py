#!/usr/bin/env python3
"""Writes benchmark data built from Skatteverket's test personnummer.

Usage: Scripts/benchmark-data.py samverkan COUNT > consents.ndjson
       Scripts/benchmark-data.py taskwarrior COUNT > tasks.json

The consents are realistic: two or three parties, one or two purposes, a mix of explicit
and implied consent with review dates, restrictions on some, and every person drawn from
Tests/Fixtures/skatteverket-testpersonnummer.txt (only Skatteverket's test numbers, never a
number that could belong to a real person). The tasks carry the same text for Taskwarrior.
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
administrations = ["SF-CENTRUM", "SF-HISINGEN", "SF-NORDOST", "SF-SYDVAST", "FFS", "AVO"]
purposes = ["sp", "sip", "transfer", "consultation", "information-exchange"]
out = sys.stdout
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
