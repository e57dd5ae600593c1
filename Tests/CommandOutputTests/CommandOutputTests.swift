import CommandOutput
import Foundation
import Testing

@Suite struct CommandOutputTests {
    /// A device-chosen label must not run as a spreadsheet formula (OWASP CSV injection) nor forge table rows.
    @Test func csvNeutralisesFormulasAndTablesNeutraliseControlCharacters() {
        let csv = OutputFormat.csv(header: ["label", "value"], rows: [["=HYPERLINK(\"http://x\",\"y\")", "-0.5"], ["@SUM(A1)", "a,b"]])
        #expect(csv == "label,value\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.5\n'@SUM(A1),\"a,b\"")
        let table = OutputFormat.table(header: ["label"], rows: [["Alpha\n\u{1B}[31mforged row"]])
        #expect(!table.contains("\u{1B}") && table.split(separator: "\n").count == 2, "\(table)")
        // A legacy label with a bidi override (U+202E) or a line separator (U+2028) reordered or broke the agents table.
        let disguised = OutputFormat.table(header: ["label"], rows: [["Alpha\u{202E}gnp.exe\u{2028}forged"]])
        #expect(!disguised.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2028 }, "\(disguised)")
    }

    @Test func tableColumnsAreAlignedAndTrailingSpaceTrimmed() {
        #expect(OutputFormat.table(header: ["a", "bb"], rows: [["long", "x"]]) == "a     bb\nlong  x")
    }

    /// One set of rows, three formats: JSON objects keyed by the header (escaped by JSONEncoder), CSV, the table.
    @Test func renderGivesEachFormatFromTheSameRows() throws {
        let rows = [["st7789", "a \"quoted\"\nname"]]
        let json = OutputFormat.json.render(header: ["NAME", "BUS WIDTH"], rows: rows)
        let decoded = try JSONDecoder().decode([[String: String]].self, from: Data(json.utf8))
        #expect(decoded == [["name": "st7789", "bus_width": "a \"quoted\"\nname"]])
        #expect(OutputFormat.csv.render(header: ["NAME", "BUS WIDTH"], rows: rows) == "NAME,BUS WIDTH\nst7789,\"a \"\"quoted\"\"\nname\"")
        #expect(OutputFormat.table.render(header: ["A"], rows: [["b"]]) == "A\nb")
    }

    @Test func numbersHaveThreeDecimalsAndNothingForAbsentOrNonFinite() {
        #expect(OutputFormat.number(0.5) == "0.500")
        #expect(OutputFormat.number(nil) == "")
        #expect(OutputFormat.number(.nan) == "")
    }
}
