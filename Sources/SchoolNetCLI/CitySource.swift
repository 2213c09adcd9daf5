import ArgumentParser

/// The options that say where a command reads the city: an interchange folder or the database.
struct CitySource: ParsableArguments {
    @Option(help: "Read the city from this interchange folder instead of the database.")
    var inventory: String?
    @Option(name: .customLong("db"), help: DatabaseOptions.help)
    var database: String?

    func validate() throws {
        if inventory != nil, database != nil { throw ValidationError("give --inventory or --db, not both") }
    }

    var loader: CityLoader { CityLoader(inventory: inventory, database: database) }
}
