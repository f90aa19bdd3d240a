import SamverkanDomain
import SamverkanJSON

/// The options every `list` verb has beside its filters: how many rows, in which order.
/// `writeList` reads them, so a verb only declares them.
public enum ListOptions {
  public static let limit = Option<Int>(
    "limit", value: "n", help: "Show at most this many rows (after --sort).")
  public static let sort = Option<String>(
    "sort", value: "field",
    help: "Order the rows by this field (numbers and IDs in numeric order; empty values last).",
    completion: .dynamic("fields"))

  /// `--limit` and `--sort`, to add to a list verb's options.
  public static let all: [any OptionDeclaration] = [sort, limit]
}

extension Invocation {
  /// `--limit`, checked: a number of rows, 0 or more.
  func listLimit() throws -> Int? {
    guard let limit = try value(ListOptions.limit) else { return nil }
    guard limit >= 0 else {
      throw SamverkanError.invalidValue(
        String(limit), option: ListOptions.limit.spec.usage,
        reason: "give how many rows to show, 0 or more")
    }
    return limit
  }

  /// `--sort`, checked against the fields a listing has.
  func listSortField(available: [String]) throws -> String? {
    guard let field = try value(ListOptions.sort) else { return nil }
    try checkField(field, available: available, option: ListOptions.sort.spec.usage)
    return field
  }
}

/// The order `--sort` puts rows in: by the field's text as a Swedish reader sorts it (case
/// ignored, å, ä and ö after z), with numbers — and the numbers in IDs, CON-2 before
/// CON-10 — by value; rows without the field last; otherwise as they came.
enum RowOrder {
  static func sorted(_ rows: [JSONValue], by field: String) -> [JSONValue] {
    let keyed = rows.enumerated().map { index, row in
      (index: index, key: key(Cell.text(row[field], list: ",")), row: row)
    }
    return keyed.sorted { left, right in
      if left.key.isEmpty != right.key.isEmpty { return right.key.isEmpty }
      if left.key != right.key { return left.key.lexicographicallyPrecedes(right.key) }
      return left.index < right.index
    }.map(\.row)
  }

  /// A sort key: each run of digits one number (after every letter's code, so a number sorts
  /// before letters), each other character its lowercase code with å, ä, ö moved after z.
  static func key(_ text: String) -> [Int] {
    var key: [Int] = []
    var number: Int?
    func endNumber() {
      if let value = number { key += [0, value] }
      number = nil
    }
    for scalar in text.lowercased().unicodeScalars {
      if let digit = Int(String(scalar)), scalar.isASCII {
        number = min((number ?? 0) * 10 + digit, Int.max / 10)
        continue
      }
      endNumber()
      switch scalar {
      case "å": key.append(Int(("z" as Unicode.Scalar).value) + 1)
      case "ä", "æ": key.append(Int(("z" as Unicode.Scalar).value) + 2)
      case "ö", "ø": key.append(Int(("z" as Unicode.Scalar).value) + 3)
      default: key.append(Int(scalar.value) + 1)
      }
    }
    endNumber()
    return key
  }
}

/// Shortens a table's columns to fit a terminal's width.
enum TableFit {
  /// No column is made narrower than this (or its own width, when that is less).
  static let narrowest = 4

  /// Column widths that fit `width` (columns separated by two spaces): the widest columns
  /// give way first, so short ones such as IDs and dates stay whole.
  static func widths(_ natural: [Int], within width: Int) -> [Int] {
    var widths = natural
    let floor = natural.map { min($0, narrowest) }
    var excess = widths.reduce(0, +) + 2 * max(widths.count - 1, 0) - width
    while excess > 0 {
      guard
        let widest = widths.indices.filter({ widths[$0] > floor[$0] })
          .max(by: { widths[$0] < widths[$1] })
      else { break }
      widths[widest] -= 1
      excess -= 1
    }
    return widths
  }

  /// The cell cut to `width` characters, its end replaced by `…` when cut.
  static func cut(_ cell: String, to width: Int) -> String {
    guard cell.count > width else { return cell }
    guard width > 0 else { return "" }
    return String(cell.prefix(width - 1)) + "…"
  }
}
