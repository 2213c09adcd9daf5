import ArgumentParser
import InventoryModel

/// `--as-of`: the day a command judges, plans or lists the city as of.
struct AsOfOption: ParsableArguments {
    @Option(help: "The day, YYYY-MM-DD (default: today in the plan's time zone).")
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError(
                "--as-of must be a date YYYY-MM-DD from \(CalendarDate.readableRange), not \"\(asOf)\"")
        }
    }

    /// The day given, else today in the plan's time zone.
    func day(under plan: Plan) -> CalendarDate {
        asOf.flatMap(CalendarDate.init(iso:)) ?? plan.today
    }
}
