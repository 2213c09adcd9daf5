import Foundation
import Testing

@Suite("schoolnet check")
struct CheckCommandTests {
    let city = SchoolNetProcess.sampleCity

    /// The table starts with the city against its targets and lists flagged schools by district.
    @Test func table() throws {
        let result = try SchoolNetProcess.run(["check", "--inventory", city, "--as-of", "2026-11-24"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "SchoolNet compliance report as of 2026-11-24: 300 schools\n\nCity against the plan"))
        #expect(result.stdout.contains("\n  metro egress                            20 Gbps      30 Gbps  BELOW\n"))
        #expect(result.stdout.contains("\n  violation  metro egress below target  "))
        #expect(result.stdout.contains("\n中山区: "))
    }

    /// JSON lists every school; CSV has a row for every school; Markdown has the city table.
    @Test func formats() throws {
        let json = try SchoolNetProcess.run(["check", "--inventory", city, "--as-of", "2026-11-24", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["schools"] as? [Any])?.count == 300)
        let csv = try SchoolNetProcess.run(["check", "--inventory", city, "--as-of", "2026-11-24", "--format", "csv"])
        let codes = Set(
            csv.stdout.split(separator: "\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false)[1]
            })
        #expect(codes.subtracting([""]).count == 300)
        let markdown = try SchoolNetProcess.run([
            "check", "--inventory", city, "--as-of", "2026-11-24", "--format", "markdown",
        ])
        #expect(markdown.stdout.contains("| metro egress | 20 Gbps | 30 Gbps | **below** |"))
    }

    /// --fail-on exits 1 when such flags exist, 0 when filters leave none.
    @Test func failOn() throws {
        let failing = try SchoolNetProcess.run([
            "check", "--inventory", city, "--as-of", "2026-11-24", "--fail-on", "violation",
        ])
        #expect(failing.status == 1)
        let passing = try SchoolNetProcess.run([
            "check", "--inventory", city, "--as-of", "2026-11-24", "--rule", "IT_STAFF", "--severity", "violation",
            "--fail-on", "warning", "--format", "csv",
        ])
        #expect(passing.status == 0)
    }

    /// --district limits the schools and the metrics to one district.
    @Test func district() throws {
        let result = try SchoolNetProcess.run([
            "check", "--inventory", city, "--as-of", "2026-11-24", "--district", "长海县", "--format", "json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let schools = try #require(object["schools"] as? [[String: Any]])
        #expect(!schools.isEmpty && schools.allSatisfy { $0["district"] as? String == "长海县" })
        let unknown = try SchoolNetProcess.run(["check", "--inventory", city, "--district", "火星区"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no school is in district \"火星区\""))
    }

    /// The database gives the same report as the folder it was imported from.
    @Test func fromDatabase() throws {
        let db = SchoolNetProcess.temporaryPath(".sqlite")
        #expect(try SchoolNetProcess.run(["import", city, "--db", db]).status == 0)
        let fromDB = try SchoolNetProcess.run(["check", "--db", db, "--as-of", "2026-11-24", "--format", "json"])
        let fromFolder = try SchoolNetProcess.run([
            "check", "--inventory", city, "--as-of", "2026-11-24", "--format", "json",
        ])
        #expect(fromDB.status == 0 && fromDB.stdout == fromFolder.stdout)
    }

    /// Bad usage and bad input exit 2 with a message.
    @Test(arguments: [
        (["check", "--inventory", "/nonexistent"], "no such folder"),
        (["check", "--inventory", "x", "--db", "y"], "give --inventory or --db, not both"),
        (["check", "--inventory", "x", "--as-of", "2026-02-30"], "--as-of must be a date YYYY-MM-DD"),
        (["check", "--inventory", "x", "--format", "xml"], "is invalid for '--format <format>'"),
        (["check", "--inventory", "x", "--rule", "NOPE"], "--rule must be one of NO_LINK"),
        (["check", "--inventory", "x", "--fail-on", "error"], "--fail-on must be violation or warning"),
        (["check", "--db", "/nonexistent.sqlite"], "no such database"),
    ])
    func badUsage(arguments: [String], message: String) throws {
        let result = try SchoolNetProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

@Suite("The committed sample report")
struct SampleReportTests {
    /// The Markdown examples in Inventory/ are what the commands print for the sample city; rerun
    /// the command beside each when the rules or the sample change.
    @Test(arguments: [
        ("sample-city-report.md", ["check", "--format", "markdown"]),
        ("sample-city-capacity.md", ["capacity", "--format", "markdown"]),
        ("sample-city-declaration.md", ["renewals", "--declaration"]),
    ])
    func upToDate(file: String, command: [String]) throws {
        let path = URL(fileURLWithPath: SchoolNetProcess.sampleCity).deletingLastPathComponent()
            .appendingPathComponent(file)
        let committed = try String(contentsOf: path, encoding: .utf8)
        let result = try SchoolNetProcess.run(
            command + ["--inventory", SchoolNetProcess.sampleCity, "--as-of", "2026-11-24"])
        let regenerate =
            "schoolnet \(command.joined(separator: " ")) --inventory Inventory/sample-city --as-of 2026-11-24 > Inventory/\(file)"
        #expect(result.stdout == committed, "regenerate with: \(regenerate)")
    }
}

@Suite("check with a plan file of the city's own")
struct PlanFileVerdictTests {
    /// A city that states a 20 Gbps egress target in its plan.yaml meets it with 20 Gbps in force.
    @Test func egressTargetFromPlanFile() throws {
        let folder = SchoolNetProcess.temporaryPath()
        try FileManager.default.copyItem(atPath: SchoolNetProcess.sampleCity, toPath: folder)
        let arguments = [
            "check", "--inventory", folder, "--as-of", "2026-11-24", "--rule", "EGRESS_BELOW_TARGET", "--format", "csv",
        ]
        #expect(try SchoolNetProcess.run(arguments).stdout.contains("EGRESS_BELOW_TARGET"))
        let plan = URL(fileURLWithPath: folder).appendingPathComponent("plan.yaml")
        try "egress:\n  min_gbps: 20\n".write(to: plan, atomically: true, encoding: .utf8)
        let after = try SchoolNetProcess.run(arguments)
        #expect(after.status == 0 && !after.stdout.contains("EGRESS_BELOW_TARGET"))
        try "egress:\n  min_gbp: 20\n".write(to: plan, atomically: true, encoding: .utf8)
        let typo = try SchoolNetProcess.run(arguments)
        #expect(typo.status == 2 && typo.stderr.contains("plan.yaml line 2, key egress.min_gbp: unknown plan key"))
    }
}

@Suite("schoolnet renewals")
struct RenewalsCommandTests {
    /// The CSV lists replacements and backlog by year, and no year spends more than its budget.
    @Test func csvWithinBudget() throws {
        let result = try SchoolNetProcess.run([
            "renewals", "--inventory", SchoolNetProcess.sampleCity, "--start-year", "2027", "--years", "3", "--format",
            "csv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(Set(rows.map { $0[0] }) == ["2027", "2028", "2029"])
        var spent: [Substring: Double] = [:]
        var budget: [Substring: Double] = [:]
        for row in rows where row[1] == "replace" {
            spent[row[0], default: 0] += Double(row[6])!
            budget[row[0]] = Double(row[9])!
        }
        for (year, total) in spent { #expect(total <= budget[year]! + 0.01) }
        #expect(rows.contains { $0[1] == "backlog" })
    }

    /// The table starts with the yearly budget lines; bad options exit 2.
    @Test func tableAndUsage() throws {
        let table = try SchoolNetProcess.run([
            "renewals", "--inventory", SchoolNetProcess.sampleCity, "--start-year", "2027",
        ])
        #expect(table.status == 0 && table.stdout.hasPrefix("Renewal plan (amounts in 万元)\n  year  hardware value"))
        let bad = try SchoolNetProcess.run(["renewals", "--inventory", SchoolNetProcess.sampleCity, "--years", "0"])
        #expect(bad.status == 2 && bad.stderr.contains("--years must be between 1 and 50"))
    }
}

@Suite("schoolnet renewals --declaration and schoolnet capacity")
struct DeclarationAndCapacityCommandTests {
    static let city = ["--inventory", SchoolNetProcess.sampleCity, "--as-of", "2026-11-24"]

    /// The Markdown declaration has the hardware list, the projects and their payments; the CSV
    /// form writes two files whose instalments add up to each project's cost.
    @Test func declaration() throws {
        let markdown = try SchoolNetProcess.run(["renewals", "--declaration", "--by", "school"] + Self.city)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("# Operations declaration (运维项目申报) as of 2026-11-24"))
        #expect(markdown.stdout.contains("| school | category | use |") && markdown.stdout.contains("| R2027-01 |"))

        let folder = SchoolNetProcess.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = try SchoolNetProcess.run(
            ["renewals", "--declaration", "--format", "csv", "--output", folder] + Self.city)
        #expect(csv.status == 0, "\(csv.stderr)")
        let projects = try String(contentsOfFile: folder + "/projects.csv", encoding: .utf8)
        var paid: [String: (cost: Double, sum: Double)] = [:]
        for line in projects.split(separator: "\n").dropFirst() {
            // The replaces column is quoted and holds commas; the figures are at fixed places from the end.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let id = String(fields[0])
            let amount = Double(fields[fields.count - 2])!
            let cost = Double(fields[fields.count - 7])!
            paid[id, default: (cost, 0)].sum += amount
        }
        #expect(!paid.isEmpty)
        for (id, project) in paid { #expect(abs(project.cost - project.sum) < 0.005, "\(id)") }
        let hardware = try Data(contentsOf: URL(fileURLWithPath: folder + "/hardware.csv"))
        #expect(hardware.starts(with: Array("\u{FEFF}district,school_code".utf8)))
        for name in ["projects.csv", "warranty-claims.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)).starts(with: [0xEF, 0xBB, 0xBF]))
        }
    }

    /// Every CSV report starts with UTF-8's byte-order mark (EF BB BF), so that Excel reads it
    /// as UTF-8 and not in the system's code page; the form that is not CSV has none.
    @Test(arguments: [["check"], ["renewals"], ["capacity"]])
    func csvReportsStartWithByteOrderMark(_ command: [String]) throws {
        let csv = try SchoolNetProcess.run(command + ["--format", "csv"] + Self.city)
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(!csv.stdout.dropFirst().hasPrefix("\u{FEFF}"))
        let json = try SchoolNetProcess.run(command + ["--format", "json"] + Self.city)
        #expect(json.stdout.hasPrefix("{"))
    }

    @Test(arguments: [
        (["renewals", "--declaration", "--format", "csv"], "give --output DIR"),
        (["renewals", "--declaration", "--format", "json"], "Markdown, CSV or a workbook, not JSON"),
        (["renewals", "--declaration", "--by", "room"], "--by must be school or district"),
        (["renewals", "--output", "/tmp/x"], "--output is for --declaration"),
        (["capacity", "--years", "0"], "--years must be between 1 and 50"),
        (["capacity", "--as-of", "2026-13-01"], "--as-of must be a date"),
        (["capacity", "--format", "xml"], "is invalid for '--format <format>'"),
    ])
    func badUsage(arguments: [String], message: String) throws {
        let result = try SchoolNetProcess.run(arguments + ["--inventory", SchoolNetProcess.sampleCity])
        #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
    }

    /// The capacity plan in each form: the table's three sections, JSON that parses, one CSV row
    /// per school to upgrade.
    @Test func capacity() throws {
        let table = try SchoolNetProcess.run(["capacity"] + Self.city)
        #expect(table.status == 0, "\(table.stderr)")
        for section in ["Link upgrades (headroom 30%", "Metro egress", "Storage"] {
            #expect(table.stdout.contains(section))
        }
        let json = try SchoolNetProcess.run(["capacity", "--format", "json"] + Self.city)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let upgrades = (object?["link_upgrades"] as? [String: Any])?["schools"] as? [[String: Any]]
        #expect(object?["as_of"] as? String == "2026-11-24" && (upgrades?.count ?? 0) > 0)
        let csv = try SchoolNetProcess.run(["capacity", "--format", "csv"] + Self.city)
        #expect(csv.stdout.split(separator: "\n").count == 1 + (upgrades?.count ?? -1))
        let markdown = try SchoolNetProcess.run(["capacity", "--format", "markdown"] + Self.city)
        #expect(markdown.stdout.hasPrefix("# Capacity plan as of 2026-11-24\n\n## Link upgrades"))
    }
}
