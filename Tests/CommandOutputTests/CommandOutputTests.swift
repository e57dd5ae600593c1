import CommandOutput
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

    @Test func numbersHaveThreeDecimalsAndNothingForAbsentOrNonFinite() {
        #expect(OutputFormat.number(0.5) == "0.500")
        #expect(OutputFormat.number(nil) == "")
        #expect(OutputFormat.number(.nan) == "")
    }
}
