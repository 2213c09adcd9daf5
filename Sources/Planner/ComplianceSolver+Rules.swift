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

        // Tests and samples of the window. Rows are read in place through the buffer: copying a
        // row out of the array would retain and release each of its strings.
        scratch.estimates.removeAll(keepingCapacity: true)
        scratch.utilisation.removeAll(keepingCapacity: true)
        city.inventory.measurements.withUnsafeBufferPointer { measurements in
            for row in city.measurements.range(index) {
                let m = measurements.baseAddress! + Int(city.measurements.rows[row])
                guard m.pointee.valid, clock.inWindow(m.pointee.startedAt) else { continue }
                switch m.pointee.kind {
                case .throughputDown: scratch.estimates.append(m.pointee.mbps + (m.pointee.crossTrafficMbps ?? 0))
                case .utilisationDown where clock.inSchoolHours(m.pointee.startedAt):
                    scratch.utilisation.append(m.pointee.mbps)
                default: break
                }
            }
        }
        let tests = scratch.estimates.count
        let measured = tests >= plan.measurementMinTests ? Statistics.median(&scratch.estimates) : nil

        // Assets.
        var displays = 0
        var pastLife = 0
        city.inventory.assets.withUnsafeBufferPointer { assets in
            for row in city.assets.range(index) {
                let asset = assets.baseAddress! + Int(city.assets.rows[row])
                guard asset.pointee.status == .inService else { continue }
                scratch.tally.hardwareValueYuan += asset.pointee.purchaseCostYuan
                if asset.pointee.category == .interactiveDisplay { displays += 1 }
                if isPastLife(
                    purchased: asset.pointee.purchaseDate, category: asset.pointee.category,
                    life: asset.pointee.expectedLifeYears, scratch: &scratch)
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
            measuredMbps: measured, flags: flags)
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
