import Foundation
import Testing

@Suite("documented defaults and bounds")
struct DefaultsTests {
    /// Every command that takes `--db` uses `schoolnet.sqlite` in the working folder when none
    /// is given, as the README says (check, renewals and capacity stopped with ArgumentParser's
    /// "Can't read a value from a parsable argument definition").
    @Test(arguments: [
        ["check", "--as-of", "2026-11-24"], ["renewals", "--as-of", "2026-11-24", "--years", "1"],
        ["capacity", "--as-of", "2026-11-24"], ["export", "exported"], ["tokens", "list"],
    ])
    func defaultDatabase(_ command: [String]) throws {
        let folder = SchoolNetProcess.temporaryPath()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let empty = try SchoolNetProcess.run(command, in: folder)
        #expect(empty.status == 2 || command[0] == "tokens", "\(empty.stderr)")
        #expect(!empty.stderr.contains("parsable argument"))
        let imported = try SchoolNetProcess.run(["import", SchoolNetProcess.sampleCity], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/schoolnet.sqlite"))
        let result = try SchoolNetProcess.run(command, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
    }

    /// A day outside 1900-2200 is refused with the option and the range, not a trap.
    @Test(arguments: [
        ["check", "--as-of", "9999-12-31"], ["capacity", "--as-of", "9995-01-01"],
        ["renewals", "--as-of", "9999-12-31"],
    ])
    func daysOutOfRange(_ command: [String]) throws {
        let result = try SchoolNetProcess.run(command + ["--inventory", SchoolNetProcess.sampleCity])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--as-of must be a date YYYY-MM-DD from 1900-01-01 to 2200-12-31"))
    }
}
