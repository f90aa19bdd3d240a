import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// Registerutdrag (GDPR art. 15) in Swedish: what the store holds about the person, why,
/// who has received it, and how long it is kept.
struct RegisterExtract {
  let holdings: Holdings
  let profile: Profile
  let today: CivilDate
  let masking: Masking

  /// The Swedish name of a kind of record.
  static func kindName(_ kind: RecordKind) -> String {
    switch kind {
    case .consent: "Samtycke"
    case .sip: "Samordnad individuell plan (SIP)"
    case .sp: "Samordnad plan (SP)"
    case .transfer: "Överföring av pågående ärende"
    case .escalation: "Samverkan om ansvar (eskalering)"
    case .assignment: "Utsedd handläggare"
    case .deviation: "Avvikelserapport"
    default: kind.noun
    }
  }

  /// Why a kind of record is kept, in a sentence.
  static func purpose(_ kind: RecordKind) -> String {
    switch kind {
    case .consent:
      "Ditt samtycke till att uppgifter om dig lämnas mellan de parter och för de ändamål du har godkänt."
    case .sip:
      "Att samordna socialtjänstens och hälso- och sjukvårdens insatser för dig i en samordnad individuell plan."
    case .sp:
      "Att samordna insatser för dig mellan stadens förvaltningar i en samordnad plan."
    case .transfer: "Att föra över ditt pågående ärende till den enhet som ska ansvara för det."
    case .escalation:
      "Att lösa en fråga mellan enheter om vem som ansvarar för dina insatser, utan att ditt stöd avbryts."
    case .assignment: "Att veta vem som är din handläggare, så att rätt person kontaktas."
    default: "Uppföljning av hur samverkan fungerar."
    }
  }

  /// Field names as the person reads them; others are shown as they are stored.
  static let fieldNames: [String: String] = [
    "person": "personnummer", "personName": "namn", "parties": "parter",
    "purposes": "ändamål", "restrictions": "det du inte vill ska lämnas ut",
    "needs": "behov", "wishes": "önskemål", "goals": "mål", "interventions": "insatser",
    "background": "bakgrund", "situation": "aktuell situation", "question": "frågeställning",
    "currentSituation": "aktuell situation", "guardian": "vårdnadshavare, god man eller förvaltare",
    "disabilityAndInvestigations": "funktionsnedsättning, utredningar och diagnoser",
    "note": "anteckning", "summons": "kallelse", "meeting": "möte", "plan": "plan",
    "caseworker": "handläggare", "participants": "deltagare", "followUps": "uppföljningar",
    "email": "e-post", "phone": "telefon", "givenByName": "vem som gav samtycket",
    "childView": "barnets egen inställning", "birthDate": "födelsedatum",
    "preparation": "förberedelse av mötet (syfte och frågor)",
    "regionPlacements": "placering i annan region", "significantChanges": "väsentliga förändringar",
  ]

  /// Stored fields that only run the record (IDs, states, dates), not data about the person.
  static let administrative: Set<String> = [
    "id", "ref", "schemaVersion", "state", "version", "createdOn", "recordedBy", "recordedOn",
    "initiator", "administrations", "from", "to", "consent", "consents", "consentCheckedOn",
    "legalGround", "legalGrounds", "sharing", "trigger", "isInternal", "type", "form",
    "givenBy", "validFrom", "validUntil", "reviewDate", "informed", "reviews", "revocation",
    "level", "responsibleUnit", "openedOn", "openedBy", "anonymous", "basis", "late",
    "handoverAge", "handoverDate", "noticeDeadline", "plannedOn", "organization", "since",
    "internal", "acuteConcern", "submissions", "decisions", "establishedOn", "round",
    "readyForDischarge", "overallResponsible", "earlierVersions", "followUpDate",
    "followUpPlace", "raises", "agreements", "registrations", "familyHome", "state",
    "soleGuardian", "openCases", "consents", "raisedAt", "decidedAt", "held",
  ]

  /// What personal data a record holds, by field.
  static func personalData(_ raw: JSONValue) -> [String] {
    let keys = (raw.objectValue ?? [:]).filter { key, value in
      !administrative.contains(key) && !value.isNull
        && !(value.arrayValue?.isEmpty ?? false)
    }.keys
    return keys.sorted().map { fieldNames[$0] ?? $0 }
  }

  var who: String {
    let number = masking.show(holdings.person)
    guard let name = masking.showName(holdings.name, of: holdings.person) else { return number }
    return "\(name), \(number)"
  }

  var retentionText: String {
    let rules = profile.retention
    var text =
      "Uppgifterna i ett avslutat ärende gallras \(rules.years) år efter den sista anteckningen i ärendet"
    text += rules.byEndOfFollowingYear ? ", senast vid utgången av kalenderåret därefter." : "."
    if !rules.researchBirthDays.isEmpty {
      let days = rules.researchBirthDays.map(String.init).listed("eller")
      text +=
        " Är du född den \(days) i en månad bevaras uppgifterna i stället för forskning (7 kap. 2 § socialtjänstförordningen)."
    }
    return text + " Ärenden som pågår sparas så länge de pågår."
  }

  // MARK: - Markdown

  var markdown: String {
    var lines = [
      "# Registerutdrag", "",
      "Utdrag enligt artikel 15 i dataskyddsförordningen ur \(profile.municipality)s register för samverkan mellan förvaltningar och med hälso- och sjukvården, utskrivet \(today).",
      "", "- **Den registrerade:** \(who)", "",
      "## Uppgifter om dig som vi behandlar", "",
    ]
    if holdings.records.isEmpty {
      lines += ["Det finns inga uppgifter om dig i registret.", ""]
    } else {
      lines += ["| Ärende | Slag | Status | Uppgifter |", "|---|---|---|---|"]
      for record in holdings.records {
        lines.append(
          "| \(record.id) | \(Self.kindName(record.id.kind)) | \(record.state) | \(Self.personalData(record.raw).joined(separator: ", ")) |"
        )
      }
      lines.append("")
    }
    if !holdings.deviations.isEmpty {
      lines.append(
        "Avvikelserapporter som rör dina ärenden (de innehåller inga uppgifter om dig): "
          + holdings.deviations.map(\.id.description).joined(separator: ", ") + ".")
      lines.append("")
    }
    lines += ["## Varför uppgifterna behandlas", ""]
    for kind in RecordKind.all where holdings.records.contains(where: { $0.id.kind == kind }) {
      lines.append("- **\(Self.kindName(kind)):** \(Self.purpose(kind))")
    }
    lines += ["", "## Vem som har fått uppgifter om dig", ""]
    if holdings.disclosures.isEmpty {
      lines += ["Inga uppgifter om dig har lämnats ut.", ""]
    } else {
      lines += ["| Datum | Ärende | Från | Till | Ändamål | Grund |", "|---|---|---|---|---|---|"]
      for entry in holdings.disclosures {
        let basis =
          entry.legalGround.map {
            "sekretessbrytande bestämmelse: \(profile.consent.legalGround($0.ground)?.title ?? $0.ground)"
          } ?? "ditt samtycke (\(entry.consents.map(\.description).joined(separator: ", ")))"
        lines.append(
          "| \(entry.date) | \(entry.record) | \(profile.name(of: entry.from)) | \(entry.to.map { profile.name(of: $0) }.joined(separator: ", ")) | \(entry.purpose.swedish) | \(basis) |"
        )
      }
      lines.append("")
    }
    lines += [
      "## Hur länge uppgifterna sparas", "", retentionText, "", "## Dina rättigheter", "",
      "Du har rätt att få felaktiga uppgifter rättade (artikel 16) och att återkalla ett samtycke när du vill; det som redan har lämnats ut med stöd av samtycket påverkas inte. Kontakta din handläggare eller förvaltningens registrator.",
      "",
    ]
    return lines.joined(separator: "\n")
  }

  // MARK: - JSON

  var json: JSONValue {
    var person: [String: JSONValue] = ["person": .string(masking.show(holdings.person))]
    if let name = masking.showName(holdings.name, of: holdings.person) {
      person["personName"] = .string(name)
    }
    let records: [JSONValue] = holdings.records.map { record in
      .object([
        "id": .string(record.id.description), "kind": .string(record.id.kind.noun),
        "state": .string(record.state), "open": .bool(record.isOpen),
        "purpose": .string(Self.purpose(record.id.kind)),
        "data": masking.apply(record.raw),
      ])
    }
    let disclosures: [JSONValue] = holdings.disclosures.compactMap {
      (try? $0.listJSON).map(masking.apply)
    }
    return .object([
      "registered": .object(person), "printed": .string(today.description),
      "records": .array(records), "disclosures": .array(disclosures),
      "deviations": .array(holdings.deviations.map { .string($0.id.description) }),
      "retention": .string(retentionText),
    ])
  }
}
