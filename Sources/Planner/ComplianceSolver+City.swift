import InventoryModel

extension ComplianceSolver {
    /// The city-wide rules of standards.md section 2, and the figures of the city's metrics
    /// that are not counted over schools.
    func judgeCity(_ city: CityIndex) -> CityWide {
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

        // Assets of no school (the metro network, the data centre) count towards the hardware
        // value too, from their purchase date on. Summed in fen: exact, and the same whatever
        // the order the parts are added in.
        let cityHardware = city.assets.ofNoSchool.reduce(Int64(0)) { sum, asset in
            asset.status == .inService && asset.exists(on: asOf) ? Fen.add(sum, asset.purchaseCostFen) : sum
        }
        return CityWide(flags: flags, egressGbps: egress, cloudTB: cloud, libraryTB: library, assetsFen: cityHardware)
    }

    /// The metrics of standards.md section 3, from the schools' tally and the city's figures.
    func metrics(_ tally: Tally, _ city: CityWide) -> [Metric] {
        let egress = city.egressGbps
        let cloud = city.cloudTB
        let library = city.libraryTB
        let hardwareFen = Fen.add(tally.hardwareValueFen, city.assetsFen)
        let hardwareValue = Double(hardwareFen) / 100
        func rate(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        let t = tally
        return [
            Metric(name: "school_connectivity_rate", value: rate(t.connected, t.schools), target: 1, unit: "share"),
            Metric(
                name: "kindergarten_connectivity_rate", value: rate(t.kindergartensConnected, t.kindergartens),
                target: 1,
                unit: "share"),
            Metric(name: "class_display_rate", value: rate(t.classesWithDisplay, t.classes), target: 1, unit: "share"),
            Metric(
                name: "bandwidth_compliance_rate", value: rate(t.bandwidthCompliant, t.schools), target: 1,
                unit: "share"),
            Metric(name: "school_compliance_rate", value: rate(t.compliant, t.schools), target: 1, unit: "share"),
            Metric(name: "egress_gbps", value: egress, target: plan.egressMinGbps, unit: "Gbps"),
            Metric(name: "cloud_storage_tb", value: cloud, target: plan.storageCloudMinTB, unit: "TB"),
            Metric(name: "resource_library_tb", value: library, target: plan.storageResourceLibraryMinTB, unit: "TB"),
            Metric(name: "hardware_value", value: hardwareValue, target: nil, unit: "yuan"),
            Metric(
                name: "maintenance_budget",
                value: Double(Fen.scaled(hardwareFen, by: plan.budgetMaintenanceRate)) / 100,
                target: nil, unit: "yuan/year"),
            Metric(
                name: "replacement_budget",
                value: Double(Fen.scaled(hardwareFen, by: plan.budgetReplacementRate)) / 100,
                target: nil, unit: "yuan/year"),
        ]
    }
}
