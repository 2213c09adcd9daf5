import Foundation
import InventoryModel
import Testing

@testable import InventoryFormat

@Suite("plan.yaml")
struct PlanFileTests {
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try PlanFile.read(yaml: yaml)
            Issue.record("expected the plan to be rejected")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// An empty plan file is Dalian's plan: every default of standards.md.
    @Test func defaults() throws {
        let plan = try PlanFile.read(yaml: "")
        #expect(plan == Plan())
        #expect(
            plan.perClassRuralMbps == 5 && plan.perClassCentralAndAboveMbps == 10
                && plan.perClassHighSchoolStageMbps == 15)
        #expect(plan.egressMinGbps == 30 && plan.storageCloudMinTB == 500 && plan.storageResourceLibraryMinTB == 2000)
        #expect(plan.budgetMaintenanceRate == 0.03 && plan.budgetReplacementRate == 0.15)
        #expect(plan.measurementWindowDays == 14 && plan.measurementMinTests == 3 && plan.measurementTolerance == 0.9)
        #expect(
            plan.schoolDays == [1, 2, 3, 4, 5] && plan.schoolHoursStartMinute == 480
                && plan.schoolHoursEndMinute == 1020)
    }

    /// A key given overrides its default; the others keep theirs.
    @Test func overrides() throws {
        let plan = try PlanFile.read(
            yaml: """
                bandwidth:
                  per_class:
                    rural: 8
                  mixed_school_rule: strictest
                school_hours:
                  days: [mon, tue, wed, thu, fri, sat]
                  start: 07:30
                assets:
                  expected_life_years:
                    interactive_display: 10
                """)
        #expect(plan.perClassRuralMbps == 8 && plan.perClassKindergartenMbps == 5)
        #expect(plan.mixedSchoolRule == .strictest)
        #expect(plan.schoolDays == [1, 2, 3, 4, 5, 6] && plan.schoolHoursStartMinute == 450)
        #expect(plan.expectedLifeYears[.interactiveDisplay] == 10 && plan.expectedLifeYears[.router] == 8)
    }

    /// Writing a plan and reading it back gives the same plan.
    @Test func roundTrip() throws {
        var plan = Plan()
        plan.timeZone = "Europe/Berlin"
        plan.measurementTolerance = 0.85
        plan.schoolDays = [2, 4]
        plan.expectedLifeYears[.server] = 5.5
        plan.linkOffers = [LinkOffer(mbps: 40, monthlyYuan: 750.5), LinkOffer(mbps: 10_000, monthlyYuan: 0)]
        #expect(try PlanFile.read(yaml: PlanFile.write(plan)) == plan)
    }

    /// Link offers are read in any order and kept by speed; a malformed offer names the key.
    @Test func linkOffers() throws {
        let plan = try PlanFile.read(yaml: "capacity:\n  link_offers: [\"200 Mbps 2000 yuan\", 100 mbps 1300 YUAN]\n")
        #expect(plan.linkOffers == [LinkOffer(mbps: 100, monthlyYuan: 1300), LinkOffer(mbps: 200, monthlyYuan: 2000)])
        #expect(
            errors("capacity:\n  link_offers: [100 Mbps]\n") == [
                "plan.yaml line 2, key capacity.link_offers: \"a list\": expected a list of offers such as "
                    + "\"100 Mbps 1300 yuan\" (monthly price)"
            ])
        #expect(errors("capacity:\n  link_offers: []\n").count == 1)
        #expect(errors("capacity:\n  link_offers: [0 Mbps 10 yuan]\n").count == 1)
    }

    /// An unknown key is an error naming it, its line and the keys of its section.
    @Test func unknownKey() {
        #expect(
            errors("egress:\n  min_gbps: 30\n  max_gbps: 40\n") == [
                "plan.yaml line 3, key egress.max_gbps: unknown plan key (known keys: egress.min_gbps)"
            ])
    }

    /// A value of the wrong type or out of range is an error naming the key and what it takes.
    @Test func wrongTypes() {
        #expect(
            errors("measurement:\n  window_days: two\n") == [
                "plan.yaml line 2, key measurement.window_days: \"two\": expected whole days >= 1"
            ])
        #expect(
            errors("measurement:\n  tolerance: 1.5\n") == [
                "plan.yaml line 2, key measurement.tolerance: \"1.5\": expected a share between 0 and 1"
            ])
        #expect(
            errors("bandwidth:\n  per_class: 5\n") == [
                "plan.yaml line 2, key bandwidth.per_class: \"5\": expected a mapping of keys"
            ])
        #expect(
            errors("time_zone: Mars/Olympus\n") == [
                "plan.yaml line 1, key time_zone: \"Mars/Olympus\": expected an IANA time zone name such as Asia/Shanghai"
            ])
        #expect(
            errors("bandwidth:\n  per_class:\n    rural: \"5\"\n") == [
                "plan.yaml line 3, key bandwidth.per_class.rural: \"5\": expected Mbps from 0 to 1000000000"
            ])
    }

    /// A key given twice is refused rather than silently taking one of the values.
    @Test func repeatedKey() {
        #expect(
            errors("egress:\n  min_gbps: 30\negress:\n  min_gbps: 40\n") == [
                "plan.yaml line 3, key egress: the key is given twice (lines 1 and 3); keep one"
            ])
        #expect(
            errors("egress:\n  min_gbps: 30\n  min_gbps: 40\n") == [
                "plan.yaml line 3, key min_gbps: the key is given twice (lines 2 and 3); keep one"
            ])
    }

    /// Text that is not YAML names its line, without the whole file after it.
    @Test func notYAML() {
        let found = errors("egress:\n  min_gbps: [30\n")
        #expect(found.count == 1 && found[0].hasPrefix("plan.yaml line "), "\(found)")
        #expect(found.first?.contains("min_gbps") == false)
    }

    /// School hours that end when or before they start are refused: no sample would fall in them.
    @Test func schoolHoursInOrder() {
        #expect(
            errors("school_hours:\n  start: \"17:00\"\n  end: \"08:00\"\n") == [
                "plan.yaml line 3, key school_hours.end: \"08:00\": school hours must end after they start (17:00 to 08:00)"
            ])
        #expect(errors("school_hours:\n  start: \"18:00\"\n").count == 1)
    }

    /// Inventory/README.md documents every plan key with its default, so users see what they may set.
    @Test func everyKeyDocumented() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Inventory/README.md"), encoding: .utf8)
        for field in Plan.fields {
            let shown =
                switch field.value(Plan()) {
                case .number(let n): CSVFormatting.number(n)
                case .text(let t): "`" + t + "`"
                case .list(let items): "`[" + items.joined(separator: ", ") + "]`"
                }
            #expect(readme.contains("| `\(field.key)` | \(shown) |"), "\(field.key) = \(shown) is not documented")
        }
    }
}
