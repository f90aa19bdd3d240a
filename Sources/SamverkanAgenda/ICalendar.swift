import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// The agenda as an iCalendar file (RFC 5545) a calendar program can subscribe to.
///
/// - Lines end in CRLF and are folded at 75 octets (a continuation starts with a space),
///   never inside a UTF-8 sequence (3.1).
/// - Text values escape backslash, semicolon, comma and newline (3.3.11).
/// - Each event's `UID` is the item's identity, so a new export updates the event rather
///   than adding a copy when its date moves; `DTSTAMP` is the export's time in UTC.
/// - An all-day item is `VALUE=DATE` (ending the next day, 3.6.1); a timed one is a wall
///   time with `TZID=Europe/Stockholm`, whose `VTIMEZONE` the file carries.
/// - No personnummer or name unless asked for (`withNames`), and then masked as everywhere.
struct ICalendar {
  var items: [AgendaItem]
  var stamp: Date
  var masking: Masking
  var withNames: Bool

  /// The whole file.
  var text: String {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//samverkan//agenda//SV", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:samverkan",
    ]
    lines += Self.stockholm
    let dtstamp = Self.utc(stamp)
    for item in items {
      lines.append("BEGIN:VEVENT")
      lines.append("UID:\(Self.escape(item.identity))@samverkan")
      lines.append("DTSTAMP:\(dtstamp)")
      if let time = item.time {
        lines.append("DTSTART;TZID=Europe/Stockholm:\(Self.local(time))")
        lines.append("DURATION:PT15M")
      } else {
        lines.append("DTSTART;VALUE=DATE:\(Self.date(item.date))")
        lines.append("DTEND;VALUE=DATE:\(Self.date(item.date.adding(days: 1)))")
      }
      lines.append("SUMMARY:\(Self.escape(summary(item)))")
      var description = [item.what]
      if !item.organizations.isEmpty {
        description.append("Ansvar: " + item.organizations.map(\.value).joined(separator: ", "))
      }
      if let caseworker = item.caseworker { description.append("Handläggare: \(caseworker)") }
      lines.append("DESCRIPTION:\(Self.escape(description.joined(separator: "\n")))")
      lines.append("CATEGORIES:\(Self.escape(item.kind))")
      lines.append("TRANSP:TRANSPARENT")
      lines.append("END:VEVENT")
    }
    lines.append("END:VCALENDAR")
    return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
  }

  /// "SIP-3 sip.follow-up", and with names " – Anna Andersson, 19900101-2385".
  func summary(_ item: AgendaItem) -> String {
    var text = "\(item.record) \(item.kind)"
    if withNames, let person = item.person {
      let number = masking.show(person)
      let name = masking.showName(item.personName, of: person)
      text += " – " + [name, number].compactMap { $0 }.joined(separator: ", ")
    }
    return text
  }

  // MARK: - Values

  /// Europe/Stockholm since 1996: CET, with summer time from the last Sunday of March at
  /// 02:00 to the last Sunday of October at 03:00.
  static let stockholm = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Stockholm", "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
  ]

  /// `20261125`.
  static func date(_ date: CivilDate) -> String {
    date.description.replacingOccurrences(of: "-", with: "")
  }

  /// `20261209T120000`, a Stockholm wall time.
  static func local(_ time: LocalDateTime) -> String {
    let minutes = String(format: "%02d%02d", time.hour, time.minute)
    return "\(date(time.date))T\(minutes)00"
  }

  /// `20261125T080000Z`.
  static func utc(_ instant: Date) -> String {
    Timestamp.utcString(instant).replacingOccurrences(of: "-", with: "")
      .replacingOccurrences(of: ":", with: "")
  }

  /// TEXT as RFC 5545 3.3.11 escapes it.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n", "\r\n": out += "\\n"
      case "\r": break
      default: out.append(character)
      }
    }
    return out
  }

  /// A content line folded so no line is longer than 75 octets, breaking only between
  /// characters (never inside a UTF-8 sequence).
  static func fold(_ line: String) -> String {
    var result: [String] = []
    var current = ""
    var octets = 0
    for character in line {
      let size = String(character).utf8.count
      let limit = result.isEmpty ? 75 : 74  // a continuation line starts with a space
      if octets + size > limit {
        result.append(current)
        current = ""
        octets = 0
      }
      current.append(character)
      octets += size
    }
    result.append(current)
    return result.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }
      .joined(separator: "\r\n")
  }
}
