import ArgumentParser

/// The rule for `--output` with `--format xlsx`: a workbook is a file, never standard output.
enum WorkbookOutput {
    /// Refuses a workbook without `--output FILE.xlsx`.
    static func validate(_ output: String?, isWorkbook: Bool) throws {
        guard isWorkbook else { return }
        guard let output else { throw ValidationError("--format xlsx writes a workbook: give --output FILE.xlsx") }
        guard output.lowercased().hasSuffix(".xlsx") else {
            throw ValidationError(
                "--output for --format xlsx is a workbook: give a name ending in .xlsx, not \"\(output)\"")
        }
    }
}
