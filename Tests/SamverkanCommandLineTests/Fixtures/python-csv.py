"""Writes python-csv.csv with Python's csv module, and python-csv.json with what Python's
csv reader reads back from it: each record's first line and its fields. CSVTests checks
CSVReader against the JSON. Run from this folder: python3 python-csv.py"""
import csv
import json
import random

random.seed(4180)
PIECES = ["a", "b", "Å", "ä", "ö", "😀", " ", "  ", ",", ";", '"', '""', "|", "\t",
          "\n", "\r\n", "\r", "\\", "x y", "ÆØ", "🇸🇪"]
HEADER = ["id", "namn", "adress", "telefon", "anteckning", "övrigt"]


def value():
    if random.random() < 0.2:
        return ""
    return "".join(random.choice(PIECES) for _ in range(random.randint(1, 6)))


with open("python-csv.csv", "w", newline="", encoding="utf-8") as file:
    writer = csv.writer(file)  # ',' and CRLF, quoting only where needed
    writer.writerow(HEADER)
    for number in range(1, 301):
        writer.writerow([str(number)] + [value() for _ in HEADER[1:]])
    writer.writerow(["301", "short row"])  # spreadsheets leave out trailing empty cells

records = []
with open("python-csv.csv", newline="", encoding="utf-8") as file:
    reader = csv.reader(file)
    while True:
        first_line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        records.append({"line": first_line, "fields": fields})

with open("python-csv.json", "w", encoding="utf-8") as file:
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    file.write("[\n" + ",\n".join(lines) + "\n]\n")
