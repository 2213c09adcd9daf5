import Foundation
import InventoryFormat
import InventoryModel
import SampleCity
import Testing

@Suite("Round trip")
struct RoundTripTests {
    static let sampleCity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Inventory/sample-city").path

    /// Every file a folder holds, by name, as bytes.
    func files(_ path: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return files
    }

    /// The committed sample city, read and written again, is the same bytes, file by file.
    @Test func sampleCityIsByteIdentical() throws {
        let city = try InventoryFolder.read(at: Self.sampleCity)
        #expect(city.warnings.isEmpty)
        let out = Fixture.temporaryFolder()
        try InventoryFolder.write(city.inventory, to: out)
        let original = try files(Self.sampleCity)
        let written = try files(out)
        #expect(Set(original.keys) == Set(written.keys))
        for (name, bytes) in original {
            #expect(written[name] == bytes, "\(name) differs after a round trip")
        }
    }

    /// A generated city of 2,000 schools survives write, read, write: the same inventory and the
    /// same bytes.
    @Test func generatedCity() throws {
        var options = SampleCityGenerator.Options()
        options.schools = 2000
        options.seed = 7
        var generator = SampleCityGenerator(options: options)
        let city = generator.generate()
        let first = Fixture.temporaryFolder()
        try InventoryFolder.write(city, to: first)
        let read = try InventoryFolder.read(at: first).inventory
        #expect(read.canonical == city.canonical)
        let second = Fixture.temporaryFolder()
        try InventoryFolder.write(read, to: second)
        #expect(try files(first) == files(second))
    }

    /// Exported numbers are the shortest text that reads back as the same number.
    @Test func numbersRoundTrip() throws {
        var city = try InventoryFolder.read(at: try Fixture.folder()).inventory
        let values = [0.1, 1.0 / 3.0, 1e-7, 123456789.125, 2.5e8, 1e9, 0]
        city.assets = values.enumerated().map { index, cost in
            Asset(
                assetTag: "T\(index)", schoolCode: nil, category: .other,
                purchaseDate: CalendarDate(iso: "2020-01-01")!,
                purchaseCostYuan: cost, status: .inService)
        }
        let out = Fixture.temporaryFolder()
        try InventoryFolder.write(city, to: out)
        let read = try InventoryFolder.read(at: out).inventory
        #expect(read.assets.map(\.purchaseCostYuan) == values)
    }
}

@Suite("Sample city")
struct SampleCityTests {
    func generate(seed: UInt64, schools: Int = 200) -> Inventory {
        var options = SampleCityGenerator.Options()
        options.seed = seed
        options.schools = schools
        var generator = SampleCityGenerator(options: options)
        return generator.generate()
    }

    /// The same seed makes the same city; another seed another city.
    @Test func deterministic() {
        #expect(generate(seed: 3) == generate(seed: 3))
        #expect(generate(seed: 3) != generate(seed: 4))
    }

    /// The city is realistic: Dalian's ten districts, every kind of school, links from the three
    /// carriers, assets over ten years, four egress links and a year of storage history.
    @Test func realistic() {
        let city = generate(seed: 1, schools: 1000)
        #expect(Set(city.schools.map(\.district)).count == 10)
        #expect(Set(city.schools.map(\.kind)) == Set(SchoolKind.allCases))
        #expect(Set(city.schools.map(\.locality)) == Set(Locality.allCases))
        #expect(Set(city.links.map(\.provider)) == ["中国电信", "中国联通", "中国移动"])
        let ages = city.assets.map {
            Int(CalendarDate(iso: "2026-11-24")!.daysSinceEpoch - $0.purchaseDate.daysSinceEpoch)
        }
        #expect(ages.min()! < 365 && ages.max()! > 9 * 365)
        #expect(city.egressLinks.count == 4)
        #expect(Set(city.storageReadings.map(\.asOf)).count == 13)
        #expect(city.districts.first { $0.name == "长海县" }?.smallDistrict == true)
    }

    /// Every school-level rule of the plan has schools that break it in the sample.
    @Test func rulesHaveCases() {
        let city = generate(seed: 1, schools: 300)
        let asOf = CalendarDate(iso: "2026-11-24")!
        let inForce = Set(city.links.filter { $0.isInForce(on: asOf) }.map(\.schoolCode))
        #expect(city.schools.contains { !inForce.contains($0.code) })  // NO_LINK
        #expect(city.schools.contains { $0.kind == .kindergarten && ($0.kindergartenStars ?? 0) >= 2 })
        #expect(city.schools.contains { $0.locality == .urbanCore && ($0.wirelessCoveragePct ?? 100) < 100 })
        #expect(city.schools.contains { $0.vocationalDemo == .provincial || $0.vocationalDemo == .national })
        #expect(city.measurements.contains { $0.kind == .utilisationDown })
        #expect(city.measurements.contains { $0.kind == .throughputDown && !$0.valid })
        #expect(city.links.contains { $0.contractEnd == asOf })
        #expect(city.districts.contains { $0.infoCenterStaff < ($0.smallDistrict ? 6 : 10) })
    }
}
