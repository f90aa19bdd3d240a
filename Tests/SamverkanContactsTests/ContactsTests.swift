import Foundation
import SamverkanTestSupport
import Testing

@Suite struct ContactsDirectoryTests {
  @Test func theBuiltInDirectoryWorksOnAFreshStore() throws {
    let store = TestStore()
    let result = store.run(["contacts", "list"])
    #expect(result.code == 0, "\(result)")
    #expect(result.lines.count == 20)
    // Listing writes nothing: the store is created on the first change only.
    #expect(!FileManager.default.fileExists(atPath: store.path))
    // The entry with two addresses, and one with a phone number only.
    let nordost = try #require(result.lines.first { $0.hasPrefix("CT-15\t") })
    #expect(
      nordost
        == "CT-15\tSF-NORDOST/BOU\tNordost\tbarn-och-unga\tMottag barn och unga\tangeredmottagbarnochunga@socialnordost.goteborg.se|ostermottagbarnochunga@socialnordost.goteborg.se\t+46313650000"
    )
    #expect(
      result.lines.contains(
        "CT-18\tSF-SYDVAST/BOU\tSydväst\tbarn-och-unga\tMottag barn och unga\t\t+46313650000"))
  }

  @Test(arguments: [
    (["--org", "FFS"], ["CT-1", "CT-2", "CT-3", "CT-4"]),
    (["--org", "sf-nordost"], ["CT-15", "CT-16", "CT-17"]),
    (["--district", "sydvast", "--function", "vuxen"], ["CT-19"]),
    (["--search", "HISINGEN", "--org", "AVO"], ["CT-6"]),
    (["--function", "ekonomiskt-bistand", "--district", "Centrum"], ["CT-10"]),
  ])
  func filters(arguments: [String], expected: [String]) {
    let result = TestStore().run(["contacts", "list", "-q"] + arguments)
    #expect(result.code == 0, "\(result)")
    #expect(result.lines == expected)
  }

  @Test func formats() throws {
    let store = TestStore()
    let table = store.run([
      "contacts", "list", "--org", "FFS", "--district", "Nordost", "--format", "table",
    ])
    #expect(
      table.stdout == """
        ID    ORGANIZATION  DISTRICT  FUNCTION   NAME                          E-MAIL                                       PHONE
        CT-3  FFS           Nordost   myndighet  Mottag funktionsstöd Nordost  myndighet.nordost@funktionsstod.goteborg.se  031-365 33 67

        """)
    let csv = store.run([
      "contacts", "list", "--org", "SF-NORDOST/BOU", "--format", "csv", "--fields",
      "id,emails,name",
    ])
    #expect(
      csv.stdout
        == "id,emails,name\r\nCT-15,angeredmottagbarnochunga@socialnordost.goteborg.se|ostermottagbarnochunga@socialnordost.goteborg.se,Mottag barn och unga\r\n"
    )
    let ndjson = store.run([
      "contacts", "list", "--org", "AVO", "--format", "jsonl", "--fields", "id,phone",
    ])
    #expect(
      ndjson.lines == [#"{"id":"CT-5"}"#, #"{"id":"CT-6"}"#, #"{"id":"CT-7"}"#, #"{"id":"CT-8"}"#])
    let json = store.run(["contacts", "list", "--org", "FFS", "--district", "Centrum", "--json"])
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    #expect(parsed?.count == 1)
    #expect(parsed?.first?["phone"] as? String == "+46313653647")
    #expect(
      parsed?.first?["emails"] as? [String] == ["myndighet.centrum@funktionsstod.goteborg.se"])
    let empty = store.run(["contacts", "list", "--search", "nothing-like-this", "--json"])
    #expect(empty.code == 0)
    #expect(empty.stdout == "[]\n")
  }

  @Test func showPrintsEveryFieldAsLines() {
    let result = TestStore().run(["contacts", "show", "ct-16"])
    #expect(result.code == 0, "\(result)")
    #expect(
      result.lines == [
        "id\tCT-16", "organization\tSF-NORDOST/VUXEN", "district\tNordost", "function\tvuxen",
        "name\tMottag vuxen", "emails\tvuxen.mottag@socialnordost.goteborg.se",
        "phone\t+46313654714",
      ])
  }

  @Test func addUpdateAndRemoveKeepTheBuiltInEntries() throws {
    let store = TestStore()
    let added = store.run([
      "contacts", "add", "--org", "SF-NORDOST/VUXEN", "--function", "vuxen", "--name",
      "Mottag vuxen Angered", "--email", "vuxen.angered@socialnordost.goteborg.se", "--phone",
      "031 365 00 01",
    ])
    #expect(added.code == 0, "\(added)")
    #expect(added.stdout == "CT-21\n")
    let shown = store.run(["contacts", "show", "CT-21", "--fields", "district,phone"])
    #expect(shown.lines == ["district\tNordost", "phone\t+46313650001"])
    #expect(store.run(["contacts", "list", "-q"]).lines.count == 21)

    let updated = store.run([
      "contacts", "update", "CT-3", "--add-email", "jour.nordost@funktionsstod.goteborg.se",
      "--phone", "+46 (0)31 365 33 68",
    ])
    #expect(updated.code == 0, "\(updated)")
    #expect(updated.stdout.contains("phone\t+46313653368"))
    #expect(
      updated.stdout.contains(
        "myndighet.nordost@funktionsstod.goteborg.se|jour.nordost@funktionsstod.goteborg.se"))

    let removed = store.run(["contacts", "remove", "CT-21", "--yes"])
    #expect(removed.code == 0, "\(removed)")
    #expect(store.run(["contacts", "show", "CT-21"]).code == 66)
    let history = store.run(["contacts", "history", "CT-21", "--fields", "action"])
    #expect(history.lines == ["add", "remove"])
    #expect(store.run(["store", "check"]).code == 0)
  }

  @Test func removalNeedsConfirmationWithoutATerminal() {
    let store = TestStore()
    let before = store.snapshot()
    let result = store.run(["contacts", "remove", "CT-2"])
    #expect(result.code == 64)
    #expect(result.stderr.contains("add --yes"))
    #expect(store.changedFiles(since: before) == [])
  }

  @Test(arguments: [
    (["--email", "mottag@@goteborg.se"], "has more than one @"),
    (["--email", "mottag at goteborg.se"], "has no @"),
    (["--email", "mottag@goteborg"], "is not a valid domain"),
    (["--phone", "12345"], "starts with 0"),
    (["--phone", "031-12"], "8 to 10 digits"),
    (["--phone", "031-365 36 4x"], "characters other than digits"),
  ])
  func badContactDetailsAreRefused(arguments: [String], message: String) {
    let store = TestStore()
    _ = store.run([
      "contacts", "add", "--org", "FFS", "--district", "Centrum", "--function", "myndighet",
      "--name", "Ny", "--phone", "031-365 36 40",
    ])
    let before = store.snapshot()
    let result = store.run(
      [
        "contacts", "add", "--org", "FFS", "--district", "Centrum", "--function", "myndighet",
        "--name", "Ny",
      ]
        + arguments)
    #expect(result.code == 64, "\(result)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func entriesNeedAWayToReachThem() {
    let store = TestStore()
    let result = store.run([
      "contacts", "add", "--org", "FFS", "--district", "Centrum", "--function", "myndighet",
      "--name", "Tyst mottag",
    ])
    #expect(result.code == 64)
    #expect(result.stderr.contains("at least an e-mail address or a phone number"))
    #expect(!FileManager.default.fileExists(atPath: store.path + "/contacts"))
  }

  @Test(arguments: [
    (["--org", "FFX"], "there is no organization 'FFX' in the directory; did you mean 'FFS'?"),
    (["--org", "SF-NORDOST/BARN"], "SF-NORDOST has no unit 'BARN'"),
    (["--org", "FFS", "--district", "Göteborg"], "it is not a district"),
    (
      ["--org", "SF-NORDOST/BOU", "--district", "Centrum"], "SF-NORDOST serves Nordost, not Centrum"
    ),
  ])
  func unknownOrganizationsAndDistrictsAreRefused(arguments: [String], message: String) {
    let store = TestStore()
    let result = store.run(
      ["contacts", "add", "--function", "vuxen", "--name", "X", "--phone", "031-365 00 00"]
        + arguments)
    #expect(result.code == 64, "\(result)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(store.snapshot().isEmpty)
  }
}

@Suite struct ContactsRouteTests {
  @Test func anAssignedCaseworkerComesFirst() {
    let store = TestStore()
    let assigned = store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Anna Berg", "--email", "anna.berg@funktionsstod.goteborg.se",
    ])
    #expect(assigned.stdout == "ASG-1\n", "\(assigned)")
    let route = store.run([
      "contacts", "route", "--person", TestPerson.adult, "--org", "FFS", "--fields",
      "route,caseworker,email",
    ])
    #expect(
      route.lines == [
        "route\tassigned caseworker", "caseworker\tAnna Berg",
        "email\tanna.berg@funktionsstod.goteborg.se",
      ])
    // Another person has none: the intake unit for the district.
    let other = store.run([
      "contacts", "route", "--person", TestPerson.adult2, "--org", "FFS", "--district", "Hisingen",
      "--fields", "route,id,name",
    ])
    #expect(
      other.lines == ["route\tintake unit", "id\tCT-2", "name\tMottag funktionsstöd Hisingen"])
  }

  @Test func reassigningReplacesTheCaseworker() {
    let store = TestStore()
    store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Anna Berg",
    ])
    let again = store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker", "Bo Ek",
    ])
    #expect(again.stdout == "ASG-1\n")
    #expect(store.run(["contacts", "assignments", "-q"]).lines == ["ASG-1"])
    #expect(
      store.run(["contacts", "history", "ASG-1", "--fields", "action"]).lines == [
        "assign", "assign",
      ])
  }

  @Test func anotherCaseworkersEmailAndPhoneDoNotStay() {
    let store = TestStore()
    let first = store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Anna Berg", "--email", "anna.berg@funktionsstod.goteborg.se", "--phone", "031-365 00 00",
    ])
    #expect(first.code == 0, "\(first)")
    // The same caseworker again keeps what was recorded.
    store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Anna Berg", "--note", "Fortsatt ansvarig",
    ])
    #expect(
      store.run(["contacts", "assignments", "--fields", "email"]).lines == [
        "anna.berg@funktionsstod.goteborg.se"
      ])
    // Another caseworker: Anna's address and phone go with her.
    store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker", "Bo Ek",
    ])
    #expect(
      store.run(["contacts", "assignments", "--fields", "caseworker,email,phone"]).lines == [
        "Bo Ek\t\t"
      ])
    store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Cia Lund", "--email", "cia.lund@funktionsstod.goteborg.se",
    ])
    #expect(
      store.run(["contacts", "assignments", "--fields", "caseworker,email"]).lines == [
        "Cia Lund\tcia.lund@funktionsstod.goteborg.se"
      ])
  }

  @Test func anAskedFunctionIsHonouredOverAnAssignmentForAnother() {
    let store = TestStore()
    store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "SF-NORDOST/BOU",
      "--caseworker", "Anna Berg",
    ])
    let youth = store.run([
      "contacts", "route", "--person", TestPerson.adult, "--org", "SF-NORDOST", "--function",
      "barn-och-unga", "--fields", "route,caseworker",
    ])
    #expect(youth.lines == ["route\tassigned caseworker", "caseworker\tAnna Berg"], "\(youth)")
    let adult = store.run([
      "contacts", "route", "--person", TestPerson.adult, "--org", "SF-NORDOST", "--function",
      "vuxen", "--fields", "route,id,reason",
    ])
    #expect(adult.code == 0, "\(adult)")
    #expect(adult.lines.prefix(2) == ["route\tintake unit", "id\tCT-16"], "\(adult)")
    #expect(
      adult.stdout.contains(
        "(Anna Berg at SF-NORDOST/BOU handles another function); contact the intake unit"))
  }

  @Test func theFunctionFollowsTheAgeForSocialServices() {
    let store = TestStore()
    let child = store.run([
      "contacts", "route", "--person", TestPerson.child, "--org", "SF-HISINGEN", "--fields",
      "id,function",
    ])
    #expect(child.lines == ["id\tCT-12", "function\tbarn-och-unga"], "\(child)")
    let adult = store.run([
      "contacts", "route", "--person", TestPerson.adult, "--org", "SF-HISINGEN", "--fields", "id",
    ])
    #expect(adult.lines == ["id\tCT-13"])
    let chosen = store.run([
      "contacts", "route", "--person", TestPerson.adult, "--org", "SF-HISINGEN", "--function",
      "ekonomiskt-bistand", "--fields", "id",
    ])
    #expect(chosen.lines == ["id\tCT-14"])
  }

  @Test func anAmbiguousRouteSaysHowToNarrowIt() {
    let result = TestStore().run([
      "contacts", "route", "--person", TestPerson.adult, "--org", "FFS",
    ])
    #expect(result.code == 64)
    #expect(
      result.stderr.contains("add --district (Centrum, Hisingen, Nordost, Sydväst)"),
      "\(result.stderr)")
  }

  @Test func protectedPersonsAreMaskedUnlessRevealed() {
    let store = TestStore()
    store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--name", "Tolvan Tolvansson", "--org",
      "AVO", "--caseworker", "Anna Berg", "--protected",
    ])
    let masked = store.run(["contacts", "assignments", "--fields", "person,personName"])
    #expect(masked.lines == ["********-****\t(skyddade personuppgifter)"])
    let json = store.run(["contacts", "assignments", "--format", "ndjson", "--fields", "person"])
    #expect(json.lines == [#"{"person":"********-****"}"#])
    let revealed = store.run([
      "contacts", "assignments", "--reveal", "--fields", "person,personName",
    ])
    #expect(revealed.lines == ["\(TestPerson.adult)\tTolvan Tolvansson"])
    let history = store.run(["contacts", "history", "ASG-1", "--format", "ndjson"])
    #expect(!history.stdout.contains(TestPerson.adult))
    #expect(!history.stdout.contains("Tolvan"))
  }
}

@Suite struct ContactsImportExportTests {
  @Test func exportThenImportIntoAnEmptyStoreRoundTrips() throws {
    let source = TestStore()
    source.run([
      "contacts", "add", "--org", "FFS", "--district", "Nordost", "--function", "myndighet",
      "--name", "Jour FFS", "--phone", "031-365 33 00", "--ref", "ext-1",
    ])
    source.run(["contacts", "update", "CT-7", "--add-email", "extra@aldrevardomsorg.se"])
    let exported = source.run(["contacts", "export"])
    #expect(exported.code == 0)
    #expect(exported.lines.count == 21)

    for format in ["ndjson", "json"] {
      let target = TestStore()
      let input =
        format == "ndjson"
        ? exported.stdout : source.run(["contacts", "export", "--format", "json"]).stdout
      let imported = target.run(["contacts", "import", "-"], stdin: input)
      #expect(imported.code == 0, "\(imported)")
      #expect(target.run(["contacts", "export"]).stdout == exported.stdout)
      // Importing the same rows again changes nothing.
      let before = target.snapshot()
      let again = target.run(["contacts", "import", "-"], stdin: input)
      #expect(again.code == 0)
      #expect(again.stderr.contains("0 created, 0 updated, 21 unchanged"), "\(again.stderr)")
      #expect(target.snapshot() == before)
      #expect(target.run(["store", "check"]).code == 0)
    }
  }

  @Test func oneBadRowWritesNothingAndNamesTheLine() {
    let store = TestStore()
    let rows = [
      #"{"organization":"FFS","district":"Centrum","function":"myndighet","name":"A","phone":"031-365 00 01"}"#,
      #"{"organization":"FFS","district":"Centrum","function":"myndighet","name":"B","emails":["not-an-address"]}"#,
      #"{"organization":"FFZ","district":"Centrum","function":"myndighet","name":"C","phone":"031-365 00 02"}"#,
    ].joined(separator: "\n")
    let result = store.run(["contacts", "import", "-"], stdin: rows)
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains("-:2: emails[0]: "), "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "-:3: organization: 'FFZ' is not accepted: there is no organization 'FFZ'"),
      "\(result.stderr)")
    #expect(store.snapshot().isEmpty)
  }

  @Test func aChangedRowIsAConflictUnlessUpdating() {
    let store = TestStore()
    // Once the directory has been changed, its entries are the admin's, not defaults.
    #expect(store.run(["contacts", "update", "CT-5", "--note", "Endast e-post"]).code == 0)
    let row =
      #"{"id":"CT-3","organization":"FFS","district":"Nordost","function":"myndighet","name":"Nytt namn","phone":"031-365 33 67"}"#
    let before = store.snapshot()
    let conflict = store.run(["contacts", "import", "-"], stdin: row)
    #expect(conflict.code == 65)
    #expect(
      conflict.stderr.contains("-:1: id: CT-3 exists with other values in name; add --update"),
      "\(conflict.stderr)")
    #expect(store.changedFiles(since: before) == [])
    let dryRun = store.run(["contacts", "import", "-", "--update", "--dry-run"], stdin: row)
    #expect(dryRun.code == 0)
    #expect(dryRun.lines == ["update\t1\tCT-3\t"])
    #expect(store.changedFiles(since: before) == [])
    let updated = store.run(["contacts", "import", "-", "--update"], stdin: row)
    #expect(updated.code == 0, "\(updated)")
    #expect(
      store.run(["contacts", "show", "CT-3", "--fields", "name"]).lines == ["name\tNytt namn"])
    #expect(store.run(["contacts", "list", "-q"]).lines.count == 20)
  }
}

@Suite struct ImportIDTests {
  @Test func newRowsNeverTakeAnIDNamedFurtherDown() {
    let store = TestStore()
    store.run(["contacts", "update", "CT-1", "--note", "x"])
    let rows = [
      #"{"organization":"FFS","district":"Centrum","function":"myndighet","name":"Ny A","phone":"031-365 00 01"}"#,
      #"{"organization":"FFS","district":"Centrum","function":"myndighet","name":"Ny B","phone":"031-365 00 02"}"#,
      #"{"id":"CT-22","organization":"FFS","district":"Centrum","function":"myndighet","name":"Namngiven","phone":"031-365 00 03"}"#,
    ].joined(separator: "\n")
    let result = store.run(["contacts", "import", "-"], stdin: rows)
    #expect(result.code == 0, "\(result)")
    let names = store.run(["contacts", "list", "--fields", "id,name"]).lines.suffix(3)
    #expect(Array(names) == ["CT-21\tNy A", "CT-22\tNamngiven", "CT-23\tNy B"])
  }
}
