import ArgumentParser
import Foundation
import InventoryFormat
import InventoryModel
import SampleCity

struct SampleCityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-city",
        abstract: "Generate a realistic city (Dalian's districts) as an interchange folder.",
        discussion: "The same options always give the same files. Every rule of the plan has schools that break it.")

    @Argument(help: "The folder to write.")
    var folder: String
    @Option(help: "Number of schools.")
    var schools = 300
    @Option(help: "Random seed.")
    var seed: UInt64 = 1
    @Option(help: "The day the city is laid out around (YYYY-MM-DD).")
    var asOf = "2026-11-24"
    @Option(help: "Share of connected schools that run a probe and report measurements (0-1).")
    var probedShare = 0.6
    @Option(help: "Days of throughput tests before the as-of day.")
    var testDays = 21
    @Option(help: "Share of probed schools that also report 5-minute utilisation samples (0-1).")
    var utilisationShare = 0.2

    func validate() throws {
        guard schools > 0 else { throw ValidationError("--schools must be at least 1") }
        guard (0...1).contains(probedShare) else { throw ValidationError("--probed-share must be between 0 and 1") }
        guard (0...1).contains(utilisationShare) else {
            throw ValidationError("--utilisation-share must be between 0 and 1")
        }
        guard (0...3650).contains(testDays) else { throw ValidationError("--test-days must be between 0 and 3650") }
        guard CalendarDate(iso: asOf) != nil else {
            throw ValidationError("--as-of must be a date YYYY-MM-DD from \(CalendarDate.readableRange)")
        }
    }

    func run() async throws {
        var options = SampleCityGenerator.Options()
        options.schools = schools
        options.seed = seed
        options.asOf = CalendarDate(iso: asOf)!
        options.probedShare = probedShare
        options.testDays = testDays
        options.utilisationShare = utilisationShare
        var generator = SampleCityGenerator(options: options)
        let city = generator.generate()
        try InventoryFolder.write(city, to: folder)
        let summary = city.summary
        print(
            "Wrote \(folder): \(Terminal.grouped(summary.schools)) schools, \(Terminal.grouped(summary.assets)) assets, "
                + "\(Terminal.grouped(summary.measurements)) measurements.")
    }
}
