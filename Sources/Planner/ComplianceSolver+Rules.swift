import InventoryModel

extension ComplianceSolver {
    /// Every school rule of standards.md section 2 for one school.
    func judge(school index: Int, in city: CityIndex, scratch: inout Scratch) -> SchoolReport {
        let school = city.inventory.schools[index]
        let required = requiredMbps(school)
        var contracted = 0.0
        var linksInForce = 0
        for row in city.links.range(index) {
            let link = city.inventory.links[Int(city.links.rows[row])]
            if link.isInForce(on: asOf) {
                contracted += link.downMbps
                linksInForce += 1
            }
        }

        // Tests and samples of the window, from the compact facts laid out in school order.
        scratch.estimates.removeAll(keepingCapacity: true)
        scratch.utilisation.removeAll(keepingCapacity: true)
        city.measurements.facts.withUnsafeBufferPointer { facts in
            for m in facts[city.measurements.range(index)] {
                guard m.valid, clock.inWindow(millisecondsSinceEpoch: m.startedAtMs) else { continue }
                switch m.kind {
                case .throughputDown: scratch.estimates.append(m.capacityMbps)
                case .utilisationDown where clock.inSchoolHours(Timestamp(millisecondsSinceEpoch: m.startedAtMs)):
                    scratch.utilisation.append(m.mbps)
                default: break
                }
            }
        }
        let tests = scratch.estimates.count
        let measured = tests >= plan.measurementMinTests ? Statistics.median(&scratch.estimates) : nil

        // Assets, those bought by the as-of day only: a later purchase counts nowhere yet.
        var displays = 0
        var pastLife = 0
        var hardwareFen: Int64 = 0
        city.assets.facts.withUnsafeBufferPointer { facts in
            for asset in facts[city.assets.range(index)] where asset.status == .inService && asset.exists(on: asOf) {
                hardwareFen = Fen.add(hardwareFen, asset.purchaseCostFen)
                if asset.category == .interactiveDisplay { displays += 1 }
                if scratch.lifeCutoffs.isPastLife(
                    purchased: asset.purchaseDate, category: asset.category, life: asset.expectedLifeYears)
                {
                    pastLife += 1
                }
            }
        }

        var flags: [Flag] = []
        let text = FlagMaker(school: school, asOf: asOf)
        let tolerance = plan.measurementTolerance
        if linksInForce == 0 {
            flags.append(text.flag(.noLink, value: 0, threshold: 1, unit: "links"))
        } else {
            if Compare.below(contracted, required) {
                flags.append(text.flag(.contractBelowStandard, value: contracted, threshold: required, unit: "Mbps"))
            }
            if tests < plan.measurementMinTests {
                flags.append(
                    text.flag(
                        .noRecentMeasurement, value: Double(tests), threshold: Double(plan.measurementMinTests),
                        unit: "tests", windowDays: plan.measurementWindowDays))
            }
        }
        if let measured {
            if Compare.below(measured, tolerance * required) {
                flags.append(
                    text.flag(
                        .measuredBelowStandard, value: measured, threshold: tolerance * required, unit: "Mbps",
                        reference: required, tests: tests))
            }
            if linksInForce > 0, Compare.below(measured, tolerance * contracted) {
                flags.append(
                    text.flag(
                        .underDelivering, value: measured, threshold: tolerance * contracted, unit: "Mbps",
                        reference: contracted, tests: tests))
            }
        }
        let capacity = measured ?? contracted
        if capacity > 0, let p95 = Statistics.nearestRank(0.95, &scratch.utilisation) {
            let limit = plan.congestionUtilisation * capacity
            if Compare.below(limit, p95) {
                flags.append(text.flag(.congested, value: p95, threshold: limit, unit: "Mbps", reference: capacity))
            }
        }
        let classes = school.classes.total
        if let share = requiredDisplayShare(school), classes > 0 {
            let covered = Double(min(displays, classes)) / Double(classes)
            if Compare.below(covered, share) {
                flags.append(
                    text.flag(.displayCoverage, value: covered, threshold: share, unit: "share", displays: displays))
            }
        }
        if let wireless = school.wirelessCoveragePct, mustCoverWireless(school),
            Compare.below(wireless, plan.wirelessRequiredPct)
        {
            flags.append(text.flag(.wirelessCoverage, value: wireless, threshold: plan.wirelessRequiredPct, unit: "%"))
        }
        if isDemonstrationVocational(school), Compare.below(contracted, plan.vocationalDemoAccessMbps) {
            flags.append(
                text.flag(
                    .vocationalDemoAccess, value: contracted, threshold: plan.vocationalDemoAccessMbps, unit: "Mbps"))
        }
        if let staff = school.itStaff {
            let needed = requiredITStaff(school)
            if Compare.below(Double(staff), needed) {
                flags.append(text.flag(.itStaff, value: Double(staff), threshold: needed, unit: "staff"))
            }
        }
        if pastLife > 0 {
            flags.append(text.flag(.assetPastLife, value: Double(pastLife), threshold: 0, unit: "assets"))
        }
        return SchoolReport(
            code: school.code, name: school.name, district: school.district, kind: school.kind, classes: classes,
            classesWithDisplay: min(displays, classes), requiredMbps: required, contractedMbps: contracted,
            measuredMbps: measured, flags: flags, hardwareValueFen: hardwareFen)
    }

    /// The share of classes that must have a display, or nil when the rule does not apply
    /// (kindergartens below the star threshold).
    func requiredDisplayShare(_ school: School) -> Double? {
        guard school.kind == .kindergarten else { return plan.displaysRequiredShareSchool }
        guard let stars = school.kindergartenStars, stars >= plan.displaysKindergartenMinStars else { return nil }
        return plan.displaysRequiredShareKindergarten
    }

    /// Central urban districts, county cores and demonstration vocational schools need full wireless.
    func mustCoverWireless(_ school: School) -> Bool {
        school.locality == .urbanCore || school.locality == .countyCore || isDemonstrationVocational(school)
    }

    func isDemonstrationVocational(_ school: School) -> Bool {
        school.kind == .vocational && (school.vocationalDemo == .provincial || school.vocationalDemo == .national)
    }
}
