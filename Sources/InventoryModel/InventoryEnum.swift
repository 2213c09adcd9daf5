/// An enumeration written in the interchange files by its raw value.
///
/// The readers use `allCases` to say what was expected when a cell holds something else.
public protocol InventoryEnum: RawRepresentable<String>, CaseIterable, Hashable, Sendable {}

extension InventoryEnum {
    /// The accepted spellings, for error messages: `urban_core | urban | town`.
    public static var expectedSpellings: String {
        allCases.map(\.rawValue).joined(separator: " | ")
    }
}
