import InventoryModel

extension Inventory {
    /// The part of the city in one district: its schools with their links, assets and
    /// measurements, its district row, and the city-wide egress and storage.
    public func restricted(toDistrict district: String) -> Inventory {
        var copy = self
        copy.schools = schools.filter { $0.district == district }
        let codes = Set(copy.schools.map(\.code))
        copy.links = links.filter { codes.contains($0.schoolCode) }
        copy.assets = assets.filter { $0.schoolCode.map(codes.contains) ?? false }
        copy.measurements = measurements.filter { codes.contains($0.schoolCode) }
        copy.districts = districts.filter { $0.name == district }
        return copy
    }
}

extension CityFacts {
    /// The part of the city in one district, as ``Inventory/restricted(toDistrict:)`` gives
    /// it, with the facts of its schools (and of no other) pointing at their new places.
    public func restricted(toDistrict district: String) -> CityFacts {
        var places = [Int32](repeating: -1, count: inventory.schools.count)
        var next: Int32 = 0
        for (index, school) in inventory.schools.enumerated() where school.district == district {
            places[index] = next
            next += 1
        }
        func kept<Fact: SchoolFact>(_ facts: [Fact]) -> [Fact] {
            facts.compactMap { fact in
                guard fact.school >= 0, places[Int(fact.school)] >= 0 else { return nil }
                var moved = fact
                moved.school = places[Int(fact.school)]
                return moved
            }
        }
        return CityFacts(
            inventory: inventory.restricted(toDistrict: district), assets: kept(assets),
            measurements: kept(measurements))
    }
}
