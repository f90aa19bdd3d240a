import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ContactsCommand {
  /// `contacts update <id>`: change an intake unit's fields.
  enum Update {
    static let id = RecordArguments.id(of: .contact).help("The entry's ID, e.g. CT-12.")
    static let addEmail = ListOption<EmailAddress>(
      "add-email", value: "address", help: "Add an e-mail address.")
    static let removeEmail = ListOption<EmailAddress>(
      "remove-email", value: "address", help: "Remove an e-mail address.")
    static let noPhone = Flag("no-phone", help: "Remove the phone number.")

    static let spec = CommandSpec(
      name: "update",
      abstract: "Change an intake unit: name, e-mail addresses, phone, district, function.",
      discussion: "--email replaces every address; --add-email and --remove-email change one.",
      examples: [
        Example("samverkan contacts update CT-3 --phone '031-365 33 68'", "A new phone number."),
        Example(
          "samverkan contacts update CT-15 --add-email mottag@socialnordost.goteborg.se",
          "Adds a third address."),
      ],
      options: [
        organization, district, function, name, emails, addEmail, removeEmail, phone, noPhone, note,
      ],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(Self.id, kind: .contact)
      let profile = try call.profile()
      let newEmails = try call.values(emails)
      let added = try call.values(addEmail)
      let removed = try call.values(removeEmail)
      let newPhone = try call.value(phone)
      if newPhone != nil, call.isSet(noPhone) {
        throw SamverkanError.usage("Give either --phone or --no-phone, not both.")
      }
      let changed = try call.store().write { writer in
        try writer.saveBuiltInRecords(Contact.self, profile: profile)
        let previous = try writer.require(id, as: Contact.self)
        var contact = previous
        if let organization = try call.value(organization) { contact.organization = organization }
        if let district = try call.value(district) {
          contact.district = try ContactsCommand.district(named: district, call)
        }
        if let function = try call.value(function) { contact.function = function }
        if let name = try call.value(name) { contact.name = name }
        if call.isGiven(emails) { contact.emails = newEmails }
        for email in removed {
          guard contact.emails.contains(email) else {
            throw SamverkanError.usage(
              "\(id) has no address '\(email)'; it has \(contact.emails.map(\.value).joined(separator: ", "))."
            )
          }
          contact.emails.removeAll { $0 == email }
        }
        for email in added where !contact.emails.contains(email) { contact.emails.append(email) }
        if let newPhone { contact.phone = newPhone }
        if call.isSet(noPhone) { contact.phone = nil }
        if let note = try call.value(note) { contact.note = note.isEmpty ? nil : note }
        try contact.problems(previous: previous, in: try call.ruleContext(writer))
          .throwIfAny("\(id) cannot be changed")
        try writer.update(contact, action: "update")
        return contact
      }
      try call.writeRecord(try changed.json, fields: Contact.fieldNames, masking: .none)
      return ExitCode.success
    }
  }
}
