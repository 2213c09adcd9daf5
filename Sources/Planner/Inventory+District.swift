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
