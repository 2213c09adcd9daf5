import Foundation
import Testing

@Suite("schoolnet with workbooks")
struct WorkbookCommandTests {
    /// `export FILE.xlsx` writes the city as one workbook; `validate` and `import` take it, and
    /// the database it was imported into exports the sample city's files byte for byte.
    @Test func exportValidateImport() throws {
        let db = SchoolNetProcess.temporaryPath(".sqlite")
        #expect(try SchoolNetProcess.run(["import", SchoolNetProcess.sampleCity, "--db", db]).status == 0)
        let workbook = SchoolNetProcess.temporaryPath(".xlsx")
        let exported = try SchoolNetProcess.run(["export", workbook, "--db", db])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("Exported 300 schools from \(db) to \(workbook)."))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: workbook))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // a zip archive

        let valid = try SchoolNetProcess.run(["validate", workbook])
        #expect(valid.status == 0 && valid.stdout.contains("is valid: 300 schools, 299 links"), "\(valid.stderr)")

        let second = SchoolNetProcess.temporaryPath(".sqlite")
        let imported = try SchoolNetProcess.run(["import", workbook, "--db", second])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.isEmpty)
        let folder = SchoolNetProcess.temporaryPath()
        #expect(try SchoolNetProcess.run(["export", folder, "--db", second]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: SchoolNetProcess.sampleCity) {
            let original = try Data(
                contentsOf: URL(fileURLWithPath: SchoolNetProcess.sampleCity).appendingPathComponent(name))
            let written = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
            #expect(original == written, "\(name) differs after a workbook round trip")
        }
    }

    /// A file with the .xlsx extension that is no workbook is one error naming it; exit 2.
    @Test func notAWorkbook() throws {
        let path = SchoolNetProcess.temporaryPath(".xlsx")
        try Data("code,name\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try SchoolNetProcess.run(["validate", path])
        #expect(result.status == 2)
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(
            result.stderr.contains(
                "error: \(name): not a workbook: the file is not a zip archive, as an .xlsx file is\n"
                    + "\(path): the workbook cannot be used as it is (nothing was changed); fix the errors above"),
            "\(result.stderr)")
    }
}
