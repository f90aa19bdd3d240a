import SamverkanCommandLine

/// `samverkan store`: the store as a whole — where it is, whether it is sound, its profile.
enum StoreCommand {
  static let spec: CommandSpec = CommandSpec(
    name: "store", abstract: "Check the store, show where it is and the profile in force.",
    subcommands: [
      Init.spec, Check.spec, Path.spec, Profile.spec, Export.spec, Import.spec, Gallra.spec,
      AccessLog.spec,
    ])
}
