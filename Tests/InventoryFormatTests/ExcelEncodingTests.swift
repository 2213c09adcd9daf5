import Foundation
import InventoryFormat
import InventoryModel
import Testing

@Suite("Excel's encodings")
struct ExcelEncodingTests {
    /// The sample city's folder copied to a new temporary folder.
    func sampleCityCopy() throws -> String {
        let copy = Fixture.temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: RoundTripTests.sampleCity) {
            try FileManager.default.copyItem(
                atPath: RoundTripTests.sampleCity + "/" + name, toPath: copy + "/" + name)
        }
        return copy
    }

    /// The sample city's schools.csv turned into GB18030 by iconv (as Excel on Chinese Windows
    /// saves it) imports to the same city as the UTF-8 file, with one warning naming the file.
    @Test func gb18030SchoolsFromIconv() throws {
        let folder = try sampleCityCopy()
        let schools = folder + "/schools.csv"
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", RoundTripTests.sampleCity + "/schools.csv"]
        let out = Pipe()
        iconv.standardOutput = out
        try iconv.run()
        let converted = out.fileHandleForReading.readDataToEndOfFile()
        iconv.waitUntilExit()
        #expect(iconv.terminationStatus == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: schools))
        #expect(converted != original && String(data: converted, encoding: .utf8) == nil)
        try converted.write(to: URL(fileURLWithPath: schools))

        let read = try InventoryFolder.read(at: folder)
        let expected = try InventoryFolder.read(at: RoundTripTests.sampleCity)
        #expect(read.inventory.canonical == expected.inventory.canonical)
        #expect(
            read.warnings.map(\.description) == [
                "schools.csv: the file is GB18030 (Excel on Chinese Windows), not UTF-8; read as such"
            ])
    }

    /// A UTF-8 file with one bad byte among many Chinese characters is UTF-8 with a bad byte,
    /// refused, though GB18030 would read its bytes as (other) characters.
    @Test func mostlyUTF8IsNotGB18030() throws {
        let folder = try sampleCityCopy()
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/schools.csv")))
        let comma = bytes.lastIndex(of: 0x2C)!
        bytes[comma - 1] = 0xB5
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/schools.csv"))
        #expect(throws: InventoryReadError.self) { try InventoryFolder.read(at: folder) }
        do {
            _ = try InventoryFolder.read(at: folder)
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.message.hasPrefix("the text is not UTF-8 (byte \(comma) of the file)") == true)
        }
    }
}
