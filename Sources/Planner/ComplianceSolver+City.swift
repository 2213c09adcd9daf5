import InventoryModel

extension ComplianceSolver {
    /// The city-wide rules and the metrics of standards.md section 2.
    func judgeCity(_ city: CityIndex, schools: [SchoolReport]) -> ([Flag], [Metric]) {
        let inventory = city.inventory
        var flags: [Flag] = []
        let egress = inventory.egressLinks.filter { $0.isInForce(on: asOf) }.reduce(0) { $0 + $1.capacityGbps }
        var latest: [String: StorageReading] = [:]
        for reading in inventory.storageReadings where reading.asOf <= asOf {
            if latest[reading.pool].map({ $0.asOf < reading.asOf }) ?? true { latest[reading.pool] = reading }
        }
        func capacity(_ kind: StoragePoolKind) -> Double {
            latest.values.filter { $0.kind == kind }.reduce(0) { $0 + $1.capacityTB }
        }
        let cloud = capacity(.cloudStorage)
        let library = capacity(.resourceLibrary)
        if Compare.below(egress, plan.egressMinGbps) {
            flags.append(
                FlagMaker.cityFlag(
                    .egressBelowTarget, value: egress, threshold: plan.egressMinGbps, unit: "Gbps", asOf: asOf))
        }
        if Compare.below(cloud, plan.storageCloudMinTB) {
            flags.append(
                FlagMaker.cityFlag(
                    .cloudStorageBelowTarget, value: cloud, threshold: plan.storageCloudMinTB, unit: "TB", asOf: asOf))
        }
        if Compare.below(library, plan.storageResourceLibraryMinTB) {
            flags.append(
                FlagMaker.cityFlag(
                    .resourceLibraryBelowTarget, value: library, threshold: plan.storageResourceLibraryMinTB,
                    unit: "TB",
                    asOf: asOf))
        }
        for district in inventory.districts.sorted(by: { $0.name < $1.name }) {
            let minimum = Double(
                district.smallDistrict ? plan.staffDistrictCenterMinSmall : plan.staffDistrictCenterMin)
            if Compare.below(Double(district.infoCenterStaff), minimum) {
                flags.append(
                    FlagMaker.cityFlag(
                        .districtStaff, value: Double(district.infoCenterStaff), threshold: minimum, unit: "staff",
                        asOf: asOf, district: district.name))
            }
        }

        // Metrics.
        var connected = 0
        var kindergartens = 0
        var kindergartensConnected = 0
        var bandwidthCompliant = 0
        var compliant = 0
        var coveredClasses = 0
        var classes = 0
        schools.withUnsafeBufferPointer { reports in
            for report in reports.indices.lazy.map({ reports.baseAddress! + $0 }) {
                var hasLink = true
                var bandwidthMet = true
                var violation = false
                for flag in report.pointee.flags {
                    if flag.rule == .noLink { hasLink = false }
                    if flag.rule == .noLink || flag.rule == .contractBelowStandard
                        || flag.rule == .measuredBelowStandard
                    {
                        bandwidthMet = false
                    }
                    if flag.rule.severity == .violation { violation = true }
                }
                if hasLink { connected += 1 }
                if report.pointee.kind == .kindergarten {
                    kindergartens += 1
                    if hasLink { kindergartensConnected += 1 }
                } else {
                    classes += report.pointee.classes
                    coveredClasses += report.pointee.classesWithDisplay
                }
                if bandwidthMet { bandwidthCompliant += 1 }
                if !violation { compliant += 1 }
            }
        }
        func rate(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        // Read in place: copying each asset out would retain and release its strings.
        let hardwareValue = inventory.assets.withUnsafeBufferPointer { assets in
            var sum = 0.0
            guard let base = assets.baseAddress else { return sum }
            for index in 0..<assets.count where (base + index).pointee.status == .inService {
                sum += (base + index).pointee.purchaseCostYuan
            }
            return sum
        }
        let metrics = [
            Metric(name: "school_connectivity_rate", value: rate(connected, schools.count), target: 1, unit: "share"),
            Metric(
                name: "kindergarten_connectivity_rate", value: rate(kindergartensConnected, kindergartens), target: 1,
                unit: "share"),
            Metric(name: "class_display_rate", value: rate(coveredClasses, classes), target: 1, unit: "share"),
            Metric(
                name: "bandwidth_compliance_rate", value: rate(bandwidthCompliant, schools.count), target: 1,
                unit: "share"),
            Metric(name: "school_compliance_rate", value: rate(compliant, schools.count), target: 1, unit: "share"),
            Metric(name: "egress_gbps", value: egress, target: plan.egressMinGbps, unit: "Gbps"),
            Metric(name: "cloud_storage_tb", value: cloud, target: plan.storageCloudMinTB, unit: "TB"),
            Metric(name: "resource_library_tb", value: library, target: plan.storageResourceLibraryMinTB, unit: "TB"),
            Metric(name: "hardware_value", value: hardwareValue, target: nil, unit: "yuan"),
            Metric(
                name: "maintenance_budget", value: hardwareValue * plan.budgetMaintenanceRate, target: nil,
                unit: "yuan/year"),
            Metric(
                name: "replacement_budget", value: hardwareValue * plan.budgetReplacementRate, target: nil,
                unit: "yuan/year"),
        ]
        return (flags, metrics)
    }
}
