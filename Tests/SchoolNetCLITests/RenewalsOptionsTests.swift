import Foundation
import Testing

@Suite("schoolnet renewals: options, output, the sample city's claims and ids")
struct RenewalsOptionsTests {
    static let city = ["--inventory", SchoolNetProcess.sampleCity, "--as-of", "2026-11-24"]

    /// Every option a mode does not use, and every year out of range, is refused by name with
    /// status 2, never ignored or misread as a flag.
    @Test(arguments: [
        (["renewals", "--by", "school"], "--by is for --declaration"),
        (["renewals", "--force"], "--force is for --declaration"),
        (["renewals", "--declaration", "--years", "5"], "--years is not for --declaration"),
        (
            ["renewals", "--declaration", "--format", "table"],
            "the declaration is Markdown, CSV or a workbook, not a table"
        ),
        (["renewals", "--declaration", "--force"], "--force is for --output"),
        (["renewals", "--years", "-1"], "--years must be between 1 and 50"),
        (["renewals", "--years", "51"], "--years must be between 1 and 50"),
        (["renewals", "--start-year", "9999"], "--start-year must be between 1900 and 2200"),
        (["renewals", "--start-year", "-5"], "--start-year must be between 1900 and 2200"),
        (["renewals", "--start-year", "2199", "--years", "5"], "--start-year 2199 would plan to 2203"),
        (["renewals", "--declaration", "--start-year", "2199"], "--start-year 2199 would plan to 2201"),
        (["renewals", "--as-of", "9999-12-31"], "--as-of must be a date"),
        (["renewals", "--format", "xml"], "xml"),
        (["capacity", "--as-of", "9995-01-01"], "--as-of must be a date"),
        (["capacity", "--years", "-1"], "--years must be between 1 and 50"),
    ])
    func refused(arguments: [String], message: String) throws {
        let result = try SchoolNetProcess.run(arguments + ["--inventory", SchoolNetProcess.sampleCity])
        #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
    }

    /// `--help` lists the values of `--format`.
    @Test(arguments: ["renewals", "capacity"])
    func helpListsFormats(command: String) throws {
        let help = try SchoolNetProcess.run([command, "--help"])
        // Words only: the help wraps its lines to the terminal.
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("(values: table, json, csv, markdown"), "\(help.stdout)")
    }

    /// `--output` does not write over files that exist unless `--force` is given, and says so.
    @Test func outputNeedsForce() throws {
        let folder = SchoolNetProcess.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["renewals", "--declaration", "--format", "csv", "--output", folder] + Self.city
        #expect(try SchoolNetProcess.run(arguments).status == 0)
        let again = try SchoolNetProcess.run(arguments)
        #expect(again.status == 2 && again.stderr.contains("\(folder)/hardware.csv exists; give --force to replace it"))
        #expect(!again.stderr.contains("NSCocoaErrorDomain"))
        let forced = try SchoolNetProcess.run(arguments + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let claims = try String(contentsOfFile: folder + "/warranty-claims.csv", encoding: .utf8)
        #expect(claims.split(separator: "\n").count == 1 + 47)

        let file = SchoolNetProcess.temporaryPath(".md")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "mine".write(toFile: file, atomically: true, encoding: .utf8)
        let onFile = try SchoolNetProcess.run(["renewals", "--declaration", "--output", file] + Self.city)
        #expect(onFile.status == 2 && onFile.stderr.contains("\(file) exists; give --force to replace it"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
    }

    /// The sample city's faulty assets under warranty, the metro core router among them, are 47
    /// warranty claims worth 112.1 万元 and none is bought from the budget.
    @Test func sampleCityClaims() throws {
        let csv = try SchoolNetProcess.run(["renewals", "--format", "csv", "--years", "3"] + Self.city)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let claims = rows.filter { $0[1] == "warranty_claim" }
        #expect(claims.count == 47 && claims.contains { $0[2] == "DL-CITY-RT-003" })
        let claimed = Set(claims.map { $0[2] })
        #expect(!rows.contains { $0[1] != "warranty_claim" && claimed.contains($0[2]) })
        let table = try SchoolNetProcess.run(["renewals", "--years", "3"] + Self.city)
        #expect(table.stdout.contains("maintenance 3%  warranty claims  claims value\n  2027"))
        #expect(table.stdout.split(separator: "\n")[2].hasSuffix("47               112.1"))
    }

    /// The same inventory gives the same bytes run after run, in every form.
    @Test(arguments: [
        ["renewals", "--declaration"], ["renewals", "--declaration", "--by", "school"], ["renewals"],
        ["renewals", "--format", "csv"], ["renewals", "--format", "json"], ["renewals", "--format", "markdown"],
    ])
    func sameBytesEveryRun(arguments: [String]) throws {
        let first = try SchoolNetProcess.run(arguments + Self.city)
        let second = try SchoolNetProcess.run(arguments + Self.city)
        #expect(first.status == 0 && !first.stdout.isEmpty && first.stdout == second.stdout)
    }

    /// A district's declaration gives its projects the ids they have in the whole city's.
    @Test func districtKeepsCityIds() throws {
        let whole = try SchoolNetProcess.run(["renewals", "--declaration"] + Self.city).stdout
        let alone = try SchoolNetProcess.run(["renewals", "--declaration", "--district", "长海县"] + Self.city).stdout
        // The ids of the district's projects: "| R2027-11 | 2027 | 长海县 |" gives R2027-11.
        func ids(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { $0.hasPrefix("| R") && $0.contains(" | 长海县 | ") }
                .map { $0.dropFirst(2).prefix { $0 != " " } }
        }
        let aloneIds = Set(ids(alone))
        #expect(!aloneIds.isEmpty && aloneIds.isSubset(of: Set(ids(whole))))
        #expect(!aloneIds.contains("R2027-01"))
    }
}
