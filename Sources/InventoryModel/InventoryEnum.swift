/// An enumeration written in the interchange files by its raw value.
///
/// The readers use `allCases` to say what was expected when a cell holds something else.
public protocol InventoryEnum: RawRepresentable<String>, CaseIterable, Hashable, Sendable {}

extension InventoryEnum {
    /// The case spelled by these UTF-8 bytes, or nil: a stored value read without making a
    /// string of it.
    @inlinable
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        guard let match = Self.allCases.first(where: { $0.rawValue.utf8.elementsEqual(bytes) }) else { return nil }
        self = match
    }

    /// The accepted spellings, for error messages: `urban_core | urban | town`.
    public static var expectedSpellings: String {
        allCases.map(\.rawValue).joined(separator: " | ")
    }
}
